/* plan.h: what the kernel should look like (from the files) and the changes that get it there. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_PLAN_H
#define OUTPOST_PLAN_H

#include <stdio.h>

#include "netconf.h"
#include "netstate.h"

struct nodeconf;

#define PLAN_MAX_SCOPE	8
#define PLAN_MAX_ACTS	(NS_MAX_ADDRS + NS_MAX_ROUTES + 16)

/* Interfaces whose global addresses (and, if virtual, whose existence) are ours. */
struct scope {
	char		 ifs[PLAN_MAX_SCOPE][NS_IFNAMSIZ];
	int		 n;
};

enum act_type {
	ACT_ROUTE_DEL,
	ACT_ADDR_DEL,
	ACT_LINK_DEL,
	ACT_LINK_ADD,
	ACT_LINK_UP,
	ACT_ADDR_ADD,
	ACT_ROUTE_ADD,
};

struct action {
	enum act_type	 type;
	struct ns_link	 link;
	struct ns_addr	 addr;
	struct ns_route	 route;
};

struct plan {
	struct action	 acts[PLAN_MAX_ACTS];
	int		 n;
};

/* The state network.conf (and node.conf's tenants, if given) ask for. */
int	plan_desired(const struct netconf *, const struct nodeconf *,
	    struct netstate *, char *err, size_t errlen);
void	plan_scope_add(struct scope *, const struct netconf *);
/* The part of live state inside scope: what a rollback returns to. */
void	plan_snapshot(const struct netstate *live, const struct scope *,
	    struct netstate *out);
/* The changes from live to want, in an order the kernel accepts. */
void	plan_make(const struct netstate *want, const struct netstate *live,
	    const struct scope *, struct plan *);
int	plan_in_scope(const struct scope *, const char *ifname);
/* Is the link one outpost-netcfg may delete (vlan, dummy, bridge)? */
int	plan_deletable(const struct ns_link *);
/* Does the live link do what the wanted one asks for? */
int	plan_link_fits(const struct ns_link *want, const struct ns_link *live);
/* "add address 192.0.2.10/24 on eth0" */
const char *plan_act_fmt(const struct action *, char *buf, size_t len);

#endif
