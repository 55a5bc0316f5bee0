/* golden.h: golden-file tests: each DIR/NAME.in is turned into text and compared with DIR/NAME.ok. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GOLDEN_H
#define OUTPOST_GOLDEN_H

/* Calls check(dir, name) for every NAME.in in dir, sorted; returns how many. */
int	golden_each(const char *dir, void (*check)(const char *dir,
	    const char *name));
/*
 * Compares out with DIR/NAME.ok, which OUTPOST_REGEN=1 rewrites first.
 * NULL when they are equal, else a message to fail with (static).
 */
const char *golden_match(const char *dir, const char *name, const char *out);
/* DIR/NAME.in, whole (malloc'd, NUL-terminated), or NULL. */
char	*golden_input(const char *dir, const char *name, size_t *lenp);

#endif
