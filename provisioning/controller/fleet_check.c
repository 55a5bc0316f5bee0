/* fleet_check.c: the fleet file's checks across blocks: unique names, zones and addresses, refusals that name tenants, neighbours a node can reach. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <string.h>

#include "cfgval.h"
#include "fleet.h"
#include "fleet_check.h"

static void
check_tenant_names(struct cfg_ctx *ctx, const struct fleet *f)
{
	int i, j;

	for (i = 0; i < f->ntenants; i++)
		for (j = 0; j < i && f->tenants[i].name != NULL; j++)
			if (f->tenants[j].name != NULL &&
			    strcmp(f->tenants[i].name, f->tenants[j].name) == 0) {
				cfg_error(ctx, f->tenants[i].name_pos.line,
				    f->tenants[i].name_pos.col, "name: tenant "
				    "'%s' already defined at line %d",
				    f->tenants[i].name, f->tenants[j].line);
				break;
			}
}

/* A zone (or catalog) and a service address belong to one tenant only. */
static void
check_tenant_zone(struct cfg_ctx *ctx, const struct fleet *f, int ti,
    const char *z, const struct cfg_pos *pos)
{
	int i, j;

	for (i = 0; i <= ti; i++) {
		const struct fleet_tenant *o = &f->tenants[i];

		for (j = 0; j < o->nzones; j++) {
			if (&o->zone_pos[j] == pos)
				return;
			if (strcmp(o->zones[j], z) == 0) {
				cfg_error(ctx, pos->line, pos->col, "zone: '%s' "
				    "already served at line %d", z,
				    o->zone_pos[j].line);
				return;
			}
		}
		if (i < ti && o->catalog != NULL && strcmp(o->catalog, z) == 0) {
			cfg_error(ctx, pos->line, pos->col, "zone: '%s' "
			    "already served at line %d", z, o->catalog_pos.line);
			return;
		}
	}
}

static void
check_tenant_addr(struct cfg_ctx *ctx, const struct fleet *f, int ti, int ai)
{
	const struct fleet_tenant *tn = &f->tenants[ti];
	char buf[ADDR_STRLEN];
	int i, j;

	for (i = 0; i <= ti; i++)
		for (j = 0; j < (i == ti ? ai : f->tenants[i].naddrs); j++)
			if (addr_eq(&f->tenants[i].addrs[j], &tn->addrs[ai])) {
				cfg_error(ctx, tn->addr_pos[ai].line,
				    tn->addr_pos[ai].col, "address: %s already "
				    "used at line %d",
				    addr_fmt(&tn->addrs[ai], buf, 0),
				    f->tenants[i].addr_pos[j].line);
				return;
			}
}

static void
check_tenants(struct cfg_ctx *ctx, const struct fleet *f)
{
	int i, j;

	check_tenant_names(ctx, f);
	for (i = 0; i < f->ntenants; i++) {
		const struct fleet_tenant *tn = &f->tenants[i];

		for (j = 0; j < tn->nzones; j++)
			check_tenant_zone(ctx, f, i, tn->zones[j],
			    &tn->zone_pos[j]);
		if (tn->catalog != NULL)
			check_tenant_zone(ctx, f, i, tn->catalog,
			    &tn->catalog_pos);
		for (j = 0; j < tn->naddrs; j++)
			check_tenant_addr(ctx, f, i, j);
	}
}

static int
has_ipv4_uplink(const struct fleet_node *n)
{
	int i;

	for (i = 0; i < n->nuplink_addrs; i++)
		if (n->uplink_addrs[i].af == AF_INET)
			return 1;
	return 0;
}

static void
check_node(struct cfg_ctx *ctx, const struct fleet *f, int ni)
{
	const struct fleet_node *n = &f->nodes[ni];
	const char *name = n->name ? n->name : "?";
	int i;

	for (i = 0; i < ni && n->name != NULL; i++)
		if (f->nodes[i].name != NULL &&
		    strcmp(f->nodes[i].name, n->name) == 0) {
			cfg_error(ctx, n->name_pos.line, n->name_pos.col,
			    "name: node '%s' already defined at line %d",
			    n->name, f->nodes[i].line);
			break;
		}
	for (i = 0; i < n->nrefuse; i++)
		if (fleet_tenant(f, n->refuse[i].tenant) == NULL)
			cfg_error(ctx, n->refuse[i].pos.line,
			    n->refuse[i].pos.col, "refuse: no tenant '%s' in "
			    "the fleet", n->refuse[i].tenant);
	for (i = 0; i < n->nneighbors; i++) {
		const struct nc_neighbor *nb = &n->neighbors[i];

		if (n->asn == 0)
			cfg_error(ctx, nb->line, 1, "neighbor: node '%s' has "
			    "no asn:", name);
		if (nb->addr.af != 0 && !cfgval_on_link(n->uplink_addrs,
		    n->nuplink_addrs, &nb->addr))
			cfg_error(ctx, nb->addr_pos.line, nb->addr_pos.col,
			    "address: neighbor is not on a connected network "
			    "of node '%s' (see uplink-address)", name);
	}
	if (n->asn != 0 && !n->has_router_id && !has_ipv4_uplink(n))
		cfg_error(ctx, n->asn_pos.line, n->asn_pos.col, "asn: node "
		    "'%s' needs router-id (no IPv4 uplink-address to take it "
		    "from)", name);
}

void
fleet_check(struct cfg_ctx *ctx, const struct fleet *f)
{
	int i;

	check_tenants(ctx, f);
	for (i = 0; i < f->nnodes; i++)
		check_node(ctx, f, i);
}
