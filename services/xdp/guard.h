/* guard.h: the XDP guard on the uplink (guard.bpf.c): loading, its maps from node.conf, attaching, counters. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GUARD_H
#define OUTPOST_GUARD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "guard_map.h"
#include "nodeconf.h"

struct guard;

/* Loads the program and its maps, not attached; NULL and why (the
 * verifier's last word when it rejects the program). */
struct guard *guard_load(char *why, size_t len);
/* Takes the guard off its interface (if attached there) and frees it. */
void	guard_free(struct guard *);

/*
 * The maps from nc: service addresses, tenants' primaries and NOTIFY
 * ports, uplink addresses, neighbours, exempt prefixes, rate, burst
 * and slip.  New entries go in before stale ones go out: attached, the
 * guard filters throughout.  -1 and why when a map refuses.
 */
int	guard_configure(struct guard *, const struct nodeconf *nc,
	    char *why, size_t len);
/*
 * Tokens a CPU takes from a source's bucket at once (struct
 * guard_credit): a quarter of the burst shared by ncpu CPUs, 1 to
 * GUARD_BATCH_MAX; with 1 a CPU holds none, but still knows when the
 * bucket is empty.
 */
uint32_t guard_batch(uint64_t burst, int ncpu);
/* The guard's clock, for tests (0: the kernel's). */
int	guard_set_clock(struct guard *, uint64_t now_ns);

/*
 * Attaches to ifname in mode (NC_XDP_NATIVE or NC_XDP_GENERIC),
 * replacing whatever XDP program is there in either mode (one left by
 * a crashed node): never two.  -1 and why.
 */
int	guard_attach(struct guard *, const char *ifname, enum nc_xdp_mode,
	    char *why, size_t len);
/* Takes it off its interface, if it is still the program there. */
void	guard_detach(struct guard *);
/* The mode it is attached in, NC_XDP_OFF when not attached. */
enum nc_xdp_mode guard_mode(const struct guard *);
const char *guard_ifname(const struct guard *);
/* The XDP program attached to ifname in any mode: its id, 0 for none. */
uint32_t guard_attached_id(const char *ifname);
int	guard_prog_fd(const struct guard *);

/* Counters summed over the CPUs. */
int	guard_read_reasons(struct guard *, struct guard_count *out);
const char *guard_reason_name(int reason);
/* The per-CPU hash of DNS query counters (struct guard_qkey -> __u64). */
int	guard_queries_fd(const struct guard *);
/* The per-CPU array of the common keys' counters (guard_qindex -> __u64). */
int	guard_qcommon_fd(const struct guard *);
const char *guard_verdict_name(int verdict);
/* `outpost stats`: reasons and queries as text or JSON (tenants named
 * by nc, the configuration the maps were last filled from). */
void	guard_print_stats(struct guard *, const struct nodeconf *nc, FILE *,
	    int json);

/* The map key of an address (IPv4 as ::ffff:a.b.c.d). */
void	guard_key(struct guard_addr *, const struct addr *);

#endif
