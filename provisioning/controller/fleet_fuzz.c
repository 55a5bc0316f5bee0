/* fleet_fuzz.c: libFuzzer harness of the fleet file parser: any text is refused or parsed, what parses prints to a text that parses to the same print (lib/fuzz_roundtrip.c), and every node it names renders to a node.conf that loads, or says why not. */
/* SPDX-License-Identifier: ISC */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fleet.h"
#include "fleet_render.h"
#include "fuzz_roundtrip.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void *
load(const char *name, const char *buf, size_t len, FILE *err)
{
	return fleet_load_buf(name, buf, len, err);
}

static void
print(FILE *f, const void *c)
{
	fleet_print(f, c);
}

static void
destroy(void *c)
{
	fleet_free(c);
}

/* fleet_render checks its own text with the node's parser. */
static void
render_all(const uint8_t *data, size_t size)
{
	struct fleet *fl;
	char err[600];
	int i;

	if ((fl = fleet_load_buf("fuzz", (const char *)data, size,
	    NULL)) == NULL)
		return;
	for (i = 0; i < fl->nnodes; i++)
		free(fleet_render(fl, &fl->nodes[i], err, sizeof(err)));
	fleet_free(fl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct fuzz_grammar g = { load, print, destroy };

	render_all(data, size);
	return fuzz_roundtrip(&g, data, size);
}
