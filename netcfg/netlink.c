/* netlink.c: rtnetlink spoken directly (no libmnl), enough to configure an uplink: requests, and their answers read whole (nlparse.c parses them). */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <net/if.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "netlink.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK		11
#endif

union nlbuf {
	struct nlmsghdr	 h;
	char		 buf[NL_MSGSIZE];
};

/* Building requests. */

static struct nlmsghdr *
msg_init(void *buf, uint16_t type, uint16_t flags, uint32_t seq)
{
	struct nlmsghdr *h = buf;

	memset(buf, 0, NL_MSGSIZE);
	h->nlmsg_len = NLMSG_LENGTH(0);
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | flags;
	h->nlmsg_seq = seq;
	return h;
}

static void *
msg_put(struct nlmsghdr *h, const void *data, size_t len)
{
	char *p = (char *)h + NLMSG_ALIGN(h->nlmsg_len);

	memcpy(p, data, len);
	h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + (uint32_t)len;
	return p;
}

static struct rtattr *
attr_put(struct nlmsghdr *h, uint16_t type, const void *data, size_t len)
{
	struct rtattr *a = (struct rtattr *)((char *)h +
	    NLMSG_ALIGN(h->nlmsg_len));

	a->rta_type = type;
	a->rta_len = (uint16_t)RTA_LENGTH(len);
	if (len > 0)
		memcpy(RTA_DATA(a), data, len);
	h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void
attr_u32(struct nlmsghdr *h, uint16_t type, uint32_t v)
{
	attr_put(h, type, &v, sizeof(v));
}

static void
attr_str(struct nlmsghdr *h, uint16_t type, const char *s)
{
	attr_put(h, type, s, strlen(s) + 1);
}

static void
nest_end(struct nlmsghdr *h, struct rtattr *nest)
{
	nest->rta_len = (uint16_t)((char *)h + h->nlmsg_len - (char *)nest);
}

static size_t
addr_len(int af)
{
	return af == AF_INET ? 4 : 16;
}

/* Talking. */

int
nl_open(struct nl *nl)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	if ((nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
	    NETLINK_ROUTE)) == -1)
		return -1;
	(void)setsockopt(nl->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
	    sizeof(one));
	if (bind(nl->fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		close(nl->fd);
		nl->fd = -1;
		return -1;
	}
	nl->seq = (uint32_t)getpid() << 8;
	return 0;
}

const char *
nl_strerror(const struct nl *nl, int err)
{
	static char buf[sizeof(nl->err) + 64];

	snprintf(buf, sizeof(buf), "%s%s%s%s", strerror(err),
	    nl->err[0] != '\0' ? " (" : "", nl->err,
	    nl->err[0] != '\0' ? ")" : "");
	return buf;
}

void
nl_close(struct nl *nl)
{
	if (nl->fd != -1)
		close(nl->fd);
	nl->fd = -1;
}

static int
nl_send(struct nl *nl, struct nlmsghdr *h)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	h->nlmsg_seq = ++nl->seq;
	nl->err[0] = '\0';
	nl->answered = 0;
	nl->dump_intr = 0;
	if (sendto(nl->fd, h, h->nlmsg_len, 0, (struct sockaddr *)&sa,
	    sizeof(sa)) == -1)
		return -1;
	return 0;
}

/* What one recv(2) brings: the kernel sends at most 32 KiB at once. */
static union nlbuf rb[8];

/* A parser of one datagram, as nl_parse_reply: 1 done, 0 more, -1. */
typedef int (*nl_parser)(struct nl *, const void *buf, size_t len,
    void *arg);

/* After a failure: what is left of the answer, read and thrown away. */
static void
drain(struct nl *nl)
{
	int saved = errno;

	while (recv(nl->fd, rb, sizeof(rb), MSG_DONTWAIT) != -1 ||
	    errno == EINTR)
		;
	errno = saved;
}

/*
 * Reads answers to the last request until its ACK or NLMSG_DONE, handing
 * each datagram to parse.  0, or -1 with errno set: the kernel's error,
 * EBADMSG for a malformed answer, EMSGSIZE for one too long, EAGAIN when
 * the kernel flagged the dump inconsistent (nl->dump_intr set).
 */
static int
nl_recv(struct nl *nl, nl_parser parse, void *arg)
{
	struct sockaddr_nl sa;
	struct iovec iov = { rb, sizeof(rb) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;
	int rc;

	for (;;) {
		mh.msg_name = &sa;
		mh.msg_namelen = sizeof(sa);
		if ((n = recvmsg(nl->fd, &mh, 0)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (mh.msg_flags & MSG_TRUNC) {
			snprintf(nl->err, sizeof(nl->err), "an answer longer "
			    "than %zu octets", sizeof(rb));
			errno = EMSGSIZE;
			drain(nl);
			return -1;
		}
		if (mh.msg_namelen != sizeof(sa) || sa.nl_pid != 0)
			continue;	/* not from the kernel */
		if ((rc = parse(nl, rb, (size_t)n, arg)) == 0)
			continue;
		if (rc == -1 && !nl->answered)
			drain(nl);
		if (rc == -1)
			return -1;
		if (nl->dump_intr) {
			snprintf(nl->err, sizeof(nl->err), "the kernel's "
			    "tables changed while being read");
			errno = EAGAIN;
			return -1;
		}
		return 0;
	}
}

static int
parse_ack(struct nl *nl, const void *buf, size_t len, void *arg)
{
	(void)arg;
	return nl_parse_reply(nl, buf, len, NULL, NULL);
}

static int
nl_talk(struct nl *nl, struct nlmsghdr *h)
{
	h->nlmsg_flags |= NLM_F_ACK;
	if (nl_send(nl, h) == -1)
		return -1;
	return nl_recv(nl, parse_ack, NULL);
}

static int
nl_dump(struct nl *nl, uint16_t type, const void *hdr, size_t hlen,
    nl_parser parse, void *arg)
{
	union nlbuf b;
	struct nlmsghdr *h;

	h = msg_init(&b, type, NLM_F_DUMP, 0);
	msg_put(h, hdr, hlen);
	if (nl_send(nl, h) == -1)
		return -1;
	return nl_recv(nl, parse, arg);
}

/* Reading the state. */

static int
parse_state(struct nl *nl, const void *buf, size_t len, void *ns)
{
	return nl_parse_state(nl, buf, len, ns);
}

static int
read_state_once(struct nl *nl, struct netstate *ns)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct ifaddrmsg ifa = { .ifa_family = AF_UNSPEC };
	struct rtmsg rtm = { .rtm_family = AF_UNSPEC };

	memset(ns, 0, sizeof(*ns));
	if (nl_dump(nl, RTM_GETLINK, &ifi, sizeof(ifi), parse_state, ns) == -1)
		return -1;
	if (nl_dump(nl, RTM_GETADDR, &ifa, sizeof(ifa), parse_state, ns) == -1)
		return -1;
	rtm.rtm_family = AF_INET;
	if (nl_dump(nl, RTM_GETROUTE, &rtm, sizeof(rtm), parse_state,
	    ns) == -1)
		return -1;
	rtm.rtm_family = AF_INET6;
	return nl_dump(nl, RTM_GETROUTE, &rtm, sizeof(rtm), parse_state, ns);
}

/* A dump the kernel flags inconsistent is read again, a few times. */
int
nl_read_state(struct nl *nl, struct netstate *ns)
{
	int i;

	for (i = 0; i < NL_DUMP_TRIES; i++)
		if (read_state_once(nl, ns) == 0)
			return 0;
		else if (!nl->dump_intr)
			return -1;
	return -1;
}

/* Changing links. */

size_t
nl_build_link_add(void *buf, uint32_t seq, const char *name, const char *kind,
    int parent, unsigned vlan)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlmsghdr *h;
	struct rtattr *info, *data;
	uint16_t id = (uint16_t)vlan;

	h = msg_init(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, seq);
	msg_put(h, &ifi, sizeof(ifi));
	attr_str(h, IFLA_IFNAME, name);
	if (parent != 0)
		attr_u32(h, IFLA_LINK, (uint32_t)parent);
	info = attr_put(h, IFLA_LINKINFO, NULL, 0);
	attr_str(h, IFLA_INFO_KIND, kind);
	if (strcmp(kind, "vlan") == 0) {
		data = attr_put(h, IFLA_INFO_DATA, NULL, 0);
		attr_put(h, IFLA_VLAN_ID, &id, sizeof(id));
		nest_end(h, data);
	}
	nest_end(h, info);
	return h->nlmsg_len;
}

int
nl_link_add(struct nl *nl, const char *name, const char *kind, int parent,
    unsigned vlan)
{
	union nlbuf b;

	nl_build_link_add(&b, 0, name, kind, parent, vlan);
	return nl_talk(nl, &b.h);
}

int
nl_link_up(struct nl *nl, int index)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	union nlbuf b;
	struct nlmsghdr *h;

	ifi.ifi_index = index;
	ifi.ifi_flags = IFF_UP;
	ifi.ifi_change = IFF_UP;
	h = msg_init(&b, RTM_NEWLINK, 0, 0);
	msg_put(h, &ifi, sizeof(ifi));
	return nl_talk(nl, h);
}

int
nl_link_del(struct nl *nl, int index)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	union nlbuf b;
	struct nlmsghdr *h;

	ifi.ifi_index = index;
	h = msg_init(&b, RTM_DELLINK, 0, 0);
	msg_put(h, &ifi, sizeof(ifi));
	return nl_talk(nl, h);
}

/* Changing addresses and routes. */

static void
v4_broadcast(const struct addr *a, uint8_t out[4])
{
	int i;

	memcpy(out, a->a, 4);
	for (i = a->plen; i < 32; i++)
		out[i / 8] |= (uint8_t)(0x80 >> (i % 8));
}

int
nl_addr_change(struct nl *nl, int add, int index, const struct addr *a,
    unsigned flags)
{
	struct ifaddrmsg ifa = { 0 };
	union nlbuf b;
	struct nlmsghdr *h;
	uint8_t brd[4];

	ifa.ifa_family = (uint8_t)a->af;
	ifa.ifa_prefixlen = a->plen;
	ifa.ifa_index = (uint32_t)index;
	ifa.ifa_scope = RT_SCOPE_UNIVERSE;
	h = msg_init(&b, add ? RTM_NEWADDR : RTM_DELADDR,
	    add ? NLM_F_CREATE | NLM_F_EXCL : 0, 0);
	msg_put(h, &ifa, sizeof(ifa));
	attr_put(h, IFA_LOCAL, a->a, addr_len(a->af));
	attr_put(h, IFA_ADDRESS, a->a, addr_len(a->af));
	if (add && a->af == AF_INET && a->plen <= 30) {
		v4_broadcast(a, brd);
		attr_put(h, IFA_BROADCAST, brd, sizeof(brd));
	}
	if (add && flags != 0)
		attr_u32(h, IFA_FLAGS, flags);
	return nl_talk(nl, h);
}

int
nl_route_change(struct nl *nl, int add, int index, int af,
    const struct addr *gw)
{
	struct rtmsg rtm = { 0 };
	union nlbuf b;
	struct nlmsghdr *h;

	rtm.rtm_family = (uint8_t)af;
	rtm.rtm_table = RT_TABLE_MAIN;
	rtm.rtm_protocol = add ? RTPROT_STATIC : 0;
	rtm.rtm_scope = add ? RT_SCOPE_UNIVERSE : RT_SCOPE_NOWHERE;
	rtm.rtm_type = add ? RTN_UNICAST : 0;
	h = msg_init(&b, add ? RTM_NEWROUTE : RTM_DELROUTE,
	    add ? NLM_F_CREATE | NLM_F_EXCL : 0, 0);
	msg_put(h, &rtm, sizeof(rtm));
	attr_u32(h, RTA_OIF, (uint32_t)index);
	if (gw != NULL && gw->af != 0)
		attr_put(h, RTA_GATEWAY, gw->a, addr_len(af));
	return nl_talk(nl, h);
}

/* Neighbours. */

int
nl_neigh_get(struct nl *nl, int index, const struct addr *a, int *state,
    uint8_t *lladdr, int *lllen)
{
	struct ndmsg nd = { 0 };
	struct nl_neigh_query q = { index, a, state, lladdr, lllen };
	int i;

	nd.ndm_family = (uint8_t)a->af;
	for (i = 0; i < NL_DUMP_TRIES; i++) {
		*state = 0;
		*lllen = 0;
		if (nl_dump(nl, RTM_GETNEIGH, &nd, sizeof(nd),
		    nl_parse_neigh_query, &q) == 0)
			return 0;
		if (!nl->dump_intr)
			return -1;
	}
	return -1;
}

int
nl_neigh_del(struct nl *nl, int index, const struct addr *a)
{
	struct ndmsg nd = { 0 };
	union nlbuf b;
	struct nlmsghdr *h;

	nd.ndm_family = (uint8_t)a->af;
	nd.ndm_ifindex = index;
	h = msg_init(&b, RTM_DELNEIGH, 0, 0);
	msg_put(h, &nd, sizeof(nd));
	attr_put(h, NDA_DST, a->a, addr_len(a->af));
	return nl_talk(nl, h);
}
