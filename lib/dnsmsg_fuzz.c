/* dnsmsg_fuzz.c: libFuzzer harness of the DNS answer parser: the input is the answer to the gate's SOA query for example.test. (its id taken from the input, so that the parser looks further). */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dnsmsg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t qname[DNS_NAME_WIRE_MAX];
	static size_t qlen;
	struct dns_soa_answer a;
	char why[DNS_REASON_MAX];
	uint16_t id = 0;
	uint8_t *msg;
	int r;

	if (qlen == 0)
		qlen = (size_t)dns_name_wire("example.test.", qname);
	if (size >= 2)
		id = (uint16_t)(data[0] << 8 | data[1]);
	/* An exact copy: ASan sees any read past the end. */
	if ((msg = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(msg, data, size);
	memset(why, 'x', sizeof(why));
	r = dns_parse_soa(msg, size, id, qname, qlen, &a, why);
	if (r == 0 && a.rcode != 0)
		abort();
	if (r == -1 && (memchr(why, '\0', sizeof(why)) == NULL ||
	    why[0] == '\0'))
		abort();
	if (r != 0 && r != -1)
		abort();
	free(msg);
	return 0;
}
