/* probe.h: the checks after applying: carrier, duplicate addresses, gateways (ARP/ND), resolvers, controller. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_PROBE_H
#define OUTPOST_PROBE_H

#include <stdio.h>

#include "addr.h"
#include "netconf.h"
#include "netlink.h"

struct check {
	int		 ok;
	char		 what[96];	/* "gateway 192.0.2.1" */
	char		 detail[200];	/* what was seen */
	char		 hint[240];	/* what to check, when it failed */
};

#define PROBE_CARRIER_WAIT	10	/* seconds */
#define PROBE_DAD_WAIT		5
#define PROBE_NEIGH_WAIT	5
#define PROBE_DNS_WAIT		3
#define PROBE_TCP_WAIT		5

void	check_print(FILE *, const struct check *);

int	probe_carrier(struct nl *, const char *ifname, struct check *);
int	probe_dad(struct nl *, const char *ifname, const struct addr *,
	    struct check *);
int	probe_gateway(struct nl *, const char *ifname, const struct addr *gw,
	    struct check *);
int	probe_resolver(const struct netconf *, const struct addr *resolver,
	    struct check *);
int	probe_controller(const struct netconf *, struct check *);

#endif
