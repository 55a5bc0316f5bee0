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

int
golden_each(const char *dir, void (*check)(const char *, const char *))
{
	struct dirent **ents;
	char name[256];
	int i, n;

	if ((n = scandir(dir, &ents, is_input, alphasort)) < 0)
		return 0;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%.*s",
		    (int)strlen(ents[i]->d_name) - 3, ents[i]->d_name);
		check(dir, name);
		free(ents[i]);
	}
	free(ents);
	return n;
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
