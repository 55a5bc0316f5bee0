/* bindguard_map.h: the bind guard's map layout, shared by bindguard.bpf.c and its loader bindguard.c. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_BINDGUARD_MAP_H
#define OUTPOST_BINDGUARD_MAP_H

#include <linux/types.h>

#define BINDGUARD_AF_INET	2	/* AF_INET, AF_INET6 (no libc in BPF) */
#define BINDGUARD_AF_INET6	10
#define BINDGUARD_MAX_ENTRIES	64

/*
 * One allowed bind: the map "allowed" holds a key per (family, address,
 * port) a tenant may bind; its value is unused.  An IPv4-mapped IPv6
 * address is looked up as IPv4.  The unspecified address with port 0
 * (an outgoing socket) is an entry like any other.
 */
struct bindguard_key {
	__u32	family;		/* BINDGUARD_AF_INET or BINDGUARD_AF_INET6 */
	__u32	port;		/* host byte order; 0 for an ephemeral port */
	__u8	addr[16];	/* network byte order; IPv4 in the first 4 */
};

#endif
