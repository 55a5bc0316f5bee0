/* tenantcpus.h: the CPUs a tenant's NSD runs on, and how many server processes it gets. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_TENANTCPUS_H
#define OUTPOST_TENANTCPUS_H

#include "cpuset.h"
#include "nodeconf.h"

/*
 * With this many CPUs or more, the node keeps its lowest CPU out of the
 * tenants' default set: outpost-node, outpost-gate, BIRD and the agent
 * run there without NSD servers pinned to it.  Below, tenants get every
 * CPU (a 2-CPU machine keeps both serving).
 */
#define TENANTCPUS_RESERVE_FROM	4

/*
 * NSD's server processes: at least two, even on one CPU.  NSD sets
 * SO_REUSEPORT on its sockets only with more than one server, and a
 * tenant's new NSD binds beside its running one only then (handover.c).
 */
#define TENANTCPUS_SERVERS_MIN	2

struct tenant_cpus {
	struct cpuset	 set;		/* the container's cpuset, NSD's cpu-affinity */
	int		 nservers;	/* NSD's server-count, >= 2 */
};

/* The tenants' default set, from the CPUs outpost-node may use. */
void	tenantcpus_default(const struct cpuset *node, struct cpuset *out);
/*
 * Tenant tn's CPUs: its cpus: within the node's (the default if it has
 * none, or none of them is the node's), and one server on each, fewer
 * with a cpu-quota (one per 100 % begun), never fewer than
 * TENANTCPUS_SERVERS_MIN.
 */
void	tenantcpus_get(const struct nc_tenant *tn, const struct cpuset *node,
	    struct tenant_cpus *out);

#endif
