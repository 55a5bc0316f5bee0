/* control_proto.h: the names of outpost-node's control protocol, shared by the node and the `outpost` command. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CONTROL_PROTO_H
#define OUTPOST_CONTROL_PROTO_H

/*
 * A client connects to the node's control socket, writes one request line
 * and reads the text answer until the node closes the connection.
 */
#define CONTROL_SOCK		"outpost.sock"	/* in the state dir */
#define CONTROL_STATE_DIR	"/var/lib/outpost"	/* node.conf's default state-dir */
#define CONTROL_REQ_MAX		4200		/* a request line, octets */
/*
 * An answer, octets, at most: `stats -j` with the XDP guard's query
 * counters full (GUARD_QC_ENTRIES common keys and GUARD_MAX_QKEYS
 * others, at most ~190 octets each with a 63-octet tenant name:
 * ~1.8 MiB) must fit, for a flood of random qtypes is when it matters
 * (services/xdp/guard_test.c checks).
 */
#define CONTROL_REPLY_MAX	(4 * 1024 * 1024)

/*
 * "configure FILE [TIMEOUT_S]": FILE (absolute) installed on trial; one
 * answer line once decided: "confirmed: ...", "rolled back: WHY",
 * "abandoned: WHY" (a SIGHUP), "interrupted: WHY" (the node stopped during
 * the trial: no verdict), or at once "busy: ..." or "error: ..."
 * (then FILE:LINE:COL lines; nothing changed).
 */
#define CONTROL_REQ_CONFIGURE	"configure"
#define CONTROL_REQ_DRAIN	"drain"
#define CONTROL_REQ_POWEROFF	"poweroff"	/* PID 1 only: stop, then power off */
#define CONTROL_REQ_REBOOT	"reboot"	/* PID 1 only: stop, then reboot */
/* "stats [-j]": the XDP guard's counters, as text or JSON; "error: ..."
 * when it is not attached. */
#define CONTROL_REQ_STATS	"stats"
#define CONTROL_REQ_STATUS	"status"
#define CONTROL_REQ_UNDRAIN	"undrain"

#endif
