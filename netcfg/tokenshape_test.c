/* tokenshape_test.c: the enrolment token's shape as netcfg reads it offline: good tokens of each kind, and the mistakes a person makes typing one. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tokenshape.h"

/* Made by provisioning/common/token.c (token_encode). */
#define TOK_V4	"OP1-0733-6S07-43XT-B9D5-MPJT-B9D5-MPJT-B9D5-MPJT-AF1W-7GY3-" \
		"RF1W-7GY3-RSCE"
#define TOK_V6	"OP1-08G0-23DR-03ZG-0000-0000-0000-003G-3EX5-MPJT-B9D5-MPJT-" \
		"B9D5-MPJT-B9D5-7GY3-RF1W-7GY3-RF1W-55SG"
#define TOK_HOST "OP1-0C5P-6X3C-5SJQ-GRBD-E1P6-A87V-MPJT-B9D5-MPJT-B9D5-" \
		"MPJT-B9D5-MMY3-RF1W-7GY3-RF1W-7J09-W"

static void
test_good(void **st)
{
	struct tokenshape ts;

	(void)st;
	assert_null(tokenshape_check(TOK_V4, &ts));
	assert_int_equal(ts.af, AF_INET);
	assert_string_equal(ts.host, "198.51.100.7");
	assert_int_equal(ts.port, 8443);
	assert_null(tokenshape_check(TOK_V6, &ts));
	assert_int_equal(ts.af, AF_INET6);
	assert_string_equal(ts.host, "2001:db8:ff::7");
	assert_int_equal(ts.port, 443);
	assert_null(tokenshape_check(TOK_HOST, &ts));
	assert_int_equal(ts.af, 0);
	assert_string_equal(ts.host, "ctl.example");
	assert_int_equal(ts.port, 8443);
}

/* As the agent reads it: any case, no dashes, O for 0, blanks around. */
static void
test_lenient(void **st)
{
	struct tokenshape ts;

	(void)st;
	assert_null(tokenshape_check("  op1-o733 6s07-43xt-b9d5-mpjt-b9d5-"
	    "mpjt-b9d5-mpjt-af1w-7gy3-rf1w-7gy3-rsce ", &ts));
	assert_string_equal(ts.host, "198.51.100.7");
	assert_null(tokenshape_check("OP107336S0743XTB9D5MPJTB9D5MPJTB9D5MPJT"
	    "AF1W7GY3RF1W7GY3RSCE", NULL));
}

static void
says(const char *tok, const char *part)
{
	const char *err = tokenshape_check(tok, NULL);

	assert_non_null(err);
	if (strstr(err, part) == NULL)
		fail_msg("'%s': '%s' lacks '%s'", tok, err, part);
}

static void
test_mistyped(void **st)
{
	(void)st;
	says("tok-12345678", "does not start with OP1-");
	says("https://198.51.100.7:8443/", "does not start with OP1-");
	says("OP1-0733-6S07-43XT-B9D5-MPJU-B9D5", "'U' at position 28");
	/* a group left out, a character twice */
	says("OP1-0733-6S07-43XT-B9D5-MPJT-B9D5-MPJT-B9D5-AF1W-7GY3-RF1W-"
	    "7GY3-RSCE", "has 52 characters after OP1- (dashes not counted) "
	    "where it should have 56: some are missing");
	says(TOK_V4 "E", "has 57 characters");
	says("OP1-", "some are missing");
	/* the kind mistyped: 0733 -> 0F33 */
	says("OP1-0F33-6S07-43XT-B9D5-MPJT-B9D5-MPJT-B9D5-MPJT-AF1W-7GY3-"
	    "RF1W-7GY3-RSCE", "names no controller");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_lenient),
		cmocka_unit_test(test_mistyped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
