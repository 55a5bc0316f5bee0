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
/*
 * The program loads in a thread of its own: until it has, the guard is
 * "not attached: loading".  The main loop polls xdpguard_pollfd() (-1:
 * none) and calls xdpguard_loaded() with the node's configuration when
 * it is readable: the guard is then configured and attached.
 */
int	xdpguard_pollfd(void);
void	xdpguard_loaded(const struct nodeconf *nc);
/* On stop: detached (a load under way is waited for). */
void	xdpguard_stop(void);
/* "xdp guard: attached to IF (MODE)" or "xdp guard: not attached: WHY". */
void	xdpguard_status(FILE *);
/* The counters as text or JSON; -1 when not attached. */
int	xdpguard_stats(const struct nodeconf *nc, FILE *, int json);
const char *xdpguard_why_not(void);

#endif
