/* tenantcpus.c: the CPUs a tenant's NSD runs on, and how many server processes it gets. */
/* SPDX-License-Identifier: ISC */
#include <string.h>

#include "log.h"
#include "tenantcpus.h"

void
tenantcpus_default(const struct cpuset *node, struct cpuset *out)
{
	int cpu, n = cpuset_count(node);

	*out = *node;
	if (n < TENANTCPUS_RESERVE_FROM)
		return;
	cpu = cpuset_nth(node, 0);
	out->bits[cpu / 64] &= ~((uint64_t)1 << (cpu % 64));
}

void
tenantcpus_get(const struct nc_tenant *tn, const struct cpuset *node,
    struct tenant_cpus *out)
{
	char given[CPUSET_STRLEN], own[CPUSET_STRLEN];
	int n;

	memset(out, 0, sizeof(*out));
	if (tn->has_cpus) {
		out->set = tn->cpus;
		cpuset_and(&out->set, node);
		if (cpuset_count(&out->set) == 0)
			log_warnx("tenant %s: cannot run on cpus %s: none is "
			    "the node's (%s); it gets the default", tn->name,
			    cpuset_fmt(&tn->cpus, given, sizeof(given)),
			    cpuset_fmt(node, own, sizeof(own)));
	}
	if (cpuset_count(&out->set) == 0)
		tenantcpus_default(node, &out->set);
	n = cpuset_count(&out->set);
	if (tn->cpu_quota != 0 && (int)((tn->cpu_quota + 99) / 100) < n)
		n = (tn->cpu_quota + 99) / 100;
	out->nservers = n < TENANTCPUS_SERVERS_MIN ? TENANTCPUS_SERVERS_MIN : n;
}
