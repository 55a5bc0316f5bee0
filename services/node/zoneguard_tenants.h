/* zoneguard_tenants.h: every tenant NSD's lines through a zoneguard of its own; refusals logged and in `outpost status`. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_ZONEGUARD_TENANTS_H
#define OUTPOST_ZONEGUARD_TENANTS_H

#include <stdio.h>

struct child;
struct supervisor;

/* A tenant child's on_line. */
void	zoneguard_tenant_line(struct child *, const char *line);
/* The DNSSEC REFUSED section of the status (nothing when none was). */
void	zoneguard_tenants_status(struct supervisor *, FILE *);

#endif
