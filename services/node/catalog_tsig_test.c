/* catalog_tsig_test.c: unit tests of the catalog worker's TSIG: a signed AXFR request against a MAC computed apart (Python's hmac over RFC 8945's layout), and keys refused. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "catalog_worker.h"

#define SECRET	"9UcjCz/dbaj2RHUvWMWXifKiQPjG0ZY6DTFBdXmUWdM="
#define NOW	1700000000u

/* hmac-sha256 of the request below and its TSIG variables. */
static const uint8_t want_mac[32] = {
	0x18, 0xfe, 0x36, 0x95, 0x00, 0x9d, 0xf3, 0xcb, 0xf8, 0xa5, 0x66, 0x5b,
	0xc1, 0x22, 0x3f, 0x41, 0xd8, 0xa2, 0xd5, 0x16, 0xc6, 0x18, 0xdc, 0xb1,
	0xf7, 0xde, 0x25, 0x70, 0x90, 0x79, 0x05, 0x13,
};

static void
test_sign(void **state)
{
	static const uint8_t keyname[] = "\7cat-xfr";
	static const uint8_t alg[] = "\13hmac-sha256";
	uint8_t q[CATW_QUERY_MAX], qname[DNS_NAME_WIRE_MAX], *p;
	struct catw_key k;
	size_t n, len;
	int qlen;

	(void)state;
	catw_tsig_init();
	assert_int_equal(catw_key_set(&k, "Cat-Xfr.", "hmac-sha256", SECRET),
	    0);
	qlen = dns_name_wire("catalog.test.", qname);
	n = dns_query_msg(q, 0x1234, qname, (size_t)qlen, 252, 0);
	assert_int_equal(n, 30);
	len = catw_tsig_sign(&k, q, n, sizeof(q), NOW);
	assert_int_equal(len, n + 9 + 10 + 13 + 6 + 2 + 2 + 32 + 6);
	assert_int_equal(q[10] << 8 | q[11], 1);	/* ARCOUNT */
	p = q + n;
	assert_memory_equal(p, keyname, 9);		/* owner, lower case */
	p += 9;
	assert_int_equal(p[0] << 8 | p[1], 250);	/* TSIG */
	assert_int_equal(p[2] << 8 | p[3], 255);	/* ANY */
	assert_int_equal(p[8] << 8 | p[9], len - n - 19);
	p += 10;
	assert_memory_equal(p, alg, 13);
	p += 13;
	assert_int_equal(p[2] << 24 | p[3] << 16 | p[4] << 8 | p[5], NOW);
	assert_int_equal(p[6] << 8 | p[7], 300);	/* fudge */
	assert_int_equal(p[8] << 8 | p[9], 32);
	assert_memory_equal(p + 10, want_mac, 32);
	p += 42;
	assert_int_equal(p[0] << 8 | p[1], 0x1234);	/* original id */
	assert_int_equal(p[2] | p[3] | p[4] | p[5], 0);
	/* No room: nothing appended. */
	assert_int_equal(catw_tsig_sign(&k, q, n, n + 40, NOW), 0);
}

static void
test_bad_keys(void **state)
{
	struct catw_key k;

	(void)state;
	assert_int_equal(catw_key_set(&k, "k.", "hmac-md5", SECRET), -1);
	assert_int_equal(catw_key_set(&k, "k.", "hmac-sha256", "abc"), -1);
	assert_int_equal(catw_key_set(&k, "k.", "hmac-sha256", "===="), -1);
	assert_int_equal(catw_key_set(&k, "k.", "hmac-sha512", SECRET), 0);
	assert_int_equal(k.secretlen, 32);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sign),
		cmocka_unit_test(test_bad_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
