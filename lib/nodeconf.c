/* nodeconf.c: the node.conf grammar: keyword tables, value checks, printer. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cfgval.h"
#include "dname.h"
#include "nodeconf.h"

int nodeconf_machine_cpus;

#define NC(ctx)		((struct nodeconf *)(ctx)->conf)
#define TENANT(ctx)	((struct nc_tenant *)(ctx)->block)

/* node: */

static void *
node_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nodeconf *nc = NC(ctx);

	if (nc->has_node) {
		cfg_error(ctx, t->line, t->kcol, "second node: block");
		return NULL;
	}
	nc->has_node = t->line;
	return nc;
}

static void
node_identity(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_identity(ctx, t, &NC(ctx)->identity);
}

static void
node_nsid(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_nsid(ctx, t, &NC(ctx)->nsid);
}

static void
node_uplink(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_ifname(ctx, t, &NC(ctx)->uplink);
}

static void
node_uplink_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_addr_add(ctx, t, NC(ctx)->uplink_addrs, &NC(ctx)->nuplink_addrs,
	    NC_MAX_ADDRS);
}

static void
node_state_dir(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_dir(ctx, t, &NC(ctx)->state_dir);
}

static void
node_rrl(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfg_bool(ctx, t, &NC(ctx)->rrl);
}

static void
node_rrl_rate(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 1, 1000000, &NC(ctx)->rrl_rate);
}

static void
node_memory_limit(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 32, 1048576, &NC(ctx)->memory_mb);
}

static void
node_pids_limit(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 8, 65536, &NC(ctx)->pids_limit);
}

static void
node_configure_timeout(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 1, 86400, &NC(ctx)->configure_timeout);
}

static void
node_update_confirm_timeout(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 10, 86400, &NC(ctx)->update_confirm_timeout);
}

static const struct cfg_key node_keys[] = {
	{ "configure-timeout", 0, node_configure_timeout },
	{ "identity", CFG_REQUIRED, node_identity },
	{ "memory-limit", 0, node_memory_limit },
	{ "nsid", 0, node_nsid },
	{ "pids-limit", 0, node_pids_limit },
	{ "rrl", 0, node_rrl },
	{ "rrl-rate", 0, node_rrl_rate },
	{ "state-dir", 0, node_state_dir },
	{ "update-confirm-timeout", 0, node_update_confirm_timeout },
	{ "uplink", CFG_REQUIRED, node_uplink },
	{ "uplink-address", CFG_MULTI, node_uplink_address },
};

/* tenant: */

static void *
tenant_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nodeconf *nc = NC(ctx);
	struct nc_tenant *tn;

	if (nc->ntenants == NC_MAX_TENANTS) {
		cfg_error(ctx, t->line, t->kcol, "more than %d tenants",
		    NC_MAX_TENANTS);
		return NULL;
	}
	tn = &nc->tenants[nc->ntenants++];
	tn->line = t->line;
	tn->primary_port = 53;
	tn->cpu_weight = NC_CPU_WEIGHT;
	tn->rrl_size = NC_RRL_SIZE;
	tn->dnssec_margin = NC_DNSSEC_MARGIN;
	return tn;
}

static void
tenant_name(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nodeconf *nc = NC(ctx);
	const char *p;
	int i;

	if (strlen(t->val) == 0 || strlen(t->val) > NC_NAME_MAX) {
		cfgval_bad(ctx, t, "must be 1 to 32 characters");
		return;
	}
	for (p = t->val; *p != '\0'; p++) {
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    *p != '-') {
			cfgval_bad(ctx, t, "may hold only a-z, 0-9 and '-'");
			return;
		}
	}
	for (i = 0; i < nc->ntenants; i++) {
		if (nc->tenants[i].name != NULL &&
		    strcmp(nc->tenants[i].name, t->val) == 0) {
			cfg_error(ctx, t->line, t->vcol,
			    "name: tenant '%s' already defined at line %d",
			    t->val, nc->tenants[i].line);
			return;
		}
	}
	cfg_string(ctx, t, NC_NAME_MAX, &TENANT(ctx)->name);
}

static int
addr_in_use(struct cfg_ctx *ctx, const struct cfg_tok *t,
    const struct addr *a)
{
	struct nodeconf *nc = NC(ctx);
	char buf[ADDR_STRLEN];
	int i, j;

	for (i = 0; i < nc->ntenants; i++) {
		for (j = 0; j < nc->tenants[i].naddrs; j++) {
			if (!addr_eq(&nc->tenants[i].addrs[j], a))
				continue;
			cfg_error(ctx, t->line, t->vcol,
			    "address: %s already used at line %d",
			    addr_fmt(a, buf, 0), nc->tenants[i].addr_pos[j].line);
			return 1;
		}
	}
	return 0;
}

static void
tenant_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nc_tenant *tn = TENANT(ctx);
	struct addr a;

	if (cfgval_addr(ctx, t, &a) < 0 || addr_in_use(ctx, t, &a))
		return;
	if (tn->naddrs == NC_MAX_ADDRS) {
		cfgval_bad(ctx, t, "is one address too many");
		return;
	}
	tn->addr_pos[tn->naddrs] = CFG_POS(t);
	tn->addrs[tn->naddrs++] = a;
}

static void
tenant_prefix(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nc_tenant *tn = TENANT(ctx);

	if (cfgval_prefix_add(ctx, t, tn->prefixes, &tn->nprefixes,
	    NC_MAX_ADDRS) == 0)
		tn->prefix_pos[tn->nprefixes - 1] =
		    CFG_POS(t);
}

static int
zone_in_use(struct cfg_ctx *ctx, const struct cfg_tok *t, const char *z)
{
	struct nodeconf *nc = NC(ctx);
	int i, j;

	for (i = 0; i < nc->ntenants; i++) {
		for (j = 0; j < nc->tenants[i].nzones; j++) {
			if (strcmp(nc->tenants[i].zones[j], z) != 0)
				continue;
			cfg_error(ctx, t->line, t->vcol,
			    "zone: '%s' already served at line %d", z,
			    nc->tenants[i].zone_pos[j].line);
			return 1;
		}
	}
	return 0;
}

static void
tenant_zone(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nc_tenant *tn = TENANT(ctx);
	char name[DNAME_STRLEN];

	if (cfgval_dname(ctx, t, name) < 0 || zone_in_use(ctx, t, name))
		return;
	if (tn->nzones == NC_MAX_ZONES) {
		cfgval_bad(ctx, t, "is one zone too many");
		return;
	}
	if ((tn->zones[tn->nzones] = strdup(name)) == NULL) {
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return;
	}
	tn->zone_pos[tn->nzones++] = CFG_POS(t);
}

/* catalog: ZONE, kept among the tenant's zones (see nodeconf.h). */
static void
tenant_catalog(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nc_tenant *tn = TENANT(ctx);
	int n = tn->nzones;

	tenant_zone(ctx, t);
	if (tn->nzones > n)
		tn->catalog = tn->zones[n];
}

/* Whether the block gave key (a bad value counts). */
static int
tenant_key_seen(const struct cfg_ctx *ctx, const char *key)
{
	size_t i;

	for (i = 0; ctx->cur != NULL && i < ctx->cur->nkeys; i++)
		if (strcmp(ctx->cur->keys[i].name, key) == 0)
			return ctx->seen[i];
	return 0;
}

/* A tenant serves zone: lines or one catalog:, not both. */
static void
tenant_check_catalog(struct cfg_ctx *ctx)
{
	struct nc_tenant *tn = TENANT(ctx);
	int i;

	if (!tenant_key_seen(ctx, "zone") && !tenant_key_seen(ctx, "catalog"))
		cfg_error(ctx, ctx->blockline, ctx->blockcol, "tenant: block "
		    "needs zone: lines or a catalog:");
	if (tn->catalog == NULL || tn->nzones < 2)
		return;
	for (i = 0; i < tn->nzones && tn->zones[i] == tn->catalog; i++)
		;
	cfg_error(ctx, tn->zone_pos[i].line, tn->zone_pos[i].col,
	    "zone: tenant '%s' has a catalog: too (one or the other)",
	    tn->name ? tn->name : "?");
}

static void
tenant_primary(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (cfgval_addr(ctx, t, &TENANT(ctx)->primary) == 0)
		TENANT(ctx)->has_primary = 1;
}

static void
tenant_memory_limit(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 32, 1048576, &TENANT(ctx)->memory_mb);
}

static void
tenant_primary_port(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 1, 65535, &TENANT(ctx)->primary_port);
}

/* The port the tenant's NSD listens on at each uplink address, for its
 * primary's NOTIFY (check_notify: one tenant per port). */
static void
tenant_notify_port(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	unsigned port;

	if (cfgval_uint(ctx, t, NC_NOTIFY_PORT_MIN, 65535, &port) < 0)
		return;
	/* BIRD's BFD listens there (RFC 5881, 5883, 5882 echo). */
	if (port == 3784 || port == 3785 || port == 4784) {
		cfgval_bad(ctx, t, "is a BFD port (BIRD listens there)");
		return;
	}
	TENANT(ctx)->notify_port = port;
	TENANT(ctx)->notify_pos = CFG_POS(t);
}

static void
tenant_tsig_name(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_tsig_name(ctx, t, &TENANT(ctx)->tsig_name);
}

static void
tenant_tsig_algorithm(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_tsig_algorithm(ctx, t, &TENANT(ctx)->tsig_alg);
}

static void
tenant_tsig_secret(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_tsig_secret(ctx, t, &TENANT(ctx)->tsig_secret);
}

static void
tenant_cpu_weight(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 1, 10000, &TENANT(ctx)->cpu_weight);
}

static void
tenant_cpu_quota(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_percent(ctx, t, &TENANT(ctx)->cpu_quota);
}

/* cpus: the CPUs the tenant's NSD runs on, one server process on each. */
static void
tenant_cpus(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nc_tenant *tn = TENANT(ctx);
	char why[128];
	int ncpus = nodeconf_machine_cpus;

	if (ncpus <= 0)
		ncpus = cpuset_machine_count();
	if (cpuset_parse(t->val, ncpus, &tn->cpus, why, sizeof(why)) < 0) {
		cfgval_bad(ctx, t, why);
		return;
	}
	tn->has_cpus = 1;
}

/* rrl-size: buckets of NSD's RRL table, in each server process. */
static void
tenant_rrl_size(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 100, 10000000, &TENANT(ctx)->rrl_size);
}

static void
tenant_community(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nc_tenant *tn = TENANT(ctx);
	uint32_t c;

	if (cfgval_community(ctx, t, &c) < 0)
		return;
	if (tn->ncommunities == NC_MAX_COMMUNITIES) {
		cfgval_bad(ctx, t, "is one community too many");
		return;
	}
	tn->communities[tn->ncommunities++] = c;
}

/* The DNSSEC guard's keys: the checks shared with the fleet file (cfgval.c). */
static void
tenant_dnssec(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_dnssec(ctx, t, &TENANT(ctx)->dnssec);
}

static void
tenant_dnssec_margin(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_dnssec_margin(ctx, t, &TENANT(ctx)->dnssec_margin);
}

static void
tenant_dnssec_warning(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nc_tenant *tn = TENANT(ctx);

	cfgval_dnssec_warning(ctx, t, tn->dnssec_warnings,
	    &tn->ndnssec_warnings);
}

static void
tenant_trust_anchor(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nc_tenant *tn = TENANT(ctx);

	cfgval_trust_anchor(ctx, t, tn->anchors, tn->anchor_pos,
	    &tn->nanchors);
}

/* The margin and warnings mean something only for validated zones. */
static void
tenant_check_dnssec(struct cfg_ctx *ctx)
{
	struct nc_tenant *tn = TENANT(ctx);

	cfgval_trust_anchor_check(ctx, tn->dnssec, tn->anchors,
	    tn->anchor_pos, tn->nanchors, tn->zones, tn->nzones,
	    tn->catalog != NULL);
	if (tn->dnssec == NC_DNSSEC_VALIDATE)
		return;
	if (tenant_key_seen(ctx, "dnssec-margin") ||
	    tenant_key_seen(ctx, "dnssec-warning"))
		cfg_error(ctx, ctx->blockline, ctx->blockcol, "tenant: "
		    "dnssec-margin and dnssec-warning need dnssec: validate");
}

/* Addresses and prefixes match; the default TSIG algorithm. */
static void
tenant_close(struct cfg_ctx *ctx, int line)
{
	struct nc_tenant *tn = TENANT(ctx);

	(void)line;
	tenant_check_catalog(ctx);
	tenant_check_dnssec(ctx);
	cfgval_cover(ctx, tn->name, tn->addrs, tn->addr_pos, tn->naddrs,
	    tn->prefixes, tn->prefix_pos, tn->nprefixes);
	if (tn->tsig_alg == NULL)
		tn->tsig_alg = strdup("hmac-sha256");
}

static const struct cfg_key tenant_keys[] = {
	{ "address", CFG_MULTI | CFG_REQUIRED, tenant_address },
	{ "catalog", 0, tenant_catalog },
	{ "community", CFG_MULTI, tenant_community },
	{ "cpu-quota", 0, tenant_cpu_quota },
	{ "cpu-weight", 0, tenant_cpu_weight },
	{ "cpus", 0, tenant_cpus },
	{ "dnssec", 0, tenant_dnssec },
	{ "dnssec-margin", 0, tenant_dnssec_margin },
	{ "dnssec-warning", CFG_MULTI, tenant_dnssec_warning },
	{ "memory-limit", 0, tenant_memory_limit },
	{ "name", CFG_REQUIRED, tenant_name },
	{ "notify-port", 0, tenant_notify_port },
	{ "prefix", CFG_MULTI | CFG_REQUIRED, tenant_prefix },
	{ "primary", CFG_REQUIRED, tenant_primary },
	{ "primary-port", 0, tenant_primary_port },
	{ "rrl-size", 0, tenant_rrl_size },
	{ "trust-anchor", CFG_MULTI, tenant_trust_anchor },
	{ "tsig-algorithm", 0, tenant_tsig_algorithm },
	{ "tsig-name", CFG_REQUIRED, tenant_tsig_name },
	{ "tsig-secret", CFG_REQUIRED, tenant_tsig_secret },
	{ "zone", CFG_MULTI, tenant_zone },
};

/* bgp: */

#define BGP(ctx)	(&NC(ctx)->bgp)
#define NEIGHBOR(ctx)	((struct nc_neighbor *)(ctx)->block)

static void *
bgp_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (BGP(ctx)->present) {
		cfg_error(ctx, t->line, t->kcol, "second bgp: block");
		return NULL;
	}
	BGP(ctx)->present = t->line;
	return BGP(ctx);
}

static void
bgp_asn(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_asn(ctx, t, &BGP(ctx)->asn);
}

static void
bgp_router_id(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (cfgval_router_id(ctx, t, &BGP(ctx)->router_id) == 0)
		BGP(ctx)->has_router_id = 1;
}

static void
bgp_hold_down(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 0, 3600, &BGP(ctx)->hold_down);
}

static void
bgp_probe_interval(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 50, 10000, &BGP(ctx)->probe_interval);
}

static void
bgp_probe_timeout(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 10, 10000, &BGP(ctx)->probe_timeout);
}

static void
bgp_tcp_failure_hold(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_seconds(ctx, t, 0, 3600, &BGP(ctx)->tcp_failure_hold);
}

static const struct cfg_key bgp_keys[] = {
	{ "asn", CFG_REQUIRED, bgp_asn },
	{ "hold-down", 0, bgp_hold_down },
	{ "probe-interval", 0, bgp_probe_interval },
	{ "probe-timeout", 0, bgp_probe_timeout },
	{ "router-id", 0, bgp_router_id },
	{ "tcp-failure-hold", 0, bgp_tcp_failure_hold },
};

/* neighbor: */

static void *
neighbor_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct nc_bgp *b = BGP(ctx);
	struct nc_neighbor *n;

	if (b->nneighbors == NC_MAX_NEIGHBORS) {
		cfg_error(ctx, t->line, t->kcol, "more than %d neighbors",
		    NC_MAX_NEIGHBORS);
		return NULL;
	}
	n = &b->neighbors[b->nneighbors++];
	n->line = t->line;
	n->hold_time = 90;
	return n;
}

static void
neighbor_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_addr(ctx, t, &NEIGHBOR(ctx)->addr);
	NEIGHBOR(ctx)->addr_pos = CFG_POS(t);
}

static void
neighbor_asn(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_asn(ctx, t, &NEIGHBOR(ctx)->asn);
}

static void
neighbor_bfd(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfg_bool(ctx, t, &NEIGHBOR(ctx)->bfd);
}

static void
neighbor_default_route(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfg_bool(ctx, t, &NEIGHBOR(ctx)->default_route);
}

static void
neighbor_hold_time(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (cfgval_hold_time(ctx, t, &NEIGHBOR(ctx)->hold_time) == 0)
		NEIGHBOR(ctx)->has_hold_time = 1;
}

static void
neighbor_password(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_password(ctx, t, &NEIGHBOR(ctx)->password);
}

const struct cfg_key nodeconf_neighbor_keys[] = {
	{ "address", CFG_REQUIRED, neighbor_address },
	{ "asn", CFG_REQUIRED, neighbor_asn },
	{ "bfd", 0, neighbor_bfd },
	{ "default-route", 0, neighbor_default_route },
	{ "hold-time", 0, neighbor_hold_time },
	{ "password", 0, neighbor_password },
};
_Static_assert(sizeof(nodeconf_neighbor_keys) /
    sizeof(nodeconf_neighbor_keys[0]) == NC_NEIGHBOR_NKEYS,
    "NC_NEIGHBOR_NKEYS counts the neighbor: keys");

/* xdp: */

#define XDP(ctx)	(&NC(ctx)->xdp)

static const char *const xdp_modes[] = {
	[NC_XDP_DEFAULT] = "default",
	[NC_XDP_OFF] = "off",
	[NC_XDP_GENERIC] = "generic",
	[NC_XDP_NATIVE] = "native",
};

static void *
xdp_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (XDP(ctx)->present) {
		cfg_error(ctx, t->line, t->kcol, "second xdp: block");
		return NULL;
	}
	XDP(ctx)->present = t->line;
	return XDP(ctx);
}

static void
xdp_mode(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	size_t i;

	for (i = NC_XDP_OFF; i < sizeof(xdp_modes) / sizeof(xdp_modes[0]); i++)
		if (strcmp(t->val, xdp_modes[i]) == 0) {
			XDP(ctx)->mode = (enum nc_xdp_mode)i;
			return;
		}
	cfgval_bad(ctx, t, "is not native, generic or off");
}

static void
xdp_rate(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 0, 1000000, &XDP(ctx)->rate);
}

static void
xdp_burst(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 1, 1000000, &XDP(ctx)->burst);
}

static void
xdp_slip(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 0, 1000, &XDP(ctx)->slip);
}

static void
xdp_exempt(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_prefix_add(ctx, t, XDP(ctx)->exempt, &XDP(ctx)->nexempt,
	    NC_MAX_EXEMPT);
}

static const struct cfg_key xdp_keys[] = {
	{ "burst", 0, xdp_burst },
	{ "exempt", CFG_MULTI, xdp_exempt },
	{ "mode", 0, xdp_mode },
	{ "rate", 0, xdp_rate },
	{ "slip", 0, xdp_slip },
};

const char *
nodeconf_xdp_mode_name(enum nc_xdp_mode m)
{
	if ((size_t)m >= sizeof(xdp_modes) / sizeof(xdp_modes[0]))
		return "?";
	return xdp_modes[m];
}

#define NKEYS(a)	(sizeof(a) / sizeof((a)[0]))

static const struct cfg_block nc_blocks[] = {
	{ "bgp", bgp_keys, NKEYS(bgp_keys), bgp_open, NULL },
	{ "neighbor", nodeconf_neighbor_keys, NC_NEIGHBOR_NKEYS,
	    neighbor_open, NULL },
	{ "node", node_keys, NKEYS(node_keys), node_open, NULL },
	{ "tenant", tenant_keys, NKEYS(tenant_keys), tenant_open,
	    tenant_close },
	{ "xdp", xdp_keys, NKEYS(xdp_keys), xdp_open, NULL },
};

static const struct cfg_grammar nodeconf_grammar = { nc_blocks, NKEYS(nc_blocks) };

static struct nodeconf *
nodeconf_new(void)
{
	struct nodeconf *nc;

	if ((nc = calloc(1, sizeof(*nc))) == NULL)
		return NULL;
	nc->rrl = 1;
	nc->rrl_rate = 200;
	nc->memory_mb = 512;
	nc->pids_limit = 64;
	nc->update_confirm_timeout = NC_UPDATE_CONFIRM_TIMEOUT;
	nc->configure_timeout = NC_CONFIGURE_TIMEOUT;
	nc->bgp.hold_down = 10;
	nc->bgp.probe_interval = 200;
	nc->bgp.probe_timeout = 500;
	nc->bgp.tcp_failure_hold = 5;
	nc->xdp.rate = NC_XDP_RATE;
	nc->xdp.burst = NC_XDP_BURST;
	nc->xdp.slip = NC_XDP_SLIP;
	return nc;
}

/* Checks that need the whole file: neighbours and the router id. */
static void
check_bgp(struct cfg_ctx *ctx, struct nodeconf *nc)
{
	struct nc_bgp *b = &nc->bgp;
	int i;

	if (b->nneighbors > 0 && !b->present)
		cfg_error(ctx, b->neighbors[0].line, 1,
		    "neighbor: needs a bgp: block");
	for (i = 0; i < b->nneighbors; i++) {
		struct nc_neighbor *n = &b->neighbors[i];

		if (n->addr.af != 0 && !cfgval_on_link(nc->uplink_addrs,
		    nc->nuplink_addrs, &n->addr))
			cfg_error(ctx, n->addr_pos.line, n->addr_pos.col,
			    "address: neighbor is not on a connected network "
			    "of the uplink (see uplink-address)");
	}
	if (!b->present || b->has_router_id)
		return;
	for (i = 0; i < nc->nuplink_addrs; i++)
		if (nc->uplink_addrs[i].af == AF_INET) {
			b->router_id = nc->uplink_addrs[i];
			b->router_id.plen = 32;
			b->has_router_id = 1;
			return;
		}
	cfg_error(ctx, b->present, 1, "bgp: needs router-id (no IPv4 "
	    "uplink-address to take it from)");
}

/* A notify-port is the tenant's alone and needs an uplink address. */
static void
check_notify(struct cfg_ctx *ctx, const struct nodeconf *nc)
{
	const struct nc_tenant *a, *b;
	int i, j;

	for (i = 0; i < nc->ntenants; i++) {
		a = &nc->tenants[i];
		if (a->notify_port == 0)
			continue;
		if (nc->nuplink_addrs == 0)
			cfg_error(ctx, a->notify_pos.line, a->notify_pos.col,
			    "notify-port: needs an uplink-address in node: "
			    "(the port is opened there)");
		for (j = 0; j < i; j++) {
			b = &nc->tenants[j];
			if (b->notify_port == a->notify_port)
				cfg_error(ctx, a->notify_pos.line,
				    a->notify_pos.col, "notify-port: %u "
				    "already used by tenant '%s' at line %d",
				    a->notify_port, b->name ? b->name : "?",
				    b->notify_pos.line);
		}
	}
}

static struct nodeconf *
nodeconf_finish(struct cfg_ctx *ctx, struct nodeconf *nc, int rc)
{
	if (rc == 0 && !nc->has_node)
		cfg_error(ctx, 1, 1, "no node: block");
	check_bgp(ctx, nc);
	check_notify(ctx, nc);
	if (ctx->nerrors > 0) {
		nodeconf_free(nc);
		return NULL;
	}
	if (nc->nsid == NULL)
		nc->nsid = strdup(nc->identity);
	if (nc->state_dir == NULL)
		nc->state_dir = strdup("/var/lib/outpost");
	if (nc->nsid == NULL || nc->state_dir == NULL) {
		cfg_error(ctx, 0, 0, "out of memory");
		nodeconf_free(nc);
		return NULL;
	}
	return nc;
}

struct nodeconf *
nodeconf_load(const char *path, FILE *errf)
{
	struct cfg_ctx ctx = { .path = path, .errf = errf };
	struct nodeconf *nc;

	if ((nc = nodeconf_new()) == NULL)
		return NULL;
	ctx.conf = nc;
	return nodeconf_finish(&ctx, nc,
	    cfg_parse_file(&ctx, &nodeconf_grammar, path));
}

struct nodeconf *
nodeconf_load_buf(const char *path, const char *buf, size_t len, FILE *errf)
{
	struct cfg_ctx ctx = { .path = path, .errf = errf };
	struct nodeconf *nc;

	if ((nc = nodeconf_new()) == NULL)
		return NULL;
	ctx.conf = nc;
	return nodeconf_finish(&ctx, nc,
	    cfg_parse_buf(&ctx, &nodeconf_grammar, buf, len));
}

void
nodeconf_free(struct nodeconf *nc)
{
	int i, j;

	if (nc == NULL)
		return;
	for (i = 0; i < nc->ntenants; i++) {
		struct nc_tenant *tn = &nc->tenants[i];

		free(tn->name);
		for (j = 0; j < tn->nzones; j++)
			free(tn->zones[j]);
		free(tn->tsig_name);
		free(tn->tsig_alg);
		free(tn->tsig_secret);
		for (j = 0; j < tn->nanchors; j++)
			free(tn->anchors[j]);
	}
	for (i = 0; i < nc->bgp.nneighbors; i++)
		free(nc->bgp.neighbors[i].password);
	free(nc->identity);
	free(nc->nsid);
	free(nc->uplink);
	free(nc->state_dir);
	free(nc);
}

const struct nc_tenant *
nodeconf_tenant(const struct nodeconf *nc, const char *name)
{
	int i;

	for (i = 0; i < nc->ntenants; i++)
		if (strcmp(nc->tenants[i].name, name) == 0)
			return &nc->tenants[i];
	return NULL;
}

void
nodeconf_nsid_hex(const struct nodeconf *nc, char *buf, size_t len)
{
	const unsigned char *p;
	size_t n = 0;

	if (strncmp(nc->nsid, "0x", 2) == 0) {
		snprintf(buf, len, "%s", nc->nsid + 2);
		return;
	}
	for (p = (const unsigned char *)nc->nsid; *p != '\0' && n + 3 <= len;
	    p++, n += 2)
		snprintf(buf + n, len - n, "%02x", *p);
	buf[n] = '\0';
}

static void
print_community(FILE *f, uint32_t c)
{
	const char *name = cfgval_community_name(c);
	char buf[16];

	if (name != NULL) {
		cfg_print_kv(f, "community", name);
		return;
	}
	snprintf(buf, sizeof(buf), "%u:%u", c >> 16, c & 0xffff);
	cfg_print_kv(f, "community", buf);
}

static void
print_cpus(FILE *f, const struct cpuset *cpus)
{
	char buf[CPUSET_STRLEN];

	cfg_print_kv(f, "cpus", cpuset_fmt(cpus, buf, sizeof(buf)));
}

/* Only when declared: the golden outputs of older files stay as they are. */
static void
print_dnssec(FILE *f, const struct nc_tenant *tn)
{
	int i;

	if (tn->dnssec == NC_DNSSEC_UNSIGNED)
		cfg_print_kv(f, "dnssec", "unsigned");
	if (tn->dnssec != NC_DNSSEC_VALIDATE)
		return;
	cfg_print_kv(f, "dnssec", "validate");
	cfgval_print_duration(f, "dnssec-margin", tn->dnssec_margin);
	for (i = 0; i < tn->ndnssec_warnings; i++)
		cfgval_print_duration(f, "dnssec-warning",
		    tn->dnssec_warnings[i]);
	for (i = 0; i < tn->nanchors; i++)
		cfg_print_kv(f, "trust-anchor", tn->anchors[i]);
}

/* Stands for a withheld TSIG secret: valid, and nobody's key. */
#define WITHHELD_SECRET	"AAAAAAAAAAAAAAAAAAAAAA=="

static void
print_tenant(FILE *f, const struct nc_tenant *tn, int flags)
{
	char buf[ADDR_STRLEN];
	int i;

	fputs("\ntenant:\n", f);
	cfg_print_kv(f, "name", tn->name);
	for (i = 0; i < tn->nprefixes; i++)
		cfgval_print_addr(f, "prefix", &tn->prefixes[i], 1);
	for (i = 0; i < tn->naddrs; i++)
		cfgval_print_addr(f, "address", &tn->addrs[i], 0);
	for (i = 0; i < tn->nzones; i++)
		if (tn->zones[i] != tn->catalog)
			cfg_print_kv(f, "zone", tn->zones[i]);
	if (tn->catalog != NULL)
		cfg_print_kv(f, "catalog", tn->catalog);
	cfgval_print_addr(f, "primary", &tn->primary, 0);
	cfgval_print_uint(f, "primary-port", tn->primary_port);
	if (tn->notify_port != 0)
		cfgval_print_uint(f, "notify-port", tn->notify_port);
	cfg_print_kv(f, "tsig-name", tn->tsig_name);
	cfg_print_kv(f, "tsig-algorithm", tn->tsig_alg);
	if (flags & NC_PRINT_NO_TSIG) {
		fputs("\t# tsig-secret withheld\n", f);
		cfg_print_kv(f, "tsig-secret", WITHHELD_SECRET);
	} else
		cfg_print_kv(f, "tsig-secret", tn->tsig_secret);
	if (tn->memory_mb != 0)
		cfgval_print_uint(f, "memory-limit", tn->memory_mb);
	for (i = 0; i < tn->ncommunities; i++)
		print_community(f, tn->communities[i]);
	cfgval_print_uint(f, "cpu-weight", tn->cpu_weight);
	if (tn->cpu_quota != 0) {
		snprintf(buf, sizeof(buf), "%u%%", tn->cpu_quota);
		cfg_print_kv(f, "cpu-quota", buf);
	}
	if (tn->has_cpus)
		print_cpus(f, &tn->cpus);
	if (tn->rrl_size != NC_RRL_SIZE)
		cfgval_print_uint(f, "rrl-size", tn->rrl_size);
	print_dnssec(f, tn);
}

static void
print_bgp(FILE *f, const struct nc_bgp *b)
{
	char hold[16];
	int i;

	fputs("\nbgp:\n", f);
	cfgval_print_uint(f, "asn", b->asn);
	cfgval_print_addr(f, "router-id", &b->router_id, 0);
	cfgval_print_uint(f, "hold-down", b->hold_down);
	cfgval_print_uint(f, "probe-interval", b->probe_interval);
	cfgval_print_uint(f, "probe-timeout", b->probe_timeout);
	snprintf(hold, sizeof(hold), "%us", b->tcp_failure_hold);
	cfg_print_kv(f, "tcp-failure-hold", hold);
	for (i = 0; i < b->nneighbors; i++) {
		const struct nc_neighbor *n = &b->neighbors[i];

		fputs("\nneighbor:\n", f);
		cfgval_print_addr(f, "address", &n->addr, 0);
		cfgval_print_uint(f, "asn", n->asn);
		if (n->password != NULL)
			cfg_print_kv(f, "password", n->password);
		cfg_print_kv(f, "bfd", n->bfd ? "yes" : "no");
		cfgval_print_uint(f, "hold-time", n->hold_time);
		cfg_print_kv(f, "default-route", n->default_route ? "yes" :
		    "no");
	}
}

static void
print_xdp(FILE *f, const struct nc_xdp *x)
{
	int i;

	fputs("\nxdp:\n", f);
	if (x->mode != NC_XDP_DEFAULT)
		cfg_print_kv(f, "mode", nodeconf_xdp_mode_name(x->mode));
	cfgval_print_uint(f, "rate", x->rate);
	cfgval_print_uint(f, "burst", x->burst);
	cfgval_print_uint(f, "slip", x->slip);
	for (i = 0; i < x->nexempt; i++)
		cfgval_print_addr(f, "exempt", &x->exempt[i], 1);
}

void
nodeconf_print(FILE *f, const struct nodeconf *nc)
{
	nodeconf_print_flags(f, nc, 0);
}

void
nodeconf_print_flags(FILE *f, const struct nodeconf *nc, int flags)
{
	int i;

	fputs("node:\n", f);
	cfg_print_kv(f, "identity", nc->identity);
	cfg_print_kv(f, "nsid", nc->nsid);
	cfg_print_kv(f, "uplink", nc->uplink);
	for (i = 0; i < nc->nuplink_addrs; i++)
		cfgval_print_addr(f, "uplink-address", &nc->uplink_addrs[i], 1);
	cfg_print_kv(f, "state-dir", nc->state_dir);
	cfg_print_kv(f, "rrl", nc->rrl ? "yes" : "no");
	cfgval_print_uint(f, "rrl-rate", nc->rrl_rate);
	cfgval_print_uint(f, "memory-limit", nc->memory_mb);
	cfgval_print_uint(f, "pids-limit", nc->pids_limit);
	/* Only when set: the golden outputs of older files stay as they are. */
	if (nc->update_confirm_timeout != NC_UPDATE_CONFIRM_TIMEOUT)
		cfgval_print_uint(f, "update-confirm-timeout",
		    nc->update_confirm_timeout);
	if (nc->configure_timeout != NC_CONFIGURE_TIMEOUT)
		cfgval_print_uint(f, "configure-timeout", nc->configure_timeout);
	if (nc->bgp.present)
		print_bgp(f, &nc->bgp);
	if (nc->xdp.present)
		print_xdp(f, &nc->xdp);
	for (i = 0; i < nc->ntenants; i++)
		print_tenant(f, &nc->tenants[i], flags);
}
