/* cfg_test.c: unit tests of the configuration lexer and block/keyword driver. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cfg.h"

static char got[4096];

static void *
blk_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	(void)t;
	strcat(got, "[open]");
	return ctx;
}

static void
set_any(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	(void)ctx;
	snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s=<%s>@%d:%d;",
	    t->key, t->val, t->line, t->vcol);
}

static const struct cfg_key keys[] = {
	{ "alpha", CFG_REQUIRED, set_any },
	{ "beta", CFG_MULTI, set_any },
	{ "gamma", 0, set_any },
};
static const struct cfg_block blocks[] = {
	{ "blk", keys, 3, blk_open, NULL },
	{ "other", keys, 3, blk_open, NULL },
};
static const struct cfg_grammar grammar = { blocks, 2 };

static int
parse(const char *text, char *errs, size_t errlen)
{
	struct cfg_ctx ctx = { .path = "t.conf" };
	FILE *f = fmemopen(errs, errlen, "w");
	int rc;

	got[0] = '\0';
	memset(errs, 0, errlen);
	ctx.errf = f;
	rc = cfg_parse_buf(&ctx, &grammar, text, strlen(text));
	fclose(f);
	return rc == 0 ? 0 : ctx.nerrors;
}

static void
test_values(void **state)
{
	char errs[1024];

	(void)state;
	assert_int_equal(parse("# c\nblk:\n  alpha: 1 # x\n\tbeta: \"a b#c\"\n"
	    "beta: x#y\ngamma: \"q\\\"q\"\n", errs, sizeof(errs)), 0);
	assert_string_equal(got, "[open]alpha=<1>@3:10;beta=<a b#c>@4:8;"
	    "beta=<x>@5:7;gamma=<q\"q>@6:8;");
}

static void
test_errors(void **state)
{
	char errs[1024];

	(void)state;
	assert_int_equal(parse("alpha: 1\nblk:\n gamma: 1\n gamma: 2\n"
	    " delta: 3\n beta:\n beta: \"open\n 9x\n other: 1\n beta: 1 2\n",
	    errs, sizeof(errs)), 10);
	assert_string_equal(errs,
	    "t.conf:1:1: 'alpha' outside of any block\n"
	    "t.conf:4:2: 'gamma' given twice in blk:\n"
	    "t.conf:5:2: unknown keyword 'delta' in blk:\n"
	    "t.conf:6:7: 'beta' needs a value\n"
	    "t.conf:7:8: unterminated string\n"
	    "t.conf:8:4: expected ':' after '9x'\n"
	    "t.conf:2:1: blk: block misses required key 'alpha'\n"
	    "t.conf:9:9: block 'other:' takes no value\n"
	    "t.conf:10:10: unexpected text after the value of 'beta'\n"
	    "t.conf:9:2: other: block misses required key 'alpha'\n");
}

static void
test_uint_bool(void **state)
{
	struct cfg_ctx ctx = { .path = "x" };
	struct cfg_tok t = { 1, 1, 5, "k", "42" };
	uint64_t v;
	int b;

	(void)state;
	assert_int_equal(cfg_uint(&ctx, &t, 1, 100, &v), 0);
	assert_int_equal(v, 42);
	t.val = "101";
	assert_int_equal(cfg_uint(&ctx, &t, 1, 100, &v), -1);
	t.val = "4x";
	assert_int_equal(cfg_uint(&ctx, &t, 1, 100, &v), -1);
	t.val = "99999999999999999999999";
	assert_int_equal(cfg_uint(&ctx, &t, 1, 100, &v), -1);
	t.val = "";
	assert_int_equal(cfg_uint(&ctx, &t, 1, 100, &v), -1);
	t.val = "yes";
	assert_int_equal(cfg_bool(&ctx, &t, &b), 0);
	assert_int_equal(b, 1);
	t.val = "true";
	assert_int_equal(cfg_bool(&ctx, &t, &b), -1);
	assert_int_equal(ctx.nerrors, 5);
	assert_string_equal(ctx.firsterr, "x:1:5: k: 101 is out of range 1 to 100");
}

static void
test_print_quotes(void **state)
{
	char buf[256];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	(void)state;
	cfg_print_kv(f, "a", "plain");
	cfg_print_kv(f, "b", "two words");
	cfg_print_kv(f, "c", "q\"\\");
	cfg_print_kv(f, "d", "");
	fclose(f);
	assert_string_equal(buf, "\ta: plain\n\tb: \"two words\"\n"
	    "\tc: \"q\\\"\\\\\"\n\td: \"\"\n");
}

static void
test_sorted(void **state)
{
	(void)state;
	assert_true(cfg_grammar_sorted(&grammar));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_uint_bool),
		cmocka_unit_test(test_print_quotes),
		cmocka_unit_test(test_sorted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
