/* golden.c: the loop and the comparison every golden-file test (NN.in against NN.ok) shares. */
/* SPDX-License-Identifier: ISC */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileutil.h"
#include "golden.h"

static int
is_input(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 3 && strcmp(d->d_name + n - 3, ".in") == 0;
}

/* Calls check(dir, name, arg) for every NAME.in in dir; how many, or -1. */
static int
each(const char *dir, int (*check)(const char *, const char *, void *),
    void *arg)
{
	struct dirent **ents;
	char name[256];
	int i, n, bad = 0;

	if ((n = scandir(dir, &ents, is_input, alphasort)) < 0)
		return 0;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%.*s",
		    (int)strlen(ents[i]->d_name) - 3, ents[i]->d_name);
		if (check(dir, name, arg) == -1)
			bad = 1;
		free(ents[i]);
	}
	free(ents);
	return bad ? -1 : n;
}

static int
call_check(const char *dir, const char *name, void *arg)
{
	void (**check)(const char *, const char *) = arg;

	(*check)(dir, name);
	return 0;
}

int
golden_each(const char *dir, void (*check)(const char *, const char *))
{
	return each(dir, call_check, &check);
}

char *
golden_text(golden_outcome *outcome, const char *name, const char *buf,
    size_t len, int *printed)
{
	char *text = NULL;
	size_t textlen = 0;
	FILE *f;

	*printed = 0;
	if ((f = open_memstream(&text, &textlen)) == NULL)
		return NULL;
	*printed = outcome(f, name, buf, len);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* The printed form out of case name parses again to itself: 0, or -1. */
static int
reparses(const char *name, const char *out, golden_outcome *outcome)
{
	char *again;
	int printed = 0, same;

	again = golden_text(outcome, name, out, strlen(out), &printed);
	same = again != NULL && printed && strcmp(again, out) == 0;
	if (!same)
		fprintf(stderr, "%s: printed form does not parse again to "
		    "itself:\n%s", name, again ? again : "(nothing)\n");
	free(again);
	return same ? 0 : -1;
}

static int
run_case(const char *dir, const char *name, void *arg)
{
	golden_outcome **outcome = arg;
	char file[300], *in, *out;
	const char *err;
	size_t len;
	int printed = 0, rc = 0;

	if ((in = golden_input(dir, name, &len)) == NULL) {
		fprintf(stderr, "%s: cannot read %s/%s.in\n", name, dir, name);
		return -1;
	}
	snprintf(file, sizeof(file), "%s.in", name);
	if ((out = golden_text(*outcome, file, in, len, &printed)) == NULL) {
		fprintf(stderr, "%s: no outcome\n", name);
		rc = -1;
	} else if ((err = golden_match(dir, name, out)) != NULL) {
		fprintf(stderr, "%s: %s:\n%s", name, err, out);
		rc = -1;
	} else if (printed)
		rc = reparses(name, out, *outcome);
	free(in);
	free(out);
	return rc;
}

int
golden_run(const char *dir, golden_outcome *outcome)
{
	return each(dir, run_case, &outcome);
}

char *
golden_input(const char *dir, const char *name, size_t *lenp)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s.in", dir, name);
	return file_read(path, 1 << 20, lenp);
}

const char *
golden_match(const char *dir, const char *name, const char *out)
{
	static char msg[PATH_MAX + 64];
	char path[PATH_MAX], *ok;
	int same;

	snprintf(path, sizeof(path), "%s/%s.ok", dir, name);
	if (getenv("OUTPOST_REGEN") != NULL)
		file_write_atomic(path, out, strlen(out), 0644, 0, 0);
	if ((ok = file_read(path, 1 << 20, NULL)) == NULL) {
		snprintf(msg, sizeof(msg), "cannot read %s", path);
		return msg;
	}
	same = strcmp(ok, out) == 0;
	free(ok);
	if (same)
		return NULL;
	snprintf(msg, sizeof(msg), "output differs from %s", path);
	return msg;
}
