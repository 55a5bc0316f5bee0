/* netstate.c: looking up, comparing and printing links, addresses and default routes. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <stdio.h>
#include <string.h>

#include "netstate.h"

const struct ns_link *
ns_link_find(const struct netstate *ns, const char *name)
{
	int i;

	for (i = 0; i < ns->nlinks; i++)
		if (strcmp(ns->links[i].name, name) == 0)
			return &ns->links[i];
	return NULL;
}

const struct ns_link *
ns_link_byindex(const struct netstate *ns, int index)
{
	int i;

	for (i = 0; i < ns->nlinks; i++)
		if (ns->links[i].index == index)
			return &ns->links[i];
	return NULL;
}

int
ns_addr_eq(const struct ns_addr *x, const struct ns_addr *y)
{
	return strcmp(x->ifname, y->ifname) == 0 && addr_eq(&x->a, &y->a);
}

int
ns_route_eq(const struct ns_route *x, const struct ns_route *y)
{
	if (x->af != y->af || strcmp(x->ifname, y->ifname) != 0 ||
	    x->gw.af != y->gw.af)
		return 0;
	return x->gw.af == 0 || memcmp(x->gw.a, y->gw.a, 16) == 0;
}

int
ns_addr_has(const struct netstate *ns, const struct ns_addr *a)
{
	int i;

	for (i = 0; i < ns->naddrs; i++)
		if (ns_addr_eq(&ns->addrs[i], a))
			return 1;
	return 0;
}

int
ns_route_has(const struct netstate *ns, const struct ns_route *r)
{
	int i;

	for (i = 0; i < ns->nroutes; i++)
		if (ns_route_eq(&ns->routes[i], r))
			return 1;
	return 0;
}

int
ns_add_link(struct netstate *ns, const struct ns_link *l)
{
	if (ns->nlinks == NS_MAX_LINKS)
		return -1;
	ns->links[ns->nlinks++] = *l;
	return 0;
}

int
ns_add_addr(struct netstate *ns, const struct ns_addr *a)
{
	if (ns->naddrs == NS_MAX_ADDRS)
		return -1;
	ns->addrs[ns->naddrs++] = *a;
	return 0;
}

int
ns_add_route(struct netstate *ns, const struct ns_route *r)
{
	if (ns->nroutes == NS_MAX_ROUTES)
		return -1;
	ns->routes[ns->nroutes++] = *r;
	return 0;
}

const char *
ns_addr_fmt(const struct ns_addr *a, char *buf, size_t len)
{
	char s[ADDR_STRLEN];

	snprintf(buf, len, "%s on %s", addr_fmt(&a->a, s, 1), a->ifname);
	return buf;
}

const char *
ns_route_fmt(const struct ns_route *r, char *buf, size_t len)
{
	char s[ADDR_STRLEN];
	const char *fam = r->af == AF_INET ? "IPv4" : "IPv6";

	if (r->gw.af == 0)
		snprintf(buf, len, "%s default route dev %s", fam, r->ifname);
	else
		snprintf(buf, len, "%s default route via %s dev %s", fam,
		    addr_fmt(&r->gw, s, 0), r->ifname);
	return buf;
}
