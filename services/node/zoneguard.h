/* zoneguard.h: what a tenant's NSD says of its zones' validation (the DNSSEC guard): served, received and refused serials, and why. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_ZONEGUARD_H
#define OUTPOST_ZONEGUARD_H

#include <stdint.h>
#include <stdio.h>

#include "nodeconf.h"

#define ZG_NAME_MAX	256	/* a zone name as NSD prints it, with NUL */
#define ZG_WHY_MAX	160

struct zg_zone {
	char		 name[ZG_NAME_MAX];
	uint32_t	 received;	/* the last transfer NSD received */
	uint32_t	 served;	/* the serial NSD serves */
	uint32_t	 refused;	/* the last serial the validator refused */
	int		 has_received, has_served, has_refused;
	int		 refused_known;	/* refused holds a serial */
	char		 why[ZG_WHY_MAX];	/* why it was refused */
	/* The served version's earliest RRSIG expiration (YYYYMMDDHHmmSS,
	 * UTC) and the record it covers ("OWNER TYPE"), "" unknown. */
	char		 earliest[16];
	char		 earliest_on[ZG_WHY_MAX];
	int		 unsent;	/* the gate was not told earliest yet */
};

/* One tenant's zones, fed with its NSD's log lines (tenant-controlled
 * text: every copy is bounded, anything unexpected is ignored). */
struct zoneguard {
	struct zg_zone	 zones[NC_MAX_ZONES];
	int		 nzones;
	int		 cur;		/* the zone under validation, -1 none */
	char		 first[ZG_WHY_MAX]; /* the validator's first complaint */
	char		 earliest[16];	/* of the version under validation */
	char		 earliest_on[ZG_WHY_MAX];
};

void	zoneguard_init(struct zoneguard *);
/* One line of NSD's output, its timestamp removed ("nsd[2]: info: ...").
 * Returns the zone a refusal was just concluded for, or NULL. */
const struct zg_zone *zoneguard_line(struct zoneguard *, const char *line);
/* Status lines, one per zone validated or refused once:
 * ZONE TENANT SERVED EARLIEST-RRSIG ON REFUSED WHY. */
void	zoneguard_status(FILE *, const struct zoneguard *, const char *tenant);
/* The same zones as JSON objects, each after a comma unless *first. */
void	zoneguard_status_json(FILE *, const struct zoneguard *,
	    const char *tenant, int *first);

#endif
