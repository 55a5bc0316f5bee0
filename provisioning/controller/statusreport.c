/* statusreport.c: reads a node's stored status report: the agent's JSON members, and the sections of the `outpost status` text in it counted (tenants healthy, prefixes announced, BGP established, zones in sync); the flags outpostctl status gives a node. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "jsonread.h"
#include "statusreport.h"

#define WORDS	5	/* words of a row looked at */
#define WORD_MAX 64

/* A section of the text: its header's first two words, the column read. */
struct section {
	const char	*head[2];
	int		 column;
	const char	*good;
	size_t		 count;		/* offsetof the status_count */
};

static const struct section sections[] = {
	{ { "TENANT", "HEALTH" }, 1, "healthy",
	    offsetof(struct status_report, health) },
	{ { "PREFIX", "STATE" }, 1, "announced",
	    offsetof(struct status_report, prefixes) },
	{ { "NEIGHBOR", "ASN" }, 2, "Established",
	    offsetof(struct status_report, bgp) },
	{ { "ZONE", "TENANT" }, 4, "in-sync",
	    offsetof(struct status_report, zones) },
};
#define NSECTIONS	(sizeof(sections) / sizeof(sections[0]))

/* Splits line (len octets) into at most WORDS blank-separated words. */
static int
words(const char *line, size_t len, char w[WORDS][WORD_MAX])
{
	size_t i = 0, n;
	int nw = 0;

	while (nw < WORDS) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == len)
			break;
		for (n = 0; i < len && line[i] != ' ' && line[i] != '\t';
		    i++)
			if (n < WORD_MAX - 1)
				w[nw][n++] = line[i];
		w[nw++][n] = '\0';
	}
	return nw;
}

static const struct section *
header(char w[WORDS][WORD_MAX], int nw)
{
	size_t i;

	for (i = 0; i < NSECTIONS && nw >= 2; i++)
		if (strcmp(w[0], sections[i].head[0]) == 0 &&
		    strcmp(w[1], sections[i].head[1]) == 0)
			return &sections[i];
	return NULL;
}

/* One row of section s: counted, good when its column says so. */
static void
row(struct status_report *r, const struct section *s,
    char w[WORDS][WORD_MAX], int nw)
{
	struct status_count *c = (struct status_count *)(void *)
	    ((char *)r + s->count);

	c->total++;
	if (nw <= s->column)
		return;
	if (strcmp(w[s->column], s->good) == 0)
		c->good++;
	else if (s->count == offsetof(struct status_report, zones) &&
	    strcmp(w[s->column], "behind") == 0)
		r->zones_behind++;
}

/* The sections of text: a header line opens one, a blank line ends it. */
static void
count_sections(struct status_report *r, const char *text)
{
	const struct section *s = NULL;
	char w[WORDS][WORD_MAX];
	const char *p = text, *nl;
	size_t len;
	int nw;

	for (; *p != '\0'; p = nl + (*nl != '\0')) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		len = (size_t)(nl - p);
		if ((nw = words(p, len, w)) == 0)
			s = NULL;
		else if (header(w, nw) != NULL)
			s = header(w, nw);
		else if (s != NULL)
			row(r, s, w, nw);
	}
}

/* A serial member: decimal digits, at most 2^64 - 1. */
static int
serial(const char *text, const char *name, uint64_t *v, char *err,
    size_t errlen)
{
	char *end;

	*v = 0;
	if (text == NULL)
		return 0;
	errno = 0;
	if (text[0] < '0' || text[0] > '9' || (*v = strtoull(text, &end, 10),
	    *end != '\0') || errno != 0)
		return errorf(err, errlen, "%s is not a serial: %s", name,
		    text);
	return 0;
}

int
status_report_parse(const char *buf, size_t len, struct status_report *r,
    char *err, size_t errlen)
{
	static const char *const keys[] = { "node", "state", "last_failure",
	    "version", "tenants", "serial_applied", "serial_failed", NULL };
	char *v[7];

	memset(r, 0, sizeof(*r));
	if (jsonread_scalars(buf, len, keys, v, err, errlen) < 0)
		return -1;
	r->node = v[0];
	r->state = v[1];
	r->last_failure = v[2];
	r->version = v[3];
	r->tenants = v[4];
	if (serial(v[5], keys[5], &r->serial_applied, err, errlen) < 0 ||
	    serial(v[6], keys[6], &r->serial_failed, err, errlen) < 0) {
		free(v[5]);
		free(v[6]);
		status_report_free(r);
		return -1;
	}
	free(v[5]);
	free(v[6]);
	if (r->tenants != NULL)
		count_sections(r, r->tenants);
	return 0;
}

void
status_report_free(struct status_report *r)
{
	free(r->node);
	free(r->state);
	free(r->last_failure);
	free(r->version);
	free(r->tenants);
	memset(r, 0, sizeof(*r));
}

int
status_flags(const struct status_node *n, const struct status_report *r)
{
	int f = 0;

	if (n->removed)
		return STATUS_F_REMOVED;
	if (!n->enrolled)
		return STATUS_F_NOT_ENROLLED;
	if (!n->has_report || n->age > STATUS_STALE_S)
		f |= STATUS_F_STALE;
	if (r == NULL)
		return f;
	if (r->serial_applied < n->published || r->zones_behind > 0)
		f |= STATUS_F_LAGGING;
	if (r->prefixes.good < r->prefixes.total ||
	    r->health.good < r->health.total)
		f |= STATUS_F_WITHDRAWN;
	if (r->serial_failed > r->serial_applied ||
	    (r->last_failure != NULL && r->last_failure[0] != '\0' &&
	    r->state != NULL && strcmp(r->state, r->last_failure) == 0))
		f |= STATUS_F_FAILED;
	return f;
}

const char *
status_flags_text(int flags, char *buf, size_t len)
{
	static const char *const names[] = { "stale", "lagging", "withdrawn",
	    "failed", "removed", "not-enrolled" };
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]) && n < len; i++)
		if (flags & 1 << i)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
			    n ? "," : "", names[i]);
	if (n == 0)
		snprintf(buf, len, "-");
	return buf;
}
