/* fleet.c: the fleet file grammar: controller:, tenant:, node: and neighbor: blocks on lib/cfg.c, each value checked; checks across blocks in fleet_check.c, the printer in fleet_print.c. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cfgval.h"
#include "dname.h"
#include "fleet.h"
#include "fleet_check.h"

#define FLEET_MAX_TENANTS	4096
#define FLEET_MAX_NODES		65536	/* a large fleet: tests/bench/fleetscale has 5,000 */
#define NKEYS(a)		(sizeof(a) / sizeof((a)[0]))

/* What the parse carries besides the fleet: the node a neighbor: joins. */
struct fleet_parse {
	struct fleet	*f;
	int		 cur_node;	/* index, -1: none */
	int		 tenants_cap;	/* elements allocated */
	int		 nodes_cap;
};

#define PARSE(ctx)	((struct fleet_parse *)(ctx)->conf)
#define FLEET(ctx)	(PARSE(ctx)->f)
#define CTL(ctx)	(&FLEET(ctx)->ctl)
#define TENANT(ctx)	((struct fleet_tenant *)(ctx)->block)
#define NODE(ctx)	((struct fleet_node *)(ctx)->block)

/* Tenant and node names: [a-z0-9-], 1 to 32, not beginning with '-'. */
static int
name_ok(const char *s)
{
	const char *p;

	if (*s == '\0' || *s == '-' || strlen(s) > FLEET_NAME_MAX)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (!islower((unsigned char)*p) &&
		    !isdigit((unsigned char)*p) && *p != '-')
			return 0;
	return 1;
}

static int
set_name(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	if (!name_ok(t->val)) {
		cfgval_bad(ctx, t, "must be 1 to 32 of a-z, 0-9 and '-', not "
		    "beginning with '-'");
		return -1;
	}
	return cfg_string(ctx, t, FLEET_NAME_MAX, out);
}

/* An array of cap elements of size each, doubled (NULL: out of memory). */
static void *
grow(void *array, int *cap, size_t size)
{
	int ncap = *cap ? *cap * 2 : 8;
	void *p;

	if ((p = reallocarray(array, (size_t)ncap, size)) != NULL)
		*cap = ncap;
	return p;
}

/* controller: */

static void *
controller_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	PARSE(ctx)->cur_node = -1;
	if (CTL(ctx)->present) {
		cfg_error(ctx, t->line, t->kcol, "second controller: block "
		    "(the first at line %d)", CTL(ctx)->present);
		return NULL;
	}
	CTL(ctx)->present = t->line;
	return CTL(ctx);
}

static void
controller_bundle_dir(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_dir(ctx, t, &CTL(ctx)->bundle_dir);
}

static void
controller_listen(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (cfgval_addr(ctx, t, &CTL(ctx)->listen) == 0)
		CTL(ctx)->has_listen = 1;
}

static void
controller_port(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 1, 65535, &CTL(ctx)->port);
}

static void
controller_public_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (cfgval_addr(ctx, t, &CTL(ctx)->public_addr) == 0)
		CTL(ctx)->has_public_addr = 1;
}

static void
controller_public_port(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_uint(ctx, t, 1, 65535, &CTL(ctx)->public_port);
}

static void
controller_state_dir(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_dir(ctx, t, &CTL(ctx)->state_dir);
}

static const struct cfg_key controller_keys[] = {
	{ "bundle-dir", 0, controller_bundle_dir },
	{ "listen", CFG_REQUIRED, controller_listen },
	{ "port", 0, controller_port },
	{ "public-address", 0, controller_public_address },
	{ "public-port", 0, controller_public_port },
	{ "state-dir", 0, controller_state_dir },
};

/* tenant: */

static void *
tenant_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet *f = FLEET(ctx);
	struct fleet_tenant *tn, *nt;

	PARSE(ctx)->cur_node = -1;
	if (f->ntenants == FLEET_MAX_TENANTS) {
		cfg_error(ctx, t->line, t->kcol, "more than %d tenants",
		    FLEET_MAX_TENANTS);
		return NULL;
	}
	if (f->ntenants == PARSE(ctx)->tenants_cap) {
		if ((nt = grow(f->tenants, &PARSE(ctx)->tenants_cap,
		    sizeof(*nt))) == NULL) {
			cfg_error(ctx, t->line, t->kcol, "out of memory");
			return NULL;
		}
		f->tenants = nt;
	}
	tn = &f->tenants[f->ntenants++];
	memset(tn, 0, sizeof(*tn));
	tn->line = t->line;
	return tn;
}

static void
tenant_name(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (set_name(ctx, t, &TENANT(ctx)->name) == 0)
		TENANT(ctx)->name_pos = CFG_POS(t);
}

static void
tenant_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_tenant *tn = TENANT(ctx);
	struct addr a;

	if (cfgval_addr(ctx, t, &a) < 0)
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
	struct fleet_tenant *tn = TENANT(ctx);

	if (cfgval_prefix_add(ctx, t, tn->prefixes, &tn->nprefixes,
	    NC_MAX_ADDRS) == 0)
		tn->prefix_pos[tn->nprefixes - 1] = CFG_POS(t);
}

static void
tenant_zone(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_tenant *tn = TENANT(ctx);

	if (tn->nzones == NC_MAX_ZONES) {
		cfgval_bad(ctx, t, "is one zone too many");
		return;
	}
	tn->zones[tn->nzones] = NULL;
	if (cfgval_dname_dup(ctx, t, &tn->zones[tn->nzones]) == 0)
		tn->zone_pos[tn->nzones++] = CFG_POS(t);
}

static void
tenant_catalog(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (cfgval_dname_dup(ctx, t, &TENANT(ctx)->catalog) == 0)
		TENANT(ctx)->catalog_pos = CFG_POS(t);
}

static void
tenant_primary(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (cfgval_addr(ctx, t, &TENANT(ctx)->primary) == 0)
		TENANT(ctx)->has_primary = 1;
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

/* Kept as written when a well-known name, else as ASN:VALUE without
 * leading zeros. */
static void
tenant_community(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_tenant *tn = TENANT(ctx);
	uint32_t c;
	char buf[32];

	if (cfgval_community(ctx, t, &c) < 0)
		return;
	if (tn->ncommunities == NC_MAX_COMMUNITIES) {
		cfgval_bad(ctx, t, "is one community too many");
		return;
	}
	if (isdigit((unsigned char)t->val[0]))
		snprintf(buf, sizeof(buf), "%u:%u", c >> 16, c & 0xffff);
	else
		snprintf(buf, sizeof(buf), "%s", t->val);
	if ((tn->communities[tn->ncommunities] = strdup(buf)) == NULL) {
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return;
	}
	tn->ncommunities++;
}

static const struct {
	const char	*name;
	uint64_t	 min, max;
} tenant_opts[FT_NOPTS] = {
	[FT_PRIMARY_PORT] = { "primary-port", 1, 65535 },
	[FT_MEMORY_LIMIT] = { "memory-limit", 32, 1048576 },
	[FT_CPU_WEIGHT] = { "cpu-weight", 1, 10000 },
	[FT_CPU_QUOTA] = { "cpu-quota", 1, 100000 },
	[FT_NOTIFY_PORT] = { "notify-port", NC_NOTIFY_PORT_MIN, 65535 },
};

const char *
fleet_tenant_opt_name(enum fleet_tenant_opt o)
{
	return tenant_opts[o].name;
}

void
fleet_tenant_opt_fmt(enum fleet_tenant_opt o, unsigned v, char *buf,
    size_t len)
{
	snprintf(buf, len, o == FT_CPU_QUOTA ? "%u%%" : "%u", v);
}

/* One handler for every numeric tenant option: the key says which. */
static void
tenant_opt(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	int o;

	for (o = 0; o < FT_NOPTS; o++)
		if (strcmp(t->key, tenant_opts[o].name) == 0)
			break;
	if (o == FT_CPU_QUOTA)
		cfgval_percent(ctx, t, &TENANT(ctx)->opt[o]);
	else
		cfgval_uint(ctx, t, tenant_opts[o].min, tenant_opts[o].max,
		    &TENANT(ctx)->opt[o]);
}

/* KEY=VALUE: a label's key, then its value (or glob) of allowed characters. */
static int
set_label(struct cfg_ctx *ctx, const struct cfg_tok *t, const char *valchars,
    struct fleet_label *l)
{
	const char *eq = strchr(t->val, '='), *p;
	size_t klen;

	if (eq == NULL || eq == t->val || eq[1] == '\0') {
		cfgval_bad(ctx, t, "is not KEY=VALUE");
		return -1;
	}
	klen = (size_t)(eq - t->val);
	if (klen > 32 || strlen(eq + 1) > 64) {
		cfgval_bad(ctx, t, "is too long (a key of at most 32, a value "
		    "of at most 64 characters)");
		return -1;
	}
	for (p = t->val; p < eq; p++)
		if (!islower((unsigned char)*p) &&
		    !isdigit((unsigned char)*p) && strchr("._-", *p) == NULL) {
			cfg_error(ctx, t->line, t->vcol + (int)(p - t->val),
			    "%s: key may hold only a-z, 0-9, '.', '_' and '-' "
			    "(not '%c')", t->key, *p);
			return -1;
		}
	for (p = eq + 1; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr(valchars, *p) == NULL) {
			cfg_error(ctx, t->line, t->vcol + (int)(p - t->val),
			    "%s: value may not hold '%c'", t->key, *p);
			return -1;
		}
	l->key = strndup(t->val, klen);
	l->value = strdup(eq + 1);
	l->pos = CFG_POS(t);
	if (l->key == NULL || l->value == NULL) {
		free(l->key);
		free(l->value);
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return -1;
	}
	return 0;
}

static void
tenant_place(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_tenant *tn = TENANT(ctx);

	if (tn->nplace == FLEET_MAX_PLACE) {
		cfgval_bad(ctx, t, "is one place: line too many");
		return;
	}
	if (set_label(ctx, t, "._:/-*?[]!", &tn->place[tn->nplace]) == 0)
		tn->nplace++;
}

/* The DNSSEC guard's keys, node.conf's, passed on (cfgval.c). */
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
	struct fleet_tenant *tn = TENANT(ctx);

	cfgval_dnssec_warning(ctx, t, tn->dnssec_warnings,
	    &tn->ndnssec_warnings);
}

static void
tenant_trust_anchor(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_tenant *tn = TENANT(ctx);

	cfgval_trust_anchor(ctx, t, tn->anchors, tn->anchor_pos,
	    &tn->nanchors);
}

/* Addresses and prefixes match; zones or a catalog, not both. */
static void
tenant_close(struct cfg_ctx *ctx, int line)
{
	struct fleet_tenant *tn = TENANT(ctx);
	const char *name = tn->name ? tn->name : "?";

	(void)line;
	cfgval_cover(ctx, name, tn->addrs, tn->addr_pos, tn->naddrs,
	    tn->prefixes, tn->prefix_pos, tn->nprefixes);
	if (tn->catalog != NULL && tn->nzones > 0)
		cfg_error(ctx, tn->catalog_pos.line, tn->catalog_pos.col,
		    "catalog: tenant '%s' has zone: lines too (one or the "
		    "other)", name);
	else if (tn->catalog == NULL && tn->nzones == 0)
		cfg_error(ctx, tn->line, 1, "tenant: '%s' needs zone: lines "
		    "or a catalog:", name);
	if (tn->dnssec != NC_DNSSEC_VALIDATE &&
	    (tn->dnssec_margin != 0 || tn->ndnssec_warnings > 0))
		cfg_error(ctx, tn->line, 1, "tenant: '%s': dnssec-margin and "
		    "dnssec-warning need dnssec: validate", name);
	cfgval_trust_anchor_check(ctx, tn->dnssec, tn->anchors,
	    tn->anchor_pos, tn->nanchors, tn->zones, tn->nzones,
	    tn->catalog != NULL);
}

static const struct cfg_key tenant_keys[] = {
	{ "address", CFG_MULTI | CFG_REQUIRED, tenant_address },
	{ "catalog", 0, tenant_catalog },
	{ "community", CFG_MULTI, tenant_community },
	{ "cpu-quota", 0, tenant_opt },
	{ "cpu-weight", 0, tenant_opt },
	{ "dnssec", 0, tenant_dnssec },
	{ "dnssec-margin", 0, tenant_dnssec_margin },
	{ "dnssec-warning", CFG_MULTI, tenant_dnssec_warning },
	{ "memory-limit", 0, tenant_opt },
	{ "name", CFG_REQUIRED, tenant_name },
	{ "notify-port", 0, tenant_opt },
	{ "place", CFG_MULTI, tenant_place },
	{ "prefix", CFG_MULTI | CFG_REQUIRED, tenant_prefix },
	{ "primary", CFG_REQUIRED, tenant_primary },
	{ "primary-port", 0, tenant_opt },
	{ "trust-anchor", CFG_MULTI, tenant_trust_anchor },
	{ "tsig-algorithm", 0, tenant_tsig_algorithm },
	{ "tsig-name", CFG_REQUIRED, tenant_tsig_name },
	{ "tsig-secret", CFG_REQUIRED, tenant_tsig_secret },
	{ "zone", CFG_MULTI, tenant_zone },
};

/* node: */

static void *
node_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet *f = FLEET(ctx);
	struct fleet_node *n, *nn;

	PARSE(ctx)->cur_node = -1;
	if (f->nnodes == FLEET_MAX_NODES) {
		cfg_error(ctx, t->line, t->kcol, "more than %d nodes",
		    FLEET_MAX_NODES);
		return NULL;
	}
	if (f->nnodes == PARSE(ctx)->nodes_cap) {
		if ((nn = grow(f->nodes, &PARSE(ctx)->nodes_cap,
		    sizeof(*nn))) == NULL) {
			cfg_error(ctx, t->line, t->kcol, "out of memory");
			return NULL;
		}
		f->nodes = nn;
	}
	n = &f->nodes[f->nnodes];
	memset(n, 0, sizeof(*n));
	n->line = t->line;
	n->rrl = -1;
	PARSE(ctx)->cur_node = f->nnodes++;
	return n;
}

static void
node_name(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (set_name(ctx, t, &NODE(ctx)->name) == 0)
		NODE(ctx)->name_pos = CFG_POS(t);
}

static void
node_identity(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_identity(ctx, t, &NODE(ctx)->identity);
}

static void
node_nsid(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_nsid(ctx, t, &NODE(ctx)->nsid);
}

static void
node_uplink(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_ifname(ctx, t, &NODE(ctx)->uplink);
}

static void
node_uplink_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_addr_add(ctx, t, NODE(ctx)->uplink_addrs,
	    &NODE(ctx)->nuplink_addrs, NC_MAX_ADDRS);
}

static void
node_state_dir(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfgval_dir(ctx, t, &NODE(ctx)->state_dir);
}

static void
node_rrl(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfg_bool(ctx, t, &NODE(ctx)->rrl);
}

static void
node_asn(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (cfgval_asn(ctx, t, &NODE(ctx)->asn) == 0)
		NODE(ctx)->asn_pos = CFG_POS(t);
}

static void
node_router_id(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (cfgval_router_id(ctx, t, &NODE(ctx)->router_id) == 0)
		NODE(ctx)->has_router_id = 1;
}

static void
node_label(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_node *n = NODE(ctx);
	struct fleet_label l;
	int i;

	if (n->nlabels == FLEET_MAX_LABELS) {
		cfgval_bad(ctx, t, "is one label too many");
		return;
	}
	if (set_label(ctx, t, "._:/-", &l) < 0)
		return;
	for (i = 0; i < n->nlabels; i++)
		if (strcmp(n->labels[i].key, l.key) == 0) {
			cfg_error(ctx, t->line, t->vcol, "label: '%s' already "
			    "set at line %d", l.key, n->labels[i].pos.line);
			free(l.key);
			free(l.value);
			return;
		}
	n->labels[n->nlabels++] = l;
}

/* "TENANT REASON": the first word names the tenant, the rest says why. */
static void
node_refuse(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_node *n = NODE(ctx);
	struct fleet_refusal *r = &n->refuse[n->nrefuse];
	struct cfg_tok why = *t;
	size_t len = strcspn(t->val, " \t");

	why.val = t->val + len + strspn(t->val + len, " \t");
	if (*why.val == '\0') {
		cfgval_bad(ctx, t, "needs a reason after the tenant's name, "
		    "e.g. refuse: \"tld not enough memory\"");
		return;
	}
	if (n->nrefuse == FLEET_MAX_REFUSE) {
		cfgval_bad(ctx, t, "is one refusal too many");
		return;
	}
	memset(r, 0, sizeof(*r));
	if ((r->tenant = strndup(t->val, len)) == NULL) {
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return;
	}
	if (!name_ok(r->tenant))
		cfgval_bad(ctx, t, "does not begin with a tenant's name");
	else if (fleet_refusal(n, r->tenant) != NULL)
		cfgval_bad(ctx, t, "refuses a tenant already refused");
	else if (cfg_string(ctx, &why, 200, &r->reason) == 0) {
		r->pos = CFG_POS(t);
		n->nrefuse++;
		return;
	}
	free(r->tenant);
	r->tenant = NULL;
}

static const struct {
	const char	*name;
	uint64_t	 min, max;
	int		 bgp;		/* node.conf's bgp: block, else node: */
} node_opts[FN_NOPTS] = {
	[FN_RRL_RATE] = { "rrl-rate", 1, 1000000, 0 },
	[FN_MEMORY_LIMIT] = { "memory-limit", 32, 1048576, 0 },
	[FN_PIDS_LIMIT] = { "pids-limit", 8, 65536, 0 },
	[FN_UPDATE_CONFIRM_TIMEOUT] = { "update-confirm-timeout", 10, 86400,
	    0 },
	[FN_HOLD_DOWN] = { "hold-down", 0, 3600, 1 },
	[FN_PROBE_INTERVAL] = { "probe-interval", 50, 10000, 1 },
	[FN_PROBE_TIMEOUT] = { "probe-timeout", 10, 10000, 1 },
	[FN_TCP_FAILURE_HOLD] = { "tcp-failure-hold", 0, 3600, 1 },
};

const char *
fleet_node_opt_name(enum fleet_node_opt o)
{
	return node_opts[o].name;
}

int
fleet_node_opt_bgp(enum fleet_node_opt o)
{
	return node_opts[o].bgp;
}

void
fleet_node_opt_fmt(enum fleet_node_opt o, unsigned v, char *buf, size_t len)
{
	snprintf(buf, len, o == FN_TCP_FAILURE_HOLD ? "%us" : "%u", v);
}

/* One handler for every numeric node option: the key says which. */
static void
node_opt(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	int o;

	for (o = 0; o < FN_NOPTS; o++)
		if (strcmp(t->key, node_opts[o].name) == 0)
			break;
	if ((o == FN_TCP_FAILURE_HOLD ? cfgval_seconds : cfgval_uint)(ctx, t,
	    node_opts[o].min, node_opts[o].max, &NODE(ctx)->opt[o]) == 0)
		NODE(ctx)->has_opt[o] = 1;
}

static const struct cfg_key node_keys[] = {
	{ "asn", 0, node_asn },
	{ "hold-down", 0, node_opt },
	{ "identity", 0, node_identity },
	{ "label", CFG_MULTI, node_label },
	{ "memory-limit", 0, node_opt },
	{ "name", CFG_REQUIRED, node_name },
	{ "nsid", 0, node_nsid },
	{ "pids-limit", 0, node_opt },
	{ "probe-interval", 0, node_opt },
	{ "probe-timeout", 0, node_opt },
	{ "refuse", CFG_MULTI, node_refuse },
	{ "router-id", 0, node_router_id },
	{ "rrl", 0, node_rrl },
	{ "rrl-rate", 0, node_opt },
	{ "state-dir", 0, node_state_dir },
	{ "tcp-failure-hold", 0, node_opt },
	{ "update-confirm-timeout", 0, node_opt },
	{ "uplink", CFG_REQUIRED, node_uplink },
	{ "uplink-address", CFG_MULTI, node_uplink_address },
};

/* neighbor: (belongs to the node: block before it; node.conf's keys) */

static void *
neighbor_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_node *n;
	struct nc_neighbor *nb;

	if (PARSE(ctx)->cur_node < 0) {
		cfg_error(ctx, t->line, t->kcol, "neighbor: must follow the "
		    "node: block it belongs to");
		return NULL;
	}
	n = &FLEET(ctx)->nodes[PARSE(ctx)->cur_node];
	if (n->nneighbors == NC_MAX_NEIGHBORS) {
		cfg_error(ctx, t->line, t->kcol, "more than %d neighbors of "
		    "one node", NC_MAX_NEIGHBORS);
		return NULL;
	}
	nb = &n->neighbors[n->nneighbors++];
	memset(nb, 0, sizeof(*nb));
	nb->line = t->line;
	nb->bfd = -1;
	nb->default_route = -1;
	return nb;
}

static const struct cfg_block fleet_blocks[] = {
	{ "controller", controller_keys, NKEYS(controller_keys),
	    controller_open, NULL },
	{ "neighbor", nodeconf_neighbor_keys, NC_NEIGHBOR_NKEYS,
	    neighbor_open, NULL },
	{ "node", node_keys, NKEYS(node_keys), node_open, NULL },
	{ "tenant", tenant_keys, NKEYS(tenant_keys), tenant_open,
	    tenant_close },
};

static const struct cfg_grammar fleet_grammar = {
	fleet_blocks, NKEYS(fleet_blocks)
};

static struct fleet *
fleet_finish(struct cfg_ctx *ctx, struct fleet *f)
{
	fleet_check(ctx, f);
	if (ctx->nerrors > 0) {
		fleet_free(f);
		return NULL;
	}
	return f;
}

struct fleet *
fleet_load_buf(const char *path, const char *buf, size_t len, FILE *errf)
{
	struct cfg_ctx ctx = { .path = path, .errf = errf };
	struct fleet_parse p = { .cur_node = -1 };

	if ((p.f = calloc(1, sizeof(*p.f))) == NULL)
		return NULL;
	ctx.conf = &p;
	cfg_parse_buf(&ctx, &fleet_grammar, buf, len);
	return fleet_finish(&ctx, p.f);
}

struct fleet *
fleet_load(const char *path, FILE *errf)
{
	struct cfg_ctx ctx = { .path = path, .errf = errf };
	struct fleet_parse p = { .cur_node = -1 };

	if ((p.f = calloc(1, sizeof(*p.f))) == NULL)
		return NULL;
	ctx.conf = &p;
	cfg_parse_file(&ctx, &fleet_grammar, path);
	return fleet_finish(&ctx, p.f);
}

static void
free_labels(struct fleet_label *l, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(l[i].key);
		free(l[i].value);
	}
}

static void
free_tenant(struct fleet_tenant *tn)
{
	int i;

	free(tn->name);
	for (i = 0; i < tn->nzones; i++)
		free(tn->zones[i]);
	for (i = 0; i < tn->ncommunities; i++)
		free(tn->communities[i]);
	free(tn->catalog);
	free(tn->tsig_name);
	free(tn->tsig_alg);
	free(tn->tsig_secret);
	for (i = 0; i < tn->nanchors; i++)
		free(tn->anchors[i]);
	free_labels(tn->place, tn->nplace);
}

static void
free_node(struct fleet_node *n)
{
	int i;

	free(n->name);
	free(n->identity);
	free(n->nsid);
	free(n->uplink);
	free(n->state_dir);
	free_labels(n->labels, n->nlabels);
	for (i = 0; i < n->nrefuse; i++) {
		free(n->refuse[i].tenant);
		free(n->refuse[i].reason);
	}
	for (i = 0; i < n->nneighbors; i++)
		free(n->neighbors[i].password);
}

void
fleet_free(struct fleet *f)
{
	int i;

	if (f == NULL)
		return;
	for (i = 0; i < f->ntenants; i++)
		free_tenant(&f->tenants[i]);
	for (i = 0; i < f->nnodes; i++)
		free_node(&f->nodes[i]);
	free(f->tenants);
	free(f->nodes);
	free(f->ctl.state_dir);
	free(f->ctl.bundle_dir);
	free(f);
}

const struct fleet_tenant *
fleet_tenant(const struct fleet *f, const char *name)
{
	int i;

	for (i = 0; i < f->ntenants; i++)
		if (f->tenants[i].name != NULL &&
		    strcmp(f->tenants[i].name, name) == 0)
			return &f->tenants[i];
	return NULL;
}

const struct fleet_node *
fleet_node(const struct fleet *f, const char *name)
{
	int i;

	for (i = 0; i < f->nnodes; i++)
		if (f->nodes[i].name != NULL &&
		    strcmp(f->nodes[i].name, name) == 0)
			return &f->nodes[i];
	return NULL;
}

unsigned
fleet_ctl_port(const struct fleet *f)
{
	return f->ctl.port ? f->ctl.port : FLEET_CTL_PORT;
}

unsigned
fleet_ctl_public_port(const struct fleet *f)
{
	return f->ctl.public_port ? f->ctl.public_port : fleet_ctl_port(f);
}

const char *
fleet_ctl_state_dir(const struct fleet *f)
{
	return f->ctl.state_dir ? f->ctl.state_dir : FLEET_CTL_STATE_DIR;
}

const char *
fleet_ctl_bundle_dir(const struct fleet *f, char *buf, size_t len)
{
	if (f->ctl.bundle_dir != NULL)
		snprintf(buf, len, "%s", f->ctl.bundle_dir);
	else
		snprintf(buf, len, "%s/bundles", fleet_ctl_state_dir(f));
	return buf;
}

const char *
fleet_label(const struct fleet_node *n, const char *key)
{
	int i;

	for (i = 0; i < n->nlabels; i++)
		if (strcmp(n->labels[i].key, key) == 0)
			return n->labels[i].value;
	return NULL;
}

const char *
fleet_refusal(const struct fleet_node *n, const char *tenant)
{
	int i;

	for (i = 0; i < n->nrefuse; i++)
		if (strcmp(n->refuse[i].tenant, tenant) == 0)
			return n->refuse[i].reason;
	return NULL;
}
