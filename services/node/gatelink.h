/* gatelink.h: outpost-node's end of the socketpair to the health gate. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GATELINK_H
#define OUTPOST_GATELINK_H

#include <stddef.h>

#include "control.h"

struct supervisor;

/*
 * Asks the gate for what w waits for (STATUS, DRAINED, UNDRAINED).  head
 * (may be NULL) is put before the gate's STATUS text.  0 when sent, -1
 * when no gate is there to ask.
 */
int	gatelink_request(struct supervisor *, enum control_wait w,
	    const char *head, size_t len);
/* Asks the gate for its status text for the node itself (confirm.c):
 * 0 when sent, -1 when no gate is there. */
int	gatelink_ask_status(struct supervisor *);
/* What poll(2) is to watch on sv->gatefd; then its revents handled. */
short	gatelink_events(const struct supervisor *);
void	gatelink_io(struct supervisor *, short revents);
/* Tells the gate at once that tenant's NSD ended; how: who saw it. */
/* ZONE_EXPIRY (gate_msg.h) to a running gate; nothing otherwise. */
void	gatelink_zone_expiry(struct supervisor *, const char *text);
void	gatelink_tenant_down(struct supervisor *, const char *tenant,
	    const char *how);
/* The gate went away: waiting clients are answered, the link closed. */
void	gatelink_closed(struct supervisor *);

#endif
