/* catalog_worker.h: outpost-catalog, one catalog tenant's worker: polls its catalog zone, reads it by AXFR, adds and removes the member zones in its NSD. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CATALOG_WORKER_H
#define OUTPOST_CATALOG_WORKER_H

#include <stdint.h>

#include "addr.h"
#include "catalog.h"

#define CATW_TIMEOUT_MS		2000	/* a SOA query */
#define CATW_AXFR_TIMEOUT_MS	10000	/* a whole transfer */
#define CATW_MAX_EXCLUDED	(32 * 64)

struct catw {
	const char	*zone;		/* the catalog zone */
	struct addr	 addr;		/* the tenant's NSD (a service address) */
	unsigned	 interval_ms;	/* between SOA polls */
	char		**excluded;	/* zones the tenant must not serve */
	int		 nexcluded;
	int		 have_serial;	/* serial: the last one acted upon */
	uint32_t	 serial;
	int		 nmembers;	/* in force */
};

/* catalog_fetch.c: from the tenant's NSD, on loopback. */
/* The catalog's SOA serial: 0, or -1 with why. */
int	 catw_soa(const struct catw *, uint32_t *serial, char *why,
	    size_t len);
/* The catalog by AXFR, parsed: 1 valid, 0 unreachable (try again), -1
 * invalid (c->err says why). */
int	 catw_axfr(const struct catw *, struct catalog *c, char *why,
	    size_t len);

/* catalog_sync.c: the member zones of NSD (its zone.list and its control
 * socket, in the current directory: the tenant's data directory). */
/* Brings NSD's members in line with c; -1 when some change failed. */
int	 catw_sync(struct catw *, const struct catalog *c);

#endif
