/* guard_parse_fuzz.c: libFuzzer harness: the XDP guard's parser (guard_parse.h) over any frame, in user space, never reading past its end. */
/* SPDX-License-Identifier: ISC */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "guard_parse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	struct guard_pkt pk;
	struct guard_dns dq;
	uint8_t *copy;
	int r;

	/* A copy of exactly len bytes: ASan sees any read past the end. */
	if ((copy = malloc(len > 0 ? len : 1)) == NULL)
		return 0;
	memcpy(copy, buf, len);
	r = guard_parse(copy, copy + len, &pk);
	if (r < 0 && !pk.frag) {
		if (pk.l4 > len || pk.pay > len)
			abort();
		if (pk.proto == GUARD_IP_UDP &&
		    guard_dns_check(copy, copy + len, pk.pay, pk.payend,
		    &dq) < 0 && (dq.qend > pk.payend || dq.qend > len))
			abort();
		if (pk.proto == GUARD_IP_TCP && pk.payend > pk.pay + 2)
			(void)guard_dns_check(copy, copy + len, pk.pay + 2,
			    pk.payend, &dq);
	}
	free(copy);
	return 0;
}
