/* jsonread_fuzz.c: libFuzzer harness of the JSON reader: no crash, no leak, and what it reads as an object is read the same both ways. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "token", "name", "key", NULL };
	const char *text = (const char *)data;
	char *vals[3], err[256];
	int rc, i;

	rc = jsonread_strings(text, size, keys, vals, err, sizeof(err));
	for (i = 0; i < 3; i++) {
		if (rc < 0 && vals[i] != NULL)
			abort();
		if (vals[i] != NULL && strlen(vals[i]) > size)
			abort();
		free(vals[i]);
	}
	/* A member given twice or not a string fails only the first. */
	if (rc == 0 && jsonread_object(text, size, err, sizeof(err)) != 0)
		abort();
	return 0;
}
