/* netstate.h: the part of the kernel's network state outpost-netcfg manages, live or wanted. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NETSTATE_H
#define OUTPOST_NETSTATE_H

#include <stdint.h>

#include "addr.h"

#define NS_IFNAMSIZ	16
#define NS_MAX_LINKS	128
#define NS_MAX_ADDRS	512
#define NS_MAX_ROUTES	64

/* Address flags kept from the kernel (IFA_F_*). */
#define NS_ADDR_NODAD		0x02
#define NS_ADDR_DADFAILED	0x08
#define NS_ADDR_TENTATIVE	0x40

struct ns_link {
	char		 name[NS_IFNAMSIZ];
	int		 index;
	char		 kind[16];	/* "" physical or unknown, "vlan", ... */
	char		 parent[NS_IFNAMSIZ];	/* the lower link of a VLAN */
	int		 parent_index;	/* IFLA_LINK, 0 for none */
	unsigned	 vlan;
	int		 up;		/* IFF_UP */
	int		 carrier;	/* IFF_LOWER_UP */
	uint8_t		 mac[6];
	int		 maclen;
	unsigned	 mtu;
};

struct ns_addr {
	char		 ifname[NS_IFNAMSIZ];
	struct addr	 a;		/* address and prefix length */
	unsigned	 flags;
};

/* A default route of the main table. */
struct ns_route {
	int		 af;
	char		 ifname[NS_IFNAMSIZ];
	struct addr	 gw;		/* af 0: no gateway */
	unsigned	 metric;
	int		 proto;
};

struct netstate {
	struct ns_link	 links[NS_MAX_LINKS];
	int		 nlinks;
	struct ns_addr	 addrs[NS_MAX_ADDRS];
	int		 naddrs;
	struct ns_route	 routes[NS_MAX_ROUTES];
	int		 nroutes;
};

const struct ns_link *ns_link_find(const struct netstate *, const char *name);
const struct ns_link *ns_link_byindex(const struct netstate *, int index);
int	ns_addr_has(const struct netstate *, const struct ns_addr *);
int	ns_route_has(const struct netstate *, const struct ns_route *);
int	ns_addr_eq(const struct ns_addr *, const struct ns_addr *);
int	ns_route_eq(const struct ns_route *, const struct ns_route *);
int	ns_add_link(struct netstate *, const struct ns_link *);
int	ns_add_addr(struct netstate *, const struct ns_addr *);
int	ns_add_route(struct netstate *, const struct ns_route *);
/* "192.0.2.10/24 on eth0", "default via 192.0.2.1 dev eth0" */
const char *ns_addr_fmt(const struct ns_addr *, char *buf, size_t len);
const char *ns_route_fmt(const struct ns_route *, char *buf, size_t len);

#endif
