/* fleet.c: the fleet file grammar: controller:, tenant:, node: and neighbor: blocks on lib/cfg.c, each value checked; checks across blocks in fleet_check.c, the printer in fleet_print.c. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "cfg.h"
#include "dname.h"
#include "fleet.h"
#include "fleet_check.h"

#define FLEET_MAX_TENANTS	4096
#define FLEET_MAX_NODES		4096
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
#define NEIGHBOR(ctx)	((struct fleet_neighbor *)(ctx)->block)
#define POS(t)		((struct fleet_pos){ (t)->line, (t)->vcol })

static void
bad(struct cfg_ctx *ctx, const struct cfg_tok *t, const char *why)
{
	cfg_error(ctx, t->line, t->vcol, "%s: '%s' %s", t->key, t->val, why);
}

static int
set_uint(struct cfg_ctx *ctx, const struct cfg_tok *t, uint64_t min,
    uint64_t max, unsigned *out)
{
	uint64_t v;

	if (cfg_uint(ctx, t, min, max, &v) < 0)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int
set_addr(struct cfg_ctx *ctx, const struct cfg_tok *t, struct addr *a)
{
	const char *err;

	if ((err = addr_parse(t->val, a)) != NULL) {
		bad(ctx, t, err);
		return -1;
	}
	return 0;
}

static int
set_asn(struct cfg_ctx *ctx, const struct cfg_tok *t, uint32_t *out)
{
	uint64_t v;

	if (cfg_uint(ctx, t, 1, 4294967295ULL, &v) < 0)
		return -1;
	if (v == 23456) {
		bad(ctx, t, "is AS_TRANS, not a usable ASN");
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

/* An absolute path without "..". */
static int
set_dir(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	size_t len = strlen(t->val);

	if (t->val[0] != '/') {
		bad(ctx, t, "is not an absolute path");
		return -1;
	}
	if (strstr(t->val, "/../") != NULL ||
	    (len >= 3 && strcmp(t->val + len - 3, "/..") == 0)) {
		bad(ctx, t, "must not contain '..'");
		return -1;
	}
	return cfg_string(ctx, t, 200, out);
}

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
		bad(ctx, t, "must be 1 to 32 of a-z, 0-9 and '-', not "
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
	set_dir(ctx, t, &CTL(ctx)->bundle_dir);
}

static void
controller_listen(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (set_addr(ctx, t, &CTL(ctx)->listen) == 0)
		CTL(ctx)->has_listen = 1;
}

static void
controller_port(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	set_uint(ctx, t, 1, 65535, &CTL(ctx)->port);
}

static void
controller_public_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (set_addr(ctx, t, &CTL(ctx)->public_addr) == 0)
		CTL(ctx)->has_public_addr = 1;
}

static void
controller_public_port(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	set_uint(ctx, t, 1, 65535, &CTL(ctx)->public_port);
}

static void
controller_state_dir(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	set_dir(ctx, t, &CTL(ctx)->state_dir);
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
		TENANT(ctx)->name_pos = POS(t);
}

static void
tenant_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_tenant *tn = TENANT(ctx);
	struct addr a;

	if (set_addr(ctx, t, &a) < 0)
		return;
	if (tn->naddrs == NC_MAX_ADDRS) {
		bad(ctx, t, "is one address too many");
		return;
	}
	tn->addr_pos[tn->naddrs] = POS(t);
	tn->addrs[tn->naddrs++] = a;
}

static void
tenant_prefix(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_tenant *tn = TENANT(ctx);
	const char *err;
	struct addr p;
	int i;

	if ((err = prefix_parse(t->val, &p)) != NULL) {
		bad(ctx, t, err);
		return;
	}
	for (i = 0; i < tn->nprefixes; i++)
		if (addr_eq(&tn->prefixes[i], &p)) {
			bad(ctx, t, "is given twice");
			return;
		}
	if (tn->nprefixes == NC_MAX_ADDRS) {
		bad(ctx, t, "is one prefix too many");
		return;
	}
	tn->prefix_pos[tn->nprefixes] = POS(t);
	tn->prefixes[tn->nprefixes++] = p;
}

static int
set_dname(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	char name[DNAME_STRLEN];
	const char *err;

	if ((err = dname_normalise(t->val, name)) != NULL) {
		bad(ctx, t, err);
		return -1;
	}
	free(*out);
	if ((*out = strdup(name)) == NULL) {
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return -1;
	}
	return 0;
}

static void
tenant_zone(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_tenant *tn = TENANT(ctx);

	if (tn->nzones == NC_MAX_ZONES) {
		bad(ctx, t, "is one zone too many");
		return;
	}
	tn->zones[tn->nzones] = NULL;
	if (set_dname(ctx, t, &tn->zones[tn->nzones]) == 0)
		tn->zone_pos[tn->nzones++] = POS(t);
}

static void
tenant_catalog(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (set_dname(ctx, t, &TENANT(ctx)->catalog) == 0)
		TENANT(ctx)->catalog_pos = POS(t);
}

static void
tenant_primary(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (set_addr(ctx, t, &TENANT(ctx)->primary) == 0)
		TENANT(ctx)->has_primary = 1;
}

static void
tenant_tsig_name(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_tenant *tn = TENANT(ctx);

	if (set_dname(ctx, t, &tn->tsig_name) == 0 &&
	    strcmp(tn->tsig_name, ".") == 0)
		bad(ctx, t, "is not a usable key name");
}

static void
tenant_tsig_algorithm(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	static const char *const algs[] = {
		"hmac-sha256", "hmac-sha384", "hmac-sha512",
	};
	size_t i;

	for (i = 0; i < NKEYS(algs); i++)
		if (strcmp(t->val, algs[i]) == 0) {
			cfg_string(ctx, t, 32, &TENANT(ctx)->tsig_alg);
			return;
		}
	bad(ctx, t, "is not one of hmac-sha256, hmac-sha384, hmac-sha512");
}

static void
tenant_tsig_secret(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *err;

	if ((err = base64_check(t->val, 16)) != NULL) {
		bad(ctx, t, err);
		return;
	}
	cfg_string(ctx, t, 512, &TENANT(ctx)->tsig_secret);
}

static const char *const wellknown[] = {
	"no-advertise", "no-export", "no-export-subconfed",
};

/* ASN:VALUE or a well-known name, normalised into buf; -1 if neither. */
static int
community_norm(const char *s, char *buf, size_t len)
{
	unsigned long hi, lo;
	size_t i;
	char *end;

	for (i = 0; i < NKEYS(wellknown); i++)
		if (strcmp(s, wellknown[i]) == 0) {
			snprintf(buf, len, "%s", s);
			return 0;
		}
	if (!isdigit((unsigned char)s[0]))
		return -1;
	hi = strtoul(s, &end, 10);
	if (*end != ':' || !isdigit((unsigned char)end[1]) || hi > 65535)
		return -1;
	lo = strtoul(end + 1, &end, 10);
	if (*end != '\0' || lo > 65535)
		return -1;
	snprintf(buf, len, "%lu:%lu", hi, lo);
	return 0;
}

static void
tenant_community(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_tenant *tn = TENANT(ctx);
	char buf[32];

	if (strlen(t->val) > 20 ||
	    community_norm(t->val, buf, sizeof(buf)) < 0) {
		bad(ctx, t, "is not ASN:VALUE (0-65535 each), no-export, "
		    "no-advertise or no-export-subconfed");
		return;
	}
	if (tn->ncommunities == NC_MAX_COMMUNITIES) {
		bad(ctx, t, "is one community too many");
		return;
	}
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
	struct cfg_tok num = *t;
	char buf[16];
	size_t len = strlen(t->val);
	int o;

	for (o = 0; o < FT_NOPTS; o++)
		if (strcmp(t->key, tenant_opts[o].name) == 0)
			break;
	if (o == FT_CPU_QUOTA) {
		if (len < 2 || len >= sizeof(buf) || t->val[len - 1] != '%') {
			bad(ctx, t, "is not a percentage of one CPU, "
			    "e.g. 150%");
			return;
		}
		memcpy(buf, t->val, len - 1);
		buf[len - 1] = '\0';
		num.val = buf;
	}
	set_uint(ctx, &num, tenant_opts[o].min, tenant_opts[o].max,
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
		bad(ctx, t, "is not KEY=VALUE");
		return -1;
	}
	klen = (size_t)(eq - t->val);
	if (klen > 32 || strlen(eq + 1) > 64) {
		bad(ctx, t, "is too long (a key of at most 32, a value of at "
		    "most 64 characters)");
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
	l->pos = POS(t);
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
		bad(ctx, t, "is one place: line too many");
		return;
	}
	if (set_label(ctx, t, "._:/-*?[]!", &tn->place[tn->nplace]) == 0)
		tn->nplace++;
}

/* Every address lies in one of the prefixes, every prefix covers one;
 * zones or a catalog, not both. */
static void
tenant_close(struct cfg_ctx *ctx, int line)
{
	struct fleet_tenant *tn = TENANT(ctx);
	const char *name = tn->name ? tn->name : "?";
	int i, j, ok;

	(void)line;
	for (i = 0; i < tn->naddrs; i++) {
		for (ok = 0, j = 0; j < tn->nprefixes && !ok; j++)
			ok = prefix_contains(&tn->prefixes[j], &tn->addrs[i]);
		if (!ok && tn->nprefixes > 0)
			cfg_error(ctx, tn->addr_pos[i].line, tn->addr_pos[i].col,
			    "address: outside every prefix of tenant '%s'",
			    name);
	}
	for (j = 0; j < tn->nprefixes; j++) {
		for (ok = 0, i = 0; i < tn->naddrs && !ok; i++)
			ok = prefix_contains(&tn->prefixes[j], &tn->addrs[i]);
		if (!ok && tn->naddrs > 0)
			cfg_error(ctx, tn->prefix_pos[j].line,
			    tn->prefix_pos[j].col, "prefix: covers none of the "
			    "service addresses of tenant '%s'", name);
	}
	if (tn->catalog != NULL && tn->nzones > 0)
		cfg_error(ctx, tn->catalog_pos.line, tn->catalog_pos.col,
		    "catalog: tenant '%s' has zone: lines too (one or the "
		    "other)", name);
	else if (tn->catalog == NULL && tn->nzones == 0)
		cfg_error(ctx, tn->line, 1, "tenant: '%s' needs zone: lines "
		    "or a catalog:", name);
}

static const struct cfg_key tenant_keys[] = {
	{ "address", CFG_MULTI | CFG_REQUIRED, tenant_address },
	{ "catalog", 0, tenant_catalog },
	{ "community", CFG_MULTI, tenant_community },
	{ "cpu-quota", 0, tenant_opt },
	{ "cpu-weight", 0, tenant_opt },
	{ "memory-limit", 0, tenant_opt },
	{ "name", CFG_REQUIRED, tenant_name },
	{ "place", CFG_MULTI, tenant_place },
	{ "prefix", CFG_MULTI | CFG_REQUIRED, tenant_prefix },
	{ "primary", CFG_REQUIRED, tenant_primary },
	{ "primary-port", 0, tenant_opt },
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
		NODE(ctx)->name_pos = POS(t);
}

/* As node.conf's: it names the node's cgroups, nothing that walks a path. */
static void
node_identity(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *p;

	if (*t->val == '\0' || t->val[0] == '.' || t->val[0] == ' ') {
		bad(ctx, t, "must not be empty or begin with '.' or ' '");
		return;
	}
	for (p = t->val; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr(" ._-", *p) == NULL) {
			cfg_error(ctx, t->line, t->vcol, "identity: '%s' may "
			    "hold only letters, digits, ' ', '.', '-' and '_' "
			    "(not '%c')", t->val, *p);
			return;
		}
	cfg_string(ctx, t, 255, &NODE(ctx)->identity);
}

static void
node_nsid(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	size_t len = strlen(t->val), i;

	if (strncmp(t->val, "0x", 2) == 0) {
		for (i = 2; i < len; i++)
			if (!isxdigit((unsigned char)t->val[i]))
				break;
		if (len == 2 || len % 2 != 0 || i < len || len > 258) {
			bad(ctx, t, "is not 1 to 128 bytes of hex digits");
			return;
		}
	} else if (len == 0 || len > 128) {
		bad(ctx, t, "must be 1 to 128 bytes of text");
		return;
	}
	if (strpbrk(t->val, "\"\\") != NULL) {
		bad(ctx, t, "must not contain '\"' or '\\'");
		return;
	}
	cfg_string(ctx, t, 258, &NODE(ctx)->nsid);
}

static void
node_uplink(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *p;

	if (*t->val == '\0' || strlen(t->val) > 15) {
		bad(ctx, t, "is not 1 to 15 characters (an interface name)");
		return;
	}
	for (p = t->val; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("-_.", *p) == NULL) {
			bad(ctx, t, "is not a valid interface name");
			return;
		}
	cfg_string(ctx, t, 15, &NODE(ctx)->uplink);
}

static void
node_uplink_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_node *n = NODE(ctx);
	const char *err;
	struct addr a;

	if ((err = ifaddr_parse(t->val, &a)) != NULL) {
		bad(ctx, t, err);
		return;
	}
	if (n->nuplink_addrs == NC_MAX_ADDRS) {
		bad(ctx, t, "is one address too many");
		return;
	}
	n->uplink_addrs[n->nuplink_addrs++] = a;
}

static void
node_state_dir(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	set_dir(ctx, t, &NODE(ctx)->state_dir);
}

static void
node_rrl(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfg_bool(ctx, t, &NODE(ctx)->rrl);
}

static void
node_asn(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (set_asn(ctx, t, &NODE(ctx)->asn) == 0)
		NODE(ctx)->asn_pos = POS(t);
}

static void
node_router_id(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_node *n = NODE(ctx);

	if (set_addr(ctx, t, &n->router_id) < 0)
		return;
	if (n->router_id.af != AF_INET)
		bad(ctx, t, "is not an IPv4 address");
	else
		n->has_router_id = 1;
}

static void
node_label(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_node *n = NODE(ctx);
	struct fleet_label l;
	int i;

	if (n->nlabels == FLEET_MAX_LABELS) {
		bad(ctx, t, "is one label too many");
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
		bad(ctx, t, "needs a reason after the tenant's name, e.g. "
		    "refuse: \"tld not enough memory\"");
		return;
	}
	if (n->nrefuse == FLEET_MAX_REFUSE) {
		bad(ctx, t, "is one refusal too many");
		return;
	}
	memset(r, 0, sizeof(*r));
	if ((r->tenant = strndup(t->val, len)) == NULL) {
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return;
	}
	if (!name_ok(r->tenant))
		bad(ctx, t, "does not begin with a tenant's name");
	else if (fleet_refusal(n, r->tenant) != NULL)
		bad(ctx, t, "refuses a tenant already refused");
	else if (cfg_string(ctx, &why, 200, &r->reason) == 0) {
		r->pos = POS(t);
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
	struct cfg_tok num = *t;
	char buf[16];
	size_t len = strlen(t->val);
	int o;

	for (o = 0; o < FN_NOPTS; o++)
		if (strcmp(t->key, node_opts[o].name) == 0)
			break;
	if (o == FN_TCP_FAILURE_HOLD && len > 1 && len < sizeof(buf) &&
	    t->val[len - 1] == 's') {
		memcpy(buf, t->val, len - 1);
		buf[len - 1] = '\0';
		num.val = buf;
	}
	if (set_uint(ctx, &num, node_opts[o].min, node_opts[o].max,
	    &NODE(ctx)->opt[o]) == 0)
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

/* neighbor: (belongs to the node: block before it) */

static void *
neighbor_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct fleet_node *n;
	struct fleet_neighbor *nb;

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

static void
neighbor_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (set_addr(ctx, t, &NEIGHBOR(ctx)->addr) == 0)
		NEIGHBOR(ctx)->addr_pos = POS(t);
}

static void
neighbor_asn(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	set_asn(ctx, t, &NEIGHBOR(ctx)->asn);
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
	unsigned v;

	if (set_uint(ctx, t, 0, 65535, &v) < 0)
		return;
	if (v == 1 || v == 2) {
		bad(ctx, t, "must be 0 or 3 to 65535 (RFC 4271)");
		return;
	}
	NEIGHBOR(ctx)->hold_time = v;
	NEIGHBOR(ctx)->has_hold_time = 1;
}

static void
neighbor_password(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (*t->val == '\0' || strlen(t->val) > 80) {
		bad(ctx, t, "must be 1 to 80 characters (TCP-MD5 key)");
		return;
	}
	if (strpbrk(t->val, "\"\\") != NULL) {
		bad(ctx, t, "must not contain '\"' or '\\'");
		return;
	}
	cfg_string(ctx, t, 80, &NEIGHBOR(ctx)->password);
}

static const struct cfg_key neighbor_keys[] = {
	{ "address", CFG_REQUIRED, neighbor_address },
	{ "asn", CFG_REQUIRED, neighbor_asn },
	{ "bfd", 0, neighbor_bfd },
	{ "default-route", 0, neighbor_default_route },
	{ "hold-time", 0, neighbor_hold_time },
	{ "password", 0, neighbor_password },
};

static const struct cfg_block fleet_blocks[] = {
	{ "controller", controller_keys, NKEYS(controller_keys),
	    controller_open, NULL },
	{ "neighbor", neighbor_keys, NKEYS(neighbor_keys), neighbor_open,
	    NULL },
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
