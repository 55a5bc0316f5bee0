/* show.c: `outpost-netcfg show`: the live state next to the file's, differences marked with '!'. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "files.h"
#include "log.h"
#include "netcfg.h"
#include "netlink.h"
#include "nodeconf.h"
#include "plan.h"

struct show {
	const struct netstate	*want;
	const struct netstate	*live;
	const struct scope	*sc;
	int			 ndiff;
};

static void
row(struct show *s, int differs, const char *what, const char *file,
    const char *live)
{
	printf("%c %-18s %-36s %s\n", differs ? '!' : ' ', what, file, live);
	s->ndiff += differs;
}

static void
link_desc(const struct ns_link *l, int live, char *buf, size_t len)
{
	char kind[48] = "";

	if (strcmp(l->kind, "vlan") == 0)
		snprintf(kind, sizeof(kind), "VLAN %u on %s", l->vlan,
		    l->parent);
	else if (l->kind[0] != '\0')
		snprintf(kind, sizeof(kind), "%s", l->kind);
	if (!live)
		snprintf(buf, len, "%s%s%s, up", l->name, kind[0] ? " " : "",
		    kind);
	else
		snprintf(buf, len, "%s%s%s, %s%s", l->name, kind[0] ? " " : "",
		    kind, l->up ? "up" : "down", l->carrier ? ", carrier" :
		    ", no carrier");
}

static void
show_links(struct show *s)
{
	const struct ns_link *w, *l;
	char fb[96], lb[96];
	int i;

	for (i = 0; i < s->want->nlinks; i++) {
		w = &s->want->links[i];
		link_desc(w, 0, fb, sizeof(fb));
		if ((l = ns_link_find(s->live, w->name)) != NULL)
			link_desc(l, 1, lb, sizeof(lb));
		row(s, l == NULL || !plan_link_fits(w, l) || !l->up,
		    "interface", fb, l != NULL ? lb : "-");
	}
	for (i = 0; i < s->live->nlinks; i++) {
		l = &s->live->links[i];
		if (!plan_in_scope(s->sc, l->name) || !plan_deletable(l) ||
		    ns_link_find(s->want, l->name) != NULL)
			continue;
		link_desc(l, 1, lb, sizeof(lb));
		row(s, 1, "interface", "-", lb);
	}
}

static void
show_addrs(struct show *s)
{
	const struct ns_addr *a;
	char buf[96];
	int i;

	for (i = 0; i < s->want->naddrs; i++) {
		a = &s->want->addrs[i];
		ns_addr_fmt(a, buf, sizeof(buf));
		row(s, !ns_addr_has(s->live, a), "address", buf,
		    ns_addr_has(s->live, a) ? buf : "-");
	}
	for (i = 0; i < s->live->naddrs; i++) {
		a = &s->live->addrs[i];
		if (!plan_in_scope(s->sc, a->ifname) || ns_addr_has(s->want, a))
			continue;
		row(s, 1, "address", "-", ns_addr_fmt(a, buf, sizeof(buf)));
	}
}

static void
route_desc(const struct ns_route *r, char *buf, size_t len)
{
	char g[ADDR_STRLEN];

	if (r->gw.af == 0)
		snprintf(buf, len, "dev %s", r->ifname);
	else
		snprintf(buf, len, "via %s dev %s", addr_fmt(&r->gw, g, 0),
		    r->ifname);
}

static void
show_routes(struct show *s)
{
	const struct ns_route *r;
	char buf[96];
	int i;

	for (i = 0; i < s->want->nroutes; i++) {
		r = &s->want->routes[i];
		route_desc(r, buf, sizeof(buf));
		row(s, !ns_route_has(s->live, r), r->af == AF_INET ?
		    "default route" : "default route v6", buf,
		    ns_route_has(s->live, r) ? buf : "-");
	}
	for (i = 0; i < s->live->nroutes; i++) {
		r = &s->live->routes[i];
		if (ns_route_has(s->want, r))
			continue;
		route_desc(r, buf, sizeof(buf));
		row(s, 1, r->af == AF_INET ? "default route" :
		    "default route v6", "-", buf);
	}
}

static int
show_state(const struct netcfg_opts *o, const struct netconf *nc,
    const struct netconf *prev, const struct nodeconf *node)
{
	static struct netstate want, live;
	struct scope sc = { 0 };
	struct show s = { &want, &live, &sc, 0 };
	struct nl nl;
	char err[128];

	if (plan_desired(nc, node, &want, err, sizeof(err)) == -1) {
		log_warnx("cannot plan the configuration: %s", err);
		return 2;
	}
	if (nl_open(&nl) == -1 || nl_read_state(&nl, &live) == -1) {
		log_warnx("cannot read the network state: %s",
		    nl_strerror(&nl, errno));
		return 2;
	}
	nl_close(&nl);
	plan_scope_add(&sc, nc);
	if (prev != NULL)
		plan_scope_add(&sc, prev);
	printf("  %-18s %-36s %s\n", "", o->file, "live");
	show_links(&s);
	show_addrs(&s);
	show_routes(&s);
	if (s.ndiff == 0)
		printf("live state matches %s\n", o->file);
	else
		printf("%d difference%s ('!'): outpost-netcfg apply %s "
		    "makes the live state match\n", s.ndiff,
		    s.ndiff == 1 ? "" : "s", o->file);
	return s.ndiff == 0 ? 0 : 1;
}

int
netcfg_show(const struct netcfg_opts *o)
{
	struct netconf *nc, *prev;
	struct nodeconf *node;
	int rc;

	if ((nc = netconf_load(o->file, stderr)) == NULL)
		return 2;
	if (files_nodeconf(o, &node) == -1) {
		netconf_free(nc);
		return 2;
	}
	prev = files_last_good(o->file);
	rc = show_state(o, nc, prev, node);
	netconf_free(prev);
	nodeconf_free(node);
	netconf_free(nc);
	return rc;
}
