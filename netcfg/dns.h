/* dns.h: one DNS question over UDP to one resolver, for checking resolvers and finding the controller. */
#ifndef OUTPOST_DNS_H
#define OUTPOST_DNS_H

#include "addr.h"

#define DNS_A		1
#define DNS_NS		2
#define DNS_AAAA	28

/*
 * Asks server for name/qtype.  0 when an answer came (its rcode and the
 * addresses of type qtype in out), -1 with errno set when none came.
 */
int	dns_query(const struct addr *server, const char *name, int qtype,
	    int timeout_s, int *rcode, struct addr *out, int max, int *nout);
const char *dns_rcode_str(int rcode);

#endif
