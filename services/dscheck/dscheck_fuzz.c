/* dscheck_fuzz.c: libFuzzer harness of outpost-dscheck's readers: the first line is the anchors file, the rest the zone (as NSD wrote it from a transfer). */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dscheck.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[DSC_ERR_MAX];
	struct dsc_zone *z;
	const uint8_t *nl;
	size_t alen;
	FILE *af, *zf;
	char *copy;
	int rc;

	/* An exact copy: ASan sees any read past the end. */
	if ((copy = malloc(size + 1)) == NULL ||
	    (z = malloc(sizeof(*z))) == NULL)
		abort();
	memcpy(copy, data, size);
	nl = memchr(data, '\n', size);
	alen = nl != NULL ? (size_t)(nl - data) + 1 : size;
	af = alen > 0 ? fmemopen(copy, alen, "r") : fopen("/dev/null", "r");
	zf = size > alen ? fmemopen(copy + alen, size - alen, "r") :
	    fopen("/dev/null", "r");
	if (af == NULL || zf == NULL)
		abort();
	rc = dsc_zone_read(zf, "example.", z, err, sizeof(err));
	if (rc == 0) {
		if (z->nkeys > DSC_MAX_KEYS || z->nsigs > DSC_MAX_KEYS)
			abort();
		rc = dsc_check(af, z, err, sizeof(err));
	}
	if (rc != 0 && (strlen(err) >= sizeof(err) ||
	    strncmp(err, rc == 1 ? "trust anchor: " : "", rc == 1 ? 14 : 0)
	    != 0))
		abort();
	fclose(af);
	fclose(zf);
	free(z);
	free(copy);
	return 0;
}
