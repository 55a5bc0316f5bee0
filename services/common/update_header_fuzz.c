/* update_header_fuzz.c: libFuzzer harness of the update file's header parser: the input is a file's first octets; what parses prints back to the same header. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "update_header.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[UPDATE_HDR_MAX + 1];
	struct update_header h, again;
	char err[256];
	int n;

	if (update_header_parse((const char *)data, size, "fuzz", &h, err,
	    sizeof(err)) < 0) {
		if (strncmp(err, "fuzz:", 5) != 0)
			abort();	/* every error names FILE:OFFSET */
		return 0;
	}
	if (h.len > size || h.len > UPDATE_HDR_MAX)
		abort();
	/* The printer's output parses to the same header, octet for octet. */
	if ((n = update_header_format(&h, text, sizeof(text))) < 0 ||
	    (size_t)n != h.len || memcmp(text, data, h.len) != 0)
		abort();
	if (update_header_parse(text, (size_t)n, "again", &again, err,
	    sizeof(err)) < 0 || memcmp(&h, &again, sizeof(h)) != 0)
		abort();
	if (update_file_size(&h) <= h.len)
		abort();
	return 0;
}
