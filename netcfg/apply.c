/* apply.c: `outpost-netcfg apply`: converge the kernel on network.conf, check, roll back on failure. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <net/if.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apply.h"
#include "files.h"
#include "log.h"
#include "netlink.h"
#include "nodeconf.h"
#include "plan.h"
#include "probe.h"
#include "sysctl.h"

#define CONVERGE_ROUNDS	4

static int
gone(int err)
{
	return err == ENODEV || err == ESRCH || err == EADDRNOTAVAIL ||
	    err == ENOENT;
}

static int
link_add(struct nl *nl, const struct ns_link *l)
{
	int parent = 0;

	if (l->parent[0] != '\0' &&
	    (parent = (int)if_nametoindex(l->parent)) == 0)
		return -1;
	if (nl_link_add(nl, l->name, l->kind, parent, l->vlan) == 0)
		return 0;
	if (errno != EOPNOTSUPP || strcmp(l->kind, "dummy") != 0)
		return -1;
	log_warnx("cannot create dummy interface %s: the kernel has no dummy "
	    "driver; using a bridge without ports instead", l->name);
	return nl_link_add(nl, l->name, "bridge", 0, 0);
}

static int
exec_act(struct nl *nl, const struct action *a)
{
	const char *ifname = a->type == ACT_ADDR_ADD || a->type == ACT_ADDR_DEL ?
	    a->addr.ifname : a->type == ACT_ROUTE_ADD ||
	    a->type == ACT_ROUTE_DEL ? a->route.ifname : a->link.name;
	int index = (int)if_nametoindex(ifname);

	if (a->type == ACT_LINK_ADD)
		return link_add(nl, &a->link);
	if (index == 0)
		return -1;
	switch (a->type) {
	case ACT_LINK_UP:
		return nl_link_up(nl, index);
	case ACT_LINK_DEL:
		return nl_link_del(nl, index);
	case ACT_ADDR_ADD:
	case ACT_ADDR_DEL:
		return nl_addr_change(nl, a->type == ACT_ADDR_ADD, index,
		    &a->addr.a, a->addr.flags & NS_ADDR_NODAD);
	case ACT_ROUTE_ADD:
	case ACT_ROUTE_DEL:
		return nl_route_change(nl, a->type == ACT_ROUTE_ADD, index,
		    a->route.af, &a->route.gw);
	default:
		return 0;
	}
}

static int
run_act(struct nl *nl, const struct action *a, FILE *out)
{
	char what[256];
	int del;

	plan_act_fmt(a, what, sizeof(what));
	fprintf(out, "  %s\n", what);
	fflush(out);
	if (exec_act(nl, a) == 0)
		return 0;
	del = a->type == ACT_ROUTE_DEL || a->type == ACT_ADDR_DEL ||
	    a->type == ACT_LINK_DEL;
	if (del && gone(errno))
		return 0;
	log_warnx("cannot %s: %s", what, nl_strerror(nl, errno));
	return -1;
}

/* Changes the kernel until it matches want; the number of changes, or -1. */
static int
converge(struct nl *nl, const struct netstate *want, const struct scope *sc,
    FILE *out)
{
	static struct netstate live;
	static struct plan plan;
	int round, i, changes = 0;

	for (round = 0; round < CONVERGE_ROUNDS; round++) {
		if (nl_read_state(nl, &live) == -1) {
			log_warnx("cannot read the network state: %s",
			    nl_strerror(nl, errno));
			return -1;
		}
		plan_make(want, &live, sc, &plan);
		if (plan.n == 0)
			return changes;
		for (i = 0; i < plan.n; i++, changes++)
			if (run_act(nl, &plan.acts[i], out) == -1)
				return -1;
	}
	log_warnx("cannot settle the network configuration: it still differs "
	    "after %d rounds of changes", CONVERGE_ROUNDS);
	return -1;
}

static int
precheck(const struct netconf *nc, const struct netstate *live)
{
	const struct ns_link *l;

	if (ns_link_find(live, nc->uplink) == NULL) {
		log_warnx("cannot use uplink %s: no such interface",
		    nc->uplink);
		return -1;
	}
	l = ns_link_find(live, nc->svcif);
	if (l != NULL && strcmp(l->kind, "dummy") != 0 &&
	    strcmp(l->kind, "bridge") != 0) {
		log_warnx("cannot use service interface %s: it exists and is "
		    "not a dummy interface", nc->svcif);
		return -1;
	}
	return 0;
}

/* Carrier, duplicate address detection and gateways; -1 when one failed. */
static int
checks(struct nl *nl, const struct netconf *nc, FILE *out)
{
	struct check c;
	char l3[NETCONF_IFNAMSIZ];
	int rc = 0;

	netconf_l3if(nc, l3);
	fprintf(out, "checking:\n");
	probe_carrier(nl, l3, &c);
	check_print(out, &c);
	if (!c.ok)
		return -1;
	if (nc->has_v6) {
		rc |= probe_dad(nl, l3, &nc->v6, &c);
		check_print(out, &c);
	}
	if (nc->has_v4) {
		rc |= probe_gateway(nl, l3, &nc->gw4, &c);
		check_print(out, &c);
	}
	if (nc->has_v6) {
		rc |= probe_gateway(nl, l3, &nc->gw6, &c);
		check_print(out, &c);
	}
	return rc;
}

static void
rollback(struct nl *nl, const struct netconf *prev, const struct nodeconf *node,
    const struct netstate *snap, const struct scope *sc, FILE *out)
{
	static struct netstate want;
	char err[128];
	const struct netstate *to = snap;

	if (prev != NULL && plan_desired(prev, node, &want, err,
	    sizeof(err)) == 0)
		to = &want;
	fprintf(out, "restoring the %s:\n", to == snap ?
	    "network state found before" : "last configuration that worked");
	switch (converge(nl, to, sc, out)) {
	case -1:
		log_warnx("cannot restore the previous network configuration");
		break;
	case 0:
		fprintf(out, "  nothing to undo\n");
		break;
	}
}

/*
 * The uplink is configured statically: router advertisements would add
 * addresses and routes behind the file's back.  Anything they added while
 * the link came up is removed by a second pass.  The number of changes
 * of that pass, or -1.
 */
static int
no_ra(struct nl *nl, const struct netconf *nc, const struct netstate *want,
    const struct scope *sc, FILE *out)
{
	char l3[NETCONF_IFNAMSIZ];

	netconf_l3if(nc, l3);
	if (sysctl_no_ra(l3) == -1)
		return -1;
	return converge(nl, want, sc, out);
}

/*
 * -N FD: the addresses and routes are in place; the checks follow (the
 * duplicate address detection alone takes a second or two).  A supervisor
 * may start its services now.
 */
static void
notify_applied(int fd)
{
	static const char msg[] = "applied\n";

	if (fd < 0)
		return;
	if (write(fd, msg, sizeof(msg) - 1) < 0)
		log_warn("cannot notify descriptor %d", fd);
	close(fd);
}

static int
apply_nl(struct nl *nl, const struct netconf *nc, const struct nodeconf *node,
    const struct netconf *prev, const struct netstate *want, int notify_fd,
    FILE *out)
{
	static struct netstate live, snap;
	struct scope sc = { 0 };
	int changes, more;

	if (nl_read_state(nl, &live) == -1) {
		log_warnx("cannot read the network state: %s",
		    nl_strerror(nl, errno));
		return -1;
	}
	if (precheck(nc, &live) == -1)
		return -1;
	plan_scope_add(&sc, nc);
	if (prev != NULL)
		plan_scope_add(&sc, prev);
	plan_snapshot(&live, &sc, &snap);
	fprintf(out, "applying:\n");
	changes = converge(nl, want, &sc, out);
	if (changes >= 0)
		changes = (more = no_ra(nl, nc, want, &sc, out)) == -1 ? -1 :
		    changes + more;
	if (changes == 0)
		fprintf(out, "  no changes\n");
	if (changes >= 0)
		notify_applied(notify_fd);
	if (changes >= 0 && checks(nl, nc, out) == 0)
		return 0;
	if (prev != NULL && files_same(prev, nc)) {
		fprintf(out, "this is the last configuration that worked: "
		    "keeping it\n");
		return -1;
	}
	rollback(nl, prev, node, &snap, &sc, out);
	return -1;
}

int
apply_config(const struct netconf *nc, const struct nodeconf *node,
    const struct netconf *prev, int notify_fd, FILE *out)
{
	static struct netstate want;
	struct nl nl;
	char err[128];
	int rc;

	if (plan_desired(nc, node, &want, err, sizeof(err)) == -1) {
		log_warnx("cannot plan the configuration: %s", err);
		return -1;
	}
	if (nl_open(&nl) == -1) {
		log_warn("cannot open a netlink socket");
		return -1;
	}
	rc = apply_nl(&nl, nc, node, prev, &want, notify_fd, out);
	nl_close(&nl);
	return rc;
}

int
netcfg_apply_file(const struct netcfg_opts *o)
{
	struct netconf *nc, *prev;
	struct nodeconf *node;
	int rc;

	if ((nc = netconf_load(o->file, stderr)) == NULL)
		return 1;
	if (files_nodeconf(o, &node) == -1) {
		netconf_free(nc);
		return 1;
	}
	prev = files_last_good(o->file);
	rc = apply_config(nc, node, prev, o->notify_fd, stdout);
	if (rc == 0) {
		files_save_last_good(o->file, nc);
		if (o->resolvconf != NULL)
			files_write_resolvconf(o->resolvconf, nc);
		printf("%s applied\n", o->file);
	} else
		log_warnx("cannot apply %s: see above", o->file);
	netconf_free(prev);
	nodeconf_free(node);
	netconf_free(nc);
	return rc == 0 ? 0 : 1;
}
