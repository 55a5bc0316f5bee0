/* testdir.c: a scratch directory for unit tests, made under /tmp and removed with everything in it. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

#include "testdir.h"

int
testdir_make(char *buf, size_t len, const char *name)
{
	if ((size_t)snprintf(buf, len, "/tmp/%s.XXXXXX", name) >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return mkdtemp(buf) == NULL ? -1 : 0;
}

static int
rm_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path);
}

int
testdir_remove(const char *path)
{
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
