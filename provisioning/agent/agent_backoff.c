/* agent_backoff.c: how long the agent waits before it asks an unreachable controller again: exponential, 1 s to 5 min, with jitter. */
/* SPDX-License-Identifier: ISC */
#include "agent_backoff.h"

uint32_t
backoff_delay_ms(unsigned failures, uint32_t rnd)
{
	uint64_t base, d;

	if (failures == 0)
		failures = 1;
	if (failures > 20)
		failures = 20;
	base = (uint64_t)BACKOFF_MIN_MS << (failures - 1);
	d = base + rnd % (base / 2 + 1);
	if (d > BACKOFF_MAX_MS)
		d = BACKOFF_MAX_MS - rnd % (BACKOFF_MAX_MS / 4 + 1);
	return (uint32_t)d;
}
