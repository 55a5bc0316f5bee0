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

/*
 * Reads the tables of the gate's status (gate_status.c): TENANT HEALTH
 * ..., NEIGHBOR ASN BGP ...: tenants healthy seen, neighbours seen and
 * those Established.
 */
int
confirm_health(const struct nodeconf *nc, const char *text, size_t len,
    char *why, size_t whylen)
{
	const char *p = text, *end = text + len;
	char line[512], a[128], b[64], c[64], what[256];
	int healthy[NC_MAX_TENANTS] = { 0 }, i, neighbors = 0, up = 0;
	enum section s = S_NONE;

	why[0] = '\0';
	if (len >= 6 && strncmp(text, "error:", 6) == 0) {
		snprintf(why, whylen, "the gate: %.*s", (int)strcspn(text,
		    "\n"), text);
		return 0;
	}
	while (line_at(&p, end, line, sizeof(line))) {
		if (line[0] == '\0') {
			s = S_NONE;
			continue;
		}
		if (sscanf(line, "%127s %63s %63s", a, b, c) < 2)
			continue;
		if (s == S_NONE) {
			if (strcmp(a, "TENANT") == 0)
				s = S_TENANTS;
			else if (strcmp(a, "NEIGHBOR") == 0)
				s = S_NEIGHBORS;
			continue;
		}
		if (s == S_TENANTS) {
			for (i = 0; i < nc->ntenants; i++)
				if (strcmp(nc->tenants[i].name, a) == 0)
					break;
			if (i < nc->ntenants && strcmp(b, "healthy") == 0)
				healthy[i] = 1;
			else if (i < nc->ntenants) {
				snprintf(what, sizeof(what), "tenant %s: %s",
				    a, b);
				add_why(why, whylen, what);
				healthy[i] = -1;
			}
		} else if (s == S_NEIGHBORS) {
			neighbors++;
			if (strcmp(c, "Established") == 0)
				up++;
			else {
				snprintf(what, sizeof(what), "neighbor %s: "
				    "BGP %s", a, c);
				add_why(why, whylen, what);
			}
		}
	}
	for (i = 0; i < nc->ntenants; i++)
		if (healthy[i] == 0) {
			snprintf(what, sizeof(what), "tenant %s: not in the "
			    "gate's status", nc->tenants[i].name);
			add_why(why, whylen, what);
		}
	if (neighbors < nc->bgp.nneighbors) {
		snprintf(what, sizeof(what), "%d of %d BGP neighbors in the "
		    "gate's status", neighbors, nc->bgp.nneighbors);
		add_why(why, whylen, what);
	}
	(void)up;
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
