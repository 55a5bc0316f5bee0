/* dialogue.c: the questions of the console setup: defaults, checks, and re-asking with the reason. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "dialogue.h"
#include "iflist.h"
#include "tokenshape.h"

typedef const char *(*checker)(struct dialogue *, const char *);

static int
none(const char *s)
{
	return strcmp(s, "none") == 0 || strcmp(s, "-") == 0;
}

/* Asks until chk accepts; the accepted answer lands in out. */
static int
ask(struct dialogue *d, const char *q, const char *def, const char *shown,
    checker chk, char *out, size_t len)
{
	char ans[PROMPT_LINE];
	const char *err;

	for (;;) {
		if (prompt_ask(&d->con, q, def, shown, ans, sizeof(ans)) == -1)
			return -1;
		if (strlen(ans) >= len)
			err = "is too long";
		else if ((err = chk(d, ans)) == NULL) {
			memcpy(out, ans, strlen(ans) + 1);
			return 0;
		}
		if (*err == '\0')	/* asked to show something again */
			continue;
		fprintf(d->con.out, "  '%s' %s; please try again\n", ans, err);
	}
}

/* Defaults. */

static void
fmt_addr(char *buf, size_t len, const struct addr *a, int with_len)
{
	char s[ADDR_STRLEN];

	snprintf(buf, len, "%s", addr_fmt(a, s, with_len));
}

/* The first host of the subnet: the usual place of a gateway. */
static void
first_host(const struct addr *ifa, char *buf, size_t len)
{
	struct addr g = *ifa;
	int i, max = g.af == AF_INET ? 32 : 128;

	for (i = g.plen; i < max; i++)
		g.a[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
	g.a[max / 8 - 1] |= 1;
	if (memcmp(g.a, ifa->a, 16) == 0 || ifa->plen >= max - 1)
		buf[0] = '\0';
	else
		fmt_addr(buf, len, &g, 0);
}

static void
defaults_from_file(struct answers *a, const struct netconf *nc)
{
	size_t n = 0;
	int i;

	snprintf(a->uplink, sizeof(a->uplink), "%s", nc->uplink);
	if (nc->vlan != 0)
		snprintf(a->vlan, sizeof(a->vlan), "%u", nc->vlan);
	if (nc->has_v4) {
		fmt_addr(a->v4, sizeof(a->v4), &nc->v4, 1);
		fmt_addr(a->gw4, sizeof(a->gw4), &nc->gw4, 0);
	}
	if (nc->has_v6) {
		fmt_addr(a->v6, sizeof(a->v6), &nc->v6, 1);
		fmt_addr(a->gw6, sizeof(a->gw6), &nc->gw6, 0);
	}
	for (i = 0; i < nc->nresolvers; i++) {
		n += (size_t)snprintf(a->resolvers + n, sizeof(a->resolvers) - n,
		    "%s", i ? " " : "");
		fmt_addr(a->resolvers + n, sizeof(a->resolvers) - n,
		    &nc->resolvers[i], 0);
		n = strlen(a->resolvers);
	}
	if (nc->token != NULL)
		snprintf(a->token, sizeof(a->token), "%s", nc->token);
	snprintf(a->svcif, sizeof(a->svcif), "%s", nc->svcif);
	memcpy(a->svc, nc->svc, sizeof(a->svc));
	a->nsvc = nc->nsvc;
}

void
dialogue_defaults(struct dialogue *d, const struct netconf *nc)
{
	struct answers *a = &d->a;

	memset(a, 0, sizeof(*a));
	snprintf(a->svcif, sizeof(a->svcif), "%s", NETCONF_SVCIF);
	if (nc != NULL)
		defaults_from_file(a, nc);
	else
		snprintf(a->uplink, sizeof(a->uplink), "%s",
		    iflist_pick(d->live, a->svcif, d->uplink_rule,
		    iflist_driver));
	if (a->vlan[0] == '\0')
		snprintf(a->vlan, sizeof(a->vlan), "none");
	if (a->resolvers[0] == '\0')
		snprintf(a->resolvers, sizeof(a->resolvers), "none");
}

/* Checks of the answers. */

static const char *
chk_uplink(struct dialogue *d, const char *s)
{
	const char *err;

	if (strcmp(s, "r") == 0 || strcmp(s, "list") == 0) {
		iflist_print(d->con.out, d->live, d->a.svcif);
		return "";
	}
	if ((err = netconf_check_ifname(s)) != NULL)
		return err;
	if (ns_link_find(d->live, s) == NULL)
		return "is not an interface of this node (r lists them)";
	if (strcmp(s, d->a.svcif) == 0)
		return "is the service interface, not an uplink";
	return NULL;
}

static const char *
chk_vlan(struct dialogue *d, const char *s)
{
	unsigned v;

	if (none(s))
		return NULL;
	return netconf_check_vlan(s, d->a.uplink, &v);
}

static const char *
chk_v4(struct dialogue *d, const char *s)
{
	struct addr a;

	(void)d;
	return none(s) ? NULL : netconf_check_ifaddr(s, AF_INET, &a);
}

static const char *
chk_v6(struct dialogue *d, const char *s)
{
	struct addr a;

	if (none(s))
		return none(d->a.v4) ? "leaves the node without any address: "
		    "IPv4 or IPv6 is needed" : NULL;
	return netconf_check_ifaddr(s, AF_INET6, &a);
}

static const char *
chk_gw(const char *ifaddr, int af, const char *s)
{
	struct addr ifa, gw;

	if (netconf_check_ifaddr(ifaddr, af, &ifa) != NULL)
		return "cannot be checked";
	return netconf_check_gateway(s, &ifa, &gw);
}

static const char *
chk_gw4(struct dialogue *d, const char *s)
{
	return chk_gw(d->a.v4, AF_INET, s);
}

static const char *
chk_gw6(struct dialogue *d, const char *s)
{
	return chk_gw(d->a.v6, AF_INET6, s);
}

static const char *
chk_resolvers(struct dialogue *d, const char *s)
{
	char buf[PROMPT_LINE], *p, *tok;
	struct addr a, seen[NETCONF_MAX_RESOLVERS];
	const char *err;
	int n = 0, i;

	if (none(s))
		return NULL;
	snprintf(buf, sizeof(buf), "%s", s);
	for (p = buf; (tok = strsep(&p, " ,\t")) != NULL;) {
		if (*tok == '\0')
			continue;
		if ((err = netconf_check_resolver(tok, &a)) != NULL)
			return err;
		if ((a.af == AF_INET && none(d->a.v4)) ||
		    (a.af == AF_INET6 && none(d->a.v6)))
			return "names a resolver of a family the node does "
			    "not have";
		for (i = 0; i < n; i++)
			if (addr_eq(&seen[i], &a))
				return "names a resolver twice";
		if (n == NETCONF_MAX_RESOLVERS)
			return "names more than 3 resolvers";
		seen[n++] = a;
	}
	return NULL;
}

/* The token's shape, and a controller this node can reach by its families. */
static const char *
chk_token(struct dialogue *d, const char *s)
{
	struct tokenshape ts;
	const char *err;

	if ((err = netconf_check_token(s)) != NULL ||
	    (err = tokenshape_check(s, &ts)) != NULL)
		return err;
	if ((ts.af == AF_INET && none(d->a.v4)) ||
	    (ts.af == AF_INET6 && none(d->a.v6)))
		return ts.af == AF_INET ? "names a controller at an IPv4 address "
		    "but this node has no IPv4 address" : "names a controller "
		    "at an IPv6 address but this node has no IPv6 address";
	return NULL;
}

/* The questions. */

static int
ask_gateway(struct dialogue *d, const char *q, const char *ifaddr, int af,
    checker chk, char *gw, size_t len)
{
	char def[64] = "";
	struct addr ifa;

	if (gw[0] != '\0' && chk(d, gw) == NULL)
		snprintf(def, sizeof(def), "%s", gw);
	else if (netconf_check_ifaddr(ifaddr, af, &ifa) == NULL)
		first_host(&ifa, def, sizeof(def));
	return ask(d, q, def, NULL, chk, gw, len);
}

static int
ask_ipv4(struct dialogue *d)
{
	struct answers *a = &d->a;

	if (ask(d, "IPv4 address/prefix of this node, or none",
	    a->v4[0] ? a->v4 : "none", NULL, chk_v4, a->v4,
	    sizeof(a->v4)) == -1)
		return -1;
	if (none(a->v4))
		return 0;
	return ask_gateway(d, "IPv4 gateway", a->v4, AF_INET, chk_gw4,
	    a->gw4, sizeof(a->gw4));
}

static int
ask_ipv6(struct dialogue *d)
{
	struct answers *a = &d->a;

	if (ask(d, "IPv6 address/prefix of this node, or none",
	    a->v6[0] ? a->v6 : "none", NULL, chk_v6, a->v6,
	    sizeof(a->v6)) == -1)
		return -1;
	if (none(a->v6))
		return 0;
	return ask_gateway(d, "IPv6 gateway", a->v6, AF_INET6, chk_gw6,
	    a->gw6, sizeof(a->gw6));
}

static int
ask_link(struct dialogue *d)
{
	struct answers *a = &d->a;

	if (ask(d, "Uplink interface (r: list again)", a->uplink, NULL,
	    chk_uplink, a->uplink, sizeof(a->uplink)) == -1)
		return -1;
	return ask(d, "VLAN id on the uplink, or none", a->vlan, NULL,
	    chk_vlan, a->vlan, sizeof(a->vlan));
}

/* The resolvers given before that still fit the node's families. */
static void
fitting_resolvers(struct dialogue *d, char *out, size_t len)
{
	char buf[sizeof(d->a.resolvers)], *p, *tok;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", d->a.resolvers);
	out[0] = '\0';
	for (p = buf; (tok = strsep(&p, " ,\t")) != NULL;)
		if (*tok != '\0' && !none(tok) && chk_resolvers(d, tok) == NULL)
			n += (size_t)snprintf(out + n, len - n, "%s%s",
			    n ? " " : "", tok);
	if (out[0] == '\0')
		snprintf(out, len, "none");
}

static int
ask_resolvers(struct dialogue *d)
{
	struct answers *a = &d->a;
	char def[sizeof(a->resolvers)];

	fitting_resolvers(d, def, sizeof(def));
	return ask(d, "Resolver addresses (up to 3, separated by spaces), "
	    "or none", def, NULL, chk_resolvers, a->resolvers,
	    sizeof(a->resolvers));
}

/* The token as shown: its start and its last 4 characters, never whole. */
static void
token_hint(const char *tok, char *buf, size_t len)
{
	char tail[5];
	size_t n = strlen(tok), i = 4;

	tail[4] = '\0';
	while (i > 0 && n > 0) {
		n--;
		if (tok[n] != '-' && tok[n] != ' ')
			tail[--i] = tok[n];
	}
	snprintf(buf, len, "%.8s...%s", tok, tail + i);
}

/* The token names its controller by a host name: a resolver must find it. */
static int
controller_is_name(const char *token)
{
	struct tokenshape ts;

	return tokenshape_check(token, &ts) == NULL && ts.af == 0;
}

static int
ask_token(struct dialogue *d)
{
	struct answers *a = &d->a;
	char shown[60], hint[20];

	if (d->enrolled)
		return 0;
	if (a->token[0] != '\0' && chk_token(d, a->token) != NULL)
		a->token[0] = '\0';	/* not one to offer again */
	token_hint(a->token, hint, sizeof(hint));
	snprintf(shown, sizeof(shown), "keep the current one, %s", hint);
	if (ask(d, "Enrolment token (OP1-..., from the operator)", a->token,
	    a->token[0] ? shown : NULL, chk_token, a->token,
	    sizeof(a->token)) == -1)
		return -1;
	while (controller_is_name(a->token) && none(a->resolvers)) {
		fprintf(d->con.out, "  the token names the controller by a host "
		    "name: a resolver is needed to find it\n");
		if (ask_resolvers(d) == -1)
			return -1;
	}
	return 0;
}

int
dialogue_ask(struct dialogue *d)
{
	if (ask_link(d) == -1)
		return -1;
	for (;;) {
		if (ask_ipv4(d) == -1 || ask_ipv6(d) == -1)
			return -1;
		if (!none(d->a.v4) || !none(d->a.v6))
			break;
	}
	if (ask_resolvers(d) == -1)
		return -1;
	return ask_token(d);
}

/* From answers to the file. */

static void
print_list(FILE *f, const char *key, const char *list)
{
	char buf[PROMPT_LINE], *p, *tok;

	snprintf(buf, sizeof(buf), "%s", list);
	for (p = buf; (tok = strsep(&p, " ,\t")) != NULL;)
		if (*tok != '\0')
			cfg_print_kv(f, key, tok);
}

static void
print_family(FILE *f, const char *key, const char *ifa, const char *gw)
{
	char k[32];

	if (none(ifa) || ifa[0] == '\0')
		return;
	cfg_print_kv(f, key, ifa);
	snprintf(k, sizeof(k), "%s-gateway", key);
	cfg_print_kv(f, k, gw);
}

char *
dialogue_text(const struct answers *a, size_t *len)
{
	char *buf = NULL, s[ADDR_STRLEN];
	FILE *f;
	int i;

	if ((f = open_memstream(&buf, len)) == NULL)
		return NULL;
	fputs("network:\n", f);
	cfg_print_kv(f, "uplink", a->uplink);
	if (!none(a->vlan))
		cfg_print_kv(f, "vlan", a->vlan);
	print_family(f, "ipv4", a->v4, a->gw4);
	print_family(f, "ipv6", a->v6, a->gw6);
	if (!none(a->resolvers))
		print_list(f, "resolver", a->resolvers);
	if (a->token[0] != '\0')
		cfg_print_kv(f, "enrol-token", a->token);
	cfg_print_kv(f, "service-interface", a->svcif);
	for (i = 0; i < a->nsvc; i++)
		cfg_print_kv(f, "service-address", addr_fmt(&a->svc[i], s, 0));
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void
line(FILE *f, const char *what, const char *val)
{
	fprintf(f, "  %-18s %s\n", what, val);
}

static void
summary_family(FILE *f, const char *what, int has, const struct addr *ifa,
    const struct addr *gw)
{
	char a[ADDR_STRLEN], g[ADDR_STRLEN], buf[140];

	if (!has) {
		line(f, what, "none");
		return;
	}
	snprintf(buf, sizeof(buf), "%s, gateway %s", addr_fmt(ifa, a, 1),
	    addr_fmt(gw, g, 0));
	line(f, what, buf);
}

/* The controller the token names, and the token, never shown whole. */
static void
summary_token(FILE *f, const struct netconf *nc)
{
	struct tokenshape ts;
	char buf[140], hint[20];

	if (nc->token == NULL) {
		line(f, "enrolment token", "none (enrolled already)");
		return;
	}
	if (tokenshape_check(nc->token, &ts) == NULL) {
		snprintf(buf, sizeof(buf), "%s%s%s port %u (named by the token)",
		    ts.af == AF_INET6 ? "[" : "", ts.host,
		    ts.af == AF_INET6 ? "]" : "", ts.port);
		line(f, "controller", buf);
	}
	token_hint(nc->token, hint, sizeof(hint));
	snprintf(buf, sizeof(buf), "%s (%zu characters)", hint,
	    strlen(nc->token));
	line(f, "enrolment token", buf);
}

void
dialogue_summary(FILE *f, const struct netconf *nc)
{
	char buf[300], l3[NETCONF_IFNAMSIZ], s[ADDR_STRLEN];
	size_t n = 0;
	int i;

	netconf_l3if(nc, l3);
	fprintf(f, "\nSummary:\n");
	if (nc->vlan != 0)
		snprintf(buf, sizeof(buf), "%s, VLAN %u (interface %s)",
		    nc->uplink, nc->vlan, l3);
	else
		snprintf(buf, sizeof(buf), "%s, no VLAN", nc->uplink);
	line(f, "uplink", buf);
	summary_family(f, "IPv4", nc->has_v4, &nc->v4, &nc->gw4);
	summary_family(f, "IPv6", nc->has_v6, &nc->v6, &nc->gw6);
	buf[0] = '\0';
	for (i = 0; i < nc->nresolvers; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    i ? ", " : "", addr_fmt(&nc->resolvers[i], s, 0));
	line(f, "resolvers", nc->nresolvers ? buf : "none");
	summary_token(f, nc);
	fputc('\n', f);
}
