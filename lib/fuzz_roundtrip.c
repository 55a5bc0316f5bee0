/* fuzz_roundtrip.c: the one libFuzzer round trip of every configuration grammar: any text is refused or parsed, and what parses prints to a text that parses to the same print. */
/* SPDX-License-Identifier: ISC */
#include <stdlib.h>
#include <string.h>

#include "fuzz_roundtrip.h"

/* The printer's text of c (malloc'd), or NULL. */
static char *
print(const struct fuzz_grammar *g, const void *c, size_t *len)
{
	char *buf = NULL;
	FILE *f;

	if ((f = open_memstream(&buf, len)) == NULL)
		return NULL;
	g->print(f, c);
	fclose(f);
	return buf;
}

int
fuzz_roundtrip(const struct fuzz_grammar *g, const uint8_t *data,
    size_t size)
{
	void *c, *again;
	char *p1, *p2;
	size_t n1, n2;

	if ((c = g->load("fuzz", (const char *)data, size, NULL)) == NULL)
		return 0;
	if ((p1 = print(g, c, &n1)) == NULL)
		abort();
	g->free(c);
	/* The printer's output parses again, and prints the same. */
	if ((again = g->load("printed", p1, n1, stderr)) == NULL) {
		fprintf(stderr, "printed text does not parse:\n%s", p1);
		abort();
	}
	if ((p2 = print(g, again, &n2)) == NULL)
		abort();
	if (n1 != n2 || memcmp(p1, p2, n1) != 0) {
		fprintf(stderr, "printed twice, differs:\n%s---\n%s", p1, p2);
		abort();
	}
	g->free(again);
	free(p1);
	free(p2);
	return 0;
}
