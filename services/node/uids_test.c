/* uids_test.c: tenant uids stay with their names, across reordering and removal, until a tenant's files are gone. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fileutil.h"
#include "testdir.h"
#include "uids.h"

static char state[64];

static int
setup(void **st)
{
	(void)st;
	return testdir_make(state, sizeof(state), "uids_test");
}

static int
teardown(void **st)
{
	(void)st;
	return testdir_remove(state);
}

/* One reload: load, assign, save; out gets the uids. */
static void
round_(const char *const *names, int n, uid_t *out)
{
	struct uidmap m;

	assert_int_equal(uids_load(state, &m), 0);
	if (uids_assign(&m, state, names, n, out) == 1)
		assert_int_equal(uids_save(state, &m), 0);
}

static void
tenant_dir(const char *name, int make)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/tenants/%s/data", state, name);
	if (make)
		assert_int_equal(mkdir_p(path, 0700, 0, 0), 0);
	else {
		snprintf(path, sizeof(path), "%s/tenants/%s", state, name);
		assert_int_equal(testdir_remove(path), 0);
	}
}

static void
test_stable(void **st)
{
	const char *ab[] = { "a", "b" }, *ba[] = { "b", "a" };
	const char *b[] = { "b" }, *bc[] = { "b", "c" }, *bcd[] = { "b",
	    "c", "d" }, *bca[] = { "b", "c", "a" };
	char path[256];
	struct stat sb;
	uid_t out[4];

	(void)st;
	round_(ab, 2, out);
	assert_int_equal(out[0], UIDS_BASE);
	assert_int_equal(out[1], UIDS_BASE + 1);
	snprintf(path, sizeof(path), "%s/" UIDS_FILE, state);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	/* Reordered: the same uids. */
	round_(ba, 2, out);
	assert_int_equal(out[0], UIDS_BASE + 1);
	assert_int_equal(out[1], UIDS_BASE);
	/* a removed, its files still there: its uid is not given away. */
	tenant_dir("a", 1);
	round_(b, 1, out);
	round_(bc, 2, out);
	assert_int_equal(out[1], UIDS_BASE + 2);
	/* a comes back: its own uid again. */
	round_(bca, 3, out);
	assert_int_equal(out[2], UIDS_BASE);
	/* a removed, and its files too: its uid may go to another. */
	round_(bc, 2, out);
	tenant_dir("a", 0);
	round_(bcd, 3, out);
	assert_int_equal(out[0], UIDS_BASE + 1);
	assert_int_equal(out[1], UIDS_BASE + 2);
	assert_int_equal(out[2], UIDS_BASE);
}

static void
test_adopt_and_bad_file(void **st)
{
	const char *xy[] = { "y", "x" };
	char path[256];
	struct uidmap m;
	uid_t out[2];

	(void)st;
	if (geteuid() != 0)
		skip();
	/* State from before STATE/uids: x's data is owned by BASE + 7. */
	tenant_dir("x", 1);
	snprintf(path, sizeof(path), "%s/tenants/x/data", state);
	assert_int_equal(chown(path, UIDS_BASE + 7, UIDS_BASE + 7), 0);
	snprintf(path, sizeof(path), "%s/" UIDS_FILE, state);
	unlink(path);
	round_(xy, 2, out);
	assert_int_equal(out[1], UIDS_BASE + 7);
	assert_int_equal(out[0], UIDS_BASE);
	/* A damaged file is refused, not silently replaced. */
	assert_int_equal(file_write_atomic(path, "x 64107\ny 64107\n", 16,
	    0600, 0, 0), 0);
	assert_int_equal(uids_load(state, &m), -1);
	assert_int_equal(file_write_atomic(path, "x ../x\n", 7, 0600, 0, 0),
	    0);
	assert_int_equal(uids_load(state, &m), -1);
	tenant_dir("x", 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_stable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adopt_and_bad_file, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
