/* fleet_primary.h: the distribution primary's NSD keys and per-tenant NOTIFY and transfer lists, rendered from the fleet file. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_FLEET_PRIMARY_H
#define OUTPOST_FLEET_PRIMARY_H

#include <stddef.h>
#include <stdio.h>

#include "fleet.h"

/* The pattern of tenant NAME is named FLEET_PRIMARY_PATTERN "NAME". */
#define FLEET_PRIMARY_PATTERN	"tenant-"

/*
 * Writes to out the primary's nsd.conf lines for tenant (NULL: every
 * tenant): the tenants' TSIG keys, and per tenant a pattern that sends
 * NOTIFY to each node it is placed on (each uplink address of the
 * primary's family, at the tenant's notify-port) and lets exactly those
 * addresses transfer.  A node with no such address is noted in a
 * comment and on warnf (may be NULL).  0, or -1 with what is wrong in
 * err (an unknown tenant; one key name with two secrets).
 */
int	fleet_primary(FILE *out, const struct fleet *, const char *tenant,
	    FILE *warnf, char *err, size_t errlen);

#endif
