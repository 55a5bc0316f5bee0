/* birdconf.h: bird.conf rendered from node.conf, and the protocol names the gate and the renderer share. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_BIRDCONF_H
#define OUTPOST_BIRDCONF_H

#include <stdint.h>
#include <stdio.h>

#include "nodeconf.h"

#define BIRDCONF_CTL_SOCK	"bird.ctl"	/* file name in ctl_dir */
#define BIRDCONF_NAME_MAX	64		/* BIRD symbols: 64 chars */
#define BIRDCONF_MAX_PREFIXES	(NC_MAX_TENANTS * NC_MAX_ADDRS)
#define BIRDCONF_MAX_COMMUNITIES (NC_MAX_TENANTS * NC_MAX_COMMUNITIES)

/* One anycast prefix: the static protocol (anycast4_192_0_2_0_24) of it. */
struct birdconf_prefix {
	struct addr	 prefix;
	char		 proto[BIRDCONF_NAME_MAX];
	int		 tenants[NC_MAX_TENANTS];	/* in nc->tenants */
	int		 ntenants;
	uint32_t	 communities[BIRDCONF_MAX_COMMUNITIES];
	int		 ncommunities;
};

/*
 * The distinct prefixes of all tenants in order of first appearance, each
 * with the tenants using it and the union of their communities.  Returns
 * how many were stored in out (at most max).
 */
int	 birdconf_prefixes(const struct nodeconf *, struct birdconf_prefix *out,
	    int max);
/* "peer4_198_51_100_17", "peer6_2001_db8_100_2__1". */
void	 birdconf_neighbor_name(const struct nc_neighbor *,
	    char out[BIRDCONF_NAME_MAX]);
/*
 * Writes bird.conf for nc.  ctl_dir, when not NULL, is where BIRD's
 * control socket is (BIRD 2.0 takes its path only from -s: it is noted in
 * a comment).  0, or -1 when f could not be written.
 */
int	 birdconf_render(FILE *f, const struct nodeconf *nc,
	    const char *ctl_dir);
/*
 * The same, with each anycast protocol disabled or not as enabled() says:
 * the file outpost-gate has BIRD `configure` with, so that BIRD keeps every
 * prefix as it is (a plain `configure` resets each protocol to its
 * `disabled` line, which would withdraw them all for a moment).
 */
int	 birdconf_render_live(FILE *f, const struct nodeconf *nc,
	    const char *ctl_dir, int (*enabled)(const char *proto, void *arg),
	    void *arg);

#endif
