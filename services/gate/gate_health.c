/* gate_health.c: probe rounds over every tenant's zones and addresses, the primary's serials, and each tenant's health with hold-down. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gate.h"
#include "log.h"

static int
tenant_init(struct gtenant *t, const struct nc_tenant *tn, int64_t now)
{
	int z, a, tcp, n = 0;

	t->nc = tn;
	t->health = H_STARTING;
	t->since = now;
	for (z = 0; z < tn->nzones; z++) {
		t->zones[z].name = tn->zones[z];
		dnsprobe_init(&t->zones[z].probe);
	}
	t->nslots = tn->nzones * tn->naddrs * 2;
	if ((t->slots = calloc((size_t)t->nslots + 1, sizeof(*t->slots))) ==
	    NULL)
		return -1;
	for (z = 0; z < tn->nzones; z++)
		for (a = 0; a < tn->naddrs; a++)
			for (tcp = 0; tcp < 2; tcp++) {
				struct slot *s = &t->slots[n++];

				s->zone = z;
				s->addr = a;
				s->tcp = tcp;
				s->result = -1;
				dnsprobe_init(&s->probe);
			}
	return 0;
}

struct gtenant *
gate_tenants_new(const struct nodeconf *nc, int64_t now)
{
	struct gtenant *v;
	int i;

	if ((v = calloc((size_t)nc->ntenants + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < nc->ntenants; i++)
		if (tenant_init(&v[i], &nc->tenants[i], now) < 0) {
			gate_tenants_free(v, i);
			return NULL;
		}
	return v;
}

void
gate_tenants_free(struct gtenant *v, int n)
{
	int i, j;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].nslots; j++)
			dnsprobe_close(&v[i].slots[j].probe);
		for (j = 0; j < v[i].nc->nzones; j++)
			dnsprobe_close(&v[i].zones[j].probe);
		free(v[i].slots);
	}
	free(v);
}

const char *
gate_slot_name(const struct gtenant *t, const struct slot *s, char *buf,
    size_t len)
{
	char a[ADDR_STRLEN];

	snprintf(buf, len, "%s %s %s", addr_fmt(&t->nc->addrs[s->addr], a, 0),
	    s->tcp ? "tcp" : "udp", t->nc->zones[s->zone]);
	return buf;
}

static void
query_primary(struct gtenant *t, struct zone_state *zs, int64_t now)
{
	if (!t->nc->has_primary || dnsprobe_busy(&zs->probe) ||
	    now < zs->next_query)
		return;
	zs->next_query = now + PRIMARY_INTERVAL_MS;
	dnsprobe_start(&zs->probe, &t->nc->primary, t->nc->primary_port, 0,
	    zs->name, PRIMARY_TIMEOUT_MS, now);
}

/* One round: a new probe on every idle slot, the primary when due. */
void
gate_round(struct gate *g, int64_t now)
{
	int i, j;

	for (i = 0; i < g->ntenants; i++) {
		struct gtenant *t = &g->tenants[i];

		for (j = 0; j < t->nc->nzones; j++)
			query_primary(t, &t->zones[j], now);
		for (j = 0; j < t->nslots; j++) {
			struct slot *s = &t->slots[j];

			if (dnsprobe_busy(&s->probe))
				continue;
			dnsprobe_start(&s->probe, &t->nc->addrs[s->addr], 53,
			    s->tcp, t->nc->zones[s->zone], g->timeout_ms,
			    now);
		}
		gate_evaluate(g, t, now);
	}
}

/* Whether the served serial lags the primary's for longer than refresh. */
static int
serial_stale(struct slot *s, const struct zone_state *zs, uint32_t served,
    int64_t now)
{
	if (!zs->known || !dns_serial_lt(served, zs->serial)) {
		s->behind_since = 0;
		return 0;
	}
	if (s->behind_since == 0)
		s->behind_since = now;
	return now - s->behind_since > (int64_t)zs->refresh * 1000;
}

static void
fmt_utc(uint32_t wall, uint32_t at, char *buf, size_t len)
{
	time_t t = time(NULL) + (time_t)(int32_t)(at - wall);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * The earliest expiration the tenant's zone is known to serve: the RRSIG
 * over the SOA this probe got, or the earliest over the whole version the
 * DNSSEC guard accepted (ZONE_EXPIRY, gate_dnssec.c) when sooner.  Returns
 * 0 when neither is known; *on names the record.
 */
static int
earliest_expiry(const struct zone_state *zs, const struct dns_soa_answer *a,
    uint32_t wall, uint32_t *at, const char **on)
{
	int known = 0;

	if (a->has_rrsig) {
		*at = a->rrsig_expire;
		*on = "SOA";
		known = 1;
	}
	if (zs->earliest > 0) {
		uint32_t e = (uint32_t)zs->earliest;

		if (!known || (int32_t)(e - wall) < (int32_t)(*at - wall)) {
			*at = e;
			*on = zs->earliest_on;
		}
		known = 1;
	}
	return known;
}

/*
 * The DNSSEC guard (dnssec: validate): the node's NSD serves only zones
 * whose signatures outlive the margin when they arrive (nsdverify.c); when
 * no good update follows, the served signatures come within the margin
 * and the tenant is withdrawn before resolvers could see them expire.
 */
static const char *
judge_margin(const struct nc_tenant *tn, const struct zone_state *zs,
    const struct dns_soa_answer *a, uint32_t wall, char *buf, size_t len)
{
	const char *on;
	uint32_t exp;
	char at[32];

	if (tn->dnssec != NC_DNSSEC_VALIDATE ||
	    !earliest_expiry(zs, a, wall, &exp, &on) ||
	    (int32_t)(exp - wall) >= (int32_t)tn->dnssec_margin)
		return NULL;
	fmt_utc(wall, exp, at, sizeof(at));
	snprintf(buf, len, "RRSIG over %s expires at %s, within the "
	    "dnssec-margin (%u s), and no good update came", on, at,
	    tn->dnssec_margin);
	return buf;
}

/*
 * The verdict on a finished probe: NULL when it passes, else why not.
 * s->transport: no answer came (timeout, refused, reset), as opposed to an
 * answer saying something wrong (expired signature, lagging serial).
 */
static const char *
judge(struct slot *s, const struct nc_tenant *tn, const struct zone_state *zs,
    int64_t now, char *buf, size_t len)
{
	const struct dnsprobe *p = &s->probe;
	const struct dns_soa_answer *a = &p->ans;
	uint32_t wall = (uint32_t)time(NULL);
	char at[32];

	s->transport = !p->ok;
	if (!p->ok)
		return p->reason;
	if (!a->aa)
		return "not authoritative (AA clear)";
	if (a->tc)
		return "truncated (TC set)";
	if (!a->has_soa)
		return "no SOA in the answer";
	if (a->has_rrsig && !dns_serial_lt(wall, a->rrsig_expire)) {
		fmt_utc(wall, a->rrsig_expire, at, sizeof(at));
		snprintf(buf, len, "RRSIG over SOA expired at %s", at);
		return buf;
	}
	if (judge_margin(tn, zs, a, wall, buf, len) != NULL)
		return buf;
	if (zs->known && zs->is_signed && !a->has_rrsig)
		return "no RRSIG over SOA (the primary's zone is signed)";
	if (serial_stale(s, zs, a->serial, now)) {
		snprintf(buf, len, "serial %u behind the primary's %u for "
		    "more than its refresh (%u s)", a->serial, zs->serial,
		    zs->refresh);
		return buf;
	}
	return NULL;
}

/*
 * dnssec-warning: a warning each time the zone's earliest known signature
 * comes within one more threshold of expiring; a later one starts over.
 */
static void
warn_expiry(const struct gtenant *t, struct zone_state *zs,
    const struct dns_soa_answer *a)
{
	const struct nc_tenant *tn = t->nc;
	uint32_t wall = (uint32_t)time(NULL), exp;
	const char *on;
	int32_t left;
	unsigned th = 0;
	char at[32];
	int i;

	if (tn->dnssec != NC_DNSSEC_VALIDATE ||
	    !earliest_expiry(zs, a, wall, &exp, &on))
		return;
	left = (int32_t)(exp - wall);
	for (i = 0; i < tn->ndnssec_warnings; i++)
		if (left < (int32_t)tn->dnssec_warnings[i] &&
		    (th == 0 || tn->dnssec_warnings[i] < th))
			th = tn->dnssec_warnings[i];
	if (th == 0 || (zs->warned != 0 && th >= zs->warned)) {
		if (th == 0)
			zs->warned = 0;
		return;
	}
	zs->warned = th;
	fmt_utc(wall, exp, at, sizeof(at));
	log_warnx("tenant %s: zone %s: RRSIG over %s expires at %s, in less "
	    "than %u s (dnssec-warning); the zone needs re-signing",
	    tn->name, zs->name, on, at, th);
}

void
gate_probe_done(struct gate *g, struct gtenant *t, struct slot *s,
    int64_t now)
{
	char buf[160], name[320];
	const char *why;

	why = judge(s, t->nc, &t->zones[s->zone], now, buf, sizeof(buf));
	if (s->probe.ok && s->probe.ans.has_soa) {
		s->served_known = 1;
		s->served = s->probe.ans.serial;
		warn_expiry(t, &t->zones[s->zone], &s->probe.ans);
	}
	s->result = why == NULL;
	if (why != NULL)
		snprintf(s->why, sizeof(s->why), "%s: %s",
		    gate_slot_name(t, s, name, sizeof(name)), why);
	if (why == NULL) {
		s->failing_since = 0;
		s->held_logged = 0;
	} else if (s->failing_since == 0)
		s->failing_since = now;
	s->probe.state = DP_IDLE;
	gate_evaluate(g, t, now);
}

void
gate_primary_done(struct gate *g, struct gtenant *t, struct zone_state *zs,
    int64_t now)
{
	const struct dnsprobe *p = &zs->probe;
	char a[ADDR_STRLEN];

	(void)g;
	(void)now;
	addr_fmt(&t->nc->primary, a, 0);
	if (!p->ok || !p->ans.has_soa) {
		if (!zs->failing)
			log_warnx("tenant %s: cannot query primary %s for %s: "
			    "%s; its last serial stays", t->nc->name, a,
			    zs->name, p->ok ? "no SOA in the answer" :
			    p->reason);
		zs->failing = 1;
		zs->probe.state = DP_IDLE;
		return;
	}
	if (zs->failing)
		log_info("tenant %s: primary %s answers for %s again",
		    t->nc->name, a, zs->name);
	if (!zs->known || zs->serial != p->ans.serial)
		log_debug("tenant %s: primary %s has %s serial %u",
		    t->nc->name, a, zs->name, p->ans.serial);
	zs->failing = 0;
	zs->known = 1;
	zs->serial = p->ans.serial;
	zs->refresh = p->ans.refresh;
	zs->is_signed = p->ans.has_rrsig;
	zs->probe.state = DP_IDLE;
}

static void
on_failing(struct gtenant *t, const char *why, int64_t now)
{
	snprintf(t->last_failure, sizeof(t->last_failure), "%s", why);
	t->last_failure_at = now;
	t->passing_since = 0;
	if (t->health != H_UNHEALTHY) {
		t->health = H_UNHEALTHY;
		t->since = now;
		log_warnx("tenant %s: unhealthy: %s", t->nc->name, why);
	} else if (!t->failing)
		log_warnx("tenant %s: fails again during hold-down: %s",
		    t->nc->name, why);
	t->failing = 1;
}

static void
on_passing(struct gate *g, struct gtenant *t, int64_t now)
{
	if (t->passing_since == 0) {
		t->passing_since = now;
		if (t->health != H_HEALTHY && g->hold_down_s > 0)
			log_info("tenant %s: every probe passes; healthy "
			    "after hold-down %u s", t->nc->name,
			    g->hold_down_s);
	}
	t->failing = 0;
	if (t->health == H_HEALTHY ||
	    now - t->passing_since < (int64_t)g->hold_down_s * 1000)
		return;
	t->health = H_HEALTHY;
	t->since = now;
	t->pending_up = 1;
	log_info("tenant %s: healthy", t->nc->name);
}

enum verdict { V_PASS, V_PENDING, V_HELD, V_FAIL };

/*
 * A TCP slot failing for want of an answer while UDP to the same address
 * answers for the zone: a TCP flood fills NSD's TCP slots, and withdrawing
 * at once would only move the attack to the next site.  Held for
 * tcp-failure-hold; content failures (signature, serial) are never held.
 */
static int
tcp_only(const struct gtenant *t, const struct slot *s)
{
	const struct slot *u = s - 1;	/* laid out udp, tcp */

	return s->tcp && s->transport && s > t->slots && !u->tcp &&
	    u->zone == s->zone && u->addr == s->addr && u->result == 1;
}

static enum verdict
verdict(const struct gate *g, const struct gtenant *t, struct slot *s,
    int64_t now, char *why, size_t len)
{
	int64_t hold = (int64_t)g->tcp_hold_s * 1000;

	if (s->result != 0)
		return s->result > 0 ? V_PASS : V_PENDING;
	if (!tcp_only(t, s) || hold == 0) {
		snprintf(why, len, "%s", s->why);
		return V_FAIL;
	}
	if (now - s->failing_since < hold) {
		if (!s->held_logged)
			log_warnx("tenant %s: %s; UDP answers: held for %u s "
			    "(tcp-failure-hold)", t->nc->name, s->why,
			    g->tcp_hold_s);
		s->held_logged = 1;
		return V_HELD;
	}
	snprintf(why, len, "tcp failing for %u s: %s", g->tcp_hold_s, s->why);
	return V_FAIL;
}

/*
 * A tenant is unhealthy from its first failing probe on (a TCP-only
 * failure: once it has lasted tcp-failure-hold); healthy again when every
 * probe has passed for the whole hold-down.
 */
void
gate_evaluate(struct gate *g, struct gtenant *t, int64_t now)
{
	enum health before = t->health;
	enum verdict v, worst = V_PASS;
	char why[WHY_MAX + 64];
	int i;

	for (i = 0; i < t->nslots && worst != V_FAIL; i++) {
		v = verdict(g, t, &t->slots[i], now, why, sizeof(why));
		if (v == V_HELD && worst < V_HELD)
			t->tcp_held_since = t->slots[i].failing_since;
		if (v > worst)
			worst = v;
	}
	if (worst != V_HELD)
		t->tcp_held_since = 0;
	if (worst == V_FAIL)
		on_failing(t, why, now);
	else if (worst == V_PASS)
		on_passing(g, t, now);
	else if (worst == V_HELD && t->health != H_HEALTHY)
		t->passing_since = 0;	/* not every probe passes */
	if (t->health != before)
		gate_apply(g, now, NULL);
}

void
gate_tenant_down(struct gate *g, struct gtenant *t, int64_t now)
{
	enum health before = t->health;
	int i;

	for (i = 0; i < t->nslots; i++) {
		struct slot *s = &t->slots[i];

		dnsprobe_close(&s->probe);	/* asked of the dead one */
		s->probe.state = DP_IDLE;
		s->result = -1;
		s->failing_since = 0;
		s->held_logged = 0;
	}
	t->tcp_held_since = 0;
	on_failing(t, "NSD ended (outpost-node saw it exit)", now);
	if (t->health != before)
		gate_apply(g, now, NULL);
}
