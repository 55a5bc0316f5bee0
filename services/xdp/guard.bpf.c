/* guard.bpf.c: the XDP guard on the uplink: admits DNS queries, essential ICMP, BGP/BFD from neighbours; rate-limits each source prefix; counts every packet. */
/* SPDX-License-Identifier: ISC */
#include <linux/bpf.h>

#include <bpf/bpf_helpers.h>

#include "guard_map.h"
#include "guard_parse.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct guard_config);
} config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, GUARD_MAX_ADDRS);
	__type(key, struct guard_addr);
	__type(value, __u32);		/* the tenant's index */
} services SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, GUARD_MAX_ADDRS);
	__type(key, struct guard_addr);
	__type(value, __u8);
} uplink SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, GUARD_MAX_ADDRS);
	__type(key, struct guard_addr);
	__type(value, __u8);
} neighbors SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, GUARD_MAX_TENANTS);
	__type(key, __u32);
	__type(value, struct guard_tenant);
} tenants SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, GUARD_MAX_TENANTS);
	__type(key, __u32);		/* a notify-port */
	__type(value, __u32);		/* the tenant's index */
} notify SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, GUARD_MAX_EXEMPT);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct guard_lpm_key);
	__type(value, __u8);
} exempt SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, GUARD_MAX_SOURCES);
	__type(key, struct guard_addr);
	__type(value, struct guard_bucket);
} buckets SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, GUARD_CREDIT_SLOTS);
	__type(key, __u32);
	__type(value, struct guard_credit);
} credits SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, GR_NREASONS);
	__type(key, __u32);
	__type(value, struct guard_count);
} reasons SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, GUARD_MAX_QKEYS);
	__type(key, struct guard_qkey);
	__type(value, __u64);
} queries SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, GUARD_QC_ENTRIES);
	__type(key, __u32);
	__type(value, __u64);
} qcommon SEC(".maps");

enum { RL_PASS, RL_DROP, RL_SLIP };

static __always_inline int
verdict(struct xdp_md *ctx, int r)
{
	struct guard_count *c;
	__u32 k = (__u32)r;

	if ((c = bpf_map_lookup_elem(&reasons, &k)) != NULL) {
		c->packets++;
		c->bytes += ctx->data_end - ctx->data;
	}
	return guard_reason_action(r);
}

static __always_inline int
same_addr(const __u8 *a, const __u8 *b)
{
	int i;

	for (i = 0; i < 16; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static __always_inline int
is_neighbor(const struct guard_pkt *pk)
{
	return bpf_map_lookup_elem(&neighbors, pk->src) != NULL;
}

static __always_inline int
is_exempt(const struct guard_pkt *pk)
{
	struct guard_lpm_key k;

	k.prefixlen = 128;
	__builtin_memcpy(k.a, pk->src, 16);
	return bpf_map_lookup_elem(&exempt, &k) != NULL;
}

static __always_inline int
from_primary(const struct guard_pkt *pk, __u32 tenant)
{
	struct guard_tenant *t;

	t = bpf_map_lookup_elem(&tenants, &tenant);
	return t != NULL && t->has_primary && same_addr(t->primary, pk->src);
}

/* A source prefix as the bucket's key and as two words. */
union guard_pfx {
	struct guard_addr a;
	__u64	w[2];
};

static __always_inline int
same_key(const struct guard_credit *c, const union guard_pfx *k)
{
	return c->key[0] == k->w[0] && c->key[1] == k->w[1];
}

/* Up to max whole tokens out of b; how many. */
static __always_inline __u64
take_tokens(struct guard_bucket *b, __u64 max)
{
	__u64 n = b->tokens / GUARD_NS;

	if (n > max)
		n = max;
	b->tokens -= n * GUARD_NS;
	return n;
}

/* What slot c holds for another prefix goes back to that one's bucket. */
static __always_inline void
give_back(const struct guard_config *cfg, struct guard_credit *c)
{
	struct guard_bucket *b;
	__u64 full = cfg->burst * GUARD_NS;

	if (c->tokens == 0 || c->gen != cfg->gen)
		return;
	if ((b = bpf_map_lookup_elem(&buckets, c->key)) == NULL)
		return;
	b->tokens += (__u64)c->tokens * GUARD_NS;
	if (b->tokens > full)
		b->tokens = full;
}

/* Slot c is key's from now on: n tokens held, limited until until_ns. */
static __always_inline void
hold(const struct guard_config *cfg, struct guard_credit *c,
    const union guard_pfx *key, __u64 n, __u64 until_ns)
{
	if (c->gen != cfg->gen || !same_key(c, key)) {
		give_back(cfg, c);
		c->key[0] = key->w[0];
		c->key[1] = key->w[1];
		c->limited = 0;
		c->gen = cfg->gen;
	}
	c->tokens = (__u16)n;
	c->until_ns = until_ns;
}

/* A packet over the limit: dropped, or every slip-th one slipped. */
static __always_inline int
over(const struct guard_config *cfg, __u64 limited)
{
	if (cfg->slip != 0 && limited % cfg->slip == 0)
		return RL_SLIP;
	return RL_DROP;
}

/* Nanoseconds until bucket b holds a whole token again. */
static __always_inline __u64
until_token(const struct guard_config *cfg, const struct guard_bucket *b)
{
	return (GUARD_NS - b->tokens + cfg->rate - 1) / cfg->rate;
}

/*
 * A token for key from its bucket, refilled by the clock, and with c
 * (this CPU's slot for key, or NULL) up to batch - 1 more held there,
 * or there the time the bucket stays empty.
 */
static __always_inline int
from_bucket(const struct guard_config *cfg, const union guard_pfx *key,
    struct guard_credit *c, __u64 now)
{
	struct guard_bucket *b, nb;
	__u64 el, full, n, max;

	full = cfg->burst * GUARD_NS;
	max = c != NULL && cfg->batch > 1 ? cfg->batch : 1;
	if ((b = bpf_map_lookup_elem(&buckets, key)) == NULL) {
		nb.tokens = full;
		nb.last_ns = now;
		nb.limited = 0;
		n = take_tokens(&nb, max);
		bpf_map_update_elem(&buckets, key, &nb, BPF_ANY);
	} else {
		el = now > b->last_ns ? now - b->last_ns : 0;
		if (el > 100 * GUARD_NS)
			el = 100 * GUARD_NS;
		b->tokens += el * cfg->rate;
		if (b->tokens > full)
			b->tokens = full;
		b->last_ns = now;
		n = take_tokens(b, max);
	}
	if (n > 0) {
		if (c != NULL && n > 1)
			hold(cfg, c, key, n - 1, 0);
		return RL_PASS;
	}
	if (b == NULL)
		return RL_DROP;
	if (c == NULL)
		return over(cfg, ++b->limited);
	hold(cfg, c, key, 0, now + until_token(cfg, b));
	return over(cfg, ++c->limited);
}

/*
 * The source's token bucket: /24 for IPv4, /56 for IPv6.  This CPU's
 * slot for the prefix first (a token held, or the bucket known empty);
 * the bucket, shared by the CPUs, only when the slot cannot answer.
 * Batch 0 (benchmarks only) leaves the slots out.
 */
static __always_inline int
rate_limit(const struct guard_pkt *pk)
{
	struct guard_config *cfg;
	struct guard_credit *c = NULL;
	union guard_pfx key;
	__u32 zero = 0, slot;
	__u64 now;
	int mine;

	cfg = bpf_map_lookup_elem(&config, &zero);
	if (cfg == NULL || cfg->rate == 0)
		return RL_PASS;
	__builtin_memcpy(key.a.a, pk->src, 16);
	if (pk->family == 4)
		key.a.a[15] = 0;
	else
		__builtin_memset(key.a.a + 7, 0, 9);
	if (cfg->batch > 0) {
		slot = guard_credit_slot(key.w[0], key.w[1]);
		c = bpf_map_lookup_elem(&credits, &slot);
	}
	mine = c != NULL && c->gen == cfg->gen && same_key(c, &key);
	if (mine && c->tokens > 0) {
		c->tokens--;
		return RL_PASS;
	}
	now = cfg->now_ns != 0 ? cfg->now_ns : bpf_ktime_get_ns();
	if (mine && now < c->until_ns)
		return over(cfg, ++c->limited);
	return from_bucket(cfg, &key, c, now);
}

static __always_inline void
count_query(const struct guard_pkt *pk, const struct guard_dns *dq,
    __u32 tenant)
{
	struct guard_qkey k;
	__u64 one = 1, *v;
	__u32 i;

	i = guard_qindex(tenant, dq->qtype, dq->opcode, dq->edns, dq->do_bit,
	    pk->family, pk->proto == GUARD_IP_TCP ? GUARD_TRANSPORT_TCP :
	    GUARD_TRANSPORT_UDP);
	if (i < GUARD_QC_ENTRIES) {
		if ((v = bpf_map_lookup_elem(&qcommon, &i)) != NULL)
			(*v)++;
		return;
	}
	__builtin_memset(&k, 0, sizeof(k));
	k.tenant = tenant;
	k.qtype = dq->qtype;
	k.opcode = dq->opcode;
	k.edns = dq->edns;
	k.do_bit = dq->do_bit;
	k.family = pk->family;
	k.transport = pk->proto == GUARD_IP_TCP ? GUARD_TRANSPORT_TCP :
	    GUARD_TRANSPORT_UDP;
	if ((v = bpf_map_lookup_elem(&queries, &k)) != NULL)
		(*v)++;
	else
		bpf_map_update_elem(&queries, &k, &one, BPF_NOEXIST);
}

static __always_inline void
swap_bytes(__u8 *a, __u8 *b, int n)
{
	__u8 t;
	int i;

	for (i = 0; i < n; i++) {
		t = a[i];
		a[i] = b[i];
		b[i] = t;
	}
}

static __always_inline __u16
csum_fold(__u32 s)
{
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (__u16)~s;
}

static __always_inline void
put16(__u8 *p, __u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/*
 * The 16-bit one's complement sum (unfolded) of n bytes from off, odd
 * ones padded; -1 past the end.  A function of its own (verified once,
 * not for every path that leads to it).
 */
__noinline int
sum_range(struct xdp_md *ctx, __u32 off, __u32 n)
{
	const __u8 *data = (const __u8 *)(long)ctx->data;
	const __u8 *end = (const __u8 *)(long)ctx->data_end;
	const __u8 *p;
	__u32 i, s = 0;

	if (off > GUARD_PARSE_MAX || n > 300)
		return -1;
	GUARD_CLAMP(off);
	for (i = 0; i + 1 < n && i < 300; i += 2) {
		p = data + off + i;
		if (p + 2 > end)
			return -1;
		s += guard_get16(p);
	}
	if (n & 1) {
		n = off + n - 1;
		GUARD_CLAMP(n);
		p = data + n;
		if (p + 1 > end)
			return -1;
		s += (__u32)p[0] << 8;
	}
	return (int)(s & 0x7fffffff);
}

/*
 * The slip: the query turned into its own answer with TC set and the
 * question only, sent back where it came from (XDP_TX).  0 when built.
 */
static __always_inline int
slip_reply(struct xdp_md *ctx, const struct guard_pkt *pk,
    const struct guard_dns *dq)
{
	__u8 *data, *end, *ip, *udp, *dns;
	__u32 l3 = pk->l3, l4 = pk->l4, qend = dq->qend, s;
	int len, i;

	if (!pk->plain || l3 > 22 || qend > GUARD_PARSE_MAX + 300)
		return -1;
	len = (int)(ctx->data_end - ctx->data);
	if ((int)qend < len && bpf_xdp_adjust_tail(ctx, (int)qend - len) < 0)
		return -1;
	data = (__u8 *)(long)ctx->data;
	end = (__u8 *)(long)ctx->data_end;
	if (data + 14 > end || data + qend > end || l4 > l3 + 40 ||
	    qend < l4 + 20)
		return -1;
	GUARD_CLAMP(l3);
	GUARD_CLAMP(l4);
	ip = data + l3;
	udp = data + l4;
	if (ip + 40 > end || udp + 20 > end)
		return -1;
	dns = udp + 8;
	swap_bytes(data, data + 6, 6);
	swap_bytes(udp, udp + 2, 2);
	put16(udp + 4, qend - l4);
	put16(udp + 6, 0);
	dns[2] = 0x80 | (dns[2] & 0x79) | 0x02;	/* QR, TC; opcode, RD */
	dns[3] = 0;
	put16(dns + 6, 0);
	put16(dns + 8, 0);
	put16(dns + 10, 0);
	if (pk->family == 4) {
		swap_bytes(ip + 12, ip + 16, 4);
		put16(ip + 2, qend - l3);
		ip[8] = 64;
		put16(ip + 10, 0);
		s = 0;
		for (i = 0; i < 20; i += 2)
			s += guard_get16(ip + i);
		put16(ip + 10, csum_fold(s));
		return 0;	/* no UDP checksum over IPv4 */
	}
	swap_bytes(ip + 8, ip + 24, 16);
	put16(ip + 4, qend - l3 - 40);
	ip[7] = 64;
	s = GUARD_IP_UDP + (qend - l4);
	for (i = 8; i < 40; i += 2)
		s += guard_get16(ip + i);
	if ((i = sum_range(ctx, l4, qend - l4)) < 0)
		return -1;
	s += (__u32)i;
	s = csum_fold(s);
	put16(udp + 6, s == 0 ? 0xffff : s);
	return 0;
}

static __always_inline int
essential_icmp(const struct guard_pkt *pk)
{
	__u8 t = pk->icmptype;

	if (pk->proto == GUARD_IP_ICMP) {
		if (pk->family != 4)
			return GR_DROP_PROTO;
		if (t == 8)
			return rate_limit(pk) == RL_PASS ? GR_PASS_ICMP :
			    GR_DROP_RATE;
		/* echo reply, unreachable (needs fragmentation), time exceeded */
		return t == 0 || t == 3 || t == 11 ? GR_PASS_ICMP :
		    GR_DROP_ICMP;
	}
	if (pk->family != 6)
		return GR_DROP_PROTO;
	if (t == 128)
		return rate_limit(pk) == RL_PASS ? GR_PASS_ICMP : GR_DROP_RATE;
	/* unreachable, packet too big, time exceeded, parameter problem,
	 * echo reply, neighbour discovery (router/neighbour, redirect) */
	return t <= 4 || t == 129 || (t >= 133 && t <= 137) ? GR_PASS_ICMP :
	    GR_DROP_ICMP;
}

static __always_inline int
to_service_udp(struct xdp_md *ctx, const struct guard_pkt *pk, __u32 tenant)
{
	const __u8 *data = (const __u8 *)(long)ctx->data;
	const __u8 *end = (const __u8 *)(long)ctx->data_end;
	struct guard_dns dq;
	int r;

	if ((r = guard_dns_check(data, end, pk->pay, pk->payend, &dq)) >= 0)
		return r;
	if (dq.opcode == GUARD_OPCODE_NOTIFY && !from_primary(pk, tenant))
		return GR_DROP_NOTIFY_SRC;
	count_query(pk, &dq, tenant);
	if (is_exempt(pk))
		return GR_PASS_EXEMPT;
	switch (rate_limit(pk)) {
	case RL_PASS:
		return GR_PASS_DNS;
	case RL_SLIP:
		return slip_reply(ctx, pk, &dq) == 0 ? GR_TX_SLIP :
		    GR_DROP_RATE;
	default:
		return GR_DROP_RATE;
	}
}

/* TCP: new connections rate-limited; a first segment holding a query counted. */
static __always_inline int
to_service_tcp(struct xdp_md *ctx, const struct guard_pkt *pk, __u32 tenant)
{
	const __u8 *data = (const __u8 *)(long)ctx->data;
	const __u8 *end = (const __u8 *)(long)ctx->data_end;
	struct guard_dns dq;

	if ((pk->tcpflags & (GUARD_TCP_SYN | GUARD_TCP_ACK)) == GUARD_TCP_SYN &&
	    !is_exempt(pk) && rate_limit(pk) != RL_PASS)
		return GR_DROP_RATE;
	if (pk->payend > pk->pay + 14 &&
	    guard_dns_check(data, end, pk->pay + 2, pk->payend, &dq) < 0)
		count_query(pk, &dq, tenant);
	return GR_PASS_DNS;
}

static __always_inline int
to_service(struct xdp_md *ctx, const struct guard_pkt *pk, __u32 tenant)
{
	switch (pk->proto) {
	case GUARD_IP_UDP:
		if (pk->dport != GUARD_PORT_DNS)
			return GR_DROP_PORT;
		return to_service_udp(ctx, pk, tenant);
	case GUARD_IP_TCP:
		if (pk->dport != GUARD_PORT_DNS)
			return GR_DROP_PORT;
		return to_service_tcp(ctx, pk, tenant);
	case GUARD_IP_ICMP:
	case GUARD_IP_ICMPV6:
		return essential_icmp(pk);
	default:
		return GR_DROP_PROTO;
	}
}

static __always_inline int
to_notify_port(const struct guard_pkt *pk, int *r)
{
	__u32 port = pk->dport, *tenant;

	if ((tenant = bpf_map_lookup_elem(&notify, &port)) == NULL)
		return 0;
	*r = from_primary(pk, *tenant) ? GR_PASS_NOTIFY : GR_DROP_NOTIFY_SRC;
	return 1;
}

/*
 * The node's own address: BGP and BFD from the neighbours, NOTIFY from
 * the primaries, and replies to the node's own clients (the agent's
 * HTTPS, zone transfers, DNS, NTP, DHCP).
 */
static __always_inline int
to_uplink(const struct guard_pkt *pk)
{
	int r;

	switch (pk->proto) {
	case GUARD_IP_TCP:
		if (pk->dport == GUARD_PORT_BGP || pk->sport == GUARD_PORT_BGP)
			return is_neighbor(pk) ? GR_PASS_BGP :
			    GR_DROP_NEIGHBOR;
		if (to_notify_port(pk, &r))
			return r;
		return pk->tcpflags & GUARD_TCP_ACK ? GR_PASS_UPLINK :
		    GR_DROP_UPLINK;
	case GUARD_IP_UDP:
		if (pk->dport == GUARD_PORT_BFD ||
		    pk->dport == GUARD_PORT_BFD_ECHO ||
		    pk->dport == GUARD_PORT_BFD_MULTI)
			return is_neighbor(pk) ? GR_PASS_BFD :
			    GR_DROP_NEIGHBOR;
		if (to_notify_port(pk, &r))
			return r;
		if (pk->sport == 53 || pk->sport == 123 || pk->sport == 67 ||
		    pk->sport == 547)
			return GR_PASS_UPLINK;
		return GR_DROP_UPLINK;
	case GUARD_IP_ICMP:
	case GUARD_IP_ICMPV6:
		return essential_icmp(pk);
	default:
		return GR_DROP_PROTO;
	}
}

SEC("xdp")
int
xdp_guard(struct xdp_md *ctx)
{
	const __u8 *data = (const __u8 *)(long)ctx->data;
	const __u8 *end = (const __u8 *)(long)ctx->data_end;
	struct guard_pkt pk;
	__u32 *tenant;
	int r;

	if ((r = guard_parse(data, end, &pk)) >= 0)
		return verdict(ctx, r);
	if ((tenant = bpf_map_lookup_elem(&services, pk.dst)) != NULL) {
		if (pk.frag)
			return verdict(ctx, GR_DROP_FRAGMENT);
		return verdict(ctx, to_service(ctx, &pk, *tenant));
	}
	if (bpf_map_lookup_elem(&uplink, pk.dst) != NULL) {
		if (pk.frag)
			return verdict(ctx, GR_DROP_FRAGMENT);
		return verdict(ctx, to_uplink(&pk));
	}
	return verdict(ctx, GR_PASS_OTHER);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
