/* catalog_fuzz.c: libFuzzer harness of the catalog zone parser: the input is an AXFR as TCP carries it (each message after its 2-byte length) for catalog cat.test., the query id taken from its first message. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog c;
	uint16_t id = 0;
	size_t off = 0, n;
	uint8_t *msg;
	int r = 0, i;

	if (catalog_init(&c, "cat.test.") < 0)
		abort();
	if (size >= 4)
		id = (uint16_t)(data[2] << 8 | data[3]);
	while (r == 0 && off + 2 <= size) {
		n = (size_t)data[off] << 8 | data[off + 1];
		off += 2;
		if (n > size - off)
			n = size - off;
		/* An exact copy: ASan sees any read past the end. */
		if ((msg = malloc(n ? n : 1)) == NULL)
			abort();
		memcpy(msg, data + off, n);
		r = catalog_feed(&c, msg, n, id);
		free(msg);
		off += n;
	}
	if (r < 0 && (c.err[0] == '\0' || strlen(c.err) >= sizeof(c.err)))
		abort();
	for (i = 0; r == 1 && i < c.nmembers; i++)
		if (c.members[i].name[strlen(c.members[i].name) - 1] != '.')
			abort();
	catalog_free(&c);
	return 0;
}
