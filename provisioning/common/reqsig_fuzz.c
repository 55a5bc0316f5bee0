/* reqsig_fuzz.c: libFuzzer harness of the Authorization header's parser: what parses names a valid node and checks without a crash. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reqsig.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t pk[32] = { 1 };
	struct reqsig rs;
	char hdr[1024], err[256];

	if (size >= sizeof(hdr))
		return 0;
	memcpy(hdr, data, size);
	hdr[size] = '\0';
	err[0] = '\0';
	if (reqsig_parse(hdr, &rs, err, sizeof(err)) < 0) {
		if (err[0] == '\0')
			abort();
		return 0;
	}
	if (!node_name_valid(rs.node))
		abort();
	(void)reqsig_check(&rs, "GET", "/v1/bundle/x", data, size, pk,
	    rs.ts, err, sizeof(err));
	return 0;
}
