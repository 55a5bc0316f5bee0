/* confirm_health.c: the decisions of mark good: is the node healthy (the gate's status text), is there a trial to confirm, did an update fail. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confirm.h"

/* The next line of text (len) at *p, copied into buf; 0 at the end. */
static int
line_at(const char **p, const char *end, char *buf, size_t len)
{
	const char *nl;
	size_t n;

	if (*p >= end)
		return 0;
	if ((nl = memchr(*p, '\n', (size_t)(end - *p))) == NULL)
		nl = end;
	n = (size_t)(nl - *p) < len - 1 ? (size_t)(nl - *p) : len - 1;
	memcpy(buf, *p, n);
	buf[n] = '\0';
	*p = nl < end ? nl + 1 : end;
	return 1;
}

static void
add_why(char *why, size_t len, const char *what)
{
	size_t o = strlen(why);

	if (o + 3 < len)
		snprintf(why + o, len - o, "%s%s", o ? "; " : "", what);
}

enum section { S_NONE, S_TENANTS, S_NEIGHBORS };

struct health {
	const struct nodeconf *nc;
	int		 seen[NC_MAX_TENANTS];	/* 1 healthy, -1 not */
	int		 neighbors;
	char		*why;
	size_t		 whylen;
};

/*
 * A row "NAME HEALTH SINCE LAST-FAILURE" of the TENANT table; the last
 * failure "-" or "TIME what failed".
 */
static void
tenant_row(struct health *hs, const char *name, const char *health,
    const char *row)
{
	char what[400];
	const char *last = "";
	int off = 0;

	if (sscanf(row, "%*s %*s %*s %*s %n", &off) == 0 && off > 0)
		last = row + off;
	int i;

	for (i = 0; i < hs->nc->ntenants; i++)
		if (strcmp(hs->nc->tenants[i].name, name) == 0)
			break;
	if (i == hs->nc->ntenants)
		return;			/* removed, still stopping */
	if (strcmp(health, "healthy") == 0) {
		hs->seen[i] = 1;
		return;
	}
	hs->seen[i] = -1;
	snprintf(what, sizeof(what), "tenant %s: %s%s%.200s%s", name, health,
	    *last ? " (last failure: " : "", last, *last ? ")" : "");
	add_why(hs->why, hs->whylen, what);
}

/* A row "ADDRESS ASN BGP ..." of the NEIGHBOR table. */
static void
neighbor_row(struct health *hs, const char *addr, const char *bgp)
{
	char what[256];

	hs->neighbors++;
	if (strcmp(bgp, "Established") == 0)
		return;
	snprintf(what, sizeof(what), "neighbor %s: BGP %s", addr, bgp);
	add_why(hs->why, hs->whylen, what);
}

/* What was not seen at all. */
static void
missing(struct health *hs)
{
	char what[256];
	int i;

	for (i = 0; i < hs->nc->ntenants; i++)
		if (hs->seen[i] == 0) {
			snprintf(what, sizeof(what), "tenant %s: not in the "
			    "gate's status", hs->nc->tenants[i].name);
			add_why(hs->why, hs->whylen, what);
		}
	if (hs->neighbors < hs->nc->bgp.nneighbors) {
		snprintf(what, sizeof(what), "%d of %d BGP neighbors in the "
		    "gate's status", hs->neighbors, hs->nc->bgp.nneighbors);
		add_why(hs->why, hs->whylen, what);
	}
}

/*
 * Reads the tables of the gate's status (gate_status.c): TENANT HEALTH
 * ... and NEIGHBOR ASN BGP ..., each ended by an empty line.
 */
int
confirm_health(const struct nodeconf *nc, const char *text, size_t len,
    char *why, size_t whylen)
{
	struct health hs = { .nc = nc, .why = why, .whylen = whylen };
	const char *p = text, *end = text + len;
	char line[512], a[128], b[64], c[64];
	enum section s = S_NONE;

	why[0] = '\0';
	if (len >= 6 && strncmp(text, "error:", 6) == 0) {
		snprintf(why, whylen, "the gate: %.*s", (int)strcspn(text,
		    "\n"), text);
		return 0;
	}
	while (line_at(&p, end, line, sizeof(line))) {
		if (line[0] == '\0')
			s = S_NONE;
		else if (sscanf(line, "%127s %63s %63s", a, b, c) < 2)
			continue;
		else if (s == S_NONE && strcmp(a, "TENANT") == 0)
			s = S_TENANTS;
		else if (s == S_NONE && strcmp(a, "NEIGHBOR") == 0)
			s = S_NEIGHBORS;
		else if (s == S_TENANTS)
			tenant_row(&hs, a, b, line);
		else if (s == S_NEIGHBORS)
			neighbor_row(&hs, a, sscanf(line, "%*s %*s %63s", c) ==
			    1 ? c : "unknown");
	}
	missing(&hs);
	return why[0] == '\0';
}

enum confirm_plan
confirm_plan(const struct bootentry *v, int n, int running, const char *trial)
{
	struct bootentry e;
	int i;

	if (trial[0] == '\0' || bootentry_parse_name(trial, &e) < 0 ||
	    e.slot != running || e.tries_left < 0)
		return CONFIRM_NONE;
	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, trial) == 0)
			break;
	if (i == n)
		return CONFIRM_NONE;	/* marked good already, or gone */
	for (i = 0; i < n; i++)
		if (v[i].slot != running && v[i].tries_left < 0)
			return CONFIRM_WAIT;
	return CONFIRM_NOW;
}

void
confirm_failed(const struct bootentry *v, int n, int running,
    const char *version, char *buf, size_t len)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		if (v[i].slot != running && v[i].tries_left == 0 &&
		    bootentry_vercmp(v[i].version, version) > 0) {
			snprintf(buf, len, "%s", v[i].version);
			return;
		}
}
