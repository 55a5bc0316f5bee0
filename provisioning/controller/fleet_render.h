/* fleet_render.h: which tenants go onto a node, and that node's complete node.conf. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_FLEET_RENDER_H
#define OUTPOST_FLEET_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "fleet.h"

/* Whether a tenant goes onto a node, and if not, why. */
enum fleet_fit {
	FLEET_PLACED,
	FLEET_LABELS,		/* a place: line does not match the labels */
	FLEET_REFUSED,		/* the node refuses the tenant */
};

/*
 * Places the tenant on the node when the node's labels match every one of
 * its place: lines and the node does not refuse it.  Otherwise why says
 * so: "labels do not match: place: site=ams* (the node has site=fra1)",
 * "refused by the host: REASON".
 */
enum fleet_fit fleet_place(const struct fleet_node *,
	    const struct fleet_tenant *, char *why, size_t len);
/*
 * The node's complete node.conf (malloc'd, NUL-terminated), which
 * nodeconf_load_buf accepts; or NULL with what is wrong in err.
 */
char	*fleet_render(const struct fleet *, const struct fleet_node *,
	    char *err, size_t errlen);
/* Renders every node; each failure to errf as PATH:LINE:COL (the node's
 * block).  Returns how many failed. */
int	fleet_render_all(const struct fleet *, const char *path, FILE *errf);

#endif
