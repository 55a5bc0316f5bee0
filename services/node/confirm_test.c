/* confirm_test.c: mark good's decisions: health read from the gate's status text, a trial to confirm or not, an update that failed. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "confirm.h"

static const char conf[] =
    "node:\n\tidentity: n1\n\tuplink: eth0\n"
    "\tuplink-address: 192.0.2.10/24\n\tuplink-address: 198.51.100.10/24\n"
    "bgp:\n\tasn: 64512\n"
    "neighbor:\n\taddress: 192.0.2.1\n\tasn: 64500\n"
    "neighbor:\n\taddress: 198.51.100.1\n\tasn: 64501\n"
    "tenant:\n\tname: root\n\tprefix: 203.0.113.0/24\n"
    "\taddress: 203.0.113.53\n\tzone: example.\n"
    "\tprimary: 198.51.100.34\n\ttsig-name: x\n"
    "\ttsig-secret: \"W7/Hl8Wc3zWFKrcMcu/IVWT824tPyc+DfnYG1cX6CF8=\"\n"
    "tenant:\n\tname: tld\n\tprefix: 2001:db8:53::/48\n"
    "\taddress: 2001:db8:53::53\n\tzone: test.\n"
    "\tprimary: 198.51.100.34\n\ttsig-name: x\n"
    "\ttsig-secret: \"W7/Hl8Wc3zWFKrcMcu/IVWT824tPyc+DfnYG1cX6CF8=\"\n";

/* As gate_status.c prints it. */
static const char healthy[] =
    "gate: up since 2026-12-01T10:00:00Z; probes every 200 ms; not drained\n"
    "bird: connected since 2026-12-01T10:00:01Z\n"
    "\n"
    "TENANT               HEALTH     SINCE                 LAST FAILURE\n"
    "root                 healthy    2026-12-01T10:00:02Z  -\n"
    "tld                  healthy    2026-12-01T10:00:02Z  -\n"
    "\n"
    "PREFIX               STATE       SINCE                 TENANTS\n"
    "203.0.113.0/24       announced   2026-12-01T10:00:02Z  root\n"
    "\n"
    "NEIGHBOR             ASN        BGP         SINCE                 DETAIL\n"
    "192.0.2.1            64500      Established 2026-12-01T10:00:03Z  -\n"
    "198.51.100.1         64501      Established 2026-12-01T10:00:03Z  -\n";

static char *
replace(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	char *out;

	assert_non_null(p);
	assert_non_null(out = malloc(strlen(text) + strlen(to) + 1));
	sprintf(out, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
	return out;
}

static void
test_health(void **state)
{
	struct nodeconf *nc;
	char why[512], *t;

	(void)state;
	nc = nodeconf_load_buf("t.conf", conf, strlen(conf), stderr);
	assert_non_null(nc);
	assert_int_equal(confirm_health(nc, healthy, strlen(healthy), why,
	    sizeof(why)), 1);
	t = replace(healthy, "root                 healthy",
	    "root                 hold-down");
	assert_int_equal(confirm_health(nc, t, strlen(t), why, sizeof(why)), 0);
	assert_string_equal(why, "tenant root: hold-down");
	free(t);
	t = replace(healthy, "root                 healthy    "
	    "2026-12-01T10:00:02Z  -", "root                 unhealthy  "
	    "2026-12-01T10:00:02Z  2026-12-01T10:00:09Z udp .: timeout");
	assert_int_equal(confirm_health(nc, t, strlen(t), why, sizeof(why)), 0);
	assert_string_equal(why, "tenant root: unhealthy (last failure: "
	    "udp .: timeout)");
	free(t);
	t = replace(healthy, "64501      Established", "64501      Active");
	assert_int_equal(confirm_health(nc, t, strlen(t), why, sizeof(why)), 0);
	assert_string_equal(why, "neighbor 198.51.100.1: BGP Active");
	free(t);
	t = replace(healthy, "tld                  healthy    "
	    "2026-12-01T10:00:02Z  -\n", "");
	assert_int_equal(confirm_health(nc, t, strlen(t), why, sizeof(why)), 0);
	assert_string_equal(why, "tenant tld: not in the gate's status");
	free(t);
	assert_int_equal(confirm_health(nc, "error: the health gate went "
	    "away\n", 34, why, sizeof(why)), 0);
	assert_string_equal(why, "the gate: error: the health gate went away");
	nodeconf_free(nc);
}

static void
entry(struct bootentry *e, const char *name, const char *version)
{
	assert_int_equal(bootentry_parse_name(name, e), 0);
	snprintf(e->version, sizeof(e->version), "%s", version);
}

static void
test_plan(void **state)
{
	struct bootentry v[3];
	char buf[64];

	(void)state;
	/* A new slot b on trial, the good a to fall back to. */
	entry(&v[0], "outpost-b+2-1.conf", "0.11");
	entry(&v[1], "outpost-a.conf", "0.10");
	assert_int_equal(confirm_plan(v, 2, 'b', "outpost-b+2-1.conf"),
	    CONFIRM_WAIT);
	assert_int_equal(confirm_plan(v, 2, 'b', ""), CONFIRM_NONE);
	/* Marked good already (the variable still names the old name). */
	entry(&v[0], "outpost-b.conf", "0.11");
	assert_int_equal(confirm_plan(v, 2, 'b', "outpost-b+2-1.conf"),
	    CONFIRM_NONE);
	/* A fresh image: only slot a, on trial: nothing to fall back to. */
	entry(&v[0], "outpost-a+2-1.conf", "0.10");
	assert_int_equal(confirm_plan(v, 1, 'a', "outpost-a+2-1.conf"),
	    CONFIRM_NOW);
	/* The other slot's entry failed (0 tries): no fallback either. */
	entry(&v[1], "outpost-b+0-3.conf", "0.9");
	assert_int_equal(confirm_plan(v, 2, 'a', "outpost-a+2-1.conf"),
	    CONFIRM_NOW);
	/* The variable names the other slot's entry: not ours. */
	assert_int_equal(confirm_plan(v, 2, 'b', "outpost-a+2-1.conf"),
	    CONFIRM_NONE);
	/* Back on a after b failed three times. */
	entry(&v[0], "outpost-a.conf", "0.10");
	entry(&v[1], "outpost-b+0-3.conf", "0.11");
	confirm_failed(v, 2, 'a', "0.10", buf, sizeof(buf));
	assert_string_equal(buf, "0.11");
	entry(&v[1], "outpost-b+0-3.conf", "0.9");
	confirm_failed(v, 2, 'a', "0.10", buf, sizeof(buf));
	assert_string_equal(buf, "");
	entry(&v[1], "outpost-b+1-2.conf", "0.11");
	confirm_failed(v, 2, 'a', "0.10", buf, sizeof(buf));
	assert_string_equal(buf, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_health),
		cmocka_unit_test(test_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
