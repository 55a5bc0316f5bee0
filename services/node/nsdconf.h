/* nsdconf.h: rendering one tenant's nsd.conf. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NSDCONF_H
#define OUTPOST_NSDCONF_H

#include <stdio.h>

#include "nodeconf.h"
#include "tenantcpus.h"

/* Paths as NSD sees them inside the tenant's container. */
#define NSD_CONF_DIR	"/etc/nsd"
#define NSD_CONF_PATH	"/etc/nsd/nsd.conf"
#define NSD_DATA_DIR	"/var/lib/nsd"
/* A catalog tenant's control socket in NSD_DATA_DIR, and the pattern of
 * the member zones the catalog worker adds. */
#define NSD_CONTROL_SOCK	"nsd.ctl"
#define NSD_MEMBER_PATTERN	"catalog-member"

/* Writes the nsd.conf of tenant tn, running on cpus, to f, for its
 * container slot (0: nsd-NAME, 1: nsd-NAME.1; handover.c). */
void	nsdconf_render(FILE *f, const struct nodeconf *nc,
	    const struct nc_tenant *tn, const struct tenant_cpus *cpus,
	    int slot);

#endif
