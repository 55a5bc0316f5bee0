/* zoneguard_fuzz.c: libFuzzer harness of the reading of a tenant NSD's log lines (zoneguard.c): the input is lines, as a tenant's NSD could print anything. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zoneguard.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct zoneguard zg;
	const struct zg_zone *z;
	size_t off = 0, n;
	char *line;
	FILE *f;

	zoneguard_init(&zg);
	while (off < size) {
		for (n = 0; off + n < size && data[off + n] != '\n'; n++)
			;
		/* An exact copy: ASan sees any read past the end. */
		if ((line = malloc(n + 1)) == NULL)
			abort();
		memcpy(line, data + off, n);
		line[n] = '\0';
		z = zoneguard_line(&zg, line);
		if (z != NULL && (strlen(z->why) >= ZG_WHY_MAX ||
		    strlen(z->name) >= ZG_NAME_MAX))
			abort();
		free(line);
		off += n + 1;
	}
	if (zg.nzones > NC_MAX_ZONES || zg.cur >= zg.nzones)
		abort();
	if ((f = fopen("/dev/null", "w")) == NULL)
		abort();
	zoneguard_status(f, &zg, "t");
	fclose(f);
	return 0;
}
