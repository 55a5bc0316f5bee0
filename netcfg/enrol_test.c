/* enrol_test.c: what setup -A reads of outpost-agent's STATEDIR/controller: enrolled or not, its node and controller. */
/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "enrol.h"

static char dir[] = "/tmp/netcfg-enrol-test.XXXXXX";

static int
setup(void **st)
{
	(void)st;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **st)
{
	char path[sizeof(dir) + 32];

	(void)st;
	snprintf(path, sizeof(path), "%s/%s", dir, ENROL_CTL_FILE);
	unlink(path);
	return rmdir(dir);
}

static void
test_not_enrolled(void **st)
{
	struct enrolment e;

	(void)st;
	assert_int_equal(enrol_done(dir, &e), 0);
	assert_string_equal(e.node, "");
}

/* As agent_ctl_save writes it. */
static void
test_enrolled(void **st)
{
	char path[sizeof(dir) + 32];
	struct enrolment e;
	FILE *f;

	(void)st;
	snprintf(path, sizeof(path), "%s/%s", dir, ENROL_CTL_FILE);
	assert_non_null(f = fopen(path, "w"));
	fputs("address: 2001:db8:ff::7\nport: 8443\npin: sha256//AAAA\n"
	    "controller-key: BBBB\nnode: vm1\n", f);
	fclose(f);
	assert_int_equal(enrol_done(dir, &e), 1);
	assert_string_equal(e.node, "vm1");
	assert_string_equal(e.addr, "2001:db8:ff::7");
	assert_string_equal(e.port, "8443");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_enrolled),
		cmocka_unit_test(test_enrolled),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
