/* fleet_plan.h: what publishing the fleet file would change on which node. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_FLEET_PLAN_H
#define OUTPOST_FLEET_PLAN_H

#include <stdio.h>

#include "fleet.h"

/*
 * Writes the plan to out: for every node of the fleet, what changes
 * against its last published node.conf, dir/NAME.conf (dir NULL: nothing
 * published yet): tenants added, removed or changed, BGP and node
 * changes; new nodes; published nodes no longer in the fleet; and every
 * tenant not placed on a node, with why.  Secret values are never shown.
 * Returns 0, or -1 when a node's node.conf cannot be rendered (said in
 * the plan).
 */
int	fleet_plan(FILE *out, const struct fleet *, const char *dir);

#endif
