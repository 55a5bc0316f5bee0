/* token_fuzz.c: libFuzzer harness of the enrolment token's decoder: what decodes encodes to text that decodes to the same token. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "token.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct token t, again;
	char text[512], out[TOKEN_TEXT_MAX], err[256];

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	err[0] = '\0';
	if (token_decode(text, &t, err, sizeof(err)) < 0) {
		if (strncmp(err, "token", 5) != 0)
			abort();	/* every error says what it is about */
		return 0;
	}
	if (token_encode(&t, out, sizeof(out)) < 0 ||
	    token_decode(out, &again, err, sizeof(err)) < 0 ||
	    memcmp(&t, &again, sizeof(t)) != 0)
		abort();
	return 0;
}
