/* statusreport_test.c: status report golden tests (testdata/status/NN.in against NN.ok: members, section counts, flags, errors) and the flag rules. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "golden.h"
#include "statusreport.h"

#define DATADIR	"provisioning/controller/testdata/status"

static const char *
or_none(const char *s)
{
	return s != NULL ? s : "(absent)";
}

/* What a report yields: its members and counts, its flags as published 7
 * and received 10 s ago; or its error. */
static int
outcome(FILE *f, const char *name, const char *buf, size_t len)
{
	struct status_node n = { 1, 0, 7, 1, 10 };
	struct status_report r;
	char err[256], flags[64];

	(void)name;
	if (status_report_parse(buf, len, &r, err, sizeof(err)) < 0) {
		fprintf(f, "error: %s\n", err);
		return 0;
	}
	fprintf(f, "node: %s\nstate: %s\nlast failure: %s\nversion: %s\n"
	    "serials: applied %llu failed %llu\n", or_none(r.node),
	    or_none(r.state), or_none(r.last_failure), or_none(r.version),
	    (unsigned long long)r.serial_applied,
	    (unsigned long long)r.serial_failed);
	fprintf(f, "tenants healthy %d/%d, prefixes announced %d/%d, "
	    "bgp established %d/%d, zones in-sync %d/%d behind %d\n",
	    r.health.good, r.health.total, r.prefixes.good, r.prefixes.total,
	    r.bgp.good, r.bgp.total, r.zones.good, r.zones.total,
	    r.zones_behind);
	fprintf(f, "flags: %s\n", status_flags_text(status_flags(&n, &r),
	    flags, sizeof(flags)));
	status_report_free(&r);
	return 0;
}

static void
test_golden(void **state)
{
	(void)state;
	assert_true(golden_run(DATADIR, outcome) >= 6);
}

static int
flags(int enrolled, int removed, uint64_t published, int has, int64_t age,
    const char *json)
{
	struct status_node n = { enrolled, removed, published, has, age };
	struct status_report r;
	char err[256];
	int f;

	if (json == NULL)
		return status_flags(&n, NULL);
	assert_int_equal(status_report_parse(json, strlen(json), &r, err,
	    sizeof(err)), 0);
	f = status_flags(&n, &r);
	status_report_free(&r);
	return f;
}

static void
test_flags(void **state)
{
	const char *ok = "{\"serial_applied\":5,\"serial_failed\":0,"
	    "\"state\":\"ok\",\"last_failure\":\"\",\"tenants\":\"\"}";
	const char *refused = "{\"serial_applied\":5,\"serial_failed\":0,"
	    "\"state\":\"bundle 6 refused: x\",\"last_failure\":"
	    "\"bundle 6 refused: x\"}";
	const char *recovered = "{\"serial_applied\":6,\"serial_failed\":0,"
	    "\"state\":\"ok\",\"last_failure\":\"bundle 6 refused: x\"}";
	char buf[64];

	(void)state;
	assert_int_equal(flags(1, 0, 5, 1, 10, ok), 0);
	/* 180 s is 3 periods: stale only after. */
	assert_int_equal(flags(1, 0, 5, 1, 180, ok), 0);
	assert_int_equal(flags(1, 0, 5, 1, 181, ok), STATUS_F_STALE);
	assert_int_equal(flags(1, 0, 5, 0, 0, NULL), STATUS_F_STALE);
	assert_int_equal(flags(1, 0, 6, 1, 10, ok), STATUS_F_LAGGING);
	assert_int_equal(flags(1, 0, 5, 1, 10, refused), STATUS_F_FAILED);
	assert_int_equal(flags(1, 0, 6, 1, 10, recovered), 0);
	assert_int_equal(flags(1, 1, 5, 1, 10, ok), STATUS_F_REMOVED);
	assert_int_equal(flags(0, 0, 5, 0, 0, NULL), STATUS_F_NOT_ENROLLED);
	assert_int_equal(STATUS_F_ATTENTION & (STATUS_F_REMOVED |
	    STATUS_F_NOT_ENROLLED), 0);
	assert_string_equal(status_flags_text(0, buf, sizeof(buf)), "-");
	assert_string_equal(status_flags_text(STATUS_F_STALE |
	    STATUS_F_WITHDRAWN, buf, sizeof(buf)), "stale,withdrawn");
	assert_string_equal(status_flags_text(0x3f, buf, 8), "stale,l");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_flags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
