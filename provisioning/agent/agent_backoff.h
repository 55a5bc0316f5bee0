/* agent_backoff.h: how long the agent waits before it asks an unreachable controller again: exponential, 1 s to 5 min, with jitter. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_AGENT_BACKOFF_H
#define OUTPOST_AGENT_BACKOFF_H

#include <stdint.h>

#define BACKOFF_MIN_MS	1000
#define BACKOFF_MAX_MS	300000

/*
 * The wait after the failures-th failure in a row (1 or more), from the
 * random number rnd: base = 1 s doubled per failure; the wait is base plus
 * up to half of it; past 5 min, 5 min less up to a quarter of it.  Always
 * within BACKOFF_MIN_MS .. BACKOFF_MAX_MS.
 */
uint32_t	backoff_delay_ms(unsigned failures, uint32_t rnd);

#endif
