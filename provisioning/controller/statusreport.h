/* statusreport.h: a node's status report as the controller stored it (JSON from the agent, with `outpost status` text inside), read into counts and flags for outpostctl status. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_STATUSREPORT_H
#define OUTPOST_STATUSREPORT_H

#include <stddef.h>
#include <stdint.h>

#define STATUS_STALE_S	180	/* 3 report periods of 60 s */

/* Healthy, announced, ... out of how many rows a section of the text has. */
struct status_count {
	int	 good;
	int	 total;
};

struct status_report {
	char		*node;		/* the members, malloc'd (NULL: absent) */
	char		*state;
	char		*last_failure;
	char		*version;
	char		*tenants;	/* `outpost status` text, whole */
	uint64_t	 serial_applied;
	uint64_t	 serial_failed;
	struct status_count health;	/* TENANT: healthy */
	struct status_count prefixes;	/* PREFIX: announced */
	struct status_count bgp;	/* NEIGHBOR: Established */
	struct status_count zones;	/* ZONE: in-sync */
	int		 zones_behind;	/* ZONE: behind */
};

/*
 * Reads a stored report (len octets, outside input: it came from a node
 * over the network).  0, or -1 with what is wrong in err (r then holds
 * nothing to free).  Unknown members and lines are ignored.
 */
int	status_report_parse(const char *buf, size_t len,
	    struct status_report *r, char *err, size_t errlen);
void	status_report_free(struct status_report *);

/* What outpostctl status knows of a node besides its report. */
struct status_node {
	int		 enrolled;
	int		 removed;
	uint64_t	 published;	/* serial of its last bundle, 0: none */
	int		 has_report;
	int64_t		 age;		/* seconds since its report */
};

#define STATUS_F_STALE		0x01
#define STATUS_F_LAGGING	0x02
#define STATUS_F_WITHDRAWN	0x04
#define STATUS_F_FAILED		0x08
#define STATUS_F_ATTENTION	0x0f	/* these make the exit status 1 */
#define STATUS_F_REMOVED	0x10
#define STATUS_F_NOT_ENROLLED	0x20

/* The flags of a node (r: its report, or NULL). */
int	status_flags(const struct status_node *, const struct status_report *r);
/* The flags as "stale,lagging" ("-" for none) into buf. */
const char *status_flags_text(int flags, char *buf, size_t len);

#endif
