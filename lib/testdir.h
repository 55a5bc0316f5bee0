/* testdir.h: a scratch directory for unit tests, made under /tmp and removed with everything in it. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_TESTDIR_H
#define OUTPOST_TESTDIR_H

#include <stddef.h>

/* Makes /tmp/NAME.XXXXXX into buf (len octets): 0, or -1 with errno. */
int	testdir_make(char *buf, size_t len, const char *name);
/* Removes path and all below it, never following a symbolic link. */
int	testdir_remove(const char *path);

#endif
