/* clock.h: the one monotonic clock of every Outpost program, in milliseconds. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CLOCK_H
#define OUTPOST_CLOCK_H

#include <stdint.h>

/* CLOCK_MONOTONIC in milliseconds: for deadlines and intervals only. */
int64_t	 now_ms(void);

#endif
