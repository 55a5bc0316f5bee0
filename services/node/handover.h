/* handover.h: a tenant's new NSD started beside the running one, which stops once the new one serves. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_HANDOVER_H
#define OUTPOST_HANDOVER_H

#include <stddef.h>
#include <sys/types.h>

#include "child.h"

/* The successor has this long to say it serves (a large zone loads for
 * a while); then the old one stops anyway. */
#define HANDOVER_TIMEOUT_MS	120000
/* Once queries go to the successor, the old one answers what it has
 * queued for this long before it is told to stop. */
#define HANDOVER_DRAIN_MS	500

struct supervisor;

/* Whether a new NSD for t (as uid) can start beside its running one. */
int	handover_possible(const struct child *t, uid_t uid);
/* A tenant's container slot: 0 for cid NAME, 1 for NAME.1. */
int	handover_slot(const char *cid, const char *cname);
/* The container name of t's successor (the other of two). */
void	handover_cid(const struct child *t, char *buf, size_t len);
/* t's running NSD becomes its outgoing one; t starts again beside it. */
void	handover_begin(struct supervisor *, struct child *t);
/* Ends the handover when the successor serves, fails or is overdue; 1
 * when t's outgoing NSD was just let go (t may be forgotten now). */
int	handover_tick(struct supervisor *, struct child *t, int64_t now);
/* When handover_tick has something to do for t next (INT64_MAX: none). */
int64_t	handover_deadline(const struct child *t);

#endif
