/* zoneguard_tenants.c: the DNSSEC guard's view of every tenant's NSD: its log lines through a zoneguard each, refusals logged and shown in `outpost status`. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <string.h>

#include "child.h"
#include "gatelink.h"
#include "log.h"
#include "node.h"
#include "zoneguard.h"
#include "zoneguard_tenants.h"

static struct guard {
	char		 tenant[NC_NAME_MAX + 1];
	struct zoneguard zg;
} guards[NODE_MAX_TENANTS];
static int nguards;

static struct guard *
guard_find(const char *tenant)
{
	struct guard *g;
	int i;

	for (i = 0; i < nguards; i++)
		if (strcmp(guards[i].tenant, tenant) == 0)
			return &guards[i];
	if (nguards == NODE_MAX_TENANTS)
		return NULL;
	g = &guards[nguards++];
	snprintf(g->tenant, sizeof(g->tenant), "%s", tenant);
	zoneguard_init(&g->zg);
	return g;
}

void
zoneguard_tenant_line(struct child *c, const char *line)
{
	const struct zg_zone *z;
	struct guard *g;
	char served[16];

	if ((g = guard_find(c->cname + 4)) == NULL ||
	    (z = zoneguard_line(&g->zg, line)) == NULL)
		return;
	snprintf(served, sizeof(served), z->has_served ? "%u" : "none",
	    z->served);
	if (z->refused_known)
		log_warnx("tenant %s: zone %s serial %u refused by the DNSSEC "
		    "guard: %s; serial %s stays served", g->tenant, z->name,
		    z->refused, z->why, served);
	else
		log_warnx("tenant %s: zone %s: an update refused by the DNSSEC "
		    "guard: %s; serial %s stays served", g->tenant, z->name,
		    z->why, served);
}

/* Only tenants in the configuration, zones validated or refused once. */
void
zoneguard_tenants_status(struct supervisor *sv, FILE *f)
{
	int i, head = 0;

	for (i = 0; i < nguards; i++) {
		const struct zoneguard *zg = &guards[i].zg;
		int j, any = 0;

		if (nodeconf_tenant(sv->nc, guards[i].tenant) == NULL)
			continue;
		for (j = 0; j < zg->nzones; j++)
			any |= zg->zones[j].has_refused ||
			    zg->zones[j].earliest[0] != '\0';
		if (!any)
			continue;
		if (!head++)
			fprintf(f, "\n%-24s %-12s %-10s %-20s %-24s %-10s %s\n",
			    "DNSSEC ZONE", "TENANT", "SERVED", "EARLIEST RRSIG",
			    "ON", "REFUSED", "WHY (the validator's first "
			    "complaint)");
		zoneguard_status(f, zg, guards[i].tenant);
	}
}

void
zoneguard_tenants_flush(struct supervisor *sv)
{
	static pid_t told;	/* the gate told so far */
	char text[NC_NAME_MAX + ZG_NAME_MAX + ZG_WHY_MAX + 32];
	struct zg_zone *z;
	pid_t gate;
	int i, j, all;

	if (sv->gate == NULL || sv->gate->state != CS_RUNNING ||
	    sv->gatefd < 0)
		return;
	gate = sv->gate->pid;
	all = gate != told;
	told = gate;
	for (i = 0; i < nguards; i++) {
		if (nodeconf_tenant(sv->nc, guards[i].tenant) == NULL)
			continue;
		for (j = 0; j < guards[i].zg.nzones; j++) {
			z = &guards[i].zg.zones[j];
			if (z->earliest[0] == '\0' || (!z->unsent && !all))
				continue;
			snprintf(text, sizeof(text), "%s %s %s %s",
			    guards[i].tenant, z->name, z->earliest,
			    z->earliest_on);
			gatelink_zone_expiry(sv, text);
			z->unsent = 0;
		}
	}
}

void
zoneguard_tenants_status_json(struct supervisor *sv, FILE *f)
{
	int i, first = 1;

	fputc('[', f);
	for (i = 0; i < nguards; i++)
		if (nodeconf_tenant(sv->nc, guards[i].tenant) != NULL)
			zoneguard_status_json(f, &guards[i].zg,
			    guards[i].tenant, &first);
	fputc(']', f);
}
