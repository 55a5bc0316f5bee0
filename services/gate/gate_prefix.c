/* gate_prefix.c: which anycast prefixes are announced: each while every tenant using it is healthy and the node is not drained. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "log.h"

int
gate_prefix_init(struct gate *g)
{
	struct birdconf_prefix *v;
	int i, n;

	if ((v = calloc(BIRDCONF_MAX_PREFIXES, sizeof(*v))) == NULL)
		return -1;
	n = birdconf_prefixes(g->nc, v, BIRDCONF_MAX_PREFIXES);
	if ((g->prefixes = calloc((size_t)n + 1, sizeof(*g->prefixes))) ==
	    NULL) {
		free(v);
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct gprefix *p = &g->prefixes[i];

		p->prefix = v[i].prefix;
		memcpy(p->proto, v[i].proto, sizeof(p->proto));
		memcpy(p->tenants, v[i].tenants, sizeof(p->tenants));
		p->ntenants = v[i].ntenants;
		p->bird = birdctl_add(&g->bc, p->proto, 1);
		p->wanted_since = g->started;
	}
	g->nprefixes = n;
	free(v);
	for (i = 0; i < g->nc->bgp.nneighbors; i++) {
		struct gneighbor *nb = &g->neighbors[i];

		nb->nc = &g->nc->bgp.neighbors[i];
		birdconf_neighbor_name(nb->nc, nb->proto);
		nb->bird = birdctl_add(&g->bc, nb->proto, 0);
	}
	g->nneighbors = g->nc->bgp.nneighbors;
	return 0;
}

static int
all_healthy(const struct gate *g, const struct gprefix *p)
{
	int i;

	for (i = 0; i < p->ntenants; i++)
		if (g->tenants[p->tenants[i]].health != H_HEALTHY)
			return 0;
	return 1;
}

/* "tenant root unhealthy" or "tenants root, tld unhealthy". */
static void
why_withdrawn(const struct gate *g, const struct gprefix *p, char *buf,
    size_t len)
{
	size_t n;
	int i, k = 0;

	if (g->drained) {
		snprintf(buf, len, "drained");
		return;
	}
	n = (size_t)snprintf(buf, len, "tenant");
	for (i = 0; i < p->ntenants && n < len; i++) {
		const struct gtenant *t = &g->tenants[p->tenants[i]];

		if (t->health == H_HEALTHY)
			continue;
		n += (size_t)snprintf(buf + n, len - n, "%s %s",
		    k++ ? "," : "", t->nc->name);
	}
	if (n < len)
		snprintf(buf + n, len - n, " %s", "not healthy");
}

static void
why_announced(const struct gate *g, const struct gprefix *p, const char *why,
    char *buf, size_t len)
{
	int i;

	for (i = 0; i < p->ntenants; i++)
		if (g->tenants[p->tenants[i]].pending_up) {
			snprintf(buf, len, " after hold-down %u s",
			    g->hold_down_s);
			return;
		}
	snprintf(buf, len, "%s%s", why != NULL ? ": " : "",
	    why != NULL ? why : "");
}

static void
set_wanted(struct gate *g, struct gprefix *p, int want, int64_t now,
    const char *reason)
{
	char a[ADDR_STRLEN], why[WHY_MAX];

	addr_fmt(&p->prefix, a, 1);
	if (want) {
		why_announced(g, p, reason, why, sizeof(why));
		log_info("prefix %s: announced%s", a, why);
	} else {
		why_withdrawn(g, p, why, sizeof(why));
		log_info("prefix %s: withdrawn: %s", a, why);
	}
	p->wanted = want;
	p->wanted_since = now;
	birdctl_want(&g->bc, p->bird, want, now);
}

/* Brings every prefix in line with tenant health and the drain. */
void
gate_apply(struct gate *g, int64_t now, const char *why)
{
	int i, want;

	/* Withdrawals first: they are the ones in a hurry. */
	for (i = 0; i < g->nprefixes; i++) {
		want = !g->drained && all_healthy(g, &g->prefixes[i]);
		if (!want && g->prefixes[i].wanted)
			set_wanted(g, &g->prefixes[i], 0, now, why);
	}
	for (i = 0; i < g->nprefixes; i++) {
		want = !g->drained && all_healthy(g, &g->prefixes[i]);
		if (want && !g->prefixes[i].wanted)
			set_wanted(g, &g->prefixes[i], 1, now, why);
	}
	for (i = 0; i < g->ntenants; i++)
		g->tenants[i].pending_up = 0;
}
