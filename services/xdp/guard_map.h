/* guard_map.h: the XDP guard's map layouts, verdict reasons and counters, shared by guard.bpf.c, its loader and outpost stats. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GUARD_MAP_H
#define OUTPOST_GUARD_MAP_H

#include <linux/types.h>

#define GUARD_MAX_ADDRS		256	/* service, uplink, neighbour addresses */
#define GUARD_MAX_TENANTS	32	/* NC_MAX_TENANTS */
#define GUARD_MAX_EXEMPT	64	/* exempt prefixes */
#define GUARD_MAX_SOURCES	65536	/* token buckets (source prefixes) */
#define GUARD_CREDIT_SLOTS	1024	/* a CPU's slots for source prefixes, 2^10 */
#define GUARD_CREDIT_SHIFT	54	/* 64 - 10: a slot from a 64-bit hash */
#define GUARD_BATCH_MAX		64	/* tokens a CPU takes from a bucket at once */
#define GUARD_MAX_QKEYS		4096	/* DNS query counter keys */
#define GUARD_RATE_MAX		1000000	/* packets/s per source prefix */
#define GUARD_BURST_MAX		1000000
#define GUARD_NS		1000000000ULL
#define GUARD_NO_TENANT		0xffffffffU

/* Ports the uplink address admits (beside TCP replies). */
#define GUARD_PORT_DNS		53
#define GUARD_PORT_BGP		179
#define GUARD_PORT_BFD		3784	/* single hop control */
#define GUARD_PORT_BFD_ECHO	3785
#define GUARD_PORT_BFD_MULTI	4784

/*
 * Every address is 16 bytes: IPv6 as is, IPv4 as ::ffff:a.b.c.d.  The
 * maps "services" (a tenant's service address -> its index), "uplink"
 * (the node's own addresses) and "neighbors" (BGP/BFD peers) are keyed
 * by it; "exempt" is a longest-prefix trie over it (an IPv4 prefix
 * length + 96).
 */
struct guard_addr {
	__u8	a[16];
};

struct guard_lpm_key {
	__u32	prefixlen;
	__u8	a[16];
};

/* The tenant at an index of the array "tenants". */
struct guard_tenant {
	__u8	primary[16];	/* NOTIFY comes only from here */
	__u32	has_primary;
	__u32	notify_port;	/* on the uplink addresses; 0: none */
};

/* The one entry of the array "config". */
struct guard_config {
	__u64	rate;		/* packets/s per source prefix; 0: unlimited */
	__u64	burst;		/* packets a bucket holds */
	__u32	slip;		/* every slip-th limited query answered TC; 0: none */
	__u32	flags;
	__u64	now_ns;		/* the clock when nonzero (tests); else ktime */
	__u32	batch;		/* tokens a CPU takes from a bucket at once;
				 * 0: no credits (benchmarks) */
	__u32	gen;		/* changes with the limits: older credits void */
};

/* A source prefix's token bucket (map "buckets", LRU), in nanotokens. */
struct guard_bucket {
	__u64	tokens;		/* tokens * GUARD_NS */
	__u64	last_ns;
	__u64	limited;	/* packets over the limit, for the slip */
};

/*
 * What one CPU knows of a source prefix's bucket (map "credits", a
 * per-CPU array, a slot by the prefix's hash), so that the bucket,
 * whose cache line every CPU writes, is touched once in many packets:
 * - tokens it took from the bucket ("batch" at once) and spends without
 *   it; a slot taken over by another prefix gives them back;
 * - when the bucket had none, until when it cannot have one (the
 *   prefix's packets are limited here until then, the slip counted on
 *   this CPU).
 * Tokens leave the bucket when taken, so over any span a prefix gets
 * no more than its bucket gives it plus what the CPUs held for it at
 * the start (batch - 1 each at most).
 */
struct guard_credit {
	__u64	key[2];		/* the prefix's struct guard_addr */
	__u64	until_ns;	/* limited until then; 0: not known to be */
	__u16	tokens;
	__u16	limited;	/* packets limited on this CPU, for the slip */
	__u32	gen;		/* the config's gen when written */
};

/* A source prefix's slot in a CPU's credits, from its key's two words. */
static inline __u32
guard_credit_slot(__u64 w0, __u64 w1)
{
	return (__u32)(((w0 ^ (w1 * 0xff51afd7ed558ccdULL)) *
	    0x9e3779b97f4a7c15ULL) >> GUARD_CREDIT_SHIFT);
}

/* Reasons, each with one verdict (guard_reason_verdict). */
enum guard_reason {
	GR_PASS_DNS,		/* a query to a service address */
	GR_PASS_ICMP,		/* essential ICMP/ICMPv6 */
	GR_PASS_BGP,		/* BGP from a neighbour */
	GR_PASS_BFD,		/* BFD from a neighbour */
	GR_PASS_NOTIFY,		/* NOTIFY port on the uplink, from a primary */
	GR_PASS_UPLINK,		/* replies the node's own clients wait for */
	GR_PASS_EXEMPT,		/* a query from an exempt prefix */
	GR_PASS_OTHER,		/* not IP, or not to a guarded address */
	GR_DROP_MALFORMED,	/* a header cut short or inconsistent */
	GR_DROP_FRAGMENT,	/* an IP fragment to a guarded address */
	GR_DROP_PROTO,		/* neither UDP, TCP nor ICMP */
	GR_DROP_PORT,		/* a service address, not port 53 */
	GR_DROP_ICMP,		/* ICMP that is not essential */
	GR_DROP_UPLINK,		/* the uplink address, not admitted */
	GR_DROP_NEIGHBOR,	/* BGP/BFD from a non-neighbour */
	GR_DROP_DNS_SHORT,	/* shorter than a DNS header */
	GR_DROP_DNS_QR,		/* QR set: a reflected answer */
	GR_DROP_DNS_QDCOUNT,	/* QDCOUNT != 1 */
	GR_DROP_DNS_OPCODE,	/* not QUERY nor NOTIFY */
	GR_DROP_NOTIFY_SRC,	/* NOTIFY not from the tenant's primary */
	GR_DROP_RATE,		/* the source prefix over its rate */
	GR_TX_SLIP,		/* over the rate: answered TC by the guard */
	GR_NREASONS
};

enum guard_verdict {
	GV_PASS,
	GV_DROP,
	GV_TX,
	GV_NVERDICTS
};

/* Counters by reason (per-CPU array "reasons"). */
struct guard_count {
	__u64	packets;
	__u64	bytes;
};

#define GUARD_TRANSPORT_UDP	17
#define GUARD_TRANSPORT_TCP	6
#define GUARD_NO_EDNS		0xff

/* DNS queries (per-CPU hash "queries", key -> packets). */
struct guard_qkey {
	__u32	tenant;
	__u16	qtype;
	__u8	opcode;
	__u8	edns;		/* EDNS version; GUARD_NO_EDNS: none */
	__u8	do_bit;
	__u8	family;		/* 4 or 6 */
	__u8	transport;	/* GUARD_TRANSPORT_* */
	__u8	pad;
};

/*
 * The common query keys count in the per-CPU array "qcommon" instead:
 * one lookup by an index computed from the key, no hashing (~55 ns a
 * packet less in traffic, docs/xdp-guard.md).  Common: opcode QUERY, a
 * qtype with a slot (guard_qslot), no EDNS or EDNS version 0.  Every
 * other key counts in the hash "queries"; a key is in one of the two,
 * never both.  An index is made of the tenant, the slot, EDNS and DO
 * together (none; 0; 0 with DO), the family and the transport.
 */
#define GUARD_QSLOTS		15
#define GUARD_QC_TENANT		(GUARD_QSLOTS * 3 * 2 * 2)
#define GUARD_QC_ENTRIES	(GUARD_MAX_TENANTS * GUARD_QC_TENANT)

/* qtype's slot, 1 to GUARD_QSLOTS; 0: none (the hash counts it). */
static inline __u32
guard_qslot(__u16 qtype)
{
	switch (qtype) {
	case 1:  return 1;	/* A */
	case 2:  return 2;	/* NS */
	case 5:  return 3;	/* CNAME */
	case 6:  return 4;	/* SOA */
	case 12: return 5;	/* PTR */
	case 15: return 6;	/* MX */
	case 16: return 7;	/* TXT */
	case 28: return 8;	/* AAAA */
	case 33: return 9;	/* SRV */
	case 35: return 10;	/* NAPTR */
	case 43: return 11;	/* DS */
	case 48: return 12;	/* DNSKEY */
	case 64: return 13;	/* SVCB */
	case 65: return 14;	/* HTTPS */
	case 255: return 15;	/* ANY */
	default: return 0;
	}
}

/* The qtype of a slot (guard_qslot's inverse); 0 for none. */
static inline __u16
guard_slot_qtype(__u32 slot)
{
	static const __u16 t[GUARD_QSLOTS + 1] = { 0, 1, 2, 5, 6, 12, 15, 16,
	    28, 33, 35, 43, 48, 64, 65, 255 };

	return slot <= GUARD_QSLOTS ? t[slot] : 0;
}

/*
 * The index in "qcommon" of a key, GUARD_QC_ENTRIES when it is not a
 * common one (or its tenant is out of range).
 */
static inline __u32
guard_qindex(__u32 tenant, __u16 qtype, __u8 opcode, __u8 edns,
    __u8 do_bit, __u8 family, __u8 transport)
{
	__u32 slot = guard_qslot(qtype), e;

	if (slot == 0 || opcode != 0 || tenant >= GUARD_MAX_TENANTS ||
	    (edns != 0 && edns != GUARD_NO_EDNS))
		return GUARD_QC_ENTRIES;
	e = edns == GUARD_NO_EDNS ? 0 : do_bit ? 2 : 1;
	return (((tenant * GUARD_QSLOTS + slot - 1) * 3 + e) * 2 +
	    (family == 6)) * 2 + (transport == GUARD_TRANSPORT_TCP);
}

/* The key of an index of "qcommon" (i < GUARD_QC_ENTRIES). */
static inline void
guard_qkey_of(__u32 i, struct guard_qkey *k)
{
	__u32 e;

	k->transport = i % 2 ? GUARD_TRANSPORT_TCP : GUARD_TRANSPORT_UDP;
	i /= 2;
	k->family = i % 2 ? 6 : 4;
	i /= 2;
	e = i % 3;
	i /= 3;
	k->edns = e == 0 ? GUARD_NO_EDNS : 0;
	k->do_bit = e == 2;
	k->qtype = guard_slot_qtype(i % GUARD_QSLOTS + 1);
	k->tenant = i / GUARD_QSLOTS;
	k->opcode = 0;
	k->pad = 0;
}

static inline int
guard_reason_verdict(int r)
{
	if (r == GR_TX_SLIP)
		return GV_TX;
	return r >= GR_DROP_MALFORMED ? GV_DROP : GV_PASS;
}

/* The XDP action of reason r (XDP_* of linux/bpf.h). */
static inline int
guard_reason_action(int r)
{
	switch (guard_reason_verdict(r)) {
	case GV_PASS:
		return 2;	/* XDP_PASS */
	case GV_TX:
		return 3;	/* XDP_TX */
	default:
		return 1;	/* XDP_DROP */
	}
}

#endif
