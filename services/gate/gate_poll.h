/* gate_poll.h: the gate's poll set, built afresh before each poll(2) from what is open now. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GATE_POLL_H
#define OUTPOST_GATE_POLL_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

struct gate;
struct dnsprobe;

struct gate_poll {
	struct pollfd	*pfds;
	struct dnsprobe	**probes;	/* of each pollfd; NULL: not a probe */
	size_t		 n;		/* in use */
	size_t		 cap;
};

/* The signals, outpost-node's link, BIRD's socket and every busy probe. */
void	 gate_poll_build(struct gate_poll *, struct gate *);
/*
 * Probes first, then signals, outpost-node and BIRD, each with the events
 * noted before any handler ran: a handler (a SIGHUP's reload) may free the
 * probes and rebuild nothing; the set is only read again after the next
 * gate_poll_build.
 */
void	 gate_poll_dispatch(struct gate_poll *, struct gate *, int64_t now);
void	 gate_poll_free(struct gate_poll *);

#endif
