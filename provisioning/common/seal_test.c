/* seal_test.c: node.conf secrets sealed to a node key and opened again; unsealed, foreign and damaged values refused; parser messages withheld of secrets. */
/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "seal.h"

static uint8_t pk[32], sk[64], pk2[32], sk2[64];

/* Quoted, bare, with a comment after it, with CRLF; a password with a
 * blank and a '#'; keys elsewhere left alone. */
static const char conf[] =
    "# tsig-secret: not a key, a comment\n"
    "tenant:\n"
    "\tname: a\n"
    "\ttsig-secret: \"5n+FDOeUV4/2j0ySmS0Nyi7vXN8LpQxuoq73yl5/I0c=\"\n"
    "tenant:\n"
    "  tsig-secret:W7/Hl8Wc3zWFKrcMcu/IVWT824tPyc+DfnYG1cX6CF8= # old\n"
    "neighbor:\n"
    "\tpassword: \"a b#c\"\r\n"
    "\tidentity: tsig-secret\n";
static const char opened[] =
    "# tsig-secret: not a key, a comment\n"
    "tenant:\n"
    "\tname: a\n"
    "\ttsig-secret: \"5n+FDOeUV4/2j0ySmS0Nyi7vXN8LpQxuoq73yl5/I0c=\"\n"
    "tenant:\n"
    "  tsig-secret:\"W7/Hl8Wc3zWFKrcMcu/IVWT824tPyc+DfnYG1cX6CF8=\" # old\n"
    "neighbor:\n"
    "\tpassword: \"a b#c\"\r\n"
    "\tidentity: tsig-secret\n";

static int
setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(pk2, sk2);
	return 0;
}

static char *
sealed_conf(const char *text, const uint8_t *key)
{
	char *out, err[256];
	size_t len;

	assert_int_equal(seal_conf(text, strlen(text), key, &out, &len, err,
	    sizeof(err)), 0);
	assert_int_equal(strlen(out), len);
	return out;
}

static void
expect_open_fails(const char *text, const uint8_t *key, const char *why)
{
	char *out = NULL, err[256];
	size_t len;

	assert_int_equal(seal_open_conf(text, strlen(text), key, &out, &len,
	    err, sizeof(err)), -1);
	assert_null(out);
	if (strstr(err, why) == NULL)
		fail_msg("'%s' does not say '%s'", err, why);
}

static int
count(const char *s, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)) != NULL; s++)
		n++;
	return n;
}

static void
test_round_trip(void **state)
{
	char *s, *o, err[256];
	size_t len;

	(void)state;
	s = sealed_conf(conf, pk);
	assert_int_equal(count(s, SEAL_PREFIX), 3);
	assert_null(strstr(s, "5n+FDOeU"));
	assert_null(strstr(s, "W7/Hl8W"));
	assert_null(strstr(s, "a b#c"));
	/* what is no secret stays octet for octet */
	assert_non_null(strstr(s, "\tidentity: tsig-secret\n"));
	assert_non_null(strstr(s, " # old\nneighbor:\n\tpassword: sealed:"));
	assert_int_equal(seal_open_conf(s, strlen(s), sk, &o, &len, err,
	    sizeof(err)), 0);
	assert_string_equal(o, opened);
	assert_int_equal(len, strlen(opened));
	free(o);
	/* two seals of one text differ (an ephemeral key each) */
	o = sealed_conf(conf, pk);
	assert_string_not_equal(o, s);
	free(o);
	free(s);
}

/* Escapes as lib/cfg.c reads them: \" and \\ only; other backslashes stay. */
static void
test_escapes(void **state)
{
	static const char text[] = "password: \"x\\\\y\\\"z\\n\"\n";
	static const char want[] = "password: \"x\\\\y\\\"z\\\\n\"\n";
	char *s, *o, err[256];
	size_t len;

	(void)state;
	s = sealed_conf(text, pk);
	assert_int_equal(seal_open_conf(s, strlen(s), sk, &o, &len, err,
	    sizeof(err)), 0);
	assert_string_equal(o, want);
	free(o);
	free(s);
}

static void
test_no_secrets(void **state)
{
	static const char text[] = "node:\n\tidentity: x\n";
	char *s;

	(void)state;
	s = sealed_conf(text, pk);
	assert_string_equal(s, text);
	free(s);
	s = sealed_conf("", pk);
	assert_string_equal(s, "");
	free(s);
}

static void
test_other_key(void **state)
{
	char *s;

	(void)state;
	s = sealed_conf(conf, pk2);
	expect_open_fails(s, sk, "node.conf:4: tsig-secret: sealed value "
	    "does not open with this node's key");
	free(s);
}

static void
test_not_sealed(void **state)
{
	char *s, *p;

	(void)state;
	expect_open_fails(conf, sk, "node.conf:4: tsig-secret: secret not "
	    "sealed");
	/* one secret left as it was among sealed ones */
	s = sealed_conf("neighbor:\n\tpassword: x\n\tpassword: y\n", pk);
	p = strstr(s, "\tpassword: sealed:");
	memcpy(p, "\tpassword: \"y\"\n", 15);
	memmove(p + 15, strchr(p, '\n') + 1, strlen(strchr(p, '\n')));
	expect_open_fails(s, sk, "node.conf:2: password: secret not sealed");
	free(s);
}

static void
test_damaged(void **state)
{
	char *s, *p;

	(void)state;
	s = sealed_conf("tenant:\n\ttsig-secret: abc\n", pk);
	p = strstr(s, SEAL_PREFIX) + strlen(SEAL_PREFIX) + 10;
	*p = *p == 'A' ? 'B' : 'A';
	expect_open_fails(s, sk, "does not open with this node's key");
	*p = '!';
	expect_open_fails(s, sk, "node.conf:2: tsig-secret: sealed value is "
	    "not base64");
	free(s);
	expect_open_fails("tsig-secret: sealed:AAAA\n", sk, "too short");
	expect_open_fails("tsig-secret: sealed:\n", sk, "too short");
	expect_open_fails("password: \"sealed:AAAA\n", sk, "node.conf:1: "
	    "password: unterminated string");
}

static void
test_opened_line_break(void **state)
{
	unsigned char box[64 + crypto_box_SEALBYTES];
	char text[256], b64[128];
	uint8_t xpk[32];

	(void)state;
	assert_int_equal(crypto_sign_ed25519_pk_to_curve25519(xpk, pk), 0);
	crypto_box_seal(box, (const unsigned char *)"ab\ntenant:", 10, xpk);
	sodium_bin2base64(b64, sizeof(b64), box, 10 + crypto_box_SEALBYTES,
	    sodium_base64_VARIANT_ORIGINAL);
	snprintf(text, sizeof(text), "neighbor:\n password: sealed:%s\n", b64);
	expect_open_fails(text, sk, "node.conf:2: password: opened value "
	    "holds a line break or NUL");
}

static void
test_too_long(void **state)
{
	char text[SEAL_VALUE_MAX + 64], *out, err[256];
	size_t len;

	(void)state;
	memcpy(text, "password: ", 10);
	memset(text + 10, 'x', SEAL_VALUE_MAX + 1);
	strcpy(text + 10 + SEAL_VALUE_MAX + 1, "\n");
	assert_int_equal(seal_conf(text, strlen(text), pk, &out, &len, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "longer than"));
	text[10 + SEAL_VALUE_MAX] = '\n';
	text[10 + SEAL_VALUE_MAX + 1] = '\0';
	assert_int_equal(seal_conf(text, strlen(text), pk, &out, &len, err,
	    sizeof(err)), 0);
	free(out);
}

static void
test_redact(void **state)
{
	char msg[128];

	(void)state;
	snprintf(msg, sizeof(msg), "node.conf:4:15: tsig-secret: "
	    "'W7/Hl8Wc3zWFKrcMcu/IVWT824tPyc+DfnYG1cX6CF8=' is not base64");
	seal_redact(msg, sizeof(msg), opened, strlen(opened));
	assert_string_equal(msg, "node.conf:4:15: tsig-secret: "
	    "'(secret withheld)' is not base64");
	snprintf(msg, sizeof(msg), "password: 'a b#c' must be, 'a' is "
	    "not 'a b#c'");
	seal_redact(msg, sizeof(msg), opened, strlen(opened));
	assert_string_equal(msg, "password: '(secret withheld)' must be, "
	    "'a' is not '(secret withheld)'");
	/* no room: cut short, never the secret */
	snprintf(msg, 30, "0123456789abcde 'a b#c' x");
	seal_redact(msg, 30, opened, strlen(opened));
	assert_string_equal(msg, "0123456789abcde ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_no_secrets),
		cmocka_unit_test(test_other_key),
		cmocka_unit_test(test_not_sealed),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_opened_line_break),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_redact),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
