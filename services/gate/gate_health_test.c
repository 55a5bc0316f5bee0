/* gate_health_test.c: unit tests of the gate's decisions on a clock of its own: hold-down, failures, shared prefixes, drain, the serial and RRSIG rules, tcp-failure-hold, a tenant's death. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "gate.h"
#include "log.h"

static const char conf[] =
    "node:\n identity: n\n uplink: eth0\n uplink-address: 198.51.100.2/24\n"
    "bgp:\n asn: 64500\n hold-down: 10\n"
    "neighbor:\n address: 198.51.100.1\n asn: 64496\n"
    "tenant:\n name: a\n prefix: 192.0.2.0/24\n prefix: 192.0.2.0/25\n"
    " address: 192.0.2.1\n zone: a.test\n zone: b.test\n"
    " primary: 198.51.100.34\n tsig-name: k\n"
    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n"
    "tenant:\n name: b\n prefix: 192.0.2.0/24\n address: 192.0.2.2\n"
    " zone: c.test\n primary: 198.51.100.34\n tsig-name: k\n"
    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n";

static struct gate g;

static int
setup(void **state)
{
	(void)state;
	memset(&g, 0, sizeof(g));
	g.nc = nodeconf_load_buf("t", conf, sizeof(conf) - 1, stderr);
	assert_non_null(g.nc);
	g.started = 1000;
	g.hold_down_s = g.nc->bgp.hold_down;
	g.interval_ms = 200;
	g.timeout_ms = 500;
	birdctl_init(&g.bc, "/nonexistent");
	g.tenants = gate_tenants_new(g.nc, g.started);
	g.ntenants = g.nc->ntenants;
	assert_non_null(g.tenants);
	assert_int_equal(gate_prefix_init(&g), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	gate_tenants_free(g.tenants, g.ntenants);
	free(g.prefixes);
	nodeconf_free(g.nc);
	return 0;
}

/* Every slot of tenant i ends with result r at time now. */
static void
all(int i, int r, int64_t now)
{
	struct gtenant *t = &g.tenants[i];
	int j;

	for (j = 0; j < t->nslots; j++) {
		t->slots[j].result = r;
		if (r == 0)
			snprintf(t->slots[j].why, sizeof(t->slots[j].why),
			    "slot %d: test", j);
	}
	gate_evaluate(&g, t, now);
}

static int
wanted(int p)
{
	return g.prefixes[p].wanted && g.bc.protos[g.prefixes[p].bird].want;
}

static void
test_layout(void **state)
{
	(void)state;
	assert_int_equal(g.ntenants, 2);
	/* zones x addresses x {udp, tcp} */
	assert_int_equal(g.tenants[0].nslots, 2 * 1 * 2);
	assert_int_equal(g.tenants[1].nslots, 2);
	assert_int_equal(g.nprefixes, 2);
	assert_string_equal(g.prefixes[0].proto, "anycast4_192_0_2_0_24");
	assert_int_equal(g.prefixes[0].ntenants, 2);
	assert_int_equal(g.nneighbors, 1);
	assert_int_equal(g.bc.nprotos, 3);
	assert_false(g.bc.protos[g.neighbors[0].bird].managed);
}

static void
test_hold_down(void **state)
{
	(void)state;
	assert_int_equal(g.tenants[0].health, H_STARTING);
	all(0, 1, 2000);
	all(1, 1, 2000);
	assert_int_equal(g.tenants[0].health, H_STARTING);
	all(0, 1, 11999);
	all(1, 1, 11999);
	assert_false(wanted(0));
	all(0, 1, 12000);		/* 10 s of passing */
	assert_int_equal(g.tenants[0].health, H_HEALTHY);
	assert_false(wanted(0));	/* b is not healthy yet */
	assert_true(wanted(1));		/* a's own prefix */
	all(1, 1, 12000);
	assert_true(wanted(0));

	/* One failing slot: unhealthy at once, its prefixes withdrawn. */
	g.tenants[0].slots[3].result = 0;
	snprintf(g.tenants[0].slots[3].why, WHY_MAX, "192.0.2.1 tcp b.test.: "
	    "timeout");
	gate_evaluate(&g, &g.tenants[0], 13000);
	assert_int_equal(g.tenants[0].health, H_UNHEALTHY);
	assert_false(wanted(0));
	assert_false(wanted(1));
	assert_string_equal(g.tenants[0].last_failure,
	    "192.0.2.1 tcp b.test.: timeout");
	assert_int_equal(g.tenants[0].last_failure_at, 13000);

	/* Passing again, failing within the hold-down: it starts over. */
	all(0, 1, 14000);
	all(0, 0, 20000);
	all(0, 1, 21000);
	all(0, 1, 30999);
	assert_int_equal(g.tenants[0].health, H_UNHEALTHY);
	all(0, 1, 31000);
	assert_int_equal(g.tenants[0].health, H_HEALTHY);
	assert_true(wanted(0));
	assert_true(wanted(1));
}

static void
test_pending(void **state)
{
	(void)state;
	/* No verdict yet on one slot: neither passing nor failing. */
	all(0, 1, 2000);
	g.tenants[0].slots[2].result = -1;
	gate_evaluate(&g, &g.tenants[0], 50000);
	assert_int_equal(g.tenants[0].health, H_STARTING);
}

static void
test_drain(void **state)
{
	(void)state;
	all(0, 1, 2000);
	all(1, 1, 2000);
	all(0, 1, 12000);
	all(1, 1, 12000);
	assert_true(wanted(0));
	g.drained = 1;
	gate_apply(&g, 13000, NULL);
	assert_false(wanted(0));
	assert_false(wanted(1));
	all(0, 1, 14000);
	assert_false(wanted(0));
	g.drained = 0;
	gate_apply(&g, 15000, "undrained");
	assert_true(wanted(0));		/* no hold-down for an undrain */
	assert_true(wanted(1));
}

/* Tenant b's one zone answered over UDP with serial, at now. */
static void
answer(uint32_t serial, int rrsig, uint32_t expire, int64_t now)
{
	struct slot *s = &g.tenants[1].slots[0];

	s->probe.state = DP_DONE;
	s->probe.ok = 1;
	memset(&s->probe.ans, 0, sizeof(s->probe.ans));
	s->probe.ans.aa = 1;
	s->probe.ans.has_soa = 1;
	s->probe.ans.serial = serial;
	s->probe.ans.has_rrsig = rrsig;
	s->probe.ans.rrsig_expire = expire;
	gate_probe_done(&g, &g.tenants[1], s, now);
	assert_int_equal(s->probe.state, DP_IDLE);
}

static void
test_serial_rule(void **state)
{
	struct zone_state *z = &g.tenants[1].zones[0];
	struct slot *s = &g.tenants[1].slots[0];

	(void)state;
	z->known = 1;
	z->serial = 8;
	z->refresh = 60;
	answer(7, 0, 0, 10000);		/* behind: within refresh */
	assert_int_equal(s->result, 1);
	answer(7, 0, 0, 70000);
	assert_int_equal(s->result, 1);
	answer(7, 0, 0, 70001);		/* behind for more than 60 s */
	assert_int_equal(s->result, 0);
	assert_non_null(strstr(s->why, "serial 7 behind the primary's 8"));
	answer(8, 0, 0, 70002);
	assert_int_equal(s->result, 1);
	answer(7, 0, 0, 80000);		/* behind again: a fresh 60 s */
	assert_int_equal(s->result, 1);
	answer(9, 0, 0, 200000);	/* ahead of the primary: fine */
	assert_int_equal(s->result, 1);
}

static void
test_rrsig_rule(void **state)
{
	struct zone_state *z = &g.tenants[1].zones[0];
	struct slot *s = &g.tenants[1].slots[0];
	uint32_t now = (uint32_t)time(NULL);

	(void)state;
	answer(1, 1, now + 3600, 1000);
	assert_int_equal(s->result, 1);
	answer(1, 1, now - 10, 1000);
	assert_int_equal(s->result, 0);
	assert_non_null(strstr(s->why, "RRSIG over SOA expired at "));
	answer(1, 0, 0, 1000);		/* unsigned, the primary too */
	assert_int_equal(s->result, 1);
	z->known = 1;
	z->is_signed = 1;
	answer(1, 0, 0, 1000);
	assert_int_equal(s->result, 0);
	assert_non_null(strstr(s->why, "no RRSIG over SOA"));
}

/* dnssec: validate: withdrawn once the served signature is within the
 * margin; a warning per threshold crossed, again after a re-signing. */
static void
test_dnssec_margin(void **state)
{
	struct nc_tenant *tn = &g.nc->tenants[1];
	struct zone_state *z = &g.tenants[1].zones[0];
	struct slot *s = &g.tenants[1].slots[0];
	uint32_t now = (uint32_t)time(NULL);

	(void)state;
	answer(1, 1, now + 3000, 1000);	/* not validated: no margin */
	assert_int_equal(s->result, 1);
	tn->dnssec = NC_DNSSEC_VALIDATE;
	tn->dnssec_margin = 3600;
	tn->dnssec_warnings[0] = 86400;
	tn->dnssec_warnings[1] = 7200;
	tn->ndnssec_warnings = 2;
	answer(1, 1, now + 90000, 1000);
	assert_int_equal(s->result, 1);
	assert_int_equal(z->warned, 0);
	answer(1, 1, now + 80000, 1000);
	assert_int_equal(z->warned, 86400);
	answer(1, 1, now + 7000, 1000);
	assert_int_equal(s->result, 1);
	assert_int_equal(z->warned, 7200);
	answer(1, 1, now + 3500, 1000);
	assert_int_equal(s->result, 0);
	assert_non_null(strstr(s->why, "within the dnssec-margin (3600 s)"));
	answer(2, 1, now + 90000, 1000);	/* re-signed */
	assert_int_equal(s->result, 1);
	assert_int_equal(z->warned, 0);
}

/* ZONE_EXPIRY: the guard's earliest expiration, sooner than the SOA's,
 * withdraws within the margin; malformed payloads change nothing. */
static void
test_zone_expiry(void **state)
{
	static const char *const bad[] = {
		"", "b", "b c.test.", "b c.test. 20370101000000",
		"b c.test. 20370101000000 ", "b c.test. 2037010100000 x. A",
		"b c.test. 2037010100000x x. A", "b c.test. 20371301000000 x. A",
		"b c.test. 20370101000000\tx. A",
	};
	struct nc_tenant *tn = &g.nc->tenants[1];
	struct zone_state *z = &g.tenants[1].zones[0];
	struct slot *s = &g.tenants[1].slots[0];
	uint32_t now = (uint32_t)time(NULL);
	char text[128], at[16];
	time_t when;
	struct tm tm;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(gate_zone_expiry(&g, bad[i], strlen(bad[i])),
		    -1);
	assert_int_equal(z->earliest, 0);
	/* Another tenant's or an unknown zone: ignored. */
	assert_int_equal(gate_zone_expiry(&g, "a c.test. 20370101000000 x. A",
	    29), 0);
	assert_int_equal(z->earliest, 0);
	tn->dnssec = NC_DNSSEC_VALIDATE;
	tn->dnssec_margin = 3600;
	when = (time_t)now + 1800;
	gmtime_r(&when, &tm);
	strftime(at, sizeof(at), "%Y%m%d%H%M%S", &tm);
	snprintf(text, sizeof(text), "b c.test. %s www.c.test. A", at);
	assert_int_equal(gate_zone_expiry(&g, text, strlen(text)), 0);
	assert_int_equal(z->earliest, (int64_t)when);
	assert_string_equal(z->earliest_on, "www.c.test. A");
	answer(1, 1, now + 90000, 1000);	/* the SOA's is far off */
	assert_int_equal(s->result, 0);
	assert_non_null(strstr(s->why, "RRSIG over www.c.test. A expires at"));
	when = (time_t)now + 80000;
	gmtime_r(&when, &tm);
	strftime(at, sizeof(at), "%Y%m%d%H%M%S", &tm);
	snprintf(text, sizeof(text), "b c.test. %s c.test. SOA", at);
	assert_int_equal(gate_zone_expiry(&g, text, strlen(text)), 0);
	answer(2, 1, now + 90000, 1000);	/* a good version came */
	assert_int_equal(s->result, 1);
}

static void
test_answer_rules(void **state)
{
	struct slot *s = &g.tenants[1].slots[1];

	(void)state;
	s->probe.state = DP_DONE;
	s->probe.ok = 1;
	memset(&s->probe.ans, 0, sizeof(s->probe.ans));
	s->probe.ans.has_soa = 1;
	gate_probe_done(&g, &g.tenants[1], s, 1000);
	assert_string_equal(s->why, "192.0.2.2 tcp c.test.: not authoritative "
	    "(AA clear)");
	s->probe.state = DP_DONE;
	s->probe.ans.aa = 1;
	s->probe.ans.has_soa = 0;
	gate_probe_done(&g, &g.tenants[1], s, 1000);
	assert_string_equal(s->why, "192.0.2.2 tcp c.test.: no SOA in the "
	    "answer");
	s->probe.state = DP_DONE;
	s->probe.ok = 0;
	snprintf(s->probe.reason, sizeof(s->probe.reason), "REFUSED");
	gate_probe_done(&g, &g.tenants[1], s, 1000);
	assert_string_equal(s->why, "192.0.2.2 tcp c.test.: REFUSED");
}

/* Both tenants healthy at 12000 (hold-down 10 s). */
static void
both_healthy(void)
{
	all(0, 1, 2000);
	all(1, 1, 2000);
	all(0, 1, 12000);
	all(1, 1, 12000);
	assert_true(wanted(0));
}

/* Tenant b's slot j (0: udp, 1: tcp) got no answer at now. */
static void
no_answer(int j, const char *reason, int64_t now)
{
	struct slot *s = &g.tenants[1].slots[j];

	s->probe.state = DP_DONE;
	s->probe.ok = 0;
	snprintf(s->probe.reason, sizeof(s->probe.reason), "%s", reason);
	gate_probe_done(&g, &g.tenants[1], s, now);
}

/* TCP fails, UDP answers: withdrawn only once it lasted tcp-failure-hold. */
static void
test_tcp_hold(void **state)
{
	struct gtenant *b = &g.tenants[1];

	(void)state;
	g.tcp_hold_s = 5;
	both_healthy();
	no_answer(1, "timeout", 13000);
	assert_int_equal(b->slots[1].result, 0);
	assert_int_equal(b->health, H_HEALTHY);
	assert_true(wanted(0));
	assert_int_equal(b->tcp_held_since, 13000);
	no_answer(1, "Connection reset by peer", 15000);
	all(0, 1, 15000);
	b->slots[0].result = 1;
	gate_evaluate(&g, b, 17999);
	assert_int_equal(b->health, H_HEALTHY);
	assert_true(wanted(0));
	gate_evaluate(&g, b, 18000);		/* failing for 5 s */
	assert_int_equal(b->health, H_UNHEALTHY);
	assert_false(wanted(0));
	assert_string_equal(b->last_failure, "tcp failing for 5 s: 192.0.2.2 "
	    "tcp c.test.: Connection reset by peer");
	assert_int_equal(b->tcp_held_since, 0);
	/* TCP answers again: the hold-down as after any failure. */
	all(1, 1, 19000);
	all(1, 1, 28999);
	assert_int_equal(b->health, H_UNHEALTHY);
	all(1, 1, 29000);
	assert_int_equal(b->health, H_HEALTHY);
	assert_true(wanted(0));
}

/* A TCP failure held, then UDP fails too: withdrawn at once, UDP named. */
static void
test_tcp_hold_udp_fails(void **state)
{
	struct gtenant *b = &g.tenants[1];

	(void)state;
	g.tcp_hold_s = 5;
	both_healthy();
	no_answer(1, "timeout", 13000);
	assert_int_equal(b->health, H_HEALTHY);
	no_answer(0, "timeout", 13500);
	assert_int_equal(b->health, H_UNHEALTHY);
	assert_false(wanted(0));
	assert_string_equal(b->last_failure, "192.0.2.2 udp c.test.: timeout");
}

/* A wrong answer over TCP (expired signature) is never held. */
static void
test_tcp_content_not_held(void **state)
{
	struct gtenant *b = &g.tenants[1];
	struct slot *s = &b->slots[1];

	(void)state;
	g.tcp_hold_s = 5;
	both_healthy();
	s->probe.state = DP_DONE;
	s->probe.ok = 1;
	memset(&s->probe.ans, 0, sizeof(s->probe.ans));
	s->probe.ans.aa = 1;
	s->probe.ans.has_soa = 1;
	s->probe.ans.has_rrsig = 1;
	s->probe.ans.rrsig_expire = (uint32_t)time(NULL) - 10;
	gate_probe_done(&g, b, s, 13000);
	assert_int_equal(b->health, H_UNHEALTHY);
	assert_false(wanted(0));
	assert_non_null(strstr(b->last_failure, "tcp c.test.: RRSIG over SOA "
	    "expired at "));
}

/* tcp-failure-hold 0: a TCP failure withdraws at once, as before. */
static void
test_tcp_hold_zero(void **state)
{
	(void)state;
	g.tcp_hold_s = 0;
	both_healthy();
	no_answer(1, "timeout", 13000);
	assert_int_equal(g.tenants[1].health, H_UNHEALTHY);
	assert_false(wanted(0));
	assert_string_equal(g.tenants[1].last_failure,
	    "192.0.2.2 tcp c.test.: timeout");
}

/* outpost-node's TENANT_DOWN: unhealthy at once, every verdict anew. */
static void
test_tenant_down(void **state)
{
	struct gtenant *b = &g.tenants[1];

	(void)state;
	both_healthy();
	gate_tenant_down(&g, b, 13000);
	assert_int_equal(b->health, H_UNHEALTHY);
	assert_false(wanted(0));
	assert_true(wanted(1));			/* tenant a's own */
	assert_string_equal(b->last_failure,
	    "NSD ended (outpost-node saw it exit)");
	assert_int_equal(b->last_failure_at, 13000);
	assert_int_equal(b->slots[0].result, -1);
	assert_int_equal(b->slots[1].result, -1);
	gate_evaluate(&g, b, 13100);		/* no verdict yet: stays */
	assert_int_equal(b->health, H_UNHEALTHY);
	assert_int_equal(b->passing_since, 0);
	all(1, 1, 14000);			/* restarted, answering */
	all(1, 1, 23999);
	assert_false(wanted(0));
	all(1, 1, 24000);
	assert_true(wanted(0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hold_down, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_serial_rule, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_dnssec_margin, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_zone_expiry, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rrsig_rule, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_answer_rules, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tcp_hold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tcp_hold_udp_fails, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tcp_content_not_held,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_tcp_hold_zero, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tenant_down, setup,
		    teardown),
	};

	log_init("gate_health_test", NULL, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
