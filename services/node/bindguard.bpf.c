/* bindguard.bpf.c: cgroup bind hooks: a tenant binds only the (family, address, port) its map "allowed" holds. */
/* SPDX-License-Identifier: ISC */
#include <linux/bpf.h>

#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "bindguard_map.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BINDGUARD_MAX_ENTRIES);
	__type(key, struct bindguard_key);
	__type(value, __u8);
} allowed SEC(".maps");

/* 1 lets the bind go on, 0 fails it with EPERM. */
static __always_inline int
decide(const struct bindguard_key *k)
{
	return bpf_map_lookup_elem(&allowed, k) != NULL;
}

SEC("cgroup/bind4")
int
bind4(struct bpf_sock_addr *ctx)
{
	struct bindguard_key k;
	__u32 ip = ctx->user_ip4;

	__builtin_memset(&k, 0, sizeof(k));
	k.family = BINDGUARD_AF_INET;
	k.port = bpf_ntohs((__u16)ctx->user_port);
	__builtin_memcpy(k.addr, &ip, sizeof(ip));
	return decide(&k);
}

SEC("cgroup/bind6")
int
bind6(struct bpf_sock_addr *ctx)
{
	struct bindguard_key k;
	__u32 w[4];

	__builtin_memset(&k, 0, sizeof(k));
	k.family = BINDGUARD_AF_INET6;
	w[0] = ctx->user_ip6[0];
	w[1] = ctx->user_ip6[1];
	w[2] = ctx->user_ip6[2];
	w[3] = ctx->user_ip6[3];
	k.port = bpf_ntohs((__u16)ctx->user_port);
	if (w[0] == 0 && w[1] == 0 && w[2] == bpf_htonl(0xffff)) {
		/* ::ffff:a.b.c.d, an IPv4 bind through an IPv6 socket */
		k.family = BINDGUARD_AF_INET;
		__builtin_memcpy(k.addr, &w[3], sizeof(w[3]));
	} else
		__builtin_memcpy(k.addr, w, sizeof(w));
	return decide(&k);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
