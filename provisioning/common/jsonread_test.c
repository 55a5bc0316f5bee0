/* jsonread_test.c: the JSON reader: members by key, escapes, other values skipped, each kind of bad text refused. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "jsonread.h"

static const char *const keys[] = { "token", "name", "key", NULL };

static void
test_members(void **state)
{
	const char *text = " {\"x\": [1, -2.5e3, {\"token\": 5}, true, null],"
	    " \"token\": \"OP1-AB\\u00e9\\ud83d\\ude00\", \"key\":\"a\\\"\\\\/b\\n\","
	    "\"y\": {}} \n";
	char *vals[3], err[256];

	(void)state;
	if (jsonread_strings(text, strlen(text), keys, vals, err,
	    sizeof(err)) < 0)
		fail_msg("%s", err);
	assert_string_equal(vals[0], "OP1-AB\xc3\xa9\xf0\x9f\x98\x80");
	assert_null(vals[1]);
	assert_string_equal(vals[2], "a\"\\/b\n");
	free(vals[0]);
	free(vals[2]);
	assert_int_equal(jsonread_object("{}", 2, err, sizeof(err)), 0);
}

/* jsonread_scalars: a wanted member may be a number, given as its text. */
static void
test_scalars(void **state)
{
	const char *text = "{\"token\": -12.5e3, \"name\": \"n\", "
	    "\"key\": 7, \"x\": 1}";
	char *vals[3], err[256];

	(void)state;
	if (jsonread_scalars(text, strlen(text), keys, vals, err,
	    sizeof(err)) < 0)
		fail_msg("%s", err);
	assert_string_equal(vals[0], "-12.5e3");
	assert_string_equal(vals[1], "n");
	assert_string_equal(vals[2], "7");
	free(vals[0]);
	free(vals[1]);
	free(vals[2]);
	/* jsonread_strings still wants strings; a bad number fails both. */
	assert_int_equal(jsonread_strings(text, strlen(text), keys, vals, err,
	    sizeof(err)), -1);
	assert_int_equal(jsonread_scalars("{\"key\": 1.}", 11, keys, vals,
	    err, sizeof(err)), -1);
	assert_null(vals[2]);
	assert_int_equal(jsonread_scalars("{\"key\": true}", 13, keys, vals,
	    err, sizeof(err)), -1);
}

static void
bad(const char *text, const char *want)
{
	char *vals[3], err[256];

	err[0] = '\0';
	assert_int_equal(jsonread_strings(text, strlen(text), keys, vals, err,
	    sizeof(err)), -1);
	assert_null(vals[0]);
	assert_null(vals[2]);
	if (strstr(err, want) == NULL)
		fail_msg("%s: error \"%s\", want \"%s\"", text, err, want);
}

static void
test_bad(void **state)
{
	char deep[200];

	(void)state;
	memset(deep, '[', sizeof(deep));
	memcpy(deep, "{\"a\":", 5);
	deep[sizeof(deep) - 1] = '\0';
	bad("", "JSON at octet 0: not an object");
	bad("[]", "not an object");
	bad("{\"key\": \"k\"} x", "JSON at octet 13: text after the object");
	bad("{\"token\": 5}", "member is not a string");
	bad("{\"token\": \"a\", \"token\": \"b\"}", "member given twice");
	bad("{\"key\": \"a\", \"x\": tru}", "not a JSON value");
	bad("{\"key\": \"a\\q\"}", "unknown escape");
	bad("{\"key\": \"a\\u00\"}", "\\u escape");
	bad("{\"key\": \"a\\u0000\"}", "\\u0000 in a string");
	bad("{\"key\": \"\\ud800x\"}", "high surrogate without its low one");
	bad("{\"key\": \"\\udc00\"}", "lone low surrogate");
	bad("{\"key\": \"a\tb\"}", "control character");
	bad("{\"key\": \"a", "string not closed");
	bad("{\"key\" \"a\"}", "':' missing");
	bad("{\"x\": 1 \"key\": \"a\"}", "',' or '}' missing");
	bad("{\"x\": [1 2]}", "',' or ']' missing");
	bad("{\"x\": -}", "number without digits");
	bad("{\"x\": 1.}", "number without digits");
	bad("{\"x\": 1,}", "member name is not a string");
	bad(deep, "nested too deep");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_scalars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
