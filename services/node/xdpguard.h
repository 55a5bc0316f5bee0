/* xdpguard.h: outpost-node's XDP guard on the uplink (xdpguard.c). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_XDPGUARD_H
#define OUTPOST_XDPGUARD_H

#include <stdio.h>

#include "nodeconf.h"

/*
 * On start and after each reload: the guard in the mode node.conf's
 * xdp: block names (default: the hardware profile's xdp-mode; without
 * either, off) on nc's uplink, its maps from nc.  A guard that cannot
 * load or attach is logged; the node serves without it.
 */
void	xdpguard_apply(const struct nodeconf *nc);
/* On stop: detached. */
void	xdpguard_stop(void);
/* "xdp guard: attached to IF (MODE)" or "xdp guard: not attached: WHY". */
void	xdpguard_status(FILE *);
/* The counters as text or JSON; -1 when not attached. */
int	xdpguard_stats(const struct nodeconf *nc, FILE *, int json);
const char *xdpguard_why_not(void);

#endif
