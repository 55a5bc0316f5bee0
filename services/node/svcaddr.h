/* svcaddr.h: the tenants' service addresses follow node.conf while the node runs. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_SVCADDR_H
#define OUTPOST_SVCADDR_H

#include <sys/types.h>

struct nodeconf;
struct supervisor;

/* Every service address of one configuration is in the other: 1, else 0. */
int	 svcaddr_same(const struct nodeconf *, const struct nodeconf *);
/*
 * A new configuration is taking over from old: when its service addresses
 * differ, outpost-netcfg apply runs again (in the background) with the
 * network configuration and sv->conf_path, adding the new addresses to the
 * service interface and removing those no tenant has any more.
 */
void	 svcaddr_follow(struct supervisor *, const struct nodeconf *old,
	    const struct nodeconf *new);
/* pid was that outpost-netcfg: its end logged (and a waiting run started). */
int	 svcaddr_reaped(struct supervisor *, pid_t pid, int status);

#endif
