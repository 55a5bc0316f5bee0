/* nodename_test.c: the node name rule: what passes, what does not and why. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "nodename.h"

static void
test_names(void **state)
{
	(void)state;
	assert_true(node_name_valid("ams-1.edge_2"));
	assert_null(node_name_check("node-1.example_2"));
	assert_false(node_name_valid(""));
	assert_false(node_name_valid(".."));
	assert_false(node_name_valid("a/b"));
	assert_false(node_name_valid("a b"));
	assert_non_null(strstr(node_name_check(".hidden"), "must not begin"));
	assert_non_null(strstr(node_name_check("-x"), "must not begin"));
	assert_non_null(strstr(node_name_check("a/b"), "only letters"));
}

static void
test_length(void **state)
{
	char name[NODENAME_MAX + 2];

	(void)state;
	memset(name, 'n', sizeof(name));
	name[NODENAME_MAX] = '\0';
	assert_null(node_name_check(name));
	name[NODENAME_MAX] = 'n';
	name[NODENAME_MAX + 1] = '\0';
	assert_non_null(strstr(node_name_check(name), "1 to 63"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
