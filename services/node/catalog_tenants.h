/* catalog_tenants.h: outpost-node's side of catalog tenants: one outpost-catalog worker per tenant with a catalog:. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CATALOG_NODE_H
#define OUTPOST_CATALOG_NODE_H

#include <stdio.h>

#include "node.h"

/* Starts, restarts or stops the workers to match sv->nc (after the
 * tenants are configured: each takes its tenant's uid). */
void	 catalog_apply(struct supervisor *);
/* Workers no longer wanted, once stopped, are forgotten. */
void	 catalog_forget(struct supervisor *);
/* The workers, appended to all (room for NODE_MAX_TENANTS); how many. */
int	 catalog_children(struct child **all);
/* For `outpost status`: each catalog's serial and member count. */
void	 catalog_status(FILE *);

#endif
