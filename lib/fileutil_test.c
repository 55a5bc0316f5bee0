/* fileutil_test.c: chown_tree never follows a symbolic link and stops at its depth bound. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
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

#define NEWUID	64999

static char top[64];

static int
setup(void **state)
{
	(void)state;
	return testdir_make(top, sizeof(top), "fileutil_test");
}

static int
teardown(void **state)
{
	(void)state;
	return testdir_remove(top);
}

static void
touch(const char *path)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fclose(f);
}

static uid_t
owner(const char *path)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	return st.st_uid;
}

static void
test_symlink_not_followed(void **state)
{
	char tree[128], p[192], outside[128];

	(void)state;
	if (geteuid() != 0)
		skip();
	snprintf(outside, sizeof(outside), "%s/outside", top);
	snprintf(tree, sizeof(tree), "%s/tree", top);
	assert_int_equal(mkdir(outside, 0755), 0);
	touch(strcat(strcpy(p, outside), "/host-file"));
	assert_int_equal(mkdir(tree, 0755), 0);
	snprintf(p, sizeof(p), "%s/sub", tree);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/sub/zone", tree);
	touch(p);
	/* A tenant's plants: a link to a directory and to a file outside. */
	snprintf(p, sizeof(p), "%s/sub/evil-dir", tree);
	assert_int_equal(symlink(outside, p), 0);
	snprintf(p, sizeof(p), "%s/evil-file", tree);
	snprintf(outside + strlen(outside), sizeof(outside) - strlen(outside),
	    "/host-file");
	assert_int_equal(symlink(outside, p), 0);
	/* A hard link to a file that is not the tenant's. */
	snprintf(p, sizeof(p), "%s/hard", tree);
	assert_int_equal(link(outside, p), 0);

	assert_int_equal(chown_tree(tree, NEWUID, NEWUID), 0);
	assert_int_equal(owner(tree), NEWUID);
	snprintf(p, sizeof(p), "%s/sub/zone", tree);
	assert_int_equal(owner(p), NEWUID);
	snprintf(p, sizeof(p), "%s/sub/evil-dir", tree);
	assert_int_equal(owner(p), NEWUID);		/* the link itself */
	assert_int_equal(owner(outside), 0);		/* not its target */
	snprintf(p, sizeof(p), "%s/outside", top);
	assert_int_equal(owner(p), 0);
	/* The tree itself given as a link is refused. */
	snprintf(p, sizeof(p), "%s/link-to-outside", top);
	snprintf(outside, sizeof(outside), "%s/outside", top);
	assert_int_equal(symlink(outside, p), 0);
	assert_int_equal(chown_tree(p, NEWUID, NEWUID), -1);
	assert_int_equal(errno, ENOTDIR);
	assert_int_equal(owner(outside), 0);
}

static void
test_depth_bound(void **state)
{
	char p[1024], outside[128], stop[1024] = "";
	int i;

	(void)state;
	if (geteuid() != 0)
		skip();
	snprintf(outside, sizeof(outside), "%s/outside2", top);
	assert_int_equal(mkdir(outside, 0755), 0);
	snprintf(p, sizeof(p), "%s/deep", top);
	for (i = 1; i <= CHOWN_TREE_DEPTH + 4; i++) {
		assert_int_equal(mkdir(p, 0755), 0);
		if (i == CHOWN_TREE_DEPTH)
			snprintf(stop, sizeof(stop), "%s", p);
		strcat(p, "/d");
	}
	snprintf(p, sizeof(p), "%s/deep", top);
	assert_int_equal(chown_tree(p, NEWUID, NEWUID), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(owner(stop), NEWUID);		/* the last level */
	strcat(stop, "/d");
	assert_int_equal(owner(stop), 0);		/* one beyond */
	assert_int_equal(owner(outside), 0);
	assert_int_equal(owner(top), 0);
	/* Within the bound, all of it. */
	snprintf(p, sizeof(p), "%s/deep", top);
	for (i = 1; i < CHOWN_TREE_DEPTH; i++)
		strcat(p, "/d");
	assert_int_equal(chown_tree(p, NEWUID + 1, NEWUID + 1), 0);
	strcat(p, "/d/d/d/d");
	assert_int_equal(owner(p), NEWUID + 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_symlink_not_followed),
		cmocka_unit_test(test_depth_bound),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
