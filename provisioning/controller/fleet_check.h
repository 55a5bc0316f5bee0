/* fleet_check.h: the fleet file's checks across blocks, run once the whole file is parsed. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_FLEET_CHECK_H
#define OUTPOST_FLEET_CHECK_H

#include "cfg.h"
#include "fleet.h"

/* Reports, through cfg_error, what no single block can tell. */
void	fleet_check(struct cfg_ctx *, const struct fleet *);

#endif
