/* dnsmsg.h: DNS wire format for the gate and netcfg: queries, the parsers of their answers, unpredictable ids. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_DNSMSG_H
#define OUTPOST_DNSMSG_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define DNS_NAME_WIRE_MAX	255
#define DNS_HDR_LEN		12
#define DNS_QUERY_MAX		(DNS_HDR_LEN + DNS_NAME_WIRE_MAX + 4 + 11)
#define DNS_EDNS_BUFSIZE	1232
#define DNS_REASON_MAX		96

#define DNS_TYPE_A		1
#define DNS_TYPE_NS		2
#define DNS_TYPE_CNAME		5
#define DNS_TYPE_SOA		6
#define DNS_TYPE_AAAA		28
#define DNS_TYPE_OPT		41
#define DNS_TYPE_RRSIG		46
#define DNS_CLASS_IN		1

/* What a SOA answer says, as far as the gate cares. */
struct dns_soa_answer {
	int		 rcode;
	int		 aa;
	int		 tc;
	int		 has_soa;
	uint32_t	 serial;
	uint32_t	 refresh;
	int		 has_rrsig;	/* an RRSIG covering the SOA */
	uint32_t	 rrsig_expire;	/* the latest expiration among them */
};

/* Query flags of dns_query_msg. */
#define DNS_Q_RD		0x01	/* recursion desired */
#define DNS_Q_DO		0x02	/* an EDNS0 OPT record with DO set */

#define DNS_ADDRS_MAX		8

/* What an answer to an A or AAAA (or any) question says. */
struct dns_addr_answer {
	int		 rcode;
	int		 aa;
	int		 tc;
	int		 naddrs;	/* the first DNS_ADDRS_MAX of them */
	struct addr	 addrs[DNS_ADDRS_MAX];
};

/* Presentation name ("example.test." or ".") to wire form; length or -1. */
int	 dns_name_wire(const char *name, uint8_t out[DNS_NAME_WIRE_MAX]);
/* A query for qname qtype IN with flags (DNS_Q_*); its length. */
size_t	 dns_query_msg(uint8_t out[DNS_QUERY_MAX], uint16_t id,
	    const uint8_t *qname, size_t qnamelen, uint16_t qtype, int flags);
/* A query for qname SOA IN, RD clear, EDNS0 with DO set; its length. */
size_t	 dns_soa_query(uint8_t out[DNS_QUERY_MAX], uint16_t id,
	    const uint8_t *qname, size_t qnamelen);
/*
 * Parses msg as the answer to the query of id for qname SOA.  0 when it is
 * a well-formed response with NOERROR (ans filled in, AA and TC reported,
 * not judged); -1 with what is wrong in reason otherwise: malformed, wrong
 * id, not a response, another question, or an rcode other than NOERROR
 * (then ans->rcode is set too).
 */
int	 dns_parse_soa(const uint8_t *msg, size_t len, uint16_t id,
	    const uint8_t *qname, size_t qnamelen, struct dns_soa_answer *ans,
	    char reason[DNS_REASON_MAX]);
/*
 * Parses msg as the answer to the query of id for qname qtype.  0 when it
 * is a well-formed response, whatever its rcode (in ans), with the
 * addresses of qname, or of the names it is an alias of (CNAME), when
 * qtype is A or AAAA; -1 with what is wrong in reason otherwise:
 * malformed, wrong id, not a response, another question.
 */
int	 dns_parse_addrs(const uint8_t *msg, size_t len, uint16_t id,
	    const uint8_t *qname, size_t qnamelen, uint16_t qtype,
	    struct dns_addr_answer *ans, char reason[DNS_REASON_MAX]);
/* An unpredictable query id from getrandom(2); 0, or -1 with errno set. */
int	 dns_random_id(uint16_t *id);
const char *dns_rcode_name(int rcode);
/* RFC 1982 serial arithmetic: a < b. */
int	 dns_serial_lt(uint32_t a, uint32_t b);

/* Big-endian 16- and 32-bit fields of a message. */
static inline uint16_t
dns_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
dns_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

#endif
