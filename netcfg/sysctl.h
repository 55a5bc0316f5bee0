/* sysctl.h: per-interface kernel settings the static uplink needs. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_SYSCTL_H
#define OUTPOST_SYSCTL_H

/* The uplink takes no addresses or routes from router advertisements. */
int	sysctl_no_ra(const char *ifname);

#endif
