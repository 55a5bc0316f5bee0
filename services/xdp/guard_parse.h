/* guard_parse.h: the XDP guard's packet parser (Ethernet to UDP/TCP/ICMP, DNS query sanity), header-only for guard.bpf.c and user space alike. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GUARD_PARSE_H
#define OUTPOST_GUARD_PARSE_H

#include <linux/types.h>

#include "guard_map.h"

#ifdef __bpf__
#define GUARD_INLINE	static __always_inline
#else
#define GUARD_INLINE	static inline
#endif

/*
 * Every read is checked against end first; offsets stay below
 * GUARD_PARSE_MAX (a header chain longer than that is dropped as
 * malformed), which also keeps the verifier's ranges small.
 */
#define GUARD_PARSE_MAX		512

/*
 * An offset already checked to be below 2048 made plain to the
 * verifier too: clang may check one copy of it and add another.
 */
#ifdef __bpf__
#define GUARD_CLAMP(v) do {						\
	asm volatile("" : "+r"(v));					\
	(v) &= 0x7ff;							\
} while (0)
#else
#define GUARD_CLAMP(v)	((void)0)
#endif
#define GUARD_MAX_VLANS		2	/* 802.1Q, and QinQ */
#define GUARD_MAX_EXTHDRS	8	/* IPv6 extension headers */
#define GUARD_MAX_LABELS	128	/* a query name's labels */
#define GUARD_NAME_MAX		255

#define GUARD_ETH_IP		0x0800
#define GUARD_ETH_IPV6		0x86dd
#define GUARD_ETH_8021Q		0x8100
#define GUARD_ETH_8021AD	0x88a8

#define GUARD_IP_ICMP		1
#define GUARD_IP_TCP		6
#define GUARD_IP_UDP		17
#define GUARD_IP_ICMPV6		58

#define GUARD_TCP_SYN		0x02
#define GUARD_TCP_RST		0x04
#define GUARD_TCP_ACK		0x10

#define GUARD_OPCODE_QUERY	0
#define GUARD_OPCODE_NOTIFY	4

/* What the parser found; offsets from the frame's first byte. */
struct guard_pkt {
	__u8	src[16], dst[16];	/* IPv4 as ::ffff:a.b.c.d; first: 8-aligned */
	__u32	l3;		/* the IP header */
	__u32	l4;		/* the transport header */
	__u32	pay;		/* the transport payload */
	__u32	payend;		/* its end (the IP datagram's, not the frame's) */
	__u8	family;		/* 4, 6; 0: not IP */
	__u8	proto;		/* the transport protocol */
	__u8	frag;		/* a fragment: no transport header parsed */
	__u8	plain;		/* no IPv4 options, no IPv6 extension header */
	__u8	tcpflags;
	__u8	icmptype;
	__u16	sport, dport;
} __attribute__((aligned(8)));

/* A query's details, from guard_dns_check. */
struct guard_dns {
	__u32	qend;		/* offset just past the question */
	__u16	qtype;
	__u8	opcode;
	__u8	edns;		/* version; GUARD_NO_EDNS */
	__u8	do_bit;
};

GUARD_INLINE __u16
guard_get16(const __u8 *p)
{
	return (__u16)(p[0] << 8 | p[1]);
}

GUARD_INLINE void
guard_v4mapped(__u8 *dst, const __u8 *p)
{
	int i;

	for (i = 0; i < 10; i++)
		dst[i] = 0;
	dst[10] = dst[11] = 0xff;
	for (i = 0; i < 4; i++)
		dst[12 + i] = p[i];
}

GUARD_INLINE int
guard_is_v4mapped(const __u8 *a)
{
	int i;

	for (i = 0; i < 10; i++)
		if (a[i] != 0)
			return 0;
	return a[10] == 0xff && a[11] == 0xff;
}

/* The transport header at pk->l4; -1 parsed, else a reason. */
GUARD_INLINE int
guard_parse_l4(const __u8 *data, const __u8 *end, struct guard_pkt *pk)
{
	const __u8 *h;
	__u32 off = pk->l4, n;

	if (off > GUARD_PARSE_MAX)
		return GR_DROP_MALFORMED;
	GUARD_CLAMP(off);
	h = data + off;
	switch (pk->proto) {
	case GUARD_IP_UDP:
		if (h + 8 > end)
			return GR_DROP_MALFORMED;
		n = guard_get16(h + 4);
		if (n < 8 || n > pk->payend - off)
			return GR_DROP_MALFORMED;
		pk->sport = guard_get16(h);
		pk->dport = guard_get16(h + 2);
		pk->pay = off + 8;
		pk->payend = off + n;
		return -1;
	case GUARD_IP_TCP:
		if (h + 20 > end)
			return GR_DROP_MALFORMED;
		n = (__u32)(h[12] >> 4) * 4;
		if (n < 20 || n > pk->payend - off || h + n > end)
			return GR_DROP_MALFORMED;
		pk->sport = guard_get16(h);
		pk->dport = guard_get16(h + 2);
		pk->tcpflags = h[13];
		pk->pay = off + n;
		return -1;
	case GUARD_IP_ICMP:
	case GUARD_IP_ICMPV6:
		if (h + 4 > end || pk->payend - off < 4)
			return GR_DROP_MALFORMED;
		pk->icmptype = h[0];
		pk->pay = off + 4;
		return -1;
	default:
		pk->pay = off;
		return -1;
	}
}

GUARD_INLINE int
guard_parse_ipv4(const __u8 *data, const __u8 *end, struct guard_pkt *pk)
{
	const __u8 *h = data + pk->l3;
	__u32 hl, tot;

	if (h + 20 > end)
		return GR_DROP_MALFORMED;
	hl = (__u32)(h[0] & 0x0f) * 4;
	tot = guard_get16(h + 2);
	if ((h[0] >> 4) != 4 || hl < 20 || tot < hl ||
	    tot > (__u32)(end - h) || h + hl > end)
		return GR_DROP_MALFORMED;
	pk->family = 4;
	pk->plain = hl == 20;
	pk->proto = h[9];
	guard_v4mapped(pk->src, h + 12);
	guard_v4mapped(pk->dst, h + 16);
	pk->l4 = pk->l3 + hl;
	pk->payend = pk->l3 + tot;
	/* MF, or an offset: no transport header to trust */
	pk->frag = (guard_get16(h + 6) & 0x3fff) != 0;
	return -1;
}

/* The IPv6 header and its extension headers. */
GUARD_INLINE int
guard_parse_ipv6(const __u8 *data, const __u8 *end, struct guard_pkt *pk)
{
	const __u8 *h = data + pk->l3;
	__u32 off, len;
	__u8 nh;
	int i, j;

	if (h + 40 > end)
		return GR_DROP_MALFORMED;
	len = guard_get16(h + 4);
	if ((h[0] >> 4) != 6 || len > (__u32)(end - h) - 40)
		return GR_DROP_MALFORMED;
	pk->family = 6;
	pk->plain = 1;
	for (j = 0; j < 16; j++) {
		pk->src[j] = h[8 + j];
		pk->dst[j] = h[24 + j];
	}
	pk->payend = pk->l3 + 40 + len;
	nh = h[6];
	off = pk->l3 + 40;
	for (i = 0; i < GUARD_MAX_EXTHDRS; i++) {
		if (nh != 0 && nh != 43 && nh != 44 && nh != 51 && nh != 60)
			break;
		pk->plain = 0;
		if (off > GUARD_PARSE_MAX)
			return GR_DROP_MALFORMED;
		GUARD_CLAMP(off);
		h = data + off;
		if (h + 8 > end)
			return GR_DROP_MALFORMED;
		if (nh == 44) {		/* fragment: offset, M */
			if ((guard_get16(h + 2) & 0xfff9) != 0)
				pk->frag = 1;
			len = 8;
		} else if (nh == 51)	/* AH: in 4-octet units, less 2 */
			len = ((__u32)h[1] + 2) * 4;
		else
			len = ((__u32)h[1] + 1) * 8;
		nh = h[0];
		off += len;
		if (off > pk->payend)
			return GR_DROP_MALFORMED;
	}
	if (i == GUARD_MAX_EXTHDRS)
		return GR_DROP_MALFORMED;
	pk->proto = nh;
	pk->l4 = off;
	return -1;
}

/*
 * Ethernet, up to two VLAN tags, IP and the transport header.  Returns
 * -1 when pk describes an IP packet (pk->frag: its transport header
 * unparsed), GR_PASS_OTHER for a frame that is not IP, or a drop reason.
 */
GUARD_INLINE int
guard_parse(const __u8 *data, const __u8 *end, struct guard_pkt *pk)
{
	const __u8 *h;
	__u32 off = 12;
	__u16 type;
	int i, r;

	__builtin_memset(pk, 0, sizeof(*pk));
	if (data + 14 > end)
		return GR_DROP_MALFORMED;
	type = guard_get16(data + 12);
	for (i = 0; i < GUARD_MAX_VLANS; i++) {
		if (type != GUARD_ETH_8021Q && type != GUARD_ETH_8021AD)
			break;
		off += 4;
		h = data + off;
		if (h + 2 > end)
			return GR_DROP_MALFORMED;
		type = guard_get16(h);
	}
	pk->l3 = off + 2;
	if (type == GUARD_ETH_IP)
		r = guard_parse_ipv4(data, end, pk);
	else if (type == GUARD_ETH_IPV6)
		r = guard_parse_ipv6(data, end, pk);
	else
		return GR_PASS_OTHER;	/* ARP, LLDP, a third tag ... */
	if (r >= 0 || pk->frag)
		return r;
	return guard_parse_l4(data, end, pk);
}

/*
 * A DNS message over UDP (or after TCP's length) from pay to payend: -1
 * when it can be a query (dq filled), else the reason to drop it.
 */
GUARD_INLINE int
guard_dns_check(const __u8 *data, const __u8 *end, __u32 pay, __u32 payend,
    struct guard_dns *dq)
{
	const __u8 *h, *p;
	__u32 off, lim;
	__u8 c;
	int i;

	dq->edns = GUARD_NO_EDNS;
	dq->do_bit = 0;
	dq->qtype = 0;
	if (pay > GUARD_PARSE_MAX || payend < pay || payend - pay < 12)
		return GR_DROP_DNS_SHORT;
	GUARD_CLAMP(pay);
	h = data + pay;
	if (h + 12 > end)
		return GR_DROP_DNS_SHORT;
	dq->opcode = (h[2] >> 3) & 0x0f;
	if (h[2] & 0x80)
		return GR_DROP_DNS_QR;
	if (guard_get16(h + 4) != 1)
		return GR_DROP_DNS_QDCOUNT;
	if (dq->opcode != GUARD_OPCODE_QUERY &&
	    dq->opcode != GUARD_OPCODE_NOTIFY)
		return GR_DROP_DNS_OPCODE;
	/* The question: labels (no compression), type and class. */
	off = pay + 12;
	lim = off + GUARD_NAME_MAX;
	for (i = 0; i < GUARD_MAX_LABELS; i++) {
		if (off >= payend || off > lim)
			return GR_DROP_MALFORMED;
		GUARD_CLAMP(off);
		p = data + off;
		if (p + 1 > end)
			return GR_DROP_MALFORMED;
		c = p[0];
		if (c == 0)
			break;
		if (c > 63)
			return GR_DROP_MALFORMED;
		off += 1 + c;
	}
	if (i == GUARD_MAX_LABELS)
		return GR_DROP_MALFORMED;
	off++;
	GUARD_CLAMP(off);
	p = data + off;
	if (off + 4 > payend || p + 4 > end)
		return GR_DROP_MALFORMED;
	dq->qtype = guard_get16(p);
	off += 4;
	dq->qend = off;
	GUARD_CLAMP(off);
	/* EDNS: an OPT record first in the additional section. */
	if (guard_get16(h + 6) != 0 || guard_get16(h + 8) != 0 ||
	    guard_get16(h + 10) == 0)
		return -1;
	p = data + off;
	if (off + 11 > payend || p + 11 > end)
		return -1;
	if (p[0] != 0 || guard_get16(p + 1) != 41)
		return -1;
	dq->edns = p[6];
	dq->do_bit = (p[7] & 0x80) != 0;
	return -1;
}

#endif
