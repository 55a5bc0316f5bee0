/* exitwatch_map.h: the map sizes shared by exitwatch.bpf.c and its loader. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_EXITWATCH_MAP_H
#define OUTPOST_EXITWATCH_MAP_H

#define EXITWATCH_MAX_PIDS	256	/* watched pids at once */
#define EXITWATCH_RING_BYTES	4096	/* a page: pids not yet read */

#endif
