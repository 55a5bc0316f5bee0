/* netlink.h: a small rtnetlink client: read links, addresses, default routes and neighbours; change them. */
#ifndef OUTPOST_NETLINK_H
#define OUTPOST_NETLINK_H

#include <stddef.h>
#include <stdint.h>

#include "netstate.h"

struct nl {
	int		 fd;
	uint32_t	 seq;
	char		 err[256];	/* the kernel's own words on the last error */
};

#define NL_MSGSIZE	4096

int	nl_open(struct nl *);
void	nl_close(struct nl *);

/* Each returns 0, or -1 with errno set and nl->err saying more if it can. */
int	nl_read_state(struct nl *, struct netstate *);
int	nl_link_add(struct nl *, const char *name, const char *kind,
	    int parent, unsigned vlan);
int	nl_link_up(struct nl *, int index);
int	nl_link_del(struct nl *, int index);
int	nl_addr_change(struct nl *, int add, int index, const struct addr *,
	    unsigned flags);
int	nl_route_change(struct nl *, int add, int index, int af,
	    const struct addr *gw);
int	nl_neigh_get(struct nl *, int index, const struct addr *, int *state,
	    uint8_t *lladdr, int *lllen);
int	nl_neigh_del(struct nl *, int index, const struct addr *);

/* The request nl_link_add sends, built into buf (NL_MSGSIZE bytes). */
size_t	nl_build_link_add(void *buf, uint32_t seq, const char *name,
	    const char *kind, int parent, unsigned vlan);

#endif
