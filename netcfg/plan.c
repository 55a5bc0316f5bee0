/* plan.c: the wanted state from network.conf and node.conf, and the list of changes to reach it. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <stdio.h>
#include <string.h>

#include "nodeconf.h"
#include "plan.h"

static void
want_link(struct netstate *ns, const char *name, const char *kind,
    const char *parent, unsigned vlan)
{
	struct ns_link l = { 0 };

	snprintf(l.name, sizeof(l.name), "%s", name);
	snprintf(l.kind, sizeof(l.kind), "%s", kind);
	snprintf(l.parent, sizeof(l.parent), "%s", parent);
	l.vlan = vlan;
	l.up = 1;
	(void)ns_add_link(ns, &l);
}

static int
want_addr(struct netstate *ns, const char *ifname, const struct addr *a,
    unsigned flags)
{
	struct ns_addr na = { 0 };

	snprintf(na.ifname, sizeof(na.ifname), "%s", ifname);
	na.a = *a;
	na.flags = flags;
	if (ns_addr_has(ns, &na))
		return 0;
	return ns_add_addr(ns, &na);
}

static void
want_route(struct netstate *ns, const char *ifname, const struct addr *gw)
{
	struct ns_route r = { 0 };

	r.af = gw->af;
	snprintf(r.ifname, sizeof(r.ifname), "%s", ifname);
	r.gw = *gw;
	(void)ns_add_route(ns, &r);
}

/* Service addresses are host addresses without duplicate detection. */
static int
want_svc(struct netstate *ns, const char *svcif, const struct addr *a)
{
	struct addr h = *a;

	h.plen = h.af == AF_INET ? 32 : 128;
	return want_addr(ns, svcif, &h, h.af == AF_INET6 ? NS_ADDR_NODAD : 0);
}

int
plan_desired(const struct netconf *nc, const struct nodeconf *node,
    struct netstate *ns, char *err, size_t errlen)
{
	char l3[NETCONF_IFNAMSIZ];
	int i, j;

	memset(ns, 0, sizeof(*ns));
	netconf_l3if(nc, l3);
	want_link(ns, nc->uplink, "", "", 0);
	if (nc->vlan != 0)
		want_link(ns, l3, "vlan", nc->uplink, nc->vlan);
	want_link(ns, nc->svcif, "dummy", "", 0);
	if (nc->has_v4) {
		want_addr(ns, l3, &nc->v4, 0);
		want_route(ns, l3, &nc->gw4);
	}
	if (nc->has_v6) {
		want_addr(ns, l3, &nc->v6, 0);
		want_route(ns, l3, &nc->gw6);
	}
	for (i = 0; i < nc->nsvc; i++)
		if (want_svc(ns, nc->svcif, &nc->svc[i]) == -1)
			goto full;
	for (i = 0; node != NULL && i < node->ntenants; i++)
		for (j = 0; j < node->tenants[i].naddrs; j++)
			if (want_svc(ns, nc->svcif,
			    &node->tenants[i].addrs[j]) == -1)
				goto full;
	return 0;
 full:
	snprintf(err, errlen, "more than %d addresses", NS_MAX_ADDRS);
	return -1;
}

static void
scope_add_if(struct scope *sc, const char *name)
{
	int i;

	for (i = 0; i < sc->n; i++)
		if (strcmp(sc->ifs[i], name) == 0)
			return;
	if (sc->n < PLAN_MAX_SCOPE)
		snprintf(sc->ifs[sc->n++], NS_IFNAMSIZ, "%s", name);
}

void
plan_scope_add(struct scope *sc, const struct netconf *nc)
{
	char l3[NETCONF_IFNAMSIZ];

	netconf_l3if(nc, l3);
	scope_add_if(sc, nc->uplink);
	scope_add_if(sc, l3);
	scope_add_if(sc, nc->svcif);
}

int
plan_in_scope(const struct scope *sc, const char *name)
{
	int i;

	for (i = 0; i < sc->n; i++)
		if (strcmp(sc->ifs[i], name) == 0)
			return 1;
	return 0;
}

void
plan_snapshot(const struct netstate *live, const struct scope *sc,
    struct netstate *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < live->nlinks; i++)
		if (plan_in_scope(sc, live->links[i].name))
			(void)ns_add_link(out, &live->links[i]);
	for (i = 0; i < live->naddrs; i++)
		if (plan_in_scope(sc, live->addrs[i].ifname))
			(void)ns_add_addr(out, &live->addrs[i]);
	for (i = 0; i < live->nroutes; i++)
		(void)ns_add_route(out, &live->routes[i]);
}

/* Links outside these kinds are hardware (or someone else's): never deleted. */
int
plan_deletable(const struct ns_link *l)
{
	return strcmp(l->kind, "vlan") == 0 || strcmp(l->kind, "dummy") == 0 ||
	    strcmp(l->kind, "bridge") == 0;
}

/* Does the live link do what the wanted one asks for? */
int
plan_link_fits(const struct ns_link *want, const struct ns_link *live)
{
	if (want->kind[0] == '\0')
		return 1;
	if (strcmp(want->kind, "dummy") == 0)
		return strcmp(live->kind, "dummy") == 0 ||
		    strcmp(live->kind, "bridge") == 0;
	if (strcmp(want->kind, live->kind) != 0)
		return 0;
	if (strcmp(want->kind, "vlan") == 0)
		return want->vlan == live->vlan &&
		    strcmp(want->parent, live->parent) == 0;
	return 1;
}

static void
push(struct plan *p, enum act_type type, const struct ns_link *l,
    const struct ns_addr *a, const struct ns_route *r)
{
	struct action *act;

	if (p->n == PLAN_MAX_ACTS)
		return;
	act = &p->acts[p->n++];
	memset(act, 0, sizeof(*act));
	act->type = type;
	if (l != NULL)
		act->link = *l;
	if (a != NULL)
		act->addr = *a;
	if (r != NULL)
		act->route = *r;
}

static void
plan_removals(const struct netstate *want, const struct netstate *live,
    const struct scope *sc, struct plan *p)
{
	const struct ns_link *w;
	int i;

	for (i = 0; i < live->nroutes; i++)
		if (!ns_route_has(want, &live->routes[i]))
			push(p, ACT_ROUTE_DEL, NULL, NULL, &live->routes[i]);
	for (i = 0; i < live->naddrs; i++)
		if (plan_in_scope(sc, live->addrs[i].ifname) &&
		    !ns_addr_has(want, &live->addrs[i]))
			push(p, ACT_ADDR_DEL, NULL, &live->addrs[i], NULL);
	for (i = 0; i < live->nlinks; i++) {
		const struct ns_link *l = &live->links[i];

		if (!plan_in_scope(sc, l->name) || !plan_deletable(l))
			continue;
		w = ns_link_find(want, l->name);
		if (w == NULL || !plan_link_fits(w, l))
			push(p, ACT_LINK_DEL, l, NULL, NULL);
	}
}

static void
plan_additions(const struct netstate *want, const struct netstate *live,
    struct plan *p)
{
	const struct ns_link *l;
	int i;

	for (i = 0; i < want->nlinks; i++) {
		const struct ns_link *w = &want->links[i];

		l = ns_link_find(live, w->name);
		if (l == NULL || !plan_link_fits(w, l)) {
			if (w->kind[0] != '\0')
				push(p, ACT_LINK_ADD, w, NULL, NULL);
			push(p, ACT_LINK_UP, w, NULL, NULL);
		} else if (!l->up && w->up)
			push(p, ACT_LINK_UP, w, NULL, NULL);
	}
	for (i = 0; i < want->naddrs; i++)
		if (!ns_addr_has(live, &want->addrs[i]))
			push(p, ACT_ADDR_ADD, NULL, &want->addrs[i], NULL);
	for (i = 0; i < want->nroutes; i++)
		if (!ns_route_has(live, &want->routes[i]))
			push(p, ACT_ROUTE_ADD, NULL, NULL, &want->routes[i]);
}

void
plan_make(const struct netstate *want, const struct netstate *live,
    const struct scope *sc, struct plan *p)
{
	p->n = 0;
	plan_removals(want, live, sc, p);
	plan_additions(want, live, p);
}

const char *
plan_act_fmt(const struct action *a, char *buf, size_t len)
{
	char s[128];

	switch (a->type) {
	case ACT_ROUTE_DEL:
	case ACT_ROUTE_ADD:
		snprintf(buf, len, "%s %s", a->type == ACT_ROUTE_ADD ?
		    "add" : "remove", ns_route_fmt(&a->route, s, sizeof(s)));
		break;
	case ACT_ADDR_DEL:
	case ACT_ADDR_ADD:
		snprintf(buf, len, "%s address %s", a->type == ACT_ADDR_ADD ?
		    "add" : "remove", ns_addr_fmt(&a->addr, s, sizeof(s)));
		break;
	case ACT_LINK_DEL:
		snprintf(buf, len, "remove %s interface %s", a->link.kind,
		    a->link.name);
		break;
	case ACT_LINK_ADD:
		if (strcmp(a->link.kind, "vlan") == 0)
			snprintf(buf, len, "create VLAN interface %s "
			    "(id %u on %s)", a->link.name, a->link.vlan,
			    a->link.parent);
		else
			snprintf(buf, len, "create %s interface %s",
			    a->link.kind, a->link.name);
		break;
	case ACT_LINK_UP:
		snprintf(buf, len, "set link %s up", a->link.name);
		break;
	}
	return buf;
}
