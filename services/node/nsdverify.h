/* nsdverify.h: the DNSSEC guard's part of a tenant's nsd.conf (NSD's zone verifier). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NSDVERIFY_H
#define OUTPOST_NSDVERIFY_H

#include <stdio.h>

#include "nodeconf.h"

/* The verifier NSD runs: a shell script beside nsd.conf (NSD_CONF_DIR),
 * running kzonecheck from the host's /usr (read-only in the container). */
#define NSDVERIFY_SCRIPT	"zoneverify.sh"
extern const char nsdverify_script[];
/* Seconds a validation may take; past them the update is refused. */
#define NSDVERIFY_TIMEOUT	600
/* Port of the verify: sockets on loopback: tenant i at 127.0.1.(i+1), or
 * 127.0.2.(i+1) from its second container (handover.c: both bind at once). */
#define NSDVERIFY_PORT		5347

/* The tenant's verify: address from its container slot (0, 1), 4 bytes;
 * -1 when its zones are not validated. */
int	nsdverify_addr(const struct nodeconf *, const struct nc_tenant *,
	    int slot, unsigned char addr[4]);
/* The verify: clause (nothing for a tenant whose zones are not validated). */
void	nsdverify_render_clause(FILE *, const struct nodeconf *,
	    const struct nc_tenant *, int slot);
/*
 * The first program the verifier needs (the container sees the node's
 * /usr) that the node lacks, or NULL: a node without them (the image so
 * far) cannot validate, and refuses a configuration that asks it to.
 */
const char *nsdverify_missing(void);
/* A zone's (zone != NULL) or the member pattern's (zone == NULL) verifier. */
void	nsdverify_render_zone(FILE *, const struct nc_tenant *,
	    const char *zone);

#endif
