/* token_test.c: the enrolment token: round trips, and each kind of typo caught with its own message. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "token.h"

static void
fixture(struct token *t, const char *addr)
{
	int i;

	memset(t, 0, sizeof(*t));
	snprintf(t->addr, sizeof(t->addr), "%s", addr);
	t->port = 8443;
	for (i = 0; i < TOKEN_CERTHASH_LEN; i++)
		t->certhash[i] = (uint8_t)(0xa0 + i);
	for (i = 0; i < TOKEN_SECRET_LEN; i++)
		t->secret[i] = (uint8_t)(7 * i + 3);
}

static void
round_trip(const char *addr, size_t want_len)
{
	struct token t, back;
	char text[TOKEN_TEXT_MAX], err[256];
	int n;

	fixture(&t, addr);
	n = token_encode(&t, text, sizeof(text));
	assert_int_equal(n, strlen(text));
	assert_int_equal(strlen(text), want_len);
	assert_memory_equal(text, "OP1-", 4);
	assert_int_equal(token_decode(text, &back, err, sizeof(err)), 0);
	assert_string_equal(back.addr, addr);
	assert_int_equal(back.port, 8443);
	assert_memory_equal(back.certhash, t.certhash, TOKEN_CERTHASH_LEN);
	assert_memory_equal(back.secret, t.secret, TOKEN_SECRET_LEN);
}

static void
test_round_trip(void **state)
{
	(void)state;
	/* 35 octets: 56 symbols in 14 groups. */
	round_trip("192.0.2.10", 4 + 56 + 13);
	round_trip("2001:db8::53", 4 + 76 + 18);
	round_trip("ctl.example.net", 4 + 76 + 18);
}

static void
encoded(char *text, size_t len)
{
	struct token t;

	fixture(&t, "192.0.2.10");
	assert_true(token_encode(&t, text, len) > 0);
}

static void
refused(const char *text, const char *want)
{
	struct token t;
	char err[256];

	err[0] = '\0';
	assert_int_equal(token_decode(text, &t, err, sizeof(err)), -1);
	if (strstr(err, want) == NULL)
		fail_msg("\"%s\": error \"%s\", want \"%s\"", text, err, want);
}

static void
test_typed_loosely(void **state)
{
	struct token t, back;
	char text[TOKEN_TEXT_MAX], loose[2 * TOKEN_TEXT_MAX], err[256];
	size_t i, o = 0;
	int one = 0;

	(void)state;
	encoded(text, sizeof(text));
	fixture(&t, "192.0.2.10");
	/* Lower case, O for 0, I and L for 1, blanks and dashes anywhere. */
	for (i = 0; text[i] != '\0'; i++) {
		char c = text[i];

		if (c == '0')
			c = 'o';
		else if (c == '1' && i > 2)
			c = one++ % 2 ? 'I' : 'l';
		else if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (c == '-' && i % 3 == 0)
			c = ' ';
		loose[o++] = c;
		if (i % 7 == 6)
			loose[o++] = '-';
	}
	loose[o] = '\0';
	assert_int_equal(token_decode(loose, &back, err, sizeof(err)), 0);
	assert_memory_equal(back.secret, t.secret, TOKEN_SECRET_LEN);
	assert_string_equal(back.addr, "192.0.2.10");
	/* 0P1- typed for OP1-, and blanks around. */
	loose[0] = '0';
	memmove(loose + 2, loose, strlen(loose) + 1);
	loose[0] = ' ';
	loose[1] = '\t';
	strcat(loose, "\n");
	assert_int_equal(token_decode(loose, &back, err, sizeof(err)), 0);
}

/* Every symbol after the first two (the kind) changed to every other one. */
static void
test_wrong_check_digits(void **state)
{
	static const char alpha[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	char text[TOKEN_TEXT_MAX], bad[TOKEN_TEXT_MAX];
	size_t i, k, n = 0;

	(void)state;
	encoded(text, sizeof(text));
	for (i = 4 + 2; text[i] != '\0'; i++) {
		if (text[i] == '-')
			continue;
		for (k = 0; alpha[k] != '\0'; k++) {
			if (alpha[k] == text[i])
				continue;
			strcpy(bad, text);
			bad[i] = alpha[k];
			refused(bad, "token check digits do not match: mistyped?");
			n++;
		}
	}
	assert_true(n > 1000);
	/* Two neighbours swapped. */
	strcpy(bad, text);
	for (i = 10; bad[i] == bad[i + 1] || bad[i] == '-' || bad[i + 1] == '-';)
		i++;
	bad[i] = text[i + 1];
	bad[i + 1] = text[i];
	refused(bad, "token check digits do not match");
}

static void
test_wrong_length(void **state)
{
	char text[TOKEN_TEXT_MAX], bad[TOKEN_TEXT_MAX + 8];
	size_t len;

	(void)state;
	encoded(text, sizeof(text));
	len = strlen(text);
	/* One symbol missing, at the end and in the middle. */
	snprintf(bad, sizeof(bad), "%.*s", (int)len - 1, text);
	refused(bad, "token has 55 characters where one for an IPv4 "
	    "controller has 56: one missing or one too many?");
	snprintf(bad, sizeof(bad), "%.20s%s", text, text + 21);
	refused(bad, "has 55 characters where one for an IPv4");
	/* One too many. */
	snprintf(bad, sizeof(bad), "%sX", text);
	refused(bad, "token has 57 characters where one for an IPv4");
	/* A whole group missing. */
	snprintf(bad, sizeof(bad), "%.*s", (int)len - 5, text);
	refused(bad, "token has 52 characters");
	refused("OP1-", "token is empty after \"OP1-\"");
	refused("OP1-ABCD", "token has 4 characters, which no token has");
}

static void
test_bad_characters(void **state)
{
	char text[TOKEN_TEXT_MAX], bad[TOKEN_TEXT_MAX];

	(void)state;
	encoded(text, sizeof(text));
	strcpy(bad, text);
	bad[9] = 'U';
	refused(bad, "token has a character that cannot be in it: 'U' at "
	    "position 10");
	bad[9] = '*';
	refused(bad, "'*' at position 10");
	bad[9] = '\x01';
	refused(bad, "octet 0x01 at position 10");
	refused("XP1-0000", "token does not start with \"OP1-\"");
	refused("", "token does not start with \"OP1-\"");
	refused("OP", "token does not start with \"OP1-\"");
}

static void
test_encode_refuses(void **state)
{
	struct token t;
	char text[TOKEN_TEXT_MAX];

	(void)state;
	fixture(&t, "ctl_example");
	assert_int_equal(token_encode(&t, text, sizeof(text)), -1);
	fixture(&t, "192.0.2.10");
	t.port = 0;
	assert_int_equal(token_encode(&t, text, sizeof(text)), -1);
	t.port = 1;
	assert_int_equal(token_encode(&t, text, 20), -1);
}

static void
test_secret_hash(void **state)
{
	struct token t;
	char a[65], b[65];

	(void)state;
	fixture(&t, "192.0.2.10");
	token_secret_hash(t.secret, a);
	assert_int_equal(strlen(a), 64);
	t.secret[9] ^= 1;
	token_secret_hash(t.secret, b);
	assert_string_not_equal(a, b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_typed_loosely),
		cmocka_unit_test(test_wrong_check_digits),
		cmocka_unit_test(test_wrong_length),
		cmocka_unit_test(test_bad_characters),
		cmocka_unit_test(test_encode_refuses),
		cmocka_unit_test(test_secret_hash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
