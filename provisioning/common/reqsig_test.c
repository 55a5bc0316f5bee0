/* reqsig_test.c: signed requests: a good one, the wrong key, a stale ts, an altered body or path, bad headers. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "reqsig.h"

#define NOW	1800000000LL
#define BODY	"{\"state\":\"serving\"}"
#define PATH	"/v1/status/n1"

static uint8_t pk[32], sk[64], opk[32], osk[64];

static int
setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(opk, osk);
	return 0;
}

/* Signs a POST of BODY to PATH at ts, parses the header back into rs. */
static void
signed_at(int64_t ts, struct reqsig *rs)
{
	char hdr[REQSIG_HDR_MAX], err[256];

	assert_int_equal(reqsig_make("n1", "POST", PATH, ts, BODY,
	    strlen(BODY), sk, hdr, sizeof(hdr)), 0);
	assert_memory_equal(hdr, "Outpost node=n1, ts=", 20);
	if (reqsig_parse(hdr, rs, err, sizeof(err)) != 0)
		fail_msg("%s: %s", hdr, err);
	assert_string_equal(rs->node, "n1");
	assert_int_equal(rs->ts, ts);
}

static void
check_fails(const struct reqsig *rs, const char *method, const char *path,
    const char *body, const uint8_t *key, const char *want)
{
	char err[256];

	err[0] = '\0';
	assert_int_equal(reqsig_check(rs, method, path, body, strlen(body),
	    key, NOW, err, sizeof(err)), -1);
	if (strstr(err, want) == NULL)
		fail_msg("error \"%s\", want \"%s\"", err, want);
}

static void
test_good(void **state)
{
	struct reqsig rs;
	char err[256];

	(void)state;
	signed_at(NOW, &rs);
	assert_int_equal(reqsig_check(&rs, "POST", PATH, BODY, strlen(BODY),
	    pk, NOW, err, sizeof(err)), 0);
	/* Within the skew, either side. */
	signed_at(NOW - REQSIG_SKEW, &rs);
	assert_int_equal(reqsig_check(&rs, "POST", PATH, BODY, strlen(BODY),
	    pk, NOW, err, sizeof(err)), 0);
	signed_at(NOW + REQSIG_SKEW, &rs);
	assert_int_equal(reqsig_check(&rs, "POST", PATH, BODY, strlen(BODY),
	    pk, NOW, err, sizeof(err)), 0);
}

static void
test_empty_body(void **state)
{
	struct reqsig rs;
	char hdr[REQSIG_HDR_MAX], err[256];

	(void)state;
	assert_int_equal(reqsig_make("n1", "GET", "/v1/bundle/n1", NOW, NULL,
	    0, sk, hdr, sizeof(hdr)), 0);
	assert_int_equal(reqsig_parse(hdr, &rs, err, sizeof(err)), 0);
	assert_int_equal(reqsig_check(&rs, "GET", "/v1/bundle/n1", NULL, 0,
	    pk, NOW, err, sizeof(err)), 0);
	check_fails(&rs, "GET", "/v1/bundle/n2", "", pk, "does not verify");
}

static void
test_wrong_key(void **state)
{
	struct reqsig rs;

	(void)state;
	signed_at(NOW, &rs);
	check_fails(&rs, "POST", PATH, BODY, opk,
	    "signature of node n1 does not verify with its key");
}

static void
test_stale(void **state)
{
	struct reqsig rs;

	(void)state;
	signed_at(NOW - REQSIG_SKEW - 1, &rs);
	check_fails(&rs, "POST", PATH, BODY, pk, "request of node n1 is stale");
	signed_at(NOW + REQSIG_SKEW + 1, &rs);
	check_fails(&rs, "POST", PATH, BODY, pk, "is stale");
}

static void
test_altered(void **state)
{
	struct reqsig rs;

	(void)state;
	signed_at(NOW, &rs);
	check_fails(&rs, "POST", PATH, "{\"state\":\"serving \"}", pk,
	    "does not verify");
	check_fails(&rs, "POST", "/v1/status/n2", BODY, pk, "does not verify");
	check_fails(&rs, "PUT", PATH, BODY, pk, "does not verify");
	/* The ts is signed: moving it breaks the signature. */
	rs.ts++;
	check_fails(&rs, "POST", PATH, BODY, pk, "does not verify");
	rs.ts--;
	rs.sig[5] ^= 0x10;
	check_fails(&rs, "POST", PATH, BODY, pk, "does not verify");
}

static void
bad_header(const char *hdr, const char *want)
{
	struct reqsig rs;
	char err[256];

	err[0] = '\0';
	assert_int_equal(reqsig_parse(hdr, &rs, err, sizeof(err)), -1);
	if (strstr(err, want) == NULL)
		fail_msg("\"%s\": error \"%s\", want \"%s\"", hdr ? hdr : "NULL",
		    err, want);
}

static void
test_bad_headers(void **state)
{
	char sig[200];

	(void)state;
	snprintf(sig, sizeof(sig), "sig=%088d", 0);
	sig[strlen(sig) - 1] = '=';
	sig[strlen(sig) - 2] = '=';
	bad_header(NULL, "request is not signed");
	bad_header("Bearer abc", "not of the \"Outpost\" scheme");
	bad_header("Outpost node=n1, ts=5", "sig missing");
	bad_header("Outpost node=n1, sig=AAAA", "sig is not base64 of 64");
	bad_header("Outpost node=../x, ts=5", "node=../x is not a node name");
	bad_header("Outpost node=n1, ts=-5", "ts=-5 is not a time");
	bad_header("Outpost node=n1, ts=5x", "ts=5x is not a time");
	bad_header("Outpost node=n1, node=n2", "node given twice");
	bad_header("Outpost node=n1, who=me", "unknown parameter who");
	bad_header("Outpost node=n1, ts", "\"ts\" is not key=value");
}

/* Signed from the body's hash (the agent's parent): the same header, checked as any. */
static void
test_hashed(void **state)
{
	uint8_t h[REQSIG_HASH_LEN];
	char a[REQSIG_HDR_MAX], b[REQSIG_HDR_MAX], err[256];
	struct reqsig rs;

	(void)state;
	crypto_hash_sha256(h, (const uint8_t *)BODY, strlen(BODY));
	assert_int_equal(reqsig_make("n1", "POST", PATH, NOW, BODY,
	    strlen(BODY), sk, a, sizeof(a)), 0);
	assert_int_equal(reqsig_make_hashed("n1", "POST", PATH, NOW, h, sk, b,
	    sizeof(b)), 0);
	assert_string_equal(a, b);
	assert_int_equal(reqsig_parse(b, &rs, err, sizeof(err)), 0);
	assert_int_equal(reqsig_check(&rs, "POST", PATH, BODY, strlen(BODY),
	    pk, NOW, err, sizeof(err)), 0);
	assert_int_equal(reqsig_make_hashed("bad/name", "POST", PATH, NOW, h,
	    sk, b, sizeof(b)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_empty_body),
		cmocka_unit_test(test_wrong_key),
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_altered),
		cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_hashed),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
