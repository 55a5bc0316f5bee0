/* agent_msg_fuzz.c: libFuzzer harness of the parent/child message decoder: any octets, fed in pieces as reads would. */
/* SPDX-License-Identifier: ISC */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "agent_msg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct agent_msg m;
	char err[256];
	size_t off = 0, used, avail;
	int r;

	/* The first octet chooses the piece size; the rest is the stream. */
	if (size == 0)
		return 0;
	avail = (data[0] % 16) + 1;
	for (data++, size--; off < size; ) {
		r = agent_msg_parse(data + off, avail < size - off ? avail :
		    size - off, &m, &used, err, sizeof(err));
		if (r < 0)
			break;
		if (r == 0) {
			if (avail >= size - off)
				break;
			avail += (data[0] % 16) + 1;
			continue;
		}
		if (m.len > agent_msg_limit(m.type) || used != AGENT_MSG_HDR +
		    m.len || used > size - off)
			__builtin_trap();
		off += used;
	}
	return 0;
}
