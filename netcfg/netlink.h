/* netlink.h: a small rtnetlink client: read links, addresses, default routes and neighbours; change them. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NETLINK_H
#define OUTPOST_NETLINK_H

#include <stddef.h>
#include <stdint.h>

#include "netstate.h"

struct nl {
	int		 fd;
	uint32_t	 seq;		/* of the last request */
	char		 err[256];	/* the kernel's own words on the last error,
					   or what was wrong with its answer */
	int		 answered;	/* its NLMSG_DONE or NLMSG_ERROR came */
	int		 dump_intr;	/* the kernel flagged it NLM_F_DUMP_INTR */
};

#define NL_MSGSIZE	4096
#define NL_DUMP_TRIES	5	/* reads of a dump the kernel flags changed */
#define NL_LLADDR_MAX	16

int	nl_open(struct nl *);
void	nl_close(struct nl *);
/* err's text, and nl->err after it in parentheses when there is one. */
const char *nl_strerror(const struct nl *, int err);

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
/* state is 0 when the kernel has no entry; lladdr holds NL_LLADDR_MAX. */
int	nl_neigh_get(struct nl *, int index, const struct addr *, int *state,
	    uint8_t *lladdr, int *lllen);
int	nl_neigh_del(struct nl *, int index, const struct addr *);

/*
 * The parsers of the kernel's answers, on a buffer (for tests and fuzzing).
 * A callback gets each data message's type and payload (after the
 * nlmsghdr, any alignment); 0, or -1 with errno set.
 */
typedef int (*nl_cb)(struct nl *, uint16_t type, const uint8_t *msg,
	    size_t len, void *arg);
/*
 * Walks the netlink messages in buf (len octets, as one recv(2) brings
 * them), skipping those whose nlmsg_seq is not nl->seq, handing each data
 * message to cb.  1 when the answer is complete (NLMSG_DONE or an ACK;
 * nl->answered set), 0 when more is to come, -1 with errno set: EBADMSG
 * with nl->err saying what when a length is wrong, the kernel's error.
 * NLM_F_DUMP_INTR on any message sets nl->dump_intr.
 */
int	nl_parse_reply(struct nl *, const void *buf, size_t len, nl_cb cb,
	    void *arg);
/* nl_parse_reply into ns: links, addresses, default routes. */
int	nl_parse_state(struct nl *, const void *buf, size_t len,
	    struct netstate *ns);
/* What nl_neigh_get asks: a neighbour of interface index, and its answer. */
struct nl_neigh_query {
	int		 index;
	const struct addr *a;
	int		*state;		/* NUD_*, 0 when not found */
	uint8_t		*lladdr;	/* NL_LLADDR_MAX octets */
	int		*lllen;
};
/* nl_parse_reply for nl_neigh_get's answer; lladdr holds NL_LLADDR_MAX. */
int	nl_parse_neigh(struct nl *, const void *buf, size_t len, int index,
	    const struct addr *a, int *state, uint8_t *lladdr, int *lllen);
/* The same, the query as an nl_dump callback's argument. */
int	nl_parse_neigh_query(struct nl *, const void *buf, size_t len,
	    void *query);

/* The request nl_link_add sends, built into buf (NL_MSGSIZE bytes). */
size_t	nl_build_link_add(void *buf, uint32_t seq, const char *name,
	    const char *kind, int parent, unsigned vlan);

#endif
