/* gate_reload.c: SIGHUP: node.conf read again; tenants, prefixes and neighbours rebuilt, keeping what is known of those that stay. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileutil.h"
#include "gate.h"
#include "log.h"

static const struct gtenant *
old_tenant(const struct gtenant *v, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].nc->name, name) == 0)
			return &v[i];
	return NULL;
}

static void
carry_zones(struct gtenant *t, const struct gtenant *o)
{
	int i, j;

	for (i = 0; i < t->nc->nzones; i++)
		for (j = 0; j < o->nc->nzones; j++) {
			struct zone_state *z = &t->zones[i];
			const struct zone_state *oz = &o->zones[j];

			if (strcmp(z->name, oz->name) != 0)
				continue;
			z->next_query = oz->next_query;
			z->known = oz->known;
			z->serial = oz->serial;
			z->refresh = oz->refresh;
			z->is_signed = oz->is_signed;
			z->failing = oz->failing;
		}
}

/* The same zone at the same address over the same transport. */
static int
same_slot(const struct gtenant *t, const struct slot *s,
    const struct gtenant *o, const struct slot *os)
{
	return s->tcp == os->tcp &&
	    strcmp(t->nc->zones[s->zone], o->nc->zones[os->zone]) == 0 &&
	    addr_eq(&t->nc->addrs[s->addr], &o->nc->addrs[os->addr]);
}

static void
carry_slots(struct gtenant *t, const struct gtenant *o)
{
	int i, j;

	for (i = 0; i < t->nslots; i++)
		for (j = 0; j < o->nslots; j++) {
			struct slot *s = &t->slots[i];
			const struct slot *os = &o->slots[j];

			if (!same_slot(t, s, o, os))
				continue;
			s->result = os->result;
			s->behind_since = os->behind_since;
			s->failing_since = os->failing_since;
			s->transport = os->transport;
			s->held_logged = os->held_logged;
			memcpy(s->why, os->why, sizeof(s->why));
		}
}

/* A tenant that stays keeps its health: no hold-down for a reload. */
static void
carry_tenants(struct gate *g, const struct gtenant *old, int nold)
{
	const struct gtenant *o;
	int i;

	for (i = 0; i < g->ntenants; i++) {
		struct gtenant *t = &g->tenants[i];

		if ((o = old_tenant(old, nold, t->nc->name)) == NULL)
			continue;
		t->health = o->health;
		t->since = o->since;
		t->passing_since = o->passing_since;
		t->failing = o->failing;
		memcpy(t->last_failure, o->last_failure,
		    sizeof(t->last_failure));
		t->last_failure_at = o->last_failure_at;
		carry_zones(t, o);
		carry_slots(t, o);
	}
}

static void
carry_prefixes(struct gate *g, const struct gprefix *old, int nold)
{
	int i, j;

	for (i = 0; i < g->nprefixes; i++) {
		struct gprefix *p = &g->prefixes[i];

		for (j = 0; j < nold; j++)
			if (strcmp(p->proto, old[j].proto) == 0) {
				p->wanted = old[j].wanted;
				p->wanted_since = old[j].wanted_since;
			}
	}
}

static int
is_wanted(const char *proto, void *arg)
{
	const struct gate *g = arg;
	int i;

	for (i = 0; i < g->nprefixes; i++)
		if (strcmp(g->prefixes[i].proto, proto) == 0)
			return g->prefixes[i].wanted;
	return 0;
}

/*
 * BIRD gets the new configuration from us, each anycast protocol as it is
 * now: nothing is withdrawn and announced again on the way.
 */
static void
reconfigure_bird(struct gate *g, int64_t now)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&text, &len)) == NULL ||
	    birdconf_render_live(f, g->nc, NULL, is_wanted, g) < 0 ||
	    fclose(f) != 0) {
		log_warn("cannot render %s", g->live_path);
		free(text);
		return;
	}
	if (file_write_atomic(g->live_path, text, len, 0600, (uid_t)-1,
	    (gid_t)-1) < 0)
		log_warn("cannot write %s", g->live_path);
	else
		birdctl_configure(&g->bc, g->live_bird, now);
	free(text);
}

int
gate_reload(struct gate *g, int64_t now)
{
	struct nodeconf *nc, *oldnc = g->nc;
	struct gtenant *oldt = g->tenants;
	struct gprefix *oldp = g->prefixes;
	struct birdctl_proto *oldb;
	int noldt = g->ntenants, noldp = g->nprefixes, noldb = g->bc.nprotos;

	log_info("reloading %s", g->conf_path);
	if ((nc = nodeconf_load(g->conf_path, stderr)) == NULL) {
		log_warnx("cannot reload %s: errors above; the running "
		    "configuration stays", g->conf_path);
		return -1;
	}
	if ((oldb = calloc((size_t)noldb + 1, sizeof(*oldb))) == NULL)
		fatal("cannot reload: out of memory");
	memcpy(oldb, g->bc.protos, (size_t)noldb * sizeof(*oldb));
	g->nc = nc;
	if ((g->tenants = gate_tenants_new(nc, now)) == NULL)
		fatal("cannot reload: out of memory");
	g->ntenants = nc->ntenants;
	birdctl_forget(&g->bc);
	if (gate_prefix_init(g) < 0)
		fatal("cannot reload: out of memory");
	birdctl_adopt(&g->bc, oldb, noldb);
	carry_tenants(g, oldt, noldt);
	carry_prefixes(g, oldp, noldp);
	gate_tenants_free(oldt, noldt);
	free(oldp);
	free(oldb);
	nodeconf_free(oldnc);
	log_setinstance(nc->identity);
	g->interval_ms = nc->bgp.probe_interval;
	g->timeout_ms = nc->bgp.probe_timeout;
	g->hold_down_s = nc->bgp.hold_down;
	g->tcp_hold_s = nc->bgp.tcp_failure_hold;
	log_info("reloaded: %d tenants, %d prefixes, %d neighbors; probes "
	    "every %u ms, hold-down %u s", g->ntenants, g->nprefixes,
	    g->nneighbors, g->interval_ms, g->hold_down_s);
	birdctl_hold(&g->bc, 1, now);
	gate_apply(g, now, "configuration reloaded");
	reconfigure_bird(g, now);
	birdctl_hold(&g->bc, 0, now);
	return 0;
}
