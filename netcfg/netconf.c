/* netconf.c: the network.conf grammar: value checks, keyword table, printer. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <netinet/in.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "netconf.h"

/* Where the values checked against each other at the end were given. */
struct pos {
	int		 line;
	int		 col;
};

struct parse {
	struct netconf	*nc;
	int		 has_network;
	struct pos	 uplink, vlan, v4, gw4, v6, gw6, url, svcif;
	struct pos	 resolver[NETCONF_MAX_RESOLVERS];
	struct pos	 svc[NETCONF_MAX_SVC];
};

#define P(ctx)		((struct parse *)(ctx)->conf)
#define NC(ctx)		(P(ctx)->nc)

/* Value checks. */

static int
bit(const struct addr *a, int i)
{
	return (a->a[i / 8] >> (7 - i % 8)) & 1;
}

/* Are all bits after the prefix length equal to v? */
static int
host_bits_are(const struct addr *a, int v)
{
	int i, max = a->af == AF_INET ? 32 : 128;

	for (i = a->plen; i < max; i++)
		if (bit(a, i) != v)
			return 0;
	return 1;
}

static int
same_subnet(const struct addr *net, const struct addr *a)
{
	int i;

	if (net->af != a->af)
		return 0;
	for (i = 0; i < net->plen; i++)
		if (bit(net, i) != bit(a, i))
			return 0;
	return 1;
}

static int
v6_linklocal(const struct addr *a)
{
	return a->af == AF_INET6 && a->a[0] == 0xfe && (a->a[1] & 0xc0) == 0x80;
}

/* NULL for an address a host can use as its own or a peer's unicast address. */
static const char *
unicast(const struct addr *a)
{
	static const uint8_t mapped[12] = { 0,0,0,0,0,0,0,0,0,0,0xff,0xff };
	static const uint8_t zero[16];

	if (a->af == AF_INET) {
		if (a->a[0] == 0)
			return "is in 0.0.0.0/8 (this network)";
		if (a->a[0] == 127)
			return "is a loopback address";
		if (a->a[0] >= 224)
			return "is a multicast or reserved address";
		return NULL;
	}
	if (memcmp(a->a, zero, 15) == 0 && a->a[15] <= 1)
		return "is the unspecified or the loopback address";
	if (a->a[0] == 0xff)
		return "is a multicast address";
	if (memcmp(a->a, mapped, 12) == 0)
		return "is an IPv4-mapped address";
	return NULL;
}

const char *
netconf_check_ifname(const char *s)
{
	const char *p;

	if (*s == '\0' || strlen(s) > NETCONF_IFNAMSIZ - 1)
		return "is not 1 to 15 characters (an interface name)";
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return "is not a valid interface name";
	for (p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' &&
		    *p != '.')
			return "is not a valid interface name";
	return NULL;
}

const char *
netconf_check_vlan(const char *s, const char *uplink, unsigned *out)
{
	unsigned long v;
	char *end;

	if (!isdigit((unsigned char)*s))
		return "is not a VLAN id (1 to 4094)";
	v = strtoul(s, &end, 10);
	if (*end != '\0' || v < 1 || v > 4094)
		return "is not a VLAN id (1 to 4094)";
	if (uplink != NULL && strlen(uplink) + 1 + strlen(s) > 15)
		return "makes the VLAN interface name UPLINK.ID longer "
		    "than 15 characters";
	*out = (unsigned)v;
	return NULL;
}

static const char *
split_len(const char *s, char *buf, size_t bufsz, unsigned long *len)
{
	const char *slash;
	char *end;

	if ((slash = strchr(s, '/')) == NULL)
		return "needs a prefix length (ADDRESS/LEN)";
	if ((size_t)(slash - s) >= bufsz)
		return "is too long";
	memcpy(buf, s, (size_t)(slash - s));
	buf[slash - s] = '\0';
	if (!isdigit((unsigned char)slash[1]))
		return "has a prefix length that is not a number";
	*len = strtoul(slash + 1, &end, 10);
	if (*end != '\0' || *len > 128)
		return "has a prefix length that is not a number up to 128";
	return NULL;
}

const char *
netconf_check_ifaddr(const char *s, int af, struct addr *out)
{
	char buf[ADDR_STRLEN];
	unsigned long len;
	const char *err;

	if ((err = split_len(s, buf, sizeof(buf), &len)) != NULL)
		return err;
	if ((err = addr_parse(buf, out)) != NULL)
		return err;
	if (out->af != af)
		return af == AF_INET ? "is not an IPv4 address/prefix" :
		    "is not an IPv6 address/prefix";
	if (len < 1 || len > (af == AF_INET ? 32u : 128u))
		return af == AF_INET ? "has a prefix length outside 1 to 32" :
		    "has a prefix length outside 1 to 128";
	out->plen = (uint8_t)len;
	if ((err = unicast(out)) != NULL)
		return err;
	if (v6_linklocal(out))
		return "is a link-local address (the kernel sets those)";
	if (af == AF_INET && len <= 30 && host_bits_are(out, 0))
		return "is the network address of its subnet";
	if (af == AF_INET && len <= 30 && host_bits_are(out, 1))
		return "is the broadcast address of its subnet";
	return NULL;
}

const char *
netconf_check_gateway(const char *s, const struct addr *ifaddr,
    struct addr *out)
{
	struct addr g;
	const char *err;

	if ((err = addr_parse(s, out)) != NULL)
		return err;
	if ((err = unicast(out)) != NULL)
		return err;
	if (ifaddr == NULL)
		return NULL;
	if (out->af != ifaddr->af)
		return ifaddr->af == AF_INET ? "is not an IPv4 address" :
		    "is not an IPv6 address";
	if (memcmp(out->a, ifaddr->a, 16) == 0)
		return "is the node's own address";
	if (v6_linklocal(out))
		return NULL;
	if (!same_subnet(ifaddr, out))
		return "is outside the subnet of the node's address";
	g = *out;
	g.plen = ifaddr->plen;
	if (g.af == AF_INET && g.plen <= 30 &&
	    (host_bits_are(&g, 0) || host_bits_are(&g, 1)))
		return "is the network or broadcast address of the subnet";
	return NULL;
}

const char *
netconf_check_resolver(const char *s, struct addr *out)
{
	const char *err;

	if ((err = addr_parse(s, out)) != NULL)
		return err;
	return unicast(out);
}

const char *
netconf_check_svcaddr(const char *s, struct addr *out)
{
	const char *err;

	if ((err = addr_parse(s, out)) != NULL)
		return err;
	if ((err = unicast(out)) != NULL)
		return err;
	if (v6_linklocal(out))
		return "is a link-local address";
	return NULL;
}

static int
dnsname(const char *s)
{
	const char *p;
	size_t label = 0;

	if (*s == '\0' || strlen(s) > 253)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p == '.') {
			if (label == 0 || p[-1] == '-')
				return 0;
			label = 0;
		} else if (isalnum((unsigned char)*p) || *p == '-') {
			if ((label == 0 && *p == '-') || ++label > 63)
				return 0;
		} else
			return 0;
	}
	return 1;
}

static const char *
url_host(const char *p, size_t n, struct url *u)
{
	struct addr a;

	if (n == 0 || n >= sizeof(u->host))
		return "has no host, or one too long";
	if (*p == '[') {
		if (p[n - 1] != ']' || n < 3)
			return "has an unclosed '[' in the host";
		memcpy(u->host, p + 1, n - 2);
		u->host[n - 2] = '\0';
		if (addr_parse(u->host, &a) != NULL || a.af != AF_INET6)
			return "has no valid IPv6 address inside []";
		return NULL;
	}
	memcpy(u->host, p, n);
	u->host[n] = '\0';
	if (strchr(u->host, ':') != NULL)
		return "has an IPv6 address not written inside []";
	if (!dnsname(u->host))
		return "has a host that is neither a name nor an address";
	return NULL;
}

static const char *
url_port(const char *p, size_t n, struct url *u)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0 || n > 5)
		return "has a port that is not 1 to 65535";
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return "has a port that is not a number";
		v = v * 10 + (unsigned long)(p[i] - '0');
	}
	if (v < 1 || v > 65535)
		return "has a port that is not 1 to 65535";
	u->port = (unsigned)v;
	return NULL;
}

const char *
netconf_check_url(const char *s, struct url *out)
{
	struct url u = { 0 };
	const char *p, *hend, *end, *colon = NULL, *err;

	if (strlen(s) > NETCONF_URL_MAX)
		return "is longer than 255 characters";
	for (p = s; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f)
			return "contains a space or a character outside ASCII";
	if (strncmp(s, "https://", 8) == 0)
		u.https = 1, p = s + 8, u.port = 443;
	else if (strncmp(s, "http://", 7) == 0)
		p = s + 7, u.port = 80;
	else
		return "does not start with https:// or http://";
	end = p + strcspn(p, "/?#");
	hend = end;
	if (*p == '[')
		colon = memchr(p, ']', (size_t)(end - p));
	else if ((colon = memchr(p, ':', (size_t)(end - p))) != NULL &&
	    memchr(colon + 1, ':', (size_t)(end - colon - 1)) != NULL)
		return "has an IPv6 address not written inside []";
	else
		colon = p - 1;
	if (colon != NULL && (colon = memchr(colon + 1, ':',
	    (size_t)(end - colon - 1))) != NULL) {
		hend = colon;
		if ((err = url_port(colon + 1, (size_t)(end - colon - 1),
		    &u)) != NULL)
			return err;
	}
	if ((err = url_host(p, (size_t)(hend - p), &u)) != NULL)
		return err;
	if (out != NULL)
		*out = u;
	return NULL;
}

const char *
netconf_check_token(const char *s)
{
	const char *p;

	if (strlen(s) < 8)
		return "is shorter than 8 characters";
	if (strlen(s) > NETCONF_TOKEN_MAX)
		return "is longer than 512 characters";
	for (p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("._~+/=-", *p) == NULL)
			return "may hold only letters, digits and ._~+/=-";
	return NULL;
}

const char *
netconf_check_families(const struct netconf *nc)
{
	if (!nc->has_v4 && !nc->has_v6)
		return "needs ipv4 or ipv6 (or both)";
	return NULL;
}

const char *
netconf_check_resolver_family(const struct netconf *nc, const struct addr *a)
{
	if (a->af == AF_INET && !nc->has_v4)
		return "is an IPv4 address but the node has no IPv4";
	if (a->af == AF_INET6 && !nc->has_v6)
		return "is an IPv6 address but the node has no IPv6";
	return NULL;
}

void
netconf_l3if(const struct netconf *nc, char buf[NETCONF_IFNAMSIZ])
{
	char id[8];
	size_t n = strlen(nc->uplink);

	memcpy(buf, nc->uplink, n + 1);
	if (nc->vlan == 0)
		return;
	snprintf(id, sizeof(id), ".%u", nc->vlan % 10000);
	if (n + strlen(id) < NETCONF_IFNAMSIZ)
		memcpy(buf + n, id, strlen(id) + 1);
}

/* The grammar. */

static void
bad(struct cfg_ctx *ctx, const struct cfg_tok *t, const char *why)
{
	cfg_error(ctx, t->line, t->vcol, "%s: '%s' %s", t->key, t->val, why);
}

static struct pos
here(const struct cfg_tok *t)
{
	return (struct pos){ t->line, t->vcol };
}

static void *
network_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	if (P(ctx)->has_network) {
		cfg_error(ctx, t->line, t->kcol,
		    "second network: block (the first is at line %d)",
		    P(ctx)->has_network);
		return NULL;
	}
	P(ctx)->has_network = t->line;
	return NC(ctx);
}

static void
key_uplink(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *err;

	if ((err = netconf_check_ifname(t->val)) != NULL) {
		bad(ctx, t, err);
		return;
	}
	snprintf(NC(ctx)->uplink, NETCONF_IFNAMSIZ, "%s", t->val);
	P(ctx)->uplink = here(t);
}

static void
key_vlan(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *err;

	if ((err = netconf_check_vlan(t->val, NULL, &NC(ctx)->vlan)) != NULL) {
		bad(ctx, t, err);
		return;
	}
	P(ctx)->vlan = here(t);
}

static void
key_ipv4(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *err;

	if ((err = netconf_check_ifaddr(t->val, AF_INET, &NC(ctx)->v4)))
		bad(ctx, t, err);
	else
		NC(ctx)->has_v4 = 1;
	P(ctx)->v4 = here(t);
}

static void
key_ipv6(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *err;

	if ((err = netconf_check_ifaddr(t->val, AF_INET6, &NC(ctx)->v6)))
		bad(ctx, t, err);
	else
		NC(ctx)->has_v6 = 1;
	P(ctx)->v6 = here(t);
}

/* Gateways are checked against their subnet when the block closes. */
static void
key_gateway(struct cfg_ctx *ctx, const struct cfg_tok *t, int af,
    struct addr *out, struct pos *pos)
{
	const char *err;

	*pos = here(t);
	if ((err = netconf_check_gateway(t->val, NULL, out)) != NULL) {
		bad(ctx, t, err);
		return;
	}
	if (out->af != af) {
		bad(ctx, t, af == AF_INET ? "is not an IPv4 address" :
		    "is not an IPv6 address");
		out->af = 0;
	}
}

static void
key_ipv4_gateway(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	key_gateway(ctx, t, AF_INET, &NC(ctx)->gw4, &P(ctx)->gw4);
}

static void
key_ipv6_gateway(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	key_gateway(ctx, t, AF_INET6, &NC(ctx)->gw6, &P(ctx)->gw6);
}

static int
addr_listed(const struct addr *list, int n, const struct addr *a)
{
	int i;

	for (i = 0; i < n; i++)
		if (addr_eq(&list[i], a))
			return i;
	return -1;
}

static void
key_resolver(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct netconf *nc = NC(ctx);
	struct addr a;
	const char *err;
	int i;

	if ((err = netconf_check_resolver(t->val, &a)) != NULL) {
		bad(ctx, t, err);
		return;
	}
	if ((i = addr_listed(nc->resolvers, nc->nresolvers, &a)) >= 0) {
		cfg_error(ctx, t->line, t->vcol,
		    "resolver: '%s' already given at line %d", t->val,
		    P(ctx)->resolver[i].line);
		return;
	}
	if (nc->nresolvers == NETCONF_MAX_RESOLVERS) {
		bad(ctx, t, "is one resolver too many (at most 3)");
		return;
	}
	P(ctx)->resolver[nc->nresolvers] = here(t);
	nc->resolvers[nc->nresolvers++] = a;
}

static void
key_controller(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *err;

	if ((err = netconf_check_url(t->val, NULL)) != NULL) {
		bad(ctx, t, err);
		return;
	}
	cfg_string(ctx, t, NETCONF_URL_MAX, &NC(ctx)->controller);
	P(ctx)->url = here(t);
}

static void
key_enrol_token(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *err;

	if ((err = netconf_check_token(t->val)) != NULL) {
		/* do not echo a secret into logs */
		cfg_error(ctx, t->line, t->vcol, "%s: %s", t->key, err);
		return;
	}
	cfg_string(ctx, t, NETCONF_TOKEN_MAX, &NC(ctx)->token);
}

static void
key_service_interface(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *err;

	if ((err = netconf_check_ifname(t->val)) != NULL) {
		bad(ctx, t, err);
		return;
	}
	snprintf(NC(ctx)->svcif, NETCONF_IFNAMSIZ, "%s", t->val);
	P(ctx)->svcif = here(t);
}

static void
key_service_address(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct netconf *nc = NC(ctx);
	struct addr a;
	const char *err;
	int i;

	if ((err = netconf_check_svcaddr(t->val, &a)) != NULL) {
		bad(ctx, t, err);
		return;
	}
	if ((i = addr_listed(nc->svc, nc->nsvc, &a)) >= 0) {
		cfg_error(ctx, t->line, t->vcol,
		    "service-address: '%s' already given at line %d", t->val,
		    P(ctx)->svc[i].line);
		return;
	}
	if (nc->nsvc == NETCONF_MAX_SVC) {
		bad(ctx, t, "is one service address too many (at most 64)");
		return;
	}
	P(ctx)->svc[nc->nsvc] = here(t);
	nc->svc[nc->nsvc++] = a;
}

/* Checks between keys, made once the whole block is known. */

static void
close_gateway(struct cfg_ctx *ctx, const char *key, int has, struct addr *ifa,
    struct addr *gw, struct pos *gp, const char *ifkey, struct pos *ip)
{
	struct addr tmp;
	char buf[ADDR_STRLEN];
	const char *err;

	if (gw->af == 0) {
		if (has && gp->line == 0)
			cfg_error(ctx, ip->line, ip->col,
			    "%s: given without %s", ifkey, key);
		return;
	}
	if (!has) {
		if (ip->line == 0)
			cfg_error(ctx, gp->line, gp->col,
			    "%s: given without %s", key, ifkey);
		return;
	}
	addr_fmt(gw, buf, 0);
	if ((err = netconf_check_gateway(buf, ifa, &tmp)) != NULL)
		cfg_error(ctx, gp->line, gp->col, "%s: '%s' %s", key, buf,
		    err);
}

static void
close_addresses(struct cfg_ctx *ctx)
{
	struct netconf *nc = NC(ctx);
	struct parse *p = P(ctx);
	const char *err;
	int i;

	for (i = 0; i < nc->nresolvers; i++)
		if ((err = netconf_check_resolver_family(nc,
		    &nc->resolvers[i])) != NULL)
			cfg_error(ctx, p->resolver[i].line, p->resolver[i].col,
			    "resolver: %s", err);
	for (i = 0; i < nc->nsvc; i++)
		if ((nc->has_v4 && memcmp(nc->svc[i].a, nc->v4.a, 16) == 0) ||
		    (nc->has_v6 && memcmp(nc->svc[i].a, nc->v6.a, 16) == 0))
			cfg_error(ctx, p->svc[i].line, p->svc[i].col,
			    "service-address: is the uplink's own address");
}

static void
close_controller(struct cfg_ctx *ctx)
{
	struct netconf *nc = NC(ctx);
	struct url u;
	struct addr a;

	if (nc->controller == NULL ||
	    netconf_check_url(nc->controller, &u) != NULL)
		return;
	if (addr_parse(u.host, &a) != NULL) {
		if (nc->nresolvers == 0)
			cfg_error(ctx, P(ctx)->url.line, P(ctx)->url.col,
			    "controller: a host name needs a resolver: key");
		return;
	}
	if (netconf_check_resolver_family(nc, &a) != NULL)
		cfg_error(ctx, P(ctx)->url.line, P(ctx)->url.col,
		    "controller: %s", a.af == AF_INET ?
		    "is an IPv4 address but the node has no IPv4" :
		    "is an IPv6 address but the node has no IPv6");
}

static void
network_close(struct cfg_ctx *ctx, int line)
{
	struct netconf *nc = NC(ctx);
	struct parse *p = P(ctx);
	char vid[8];
	unsigned v;

	(void)line;
	if (!nc->has_v4 && !nc->has_v6 && p->v4.line == 0 && p->v6.line == 0)
		cfg_error(ctx, ctx->blockline, ctx->blockcol,
		    "network: %s", netconf_check_families(nc));
	close_gateway(ctx, "ipv4-gateway", nc->has_v4, &nc->v4, &nc->gw4,
	    &p->gw4, "ipv4", &p->v4);
	close_gateway(ctx, "ipv6-gateway", nc->has_v6, &nc->v6, &nc->gw6,
	    &p->gw6, "ipv6", &p->v6);
	snprintf(vid, sizeof(vid), "%u", nc->vlan);
	if (nc->vlan != 0 && nc->uplink[0] != '\0' &&
	    netconf_check_vlan(vid, nc->uplink, &v) != NULL)
		cfg_error(ctx, p->vlan.line, p->vlan.col, "vlan: %s",
		    netconf_check_vlan(vid, nc->uplink, &v));
	if (strcmp(nc->svcif, nc->uplink) == 0 && p->svcif.line != 0)
		cfg_error(ctx, p->svcif.line, p->svcif.col,
		    "service-interface: is the uplink");
	else if (strcmp(nc->svcif, nc->uplink) == 0 && p->uplink.line != 0)
		cfg_error(ctx, p->uplink.line, p->uplink.col,
		    "uplink: is the service interface %s: name another with "
		    "service-interface:", nc->svcif);
	close_addresses(ctx);
	close_controller(ctx);
}

static const struct cfg_key network_keys[] = {
	{ "controller", 0, key_controller },
	{ "enrol-token", 0, key_enrol_token },
	{ "ipv4", 0, key_ipv4 },
	{ "ipv4-gateway", 0, key_ipv4_gateway },
	{ "ipv6", 0, key_ipv6 },
	{ "ipv6-gateway", 0, key_ipv6_gateway },
	{ "resolver", CFG_MULTI, key_resolver },
	{ "service-address", CFG_MULTI, key_service_address },
	{ "service-interface", 0, key_service_interface },
	{ "uplink", CFG_REQUIRED, key_uplink },
	{ "vlan", 0, key_vlan },
};

#define NKEYS(a)	(sizeof(a) / sizeof((a)[0]))

static const struct cfg_block netconf_blocks[] = {
	{ "network", network_keys, NKEYS(network_keys), network_open,
	    network_close },
};

static const struct cfg_grammar netconf_grammar = {
	netconf_blocks, NKEYS(netconf_blocks)
};

struct netconf *
netconf_new(void)
{
	struct netconf *nc;

	if ((nc = calloc(1, sizeof(*nc))) == NULL)
		return NULL;
	snprintf(nc->svcif, sizeof(nc->svcif), "%s", NETCONF_SVCIF);
	return nc;
}

static struct netconf *
netconf_finish(struct cfg_ctx *ctx, struct parse *p, int rc)
{
	if (rc == 0 && !p->has_network)
		cfg_error(ctx, 1, 1, "no network: block");
	if (ctx->nerrors > 0) {
		netconf_free(p->nc);
		return NULL;
	}
	return p->nc;
}

struct netconf *
netconf_load(const char *path, FILE *errf)
{
	struct parse p = { 0 };
	struct cfg_ctx ctx = { .path = path, .errf = errf, .conf = &p };

	if ((p.nc = netconf_new()) == NULL)
		return NULL;
	return netconf_finish(&ctx, &p,
	    cfg_parse_file(&ctx, &netconf_grammar, path));
}

struct netconf *
netconf_load_buf(const char *path, const char *buf, size_t len, FILE *errf)
{
	struct parse p = { 0 };
	struct cfg_ctx ctx = { .path = path, .errf = errf, .conf = &p };

	if ((p.nc = netconf_new()) == NULL)
		return NULL;
	return netconf_finish(&ctx, &p,
	    cfg_parse_buf(&ctx, &netconf_grammar, buf, len));
}

void
netconf_free(struct netconf *nc)
{
	if (nc == NULL)
		return;
	free(nc->controller);
	if (nc->token != NULL)
		explicit_bzero(nc->token, strlen(nc->token));
	free(nc->token);
	free(nc);
}

/* The printer: its output parses again to the same configuration. */

static void
print_addr(FILE *f, const char *key, const struct addr *a, int with_len)
{
	char buf[ADDR_STRLEN];

	cfg_print_kv(f, key, addr_fmt(a, buf, with_len));
}

void
netconf_print(FILE *f, const struct netconf *nc)
{
	char buf[16];
	int i;

	fputs("network:\n", f);
	cfg_print_kv(f, "uplink", nc->uplink);
	if (nc->vlan != 0) {
		snprintf(buf, sizeof(buf), "%u", nc->vlan);
		cfg_print_kv(f, "vlan", buf);
	}
	if (nc->has_v4) {
		print_addr(f, "ipv4", &nc->v4, 1);
		if (nc->gw4.af != 0)
			print_addr(f, "ipv4-gateway", &nc->gw4, 0);
	}
	if (nc->has_v6) {
		print_addr(f, "ipv6", &nc->v6, 1);
		if (nc->gw6.af != 0)
			print_addr(f, "ipv6-gateway", &nc->gw6, 0);
	}
	for (i = 0; i < nc->nresolvers; i++)
		print_addr(f, "resolver", &nc->resolvers[i], 0);
	if (nc->controller != NULL)
		cfg_print_kv(f, "controller", nc->controller);
	if (nc->token != NULL)
		cfg_print_kv(f, "enrol-token", nc->token);
	cfg_print_kv(f, "service-interface", nc->svcif);
	for (i = 0; i < nc->nsvc; i++)
		print_addr(f, "service-address", &nc->svc[i], 0);
}
