/* gate_status.c: the gate's part of `outpost status`, as text and as JSON: tenants, prefixes, BGP neighbours, with since when and why, and zone serials against the primary's. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "json.h"

static const char *
health_name(const struct gtenant *t)
{
	switch (t->health) {
	case H_HEALTHY:
		return "healthy";
	case H_UNHEALTHY:
		return t->passing_since ? "hold-down" : "unhealthy";
	default:
		return t->passing_since ? "hold-down" : "starting";
	}
}

static void
print_header(FILE *f, const struct gate *g, int64_t now)
{
	char buf[32];

	fprintf(f, "gate: up since %s; probes every %u ms, timeout %u ms, "
	    "hold-down %u s, tcp-failure-hold %u s; %s\n",
	    gate_wallclock(g->started, buf), g->interval_ms, g->timeout_ms,
	    g->hold_down_s, g->tcp_hold_s,
	    g->drained ? "DRAINED" : "not drained");
	if (birdctl_connected(&g->bc))
		fprintf(f, "bird: connected since %s\n",
		    gate_wallclock(g->bc.connected_since, buf));
	else
		fprintf(f, "bird: not connected (%s)\n", g->bc.path);
	(void)now;
}

static void
print_tenants(FILE *f, const struct gate *g, int64_t now)
{
	char since[32], at[32];
	int i;

	fprintf(f, "\n%-20s %-10s %-21s %s\n", "TENANT", "HEALTH", "SINCE",
	    "LAST FAILURE");
	for (i = 0; i < g->ntenants; i++) {
		const struct gtenant *t = &g->tenants[i];

		fprintf(f, "%-20s %-10s %-21s ", t->nc->name, health_name(t),
		    gate_wallclock(t->since, since));
		if (t->last_failure_at == 0)
			fprintf(f, "-");
		else
			fprintf(f, "%s %s", gate_wallclock(t->last_failure_at,
			    at), t->last_failure);
		if (t->tcp_held_since != 0)
			fprintf(f, " (tcp failing, UDP answers: held %lld of "
			    "%u s)", (long long)((now - t->tcp_held_since) /
			    1000), g->tcp_hold_s);
		if (t->health != H_HEALTHY && t->passing_since)
			fprintf(f, " (healthy in %lld s)", (long long)
			    ((t->passing_since + g->hold_down_s * 1000LL -
			    now + 999) / 1000));
		fprintf(f, "\n");
	}
}

/* Announced or withdrawn as BIRD confirmed it; what the gate wants. */
static const char *
prefix_state(const struct gate *g, const struct gprefix *p)
{
	int known = g->bc.protos[p->bird].known;

	if (known < 0)
		return "unknown";
	if (known == p->wanted)
		return known ? "announced" : "withdrawn";
	return p->wanted ? "announcing" : "withdrawing";
}

static void
print_prefixes(FILE *f, const struct gate *g)
{
	char a[ADDR_STRLEN], since[32];
	int i, j;

	fprintf(f, "\n%-20s %-11s %-21s %s\n", "PREFIX", "STATE", "SINCE",
	    "TENANTS");
	for (i = 0; i < g->nprefixes; i++) {
		const struct gprefix *p = &g->prefixes[i];

		fprintf(f, "%-20s %-11s %-21s ", addr_fmt(&p->prefix, a, 1),
		    prefix_state(g, p), gate_wallclock(p->wanted_since, since));
		for (j = 0; j < p->ntenants; j++)
			fprintf(f, "%s%s", j ? "," : "",
			    g->tenants[p->tenants[j]].nc->name);
		fprintf(f, "\n");
	}
}

/* BIRD's word for the session ("Established", its state, "unknown") in
 * session; the rest of its info line, NULL if none. */
static const char *
bgp_session(const struct birdctl_proto *bp, char session[16])
{
	const char *more;

	snprintf(session, 16, "unknown");
	if (bp->info[0] != '\0')
		sscanf(bp->info, "%15s", session);
	else if (bp->state[0] != '\0')
		snprintf(session, 16, "%s", bp->state);
	more = strchr(bp->info, ' ');
	return more != NULL ? more + 1 : NULL;
}

static void
print_neighbors(FILE *f, const struct gate *g)
{
	char a[ADDR_STRLEN], since[32];
	const struct birdctl_proto *bp;
	int i;

	fprintf(f, "\n%-20s %-10s %-11s %-21s %s\n", "NEIGHBOR", "ASN",
	    "BGP", "SINCE", "DETAIL");
	for (i = 0; i < g->nneighbors; i++) {
		const struct gneighbor *nb = &g->neighbors[i];
		char session[16];
		const char *more;

		bp = &g->bc.protos[nb->bird];
		more = bgp_session(bp, session);
		fprintf(f, "%-20s %-10u %-11s %-21s %s\n",
		    addr_fmt(&nb->nc->addr, a, 0), nb->nc->asn, session,
		    bp->info_since ? gate_wallclock(bp->info_since, since) :
		    "-", more != NULL ? more : "-");
	}
}

/*
 * The lowest serial the tenant serves for zone z over every address and
 * transport (RFC 1982 order): 0 when no probe answered with a SOA yet.
 */
static int
served_serial(const struct gtenant *t, int z, uint32_t *serial)
{
	int i, known = 0;

	for (i = 0; i < t->nslots; i++) {
		const struct slot *s = &t->slots[i];

		if (s->zone != z || !s->served_known)
			continue;
		if (!known || dns_serial_lt(s->served, *serial))
			*serial = s->served;
		known = 1;
	}
	return known;
}

/* The served serial against the primary's (RFC 1982 order). */
static const char *
sync_state(int known, uint32_t served, const struct zone_state *zs)
{
	if (!known || !zs->known)
		return "unknown";
	return dns_serial_lt(served, zs->serial) ? "behind" : "in-sync";
}

static void
print_zones(FILE *f, const struct gate *g)
{
	char served[16], primary[16];
	uint32_t serial = 0;
	int i, j, known;

	fprintf(f, "\n%-30s %-20s %-10s %-10s %s\n", "ZONE", "TENANT",
	    "SERIAL", "PRIMARY", "STATE");
	for (i = 0; i < g->ntenants; i++) {
		const struct gtenant *t = &g->tenants[i];

		for (j = 0; j < t->nc->nzones; j++) {
			const struct zone_state *zs = &t->zones[j];

			known = served_serial(t, j, &serial);
			snprintf(served, sizeof(served), known ? "%u" : "-",
			    serial);
			snprintf(primary, sizeof(primary), zs->known ? "%u" :
			    "-", zs->serial);
			fprintf(f, "%-30s %-20s %-10s %-10s %s\n",
			    t->nc->zones[j], t->nc->name, served, primary,
			    sync_state(known, serial, zs));
		}
	}
}

char *
gate_status(const struct gate *g, int64_t now, size_t *lenp)
{
	char *text = NULL;
	FILE *f;

	if ((f = open_memstream(&text, lenp)) == NULL)
		return NULL;
	print_header(f, g, now);
	print_tenants(f, g, now);
	print_prefixes(f, g);
	print_neighbors(f, g);
	print_zones(f, g);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* The same tables as one JSON object (`outpost status -j`). */
static void
json_tenants(FILE *f, const struct gate *g, int64_t now)
{
	char buf[32];
	int i, first;

	fputs(",\"tenants\":[", f);
	for (i = 0; i < g->ntenants; i++) {
		const struct gtenant *t = &g->tenants[i];

		first = 1;
		fputs(i ? ",{" : "{", f);
		json_kv(f, &first, "name", t->nc->name);
		json_kv(f, &first, "health", health_name(t));
		json_kv(f, &first, "since", gate_wallclock(t->since, buf));
		json_key(f, &first, "last_failure");
		if (t->last_failure_at == 0)
			fputs("null", f);
		else {
			fputs("{", f);
			first = 1;
			json_kv(f, &first, "at", gate_wallclock(
			    t->last_failure_at, buf));
			json_kv(f, &first, "why", t->last_failure);
			fputs("}", f);
		}
		first = 0;
		json_kn(f, &first, "tcp_held_s", t->tcp_held_since != 0,
		    (now - t->tcp_held_since) / 1000);
		fputs("}", f);
	}
	fputs("]", f);
}

static void
json_prefixes(FILE *f, const struct gate *g)
{
	char a[ADDR_STRLEN], since[32];
	int i, j, first;

	fputs(",\"prefixes\":[", f);
	for (i = 0; i < g->nprefixes; i++) {
		const struct gprefix *p = &g->prefixes[i];

		first = 1;
		fputs(i ? ",{" : "{", f);
		json_kv(f, &first, "prefix", addr_fmt(&p->prefix, a, 1));
		json_kv(f, &first, "state", prefix_state(g, p));
		json_kv(f, &first, "since", gate_wallclock(p->wanted_since,
		    since));
		json_key(f, &first, "tenants");
		fputs("[", f);
		for (j = 0; j < p->ntenants; j++) {
			fputs(j ? "," : "", f);
			json_str(f, g->tenants[p->tenants[j]].nc->name);
		}
		fputs("]}", f);
	}
	fputs("]", f);
}

static void
json_neighbors(FILE *f, const struct gate *g)
{
	char a[ADDR_STRLEN], since[32], session[16];
	const struct birdctl_proto *bp;
	const char *more;
	int i, first;

	fputs(",\"neighbors\":[", f);
	for (i = 0; i < g->nneighbors; i++) {
		const struct gneighbor *nb = &g->neighbors[i];

		bp = &g->bc.protos[nb->bird];
		more = bgp_session(bp, session);
		first = 1;
		fputs(i ? ",{" : "{", f);
		json_kv(f, &first, "address", addr_fmt(&nb->nc->addr, a, 0));
		json_ki(f, &first, "asn", nb->nc->asn);
		json_kv(f, &first, "bgp", session);
		json_kv(f, &first, "since", bp->info_since ?
		    gate_wallclock(bp->info_since, since) : NULL);
		json_kv(f, &first, "detail", more);
		fputs("}", f);
	}
	fputs("]", f);
}

static void
json_zones(FILE *f, const struct gate *g)
{
	uint32_t serial = 0;
	int i, j, known, first, n = 0;

	fputs(",\"zones\":[", f);
	for (i = 0; i < g->ntenants; i++) {
		const struct gtenant *t = &g->tenants[i];

		for (j = 0; j < t->nc->nzones; j++) {
			const struct zone_state *zs = &t->zones[j];

			known = served_serial(t, j, &serial);
			first = 1;
			fputs(n++ ? ",{" : "{", f);
			json_kv(f, &first, "zone", t->nc->zones[j]);
			json_kv(f, &first, "tenant", t->nc->name);
			json_kn(f, &first, "serial", known, serial);
			json_kn(f, &first, "primary", zs->known, zs->serial);
			json_kv(f, &first, "state", sync_state(known, serial,
			    zs));
			fputs("}", f);
		}
	}
	fputs("]", f);
}

char *
gate_status_json(const struct gate *g, int64_t now, size_t *lenp)
{
	char *text = NULL, buf[32];
	int first = 1;
	FILE *f;

	if ((f = open_memstream(&text, lenp)) == NULL)
		return NULL;
	fputs("{", f);
	json_kv(f, &first, "up_since", gate_wallclock(g->started, buf));
	json_ki(f, &first, "probe_interval_ms", g->interval_ms);
	json_ki(f, &first, "probe_timeout_ms", g->timeout_ms);
	json_ki(f, &first, "hold_down_s", g->hold_down_s);
	json_ki(f, &first, "tcp_failure_hold_s", g->tcp_hold_s);
	json_key(f, &first, "drained");
	fputs(g->drained ? "true" : "false", f);
	json_kv(f, &first, "bird_connected_since",
	    birdctl_connected(&g->bc) ? gate_wallclock(g->bc.connected_since,
	    buf) : NULL);
	json_tenants(f, g, now);
	json_prefixes(f, g);
	json_neighbors(f, g);
	json_zones(f, g);
	fputs("}", f);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
