/* dns.h: one DNS question over UDP to one resolver, for checking resolvers and finding the controller. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NETCFG_DNS_H
#define OUTPOST_NETCFG_DNS_H

#include "addr.h"
#include "dnsmsg.h"

/*
 * Asks server (port 53, recursion desired) for name qtype (DNS_TYPE_*),
 * waiting at most timeout_ms for the answer.  0 when one came (its rcode
 * and the addresses of name when qtype is A or AAAA in ans); -1 with errno
 * set when none came, and with what was wrong in reason when answers came
 * that made no sense (errno EBADMSG).
 */
int	dns_query(const struct addr *server, const char *name, uint16_t qtype,
	    int timeout_ms, struct dns_addr_answer *ans,
	    char reason[DNS_REASON_MAX]);

#endif
