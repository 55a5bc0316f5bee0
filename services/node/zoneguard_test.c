/* zoneguard_test.c: unit tests of the reading of NSD's verifier lines: refusals with their serial and first complaint, acceptances, noise. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zoneguard.h"

static const struct zg_zone *
feed(struct zoneguard *zg, const char *const *lines)
{
	const struct zg_zone *z = NULL, *r;

	for (; *lines != NULL; lines++)
		if ((r = zoneguard_line(zg, *lines)) != NULL)
			z = r;
	return z;
}

static void
test_refused(void **state)
{
	static const char *const lines[] = {
		"nsd[1]: info: zone test. serial 0 is updated to 2026010100",
		"nsd[1]: info: xfrd: zone test. committed \"received update "
		    "to serial 2026010101 at 2026-12-02T04:55:03 from x\"",
		"nsd[2]: info: zone test. received update to serial "
		    "2026010101 at 2026-12-02T04:55:03 from 198.51.100.34@53",
		"nsd[2]: info: verify: started verifier for zone test. "
		    "(pid 14), timeout is 600 seconds",
		"nsd[2]: info: [www.test.] no valid signature for a record "
		    "(record type A)  ",
		"nsd[2]: info: ",
		"nsd[2]: info: Error summary:",
		"nsd[2]: info: [mail.test.] missing NSEC(3) record",
		"nsd[2]: info: earliest RRSIG expiry: 20261201000000 on "
		    "www.test. A",
		"nsd[2]: error: verify: verifier for zone test. (pid 14) "
		    "exited with 1",
		NULL,
	};
	struct zoneguard zg;
	const struct zg_zone *z;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int first;

	(void)state;
	zoneguard_init(&zg);
	z = feed(&zg, lines);
	assert_non_null(z);
	assert_string_equal(z->name, "test.");
	assert_true(z->has_refused && z->refused_known);
	assert_int_equal(z->refused, 2026010101);
	assert_int_equal(z->served, 2026010100);
	assert_string_equal(z->why, "[www.test.] no valid signature for a "
	    "record (record type A)");
	assert_string_equal(z->earliest, "");	/* refused: not served */
	f = open_memstream(&buf, &len);
	zoneguard_status(f, &zg, "tld");
	fclose(f);
	assert_non_null(strstr(buf, "test."));
	assert_non_null(strstr(buf, " tld "));
	assert_non_null(strstr(buf, " 2026010100 "));
	assert_non_null(strstr(buf, " 2026010101 "));
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	first = 1;
	zoneguard_status_json(f, &zg, "tld", &first);
	fclose(f);
	assert_string_equal(buf, "{\"zone\":\"test.\",\"tenant\":\"tld\","
	    "\"served\":2026010100,\"earliest_rrsig\":null,"
	    "\"earliest_rrsig_on\":null,\"refused\":2026010101,"
	    "\"refused_why\":\"[www.test.] no valid signature for a record "
	    "(record type A)\"}");
	assert_int_equal(first, 0);
	free(buf);
}

/* outpost-dscheck's complaint (after kzonecheck found nothing) is the reason. */
static void
test_trust_anchor(void **state)
{
	static const char *const lines[] = {
		"nsd[2]: info: zone test. received update to serial 5 at x",
		"nsd[2]: info: verify: started verifier for zone test. "
		    "(pid 20), timeout is 600 seconds",
		"nsd[2]: info: earliest RRSIG expiry: 20370101000000 on "
		    "test. SOA",
		"nsd[2]: info: trust anchor: no DNSKEY of test. matches DS "
		    "18461 13 2",
		"nsd[2]: error: verify: verifier for zone test. (pid 20) "
		    "exited with 1",
		NULL,
	};
	struct zoneguard zg;
	const struct zg_zone *z;

	(void)state;
	zoneguard_init(&zg);
	z = feed(&zg, lines);
	assert_non_null(z);
	assert_int_equal(z->refused, 5);
	assert_string_equal(z->why, "trust anchor: no DNSKEY of test. matches "
	    "DS 18461 13 2");
}

static void
test_accepted_and_timeout(void **state)
{
	static const char *const ok[] = {
		"nsd[2]: info: zone . received update to serial 7 at x",
		"nsd[2]: info: verify: started verifier for zone . (pid 5), "
		    "timeout is 600 seconds",
		"nsd[2]: info: earliest RRSIG expiry: 20370101000000 on "
		    ". SOA",
		"nsd[2]: info: verify: verifier for zone . (pid 5) exited "
		    "with 0",
		"nsd[1]: info: zone . serial 6 is updated to 7",
		NULL,
	};
	static const char *const slow[] = {
		"nsd[2]: info: zone . received update to serial 8 at x",
		"nsd[2]: info: verify: started verifier for zone . (pid 9), "
		    "timeout is 600 seconds",
		"nsd[2]: error: verify: verifier for zone . (pid 9) timed out",
		NULL,
	};
	struct zoneguard zg;
	const struct zg_zone *z;

	(void)state;
	zoneguard_init(&zg);
	assert_null(feed(&zg, ok));
	assert_int_equal(zg.nzones, 1);
	assert_false(zg.zones[0].has_refused);
	assert_int_equal(zg.zones[0].served, 7);
	assert_string_equal(zg.zones[0].earliest, "20370101000000");
	assert_string_equal(zg.zones[0].earliest_on, ". SOA");
	z = feed(&zg, slow);
	assert_non_null(z);
	assert_int_equal(z->refused, 8);
	assert_string_equal(z->why, "validator timed out");
	/* Still the served version's. */
	assert_string_equal(z->earliest, "20370101000000");
}

/* What a tenant's NSD could print to mislead: ignored or bounded. */
static void
test_noise(void **state)
{
	static const char *const lines[] = {
		"", "nsd[", "nsd[1]", "nsd[1]: ", "nsd[1]: info:",
		"nsd[1]: INFO: zone x. received update to serial 1 at",
		"nsd[1]: info: zone x. received update to serial 99999999999 at",
		"nsd[1]: info: zone x. received update to serial -1 at",
		"nsd[1]: info: zone  received update to serial 1 at",
		"nsd[1]: info: zone x. serial 1 is updated to",
		"nsd[1]: info: verify: verifier for zone x. exited with 1",
		"nsd[1]: info: verify: started verifier for zone ",
		"nsd[1]: info: [not verifying] complaint",
		"nsd[1]: info: earliest RRSIG expiry: 20370101000000 on x. A",
		"nsd[1]: info: verify: started verifier for zone y. (pid 3)",
		"nsd[1]: info: earliest RRSIG expiry: 2037010100000 on y. A",
		"nsd[1]: info: earliest RRSIG expiry: 20370101000000 on ",
		"nsd[1]: info: earliest RRSIG expiry: 2037010100000x on y. A",
		"nsd[1]: info: verify: verifier for zone y. (pid 3) exited "
		    "with 0",
		"junk nsd[1]: info: verify: verifier for zone x. (pid 1) "
		    "exited with 1",
		NULL,
	};
	struct zoneguard zg;
	char line[1200];

	(void)state;
	zoneguard_init(&zg);
	assert_null(feed(&zg, lines));
	for (int i = 0; i < zg.nzones; i++) {
		assert_false(zg.zones[i].has_received);
		assert_string_equal(zg.zones[i].earliest, "");
	}
	/* A name longer than a zone name: ignored. */
	memset(line, 'a', sizeof(line));
	memcpy(line, "nsd[1]: info: verify: started verifier for zone ", 49);
	line[sizeof(line) - 1] = '\0';
	assert_null(zoneguard_line(&zg, line));
	assert_int_equal(zg.cur, -1);
	/* More zones than a tenant has: the rest are ignored. */
	for (int i = 0; i < NC_MAX_ZONES + 5; i++) {
		snprintf(line, sizeof(line), "nsd[2]: info: zone z%d. received "
		    "update to serial 1 at x", i);
		zoneguard_line(&zg, line);
	}
	assert_int_equal(zg.nzones, NC_MAX_ZONES);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_trust_anchor),
		cmocka_unit_test(test_accepted_and_timeout),
		cmocka_unit_test(test_noise),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
