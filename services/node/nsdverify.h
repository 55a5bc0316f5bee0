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
/*
 * A tenant with trust-anchor: lines: its DS records, one a line, in this
 * file beside the script (0400, the tenant's), and outpost-dscheck, the
 * node's copy beside its own executable, bind-mounted read-only with exec
 * at NSDVERIFY_DSCHECK; the script runs it after kzonecheck when the file
 * exists.
 */
#define NSDVERIFY_ANCHORS	"trust-anchors"
#define NSDVERIFY_DSCHECK	"/opt/outpost-dscheck"
#define NSDVERIFY_DSCHECK_NAME	"outpost-dscheck"

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
 * The first program the tenant's verifier needs (the container sees the
 * node's /usr; outpost-dscheck for trust anchors) that the node lacks, or
 * NULL: a node without them (the image so far) cannot validate, and
 * refuses a configuration that asks it to.
 */
const char *nsdverify_missing(const struct nc_tenant *);
/* The host's outpost-dscheck: beside the running executable (build/ in
 * the lab, /usr/sbin in the image), found once; NULL when that cannot be
 * told. */
const char *nsdverify_dscheck(void);
/* The trust-anchors file's text, one DS a line (malloc'd; NULL: out of
 * memory). */
char	*nsdverify_anchors(const struct nc_tenant *);
/* A zone's (zone != NULL) or the member pattern's (zone == NULL) verifier. */
void	nsdverify_render_zone(FILE *, const struct nc_tenant *,
	    const char *zone);

#endif
