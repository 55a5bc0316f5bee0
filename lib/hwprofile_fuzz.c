/* hwprofile_fuzz.c: libFuzzer harness of the hardware profile parser: any text is refused or parsed, and what parses prints to a text that parses to the same print (lib/fuzz_roundtrip.c). */
/* SPDX-License-Identifier: ISC */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz_roundtrip.h"
#include "hwprofile.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void *
load(const char *name, const char *buf, size_t len, FILE *err)
{
	return hwprofiles_load_buf(name, buf, len, err);
}

static void
print(FILE *f, const void *c)
{
	hwprofiles_print(f, c);
}

static void
destroy(void *c)
{
	hwprofiles_free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct fuzz_grammar g = { load, print, destroy };

	return fuzz_roundtrip(&g, data, size);
}
