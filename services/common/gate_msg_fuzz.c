/* gate_msg_fuzz.c: libFuzzer harness of the node-gate frames: the input is the byte stream read from the socket, taken apart by gate_msg_get as it arrives in pieces. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gate_msg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct gate_msgbuf mb;
	static uint8_t payload[GATE_MSG_MAX];
	struct gate_msg_hdr h;
	size_t off = 0, n, before;
	int r;

	mb.len = 0;
	while (off < size) {
		/* Pieces as reads return them: sized by the first octet. */
		n = 1 + data[off] * 7;
		if (n > size - off)
			n = size - off;
		if (n > sizeof(mb.buf) - mb.len)
			n = sizeof(mb.buf) - mb.len;
		memcpy(mb.buf + mb.len, data + off, n);
		mb.len += n;
		off += n;
		for (;;) {
			before = mb.len;
			if ((r = gate_msg_get(&mb, &h, payload)) <= 0)
				break;
			/* One whole message was taken out, no more. */
			if (h.len > GATE_MSG_MAX ||
			    mb.len != before - sizeof(h) - h.len)
				abort();
			(void)gate_msg_name(h.type);
		}
		if (r < 0)
			return 0;	/* broken stream: the link is dropped */
		if (mb.len == sizeof(mb.buf))
			abort();	/* full, yet no message complete */
	}
	return 0;
}
