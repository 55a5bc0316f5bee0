/* gate_status_test.c: unit tests of the gate's status text: the ZONE section (served serial against the primary's: in-sync, behind, unknown). */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gate.h"

static const char conf[] =
    "node:\n identity: n\n uplink: eth0\n uplink-address: 198.51.100.2/24\n"
    "bgp:\n asn: 64500\n"
    "neighbor:\n address: 198.51.100.1\n asn: 64496\n"
    "tenant:\n name: a\n prefix: 192.0.2.0/24\n"
    " address: 192.0.2.1\n address: 192.0.2.3\n zone: a.test\n zone: b.test\n"
    " primary: 198.51.100.34\n tsig-name: k\n"
    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n";

static struct gate g;

/* The status text's clock is outpost-gate's (gate.c); a fixed one here. */
const char *
gate_wallclock(int64_t mono, char buf[32])
{
	(void)mono;
	snprintf(buf, 32, "2026-01-01T00:00:00Z");
	return buf;
}

static int
setup(void **state)
{
	(void)state;
	memset(&g, 0, sizeof(g));
	g.nc = nodeconf_load_buf("t", conf, sizeof(conf) - 1, stderr);
	assert_non_null(g.nc);
	g.started = 1000;
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

/* Every slot of zone z serves serial (0: no answer yet). */
static void
serve(int z, uint32_t serial)
{
	struct gtenant *t = &g.tenants[0];
	int i;

	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].zone == z) {
			t->slots[i].served_known = serial != 0;
			t->slots[i].served = serial;
		}
}

static void
primary(int z, uint32_t serial)
{
	g.tenants[0].zones[z].known = 1;
	g.tenants[0].zones[z].serial = serial;
}

/* The ZONE section's line of zone, its blanks squeezed to one. */
static char *
zone_line(const char *zone, char *out, size_t len)
{
	char *text, *l, *o = out;
	size_t n;

	text = gate_status(&g, 5000, &n);
	assert_non_null(text);
	assert_non_null(l = strstr(text, "\nZONE "));
	assert_non_null(strstr(l, " TENANT "));
	assert_non_null(l = strstr(l, zone));
	for (; *l != '\n' && *l != '\0' && o < out + len - 1; l++)
		if (*l != ' ' || o == out || o[-1] != ' ')
			*o++ = *l;
	*o = '\0';
	free(text);
	return out;
}

static void
test_unknown(void **state)
{
	char l[128];

	(void)state;
	assert_string_equal(zone_line("a.test", l, sizeof(l)),
	    "a.test. a - - unknown");
	serve(0, 7);
	assert_string_equal(zone_line("a.test", l, sizeof(l)),
	    "a.test. a 7 - unknown");
	serve(0, 0);
	primary(0, 7);
	assert_string_equal(zone_line("a.test", l, sizeof(l)),
	    "a.test. a - 7 unknown");
}

static void
test_in_sync_and_behind(void **state)
{
	char l[128];

	(void)state;
	serve(0, 2026010101);
	primary(0, 2026010101);
	serve(1, 5);
	primary(1, 6);
	assert_string_equal(zone_line("a.test", l, sizeof(l)),
	    "a.test. a 2026010101 2026010101 in-sync");
	assert_string_equal(zone_line("b.test", l, sizeof(l)),
	    "b.test. a 5 6 behind");
	/* A serial ahead of the primary's (it went back) is not behind. */
	serve(1, 7);
	assert_string_equal(zone_line("b.test", l, sizeof(l)),
	    "b.test. a 7 6 in-sync");
}

/* One address lagging is enough: the lowest serial served is shown. */
static void
test_lowest_served(void **state)
{
	struct gtenant *t = &g.tenants[0];
	char l[128];

	(void)state;
	serve(0, 10);
	primary(0, 10);
	assert_int_equal(t->slots[t->nslots - 1].zone, 1);
	t->slots[0].served = 9;
	assert_string_equal(zone_line("a.test", l, sizeof(l)),
	    "a.test. a 9 10 behind");
	/* RFC 1982: 4294967295 comes before 3. */
	serve(0, 3);
	primary(0, 3);
	t->slots[1].served = 4294967295u;
	assert_string_equal(zone_line("a.test", l, sizeof(l)),
	    "a.test. a 4294967295 3 behind");
}

/* The JSON form: the same zones, serials as numbers, unknown as null. */
static void
test_json(void **state)
{
	char *text;
	size_t n;

	(void)state;
	serve(0, 2026010101);
	primary(0, 2026010102);
	primary(1, 6);
	text = gate_status_json(&g, 5000, &n);
	assert_non_null(text);
	assert_int_equal(strlen(text), n);
	assert_int_equal(text[0], '{');
	assert_int_equal(text[n - 1], '}');
	assert_non_null(strstr(text, "\"zones\":[{\"zone\":\"a.test.\","
	    "\"tenant\":\"a\",\"serial\":2026010101,\"primary\":2026010102,"
	    "\"state\":\"behind\"},{\"zone\":\"b.test.\",\"tenant\":\"a\","
	    "\"serial\":null,\"primary\":6,\"state\":\"unknown\"}]}"));
	assert_non_null(strstr(text, "\"drained\":false,"));
	assert_non_null(strstr(text, "\"tenants\":[{\"name\":\"a\","));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_sync_and_behind,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_lowest_served, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
