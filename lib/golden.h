/* golden.h: golden-file tests: each DIR/NAME.in is turned into text and compared with DIR/NAME.ok. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GOLDEN_H
#define OUTPOST_GOLDEN_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes to out what a case yields from its input text (buf, len octets,
 * read as file name); returns 1 when that is the input printed again
 * (which then must parse again to the same text), else 0.
 */
typedef int golden_outcome(FILE *out, const char *name, const char *buf,
	    size_t len);

/* Calls check(dir, name) for every NAME.in in dir, sorted; returns how many. */
int	golden_each(const char *dir, void (*check)(const char *dir,
	    const char *name));
/*
 * For every NAME.in in dir, sorted: outcome("NAME.in", its text) against
 * NAME.ok, and when printed, outcome(NAME, that output) must give it again.
 * Returns how many cases there were, or -1 after telling stderr about every
 * case that failed.
 */
int	golden_run(const char *dir, golden_outcome *outcome);
/* What outcome writes for buf as text (malloc'd), *printed its answer. */
char	*golden_text(golden_outcome *outcome, const char *name,
	    const char *buf, size_t len, int *printed);
/*
 * Compares out with DIR/NAME.ok, which OUTPOST_REGEN=1 rewrites first.
 * NULL when they are equal, else a message to fail with (static).
 */
const char *golden_match(const char *dir, const char *name, const char *out);
/* DIR/NAME.in, whole (malloc'd, NUL-terminated), or NULL. */
char	*golden_input(const char *dir, const char *name, size_t *lenp);

#endif
