/* nodeconf_fuzz.c: libFuzzer harness of the node.conf parser: any text is refused or parsed, and what parses prints to a text that parses to the same print. */
/* SPDX-License-Identifier: ISC */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nodeconf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The printer's text of nc (malloc'd), or NULL. */
static char *
print(const struct nodeconf *nc, size_t *len)
{
	char *buf = NULL;
	FILE *f;

	if ((f = open_memstream(&buf, len)) == NULL)
		return NULL;
	nodeconf_print(f, nc);
	fclose(f);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nodeconf *nc, *again;
	char *p1, *p2;
	size_t n1, n2;

	if ((nc = nodeconf_load_buf("fuzz", (const char *)data, size,
	    NULL)) == NULL)
		return 0;
	if ((p1 = print(nc, &n1)) == NULL)
		abort();
	nodeconf_free(nc);
	/* The printer's output parses again, and prints the same. */
	if ((again = nodeconf_load_buf("printed", p1, n1, stderr)) == NULL) {
		fprintf(stderr, "printed text does not parse:\n%s", p1);
		abort();
	}
	if ((p2 = print(again, &n2)) == NULL)
		abort();
	if (n1 != n2 || memcmp(p1, p2, n1) != 0) {
		fprintf(stderr, "printed twice, differs:\n%s---\n%s", p1, p2);
		abort();
	}
	nodeconf_free(again);
	free(p1);
	free(p2);
	return 0;
}
