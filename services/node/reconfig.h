/* reconfig.h: `outpost configure`: a configuration installed on trial, kept once every tenant is healthy within its time, else the one before it back. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_RECONFIG_H
#define OUTPOST_RECONFIG_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "nodeconf.h"

struct supervisor;

#define RECONFIG_FILE_MAX	(1024 * 1024)	/* a configuration, octets */
/*
 * Health seen this soon after the install is not believed: the gate may
 * have answered before it read the new configuration (its SIGHUP).
 */
#define RECONFIG_SETTLE_MS	2000

enum reconfig_outcome {
	RECONFIG_NONE,		/* no configure since the node started */
	RECONFIG_CONFIRMED,
	RECONFIG_ROLLED_BACK,
	RECONFIG_ABANDONED,	/* a SIGHUP took over during the trial */
};

struct reconfig {
	int		 on_trial;
	char		 file[PATH_MAX];	/* the configuration on trial */
	unsigned	 timeout_s;
	int64_t		 started;		/* ms */
	int64_t		 deadline;		/* ms */
	char		*prev;		/* the configuration before, for the rollback */
	size_t		 prevlen;
	char		 why[512];	/* the last reason it is not healthy */
	/* The last trial's end, for `outpost status`. */
	enum reconfig_outcome outcome;
	char		 done_file[PATH_MAX];
	time_t		 done_at;
	char		 done_why[512];
};

/*
 * control.c: `configure FILE [TIMEOUT_S]`; args: what follows the name.
 * 0 with the answer (allocated; NULL when out of memory), or 1 when the
 * configuration is on trial: the answer comes to the client waiting for
 * CW_CONFIGURE ("confirmed: ...", "rolled back: ...", "abandoned: ...").
 */
int	 reconfig_request(struct supervisor *, const char *args, char **ans,
	    size_t *alen);
/* From the main loop: confirmed by a node without gate, or rolled back. */
void	 reconfig_tick(struct supervisor *, int64_t now);
/* The gate's status text arrived (asked by confirm_ask or a client). */
void	 reconfig_gate_status(struct supervisor *, const char *text,
	    size_t len);
/* A SIGHUP: it ends a trial (the reload that follows takes over). */
void	 reconfig_sighup(struct supervisor *);
/* The configuration line of `outpost status` (none before a configure). */
void	 reconfig_status(const struct supervisor *, FILE *);

/* reconfig_plan.c: the decisions, without a supervisor (unit tested). */

/*
 * The arguments of a configure request, "FILE [TIMEOUT_S]": FILE an
 * absolute path, TIMEOUT_S 1 to 86400 (0 when not given).  0, or -1 with
 * why.
 */
int	 reconfig_parse_args(const char *args, char *file, size_t flen,
	    unsigned *timeout_s, char *why, size_t whylen);
enum reconfig_step {
	RECONFIG_WAIT,
	RECONFIG_CONFIRM,
	RECONFIG_ROLLBACK,
};
/*
 * What a trial started at started, ending at deadline, does at now, with
 * healthy 1 when the node was just seen healthy: confirm (not within
 * RECONFIG_SETTLE_MS of the start), roll back once the deadline passed,
 * or wait.
 */
enum reconfig_step reconfig_step(int64_t started, int64_t deadline,
	    int64_t now, int healthy);
/*
 * The configuration to return to: ondisk (the node.conf file, as
 * written, comments kept) when it is the one that runs (parses to the
 * same as running), else running printed.  Allocated; *lenp its length.
 */
char	*reconfig_previous(const char *path, const char *ondisk, size_t len,
	    const struct nodeconf *running, size_t *lenp);
/* The answer for a file with errors (errs: FILE:LINE:COL lines). */
char	*reconfig_errors_answer(const char *file, const char *errs,
	    size_t len, size_t *lenp);
/* The configuration line of `outpost status` for r. */
void	 reconfig_status_line(FILE *, const struct reconfig *r,
	    int64_t now);

#endif
