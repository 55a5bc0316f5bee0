/* apply.h: making the kernel match network.conf, checking the result, and rolling back. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_APPLY_H
#define OUTPOST_APPLY_H

#include <stdio.h>

#include "netconf.h"

struct nodeconf;

/*
 * Applies nc (and node's service addresses), then checks carrier, DAD and
 * gateways.  When a check fails, returns to prev (the last configuration
 * that worked), or to the state found before when there is none.  Changes
 * and checks are reported on out.  0 when nc is in place and works.
 * notify_fd >= 0 gets "applied\n" (and is closed) once the changes are
 * in place, before the checks.
 */
int	apply_config(const struct netconf *nc, const struct nodeconf *node,
	    const struct netconf *prev, int notify_fd, FILE *out);

#endif
