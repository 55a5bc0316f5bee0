/* confirm.h: marking a root slot on trial good once the node is healthy, or recording why not and rebooting; the update lines of `outpost status`. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CONFIRM_H
#define OUTPOST_CONFIRM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bootentry.h"
#include "nodeconf.h"

struct supervisor;

#define CONFIRM_ASK_MS		2000	/* the gate's status asked this often */
#define CONFIRM_STABLE_MS	10000	/* no gate: tenants running this long */
#define CONFIRM_LAST_ATTEMPT	"last-attempt"	/* in the update dir */

/*
 * Test hooks (environment), for a node outside the appliance:
 * OUTPOST_CMDLINE (/proc/cmdline), OUTPOST_EFIVARS (efivarfs),
 * OUTPOST_ESP (an ESP directory: not mounted), OUTPOST_UPDATE_DIR
 * (/data/update).
 */
struct confirm {
	int		 enabled;	/* an appliance: outpost.slot= given */
	char		 running;	/* 'a' or 'b' */
	char		 version[BOOTENTRY_VERSION_MAX];
	char		 entry[BOOTENTRY_NAME_MAX];	/* on trial: its name */
	int		 on_trial;	/* waiting to mark it good */
	int		 marked;	/* marked good by this node */
	int64_t		 deadline;	/* ms */
	int64_t		 next_look;	/* ms: the next look at the health */
	int64_t		 next_ask;	/* ms: the gate asked again (shared) */
	char		 why[512];	/* the last reason it is not healthy */
	char		 failed_version[BOOTENTRY_VERSION_MAX];	/* or "" */
	char		 failed_reason[512];
	char		 esp[4096];
	char		 efivars[4096];
	char		 updatedir[4096];
	char		 cmdline[4096];
};

/* At start: the slot running, on trial or not, an update that failed. */
void	 confirm_start(struct supervisor *);
/* From the main loop: asks for health, marks good, or gives up. */
void	 confirm_tick(struct supervisor *, int64_t now);
/*
 * The node's own question to the gate for its status, shared by mark
 * good and a configuration on trial (reconfig.c); the answer goes to
 * both.  Asked at most every CONFIRM_ASK_MS: 1 asked, 0 not due yet, -1
 * no gate running.
 */
int	 confirm_ask(struct supervisor *, int64_t now);
/*
 * Without a gate (no bgp: block): every wanted tenant's container
 * running for CONFIRM_STABLE_MS at least: 1, or 0 with why.
 */
int	 confirm_tenants_running(struct supervisor *, int64_t now, char *why,
	    size_t len);
/* The gate's status text arrived (asked by confirm_tick or a client). */
void	 confirm_gate_status(struct supervisor *, const char *text,
	    size_t len);
/* The update lines of `outpost status` (none outside the appliance). */
void	 confirm_status(const struct supervisor *, FILE *);
/*
 * The slot did not get healthy in time: reboot, so the loader counts
 * the try.  For now: PID 1 syncs and reboots; a node that is not PID 1
 * stops.  The lead wires it to the node's orderly reboot (pid1.c).
 */
void	 confirm_reboot(struct supervisor *, const char *why);

/* confirm_health.c: the decisions, without a supervisor (unit tested). */

/*
 * Whether the gate's status text shows every tenant of nc healthy and
 * every BGP neighbour Established: 1, or 0 with why (which tenant or
 * neighbour is not).
 */
int	 confirm_health(const struct nodeconf *, const char *text, size_t len,
	    char *why, size_t whylen);
enum confirm_plan {
	CONFIRM_NONE,		/* nothing on trial */
	CONFIRM_NOW,		/* on trial, nothing to fall back to: mark good */
	CONFIRM_WAIT,		/* on trial: mark good once healthy */
};
/* What to do about trial (LoaderBootCountPath's entry name, or "") with
 * the entries v of the ESP and the running slot. */
enum confirm_plan confirm_plan(const struct bootentry *v, int n, int running,
	    const char *trial);
/* A newer entry with no tries left (an update that failed): its version
 * into buf, or "" (running: the version that runs). */
void	 confirm_failed(const struct bootentry *v, int n, int running,
	    const char *version, char *buf, size_t len);

#endif
