/* handover.c: a tenant's new NSD started beside the running one, which stops once the new one serves. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "handover.h"
#include "log.h"
#include "node.h"
#include "reuseport.h"

/*
 * A changed configuration (an NSID, the identity, RRL, a zone) needs a
 * new NSD: NSD reads them only at start.  Stopping the old one first
 * would leave the tenant's addresses unanswered for the new one's start
 * and make the gate withdraw its prefixes (then the hold-down before
 * they come back).  Instead the new NSD starts in a second container
 * (cid NAME or NAME.1, each with its own cgroup and bind guard) and
 * binds beside the old one with SO_REUSEPORT.  Queries stay with the old
 * one (reuseport.c) until the new one says "nsd started" (zones loaded,
 * servers running); then they go to the new one, and the old one, given
 * HANDOVER_DRAIN_MS for what it has queued, is stopped (its sockets kept
 * open by outpost-node until it has exited: reuseport_keep).  The gate sees
 * answers all along; nothing is withdrawn.  The old NSD's death is not
 * the tenant's: nsdwatch watches the tenant's current process only.
 */

int
handover_possible(const struct child *t, uid_t uid)
{
	return t->state == CS_RUNNING && t->reuseport && t->uid == uid &&
	    t->outgoing == NULL && t->cname[0] != '\0';
}

int
handover_slot(const char *cid, const char *cname)
{
	return strcmp(cid, cname) != 0;
}

void
handover_cid(const struct child *t, char *buf, size_t len)
{
	if (strcmp(t->cid, t->cname) == 0)
		snprintf(buf, len, "%.*s.1", (int)sizeof(t->cname), t->cname);
	else
		snprintf(buf, len, "%s", t->cname);
}

void
handover_begin(struct supervisor *sv, struct child *t)
{
	char label[sizeof(t->label)];
	struct child *o;

	snprintf(label, sizeof(label), "%.*s (outgoing)",
	    (int)sizeof(label) - 12, t->label);
	if ((o = child_new(label, t->cname, t->dir)) == NULL)
		fatal("cannot allocate");
	/* The running process, its log and its container move to o. */
	snprintf(o->cid, sizeof(o->cid), "%s", t->cid);
	o->pid = t->pid;
	o->logfd = t->logfd;
	memcpy(o->logbuf, t->logbuf, sizeof(o->logbuf));
	o->loglen = t->loglen;
	o->started_ms = t->started_ms;
	o->uid = t->uid;
	o->poststop = t->poststop;	/* its own cgroup's bind guard */
	o->state = CS_RUNNING;
	o->wanted = 0;
	t->pid = 0;
	t->logfd = -1;
	t->loglen = 0;
	t->state = CS_DOWN;
	handover_cid(o, t->cid, sizeof(t->cid));
	t->outgoing = o;
	t->handover_ms = now_ms() + HANDOVER_TIMEOUT_MS;
	t->handover_moved = 0;
	reuseport_hold(t->label, crun_init_pid(o->pid));
	log_info("%s: configuration changed: starting a new NSD beside the "
	    "running one (container %s)", t->label, t->cid);
	t->backoff_ms = BACKOFF_MIN_MS;
	child_start(sv, t);
}

/* The outgoing NSD told to stop (once), saying why. */
static void
stop_outgoing(struct supervisor *sv, struct child *t, const char *why)
{
	struct child *o = t->outgoing;

	if (o->state != CS_RUNNING)
		return;
	if (why != NULL)
		log_info("%s: %s; stopping the NSD it replaces", t->label, why);
	if (t->handover_moved && o->rp_held == NULL)
		o->rp_nheld = reuseport_keep(t->label, crun_init_pid(o->pid),
		    &o->rp_held);
	child_stop(sv, o);
}

/* The new NSD serves: queries go to it; the old one stops after a drain. */
static void
move_queries(struct child *t, int64_t now)
{
	reuseport_move(t->label, crun_init_pid(t->outgoing->pid),
	    crun_init_pid(t->pid));
	t->handover_moved = 1;
	t->handover_ms = now + HANDOVER_DRAIN_MS;
}

int
handover_tick(struct supervisor *sv, struct child *t, int64_t now)
{
	struct child *o = t->outgoing;

	if (o == NULL)
		return 0;
	if (o->state != CS_RUNNING)
		;
	else if (!t->wanted || sv->quit)
		stop_outgoing(sv, t, NULL);
	else if (t->handover_moved) {
		if (now >= t->handover_ms)
			stop_outgoing(sv, t, "the new NSD serves");
	} else if (t->state == CS_RUNNING && t->ready)
		move_queries(t, now);
	else if (t->state != CS_RUNNING && t->state != CS_STARTING)
		stop_outgoing(sv, t, "the new NSD ended before it served");
	else if (now >= t->handover_ms)
		stop_outgoing(sv, t, "the new NSD did not say it serves in "
		    "time");
	if (o->state == CS_DOWN && o->helper == 0) {
		child_free(o);		/* closes the sockets it kept */
		t->outgoing = NULL;
		if (t->state == CS_RUNNING)
			reuseport_release(t->label, crun_init_pid(t->pid));
		return 1;
	}
	return 0;
}

int64_t
handover_deadline(const struct child *t)
{
	const struct child *o = t->outgoing;

	if (o == NULL || o->state != CS_RUNNING)
		return INT64_MAX;
	return t->handover_ms;
}
