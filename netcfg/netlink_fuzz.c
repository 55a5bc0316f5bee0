/* netlink_fuzz.c: libFuzzer harness of the rtnetlink answer parser: the input is a kernel answer to a dump of links, addresses and routes, or to a neighbour request. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "netlink.h"
#include "netstate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct netstate ns;
	struct nl nl;
	struct addr a;
	uint8_t lladdr[NL_LLADDR_MAX], *msg;
	int state, lllen;

	memset(&nl, 0, sizeof(nl));
	nl.fd = -1;
	/* The first message's sequence number: the parser looks further. */
	if (size >= 12)
		memcpy(&nl.seq, data + 8, sizeof(nl.seq));
	/* An exact copy: ASan sees any read past the end. */
	if ((msg = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(msg, data, size);
	memset(&ns, 0, sizeof(ns));
	(void)nl_parse_state(&nl, msg, size, &ns);
	if (addr_parse("192.0.2.1", &a) != NULL)
		abort();
	(void)nl_parse_neigh(&nl, msg, size, 2, &a, &state, lladdr, &lllen);
	free(msg);
	return 0;
}
