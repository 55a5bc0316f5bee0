/* gatelink.h: outpost-node's end of the socketpair to the health gate. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GATELINK_H
#define OUTPOST_GATELINK_H

#include <stddef.h>

#include "control.h"

struct child;
struct pollfd;
struct supervisor;

/*
 * Asks the gate for what w waits for (STATUS, DRAINED, UNDRAINED).  head
 * (may be NULL) is put before the gate's STATUS text.  0 when sent, -1
 * when no gate is there to ask.
 */
int	gatelink_request(struct supervisor *, enum control_wait w,
	    const char *head, size_t len);
/* What poll(2) is to watch on sv->gatefd; then its revents handled. */
short	gatelink_events(const struct supervisor *);
void	gatelink_io(struct supervisor *, short revents);
/* c ended (SIGCHLD): a tenant's NSD is the gate's business at once. */
void	gatelink_child_ended(struct supervisor *, const struct child *);
/*
 * The running tenants' NSDs, each watched through a pidfd (at most
 * NC_MAX_TENANTS into pfd): their deaths go to the gate as they happen.
 */
int	gatelink_watch_pollfds(struct supervisor *, struct pollfd *, int max);
void	gatelink_watch_io(struct supervisor *, const struct pollfd *, int n);
/* The gate went away: waiting clients are answered, the link closed. */
void	gatelink_closed(struct supervisor *);

#endif
