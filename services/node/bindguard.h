/* bindguard.h: the bind guard: a tenant's sockets bind only its own addresses on port 53 and its NOTIFY port on the uplink (cgroup BPF, bindguard.bpf.c). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_BINDGUARD_H
#define OUTPOST_BINDGUARD_H

#include <stddef.h>

#include "bindguard_map.h"
#include "nodeconf.h"

#define BINDGUARD_DNS_PORT	53

/*
 * Guards the v2 cgroup PATH (relative to the v2 tree, made if missing)
 * for tenant tn, replacing a guard left there.  Returns an open
 * cgroup.procs of it that the starting container joins by writing "0"
 * (where the v2 tree is not crun's: a hybrid host), else -1.  A guard
 * that cannot load is logged; the tenant then runs without it.
 */
int	bindguard_start(const char *label, const char *path,
	    const struct nodeconf *nc, const struct nc_tenant *tn);
/* Takes the guard off PATH and, on a hybrid host, removes PATH. */
void	bindguard_stop(const char *path);

/* What tenant tn may bind: its addresses on port 53 and port 0, any:0,
 * and with a notify-port, each of nc's uplink addresses on that port. */
int	bindguard_keys(const struct nodeconf *nc, const struct nc_tenant *tn,
	    struct bindguard_key *keys, int max);
/* Loads the guard with keys and attaches it to cgroup cgfd; -1 and why. */
int	bindguard_attach(int cgfd, const struct bindguard_key *keys, int n,
	    char *why, size_t len);
/* Detaches every bind program from cgroup cgfd; how many it attached. */
int	bindguard_detach(int cgfd);
int	bindguard_count(int cgfd);

#endif
