/* cpuset_test.c: unit tests of CPU lists: parsing, errors, the list form, counts. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cpuset.h"

/* Parses in on a machine of ncpus; the list form back, or the reason. */
static const char *
parse(const char *in, int ncpus)
{
	static char out[CPUSET_STRLEN];
	struct cpuset s;

	if (cpuset_parse(in, ncpus, &s, out, sizeof(out)) < 0)
		return out;
	return cpuset_fmt(&s, out, sizeof(out));
}

static void
test_parse(void **state)
{
	static const char *const cases[][2] = {
		{ "0", "0" }, { "2-5", "2-5" }, { "3,0-1", "0-1,3" },
		{ "0,1,2,3", "0-3" }, { "7,5,6", "5-7" }, { "1-1", "1" },
		{ "0,2,4,6", "0,2,4,6" }, { "1023", "1023" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(parse(cases[i][0], 1024), cases[i][1]);
}

static void
test_errors(void **state)
{
	static const char *const cases[][2] = {
		{ "2-4", "names CPU 4, not on this machine (CPUs 0-3)" },
		{ "4", "names CPU 4, not on this machine (CPUs 0-3)" },
		{ "3-1", "has range 3-1 running backwards" },
		{ "0-2,1", "names CPU 1 twice" },
		{ "", "is not a list of CPUs, e.g. 0,2-5" },
		{ "1,", "is not a list of CPUs, e.g. 0,2-5" },
		{ ",1", "is not a list of CPUs, e.g. 0,2-5" },
		{ "0 1", "is not a list of CPUs, e.g. 0,2-5" },
		{ "-1", "is not a list of CPUs, e.g. 0,2-5" },
		{ "1-", "has a range without its end" },
		{ "0x1", "is not a list of CPUs, e.g. 0,2-5" },
		{ "99999999999999999999",
		    "names CPU above 1023, not on this machine (CPUs 0-3)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(parse(cases[i][0], 4), cases[i][1]);
}

static void
test_count_nth_and(void **state)
{
	struct cpuset a, b;
	char why[128], buf[64];

	(void)state;
	assert_int_equal(cpuset_parse("1-3,64,1000", 1024, &a, why,
	    sizeof(why)), 0);
	assert_int_equal(cpuset_count(&a), 5);
	assert_int_equal(cpuset_nth(&a, 0), 1);
	assert_int_equal(cpuset_nth(&a, 3), 64);
	assert_int_equal(cpuset_nth(&a, 4), 1000);
	assert_int_equal(cpuset_nth(&a, 5), -1);
	assert_int_equal(cpuset_parse("0-2,1000", 1024, &b, why, sizeof(why)),
	    0);
	cpuset_and(&a, &b);
	assert_string_equal(cpuset_fmt(&a, buf, sizeof(buf)), "1-2,1000");
	memset(&a, 0, sizeof(a));
	assert_string_equal(cpuset_fmt(&a, buf, sizeof(buf)), "");
	/* A short buffer: cut, still a terminated string. */
	assert_int_equal(cpuset_parse("0,2,4,6,8,10,12", 1024, &a, why,
	    sizeof(why)), 0);
	assert_true(strlen(cpuset_fmt(&a, buf, 6)) < 6);
}

static void
test_self(void **state)
{
	struct cpuset s;

	(void)state;
	assert_int_equal(cpuset_self(&s), 0);
	assert_true(cpuset_count(&s) >= 1);
	assert_true(cpuset_count(&s) <= cpuset_machine_count());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_count_nth_and),
		cmocka_unit_test(test_self),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
