/* catalog_worker.h: outpost-catalog, one catalog tenant's worker: polls its catalog zone, reads it by AXFR, adds and removes the member zones in its NSD. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CATALOG_WORKER_H
#define OUTPOST_CATALOG_WORKER_H

#include <stdint.h>

#include "addr.h"
#include "dnsmsg.h"
#include "catalog.h"

#define CATW_TIMEOUT_MS		2000	/* a SOA query */
#define CATW_AXFR_TIMEOUT_MS	10000	/* a whole transfer */
#define CATW_MAX_EXCLUDED	(32 * 64)
#define CATW_RETRY_MS		10000	/* after an addzone or delzone failed */

#define CATW_QUERY_MAX		512	/* a query with its TSIG */

/* The tenant's TSIG key: names in canonical wire form. */
struct catw_key {
	uint8_t		 name[DNS_NAME_WIRE_MAX];
	size_t		 namelen;
	uint8_t		 alg[DNS_NAME_WIRE_MAX];
	size_t		 alglen;
	char		 algname[16];
	uint8_t		 secret[128];
	size_t		 secretlen;
};

struct catw {
	const char	*zone;		/* the catalog zone */
	struct addr	 addr;		/* the tenant's NSD (a service address) */
	unsigned	 interval_ms;	/* between SOA polls */
	char		**excluded;	/* zones the tenant must not serve */
	int		 nexcluded;
	int		 have_serial;	/* serial: the last one acted upon */
	uint32_t	 serial;
	int		 nmembers;	/* in force */
	int64_t		 retry_ms;	/* when to try a failed change again */
	struct catw_key	 key;		/* signs the AXFR request */
	int		 has_key;
};

/* catalog_tsig.c */
/* Loads what libcrypto reads from files (before a chroot). */
void	 catw_tsig_init(void);
/* The key from node.conf's tsig-name, tsig-algorithm, tsig-secret; 0 or -1. */
int	 catw_key_set(struct catw_key *, const char *name, const char *alg,
	    const char *b64);
/* Appends a TSIG record signing msg (len of cap octets) at time now (s);
 * the new length, or 0. */
size_t	 catw_tsig_sign(const struct catw_key *, uint8_t *msg, size_t len,
	    size_t cap, uint64_t now);

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
