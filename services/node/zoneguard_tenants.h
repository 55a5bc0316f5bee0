/* zoneguard_tenants.h: every tenant NSD's lines through a zoneguard of its own; refusals logged and in `outpost status`. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_ZONEGUARD_TENANTS_H
#define OUTPOST_ZONEGUARD_TENANTS_H

#include <stdio.h>

struct child;
struct supervisor;

/* A tenant child's on_line. */
void	zoneguard_tenant_line(struct child *, const char *line);
/* The DNSSEC ZONE section of the status (nothing when no zone was
 * validated or refused). */
void	zoneguard_tenants_status(struct supervisor *, FILE *);
/* The same as a JSON array. */
void	zoneguard_tenants_status_json(struct supervisor *, FILE *);
/* Tells the gate each accepted version's earliest RRSIG expiration
 * (ZONE_EXPIRY), and all of them again to a gate started anew. */
void	zoneguard_tenants_flush(struct supervisor *);

#endif
