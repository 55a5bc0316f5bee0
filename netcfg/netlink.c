/* netlink.c: rtnetlink spoken directly (no libmnl), enough to configure an uplink. */
#include <sys/socket.h>
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

#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP		0x10000		/* <linux/if.h> clashes */
#endif
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
	if (sendto(nl->fd, h, h->nlmsg_len, 0, (struct sockaddr *)&sa,
	    sizeof(sa)) == -1)
		return -1;
	return 0;
}

/* Keeps the extended ack's message (NLMSGERR_ATTR_MSG) of an error. */
static void
ext_ack(struct nl *nl, const struct nlmsghdr *h)
{
	const struct nlmsgerr *e = NLMSG_DATA(h);
	const struct rtattr *a;
	size_t off;
	int len;

	nl->err[0] = '\0';
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = sizeof(*e);
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (NLMSG_LENGTH(off) >= h->nlmsg_len)
		return;
	a = (const struct rtattr *)((const char *)e + NLMSG_ALIGN(off));
	len = (int)(h->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(off)));
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == 1 /* NLMSGERR_ATTR_MSG */)
			snprintf(nl->err, sizeof(nl->err), "%.*s",
			    (int)RTA_PAYLOAD(a), (const char *)RTA_DATA(a));
}

typedef int (*nl_cb)(const struct nlmsghdr *, void *);

/*
 * Reads answers to the last request until its ACK or NLMSG_DONE, handing
 * each data message to cb.  0, or -1 with errno set.
 */
static int
nl_recv(struct nl *nl, nl_cb cb, void *arg)
{
	static union nlbuf rb[8];
	struct nlmsghdr *h;
	ssize_t n;
	int len;

	for (;;) {
		if ((n = recv(nl->fd, rb, sizeof(rb), 0)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		len = (int)n;
		for (h = &rb[0].h; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_seq != nl->seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				if (e->error == 0)
					return 0;
				ext_ack(nl, h);
				errno = -e->error;
				return -1;
			}
			if (cb != NULL && cb(h, arg) == -1)
				return -1;
		}
	}
}

static int
nl_talk(struct nl *nl, struct nlmsghdr *h)
{
	nl->err[0] = '\0';
	h->nlmsg_flags |= NLM_F_ACK;
	if (nl_send(nl, h) == -1)
		return -1;
	return nl_recv(nl, NULL, NULL);
}

static int
nl_dump(struct nl *nl, uint16_t type, const void *hdr, size_t hlen, nl_cb cb,
    void *arg)
{
	union nlbuf b;
	struct nlmsghdr *h;

	h = msg_init(&b, type, NLM_F_DUMP, 0);
	msg_put(h, hdr, hlen);
	nl->err[0] = '\0';
	if (nl_send(nl, h) == -1)
		return -1;
	return nl_recv(nl, cb, arg);
}

/* Reading the state. */

static void
parse_attrs(struct rtattr *tb[], int max, struct rtattr *a, int len)
{
	memset(tb, 0, sizeof(tb[0]) * ((size_t)max + 1));
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type <= max)
			tb[a->rta_type] = a;
}

static void
copy_name(char dst[NS_IFNAMSIZ], const struct rtattr *a)
{
	snprintf(dst, NS_IFNAMSIZ, "%.*s", (int)RTA_PAYLOAD(a),
	    (const char *)RTA_DATA(a));
}

static void
link_info(struct ns_link *l, struct rtattr *info)
{
	struct rtattr *ti[IFLA_INFO_MAX + 1], *tv[IFLA_VLAN_MAX + 1];

	parse_attrs(ti, IFLA_INFO_MAX, RTA_DATA(info), (int)RTA_PAYLOAD(info));
	if (ti[IFLA_INFO_KIND] != NULL)
		copy_name(l->kind, ti[IFLA_INFO_KIND]);
	if (strcmp(l->kind, "vlan") != 0 || ti[IFLA_INFO_DATA] == NULL)
		return;
	parse_attrs(tv, IFLA_VLAN_MAX, RTA_DATA(ti[IFLA_INFO_DATA]),
	    (int)RTA_PAYLOAD(ti[IFLA_INFO_DATA]));
	if (tv[IFLA_VLAN_ID] != NULL)
		l->vlan = *(uint16_t *)RTA_DATA(tv[IFLA_VLAN_ID]);
}

struct link_parents {
	struct netstate	*ns;
	int		 parent[NS_MAX_LINKS];
};

static int
link_cb(const struct nlmsghdr *h, void *arg)
{
	struct link_parents *lp = arg;
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	struct rtattr *tb[IFLA_MAX + 1];
	struct ns_link l = { 0 };
	size_t n;

	if (h->nlmsg_type != RTM_NEWLINK)
		return 0;
	parse_attrs(tb, IFLA_MAX, IFLA_RTA(ifi), (int)IFLA_PAYLOAD(h));
	if (tb[IFLA_IFNAME] == NULL)
		return 0;
	copy_name(l.name, tb[IFLA_IFNAME]);
	l.index = ifi->ifi_index;
	l.up = (ifi->ifi_flags & IFF_UP) != 0;
	l.carrier = (ifi->ifi_flags & IFF_LOWER_UP) != 0;
	if (tb[IFLA_MTU] != NULL)
		l.mtu = *(uint32_t *)RTA_DATA(tb[IFLA_MTU]);
	if (tb[IFLA_ADDRESS] != NULL) {
		n = RTA_PAYLOAD(tb[IFLA_ADDRESS]);
		l.maclen = n > sizeof(l.mac) ? 0 : (int)n;
		memcpy(l.mac, RTA_DATA(tb[IFLA_ADDRESS]), (size_t)l.maclen);
	}
	if (tb[IFLA_LINKINFO] != NULL)
		link_info(&l, tb[IFLA_LINKINFO]);
	if (lp->ns->nlinks < NS_MAX_LINKS)
		lp->parent[lp->ns->nlinks] = tb[IFLA_LINK] == NULL ? 0 :
		    *(int *)RTA_DATA(tb[IFLA_LINK]);
	(void)ns_add_link(lp->ns, &l);
	return 0;
}

static int
addr_cb(const struct nlmsghdr *h, void *arg)
{
	struct netstate *ns = arg;
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	struct rtattr *tb[IFA_MAX + 1], *a;
	const struct ns_link *l;
	struct ns_addr na = { 0 };

	if (h->nlmsg_type != RTM_NEWADDR || ifa->ifa_scope >= RT_SCOPE_LINK)
		return 0;
	parse_attrs(tb, IFA_MAX, IFA_RTA(ifa), (int)IFA_PAYLOAD(h));
	if ((a = tb[IFA_LOCAL]) == NULL)
		a = tb[IFA_ADDRESS];
	if (a == NULL || (l = ns_link_byindex(ns, (int)ifa->ifa_index)) == NULL)
		return 0;
	snprintf(na.ifname, sizeof(na.ifname), "%s", l->name);
	na.a.af = ifa->ifa_family;
	na.a.plen = ifa->ifa_prefixlen;
	memcpy(na.a.a, RTA_DATA(a), addr_len(ifa->ifa_family));
	na.flags = tb[IFA_FLAGS] != NULL ? *(uint32_t *)RTA_DATA(tb[IFA_FLAGS]) :
	    ifa->ifa_flags;
	(void)ns_add_addr(ns, &na);
	return 0;
}

static int
route_cb(const struct nlmsghdr *h, void *arg)
{
	struct netstate *ns = arg;
	struct rtmsg *rtm = NLMSG_DATA(h);
	struct rtattr *tb[RTA_MAX + 1];
	const struct ns_link *l;
	struct ns_route r = { 0 };
	uint32_t table = rtm->rtm_table;

	if (h->nlmsg_type != RTM_NEWROUTE || rtm->rtm_dst_len != 0)
		return 0;
	parse_attrs(tb, RTA_MAX, RTM_RTA(rtm), (int)RTM_PAYLOAD(h));
	if (tb[RTA_TABLE] != NULL)
		table = *(uint32_t *)RTA_DATA(tb[RTA_TABLE]);
	if (table != RT_TABLE_MAIN || tb[RTA_OIF] == NULL)
		return 0;
	if ((l = ns_link_byindex(ns, *(int *)RTA_DATA(tb[RTA_OIF]))) == NULL)
		return 0;
	r.af = rtm->rtm_family;
	r.proto = rtm->rtm_protocol;
	snprintf(r.ifname, sizeof(r.ifname), "%s", l->name);
	if (tb[RTA_PRIORITY] != NULL)
		r.metric = *(uint32_t *)RTA_DATA(tb[RTA_PRIORITY]);
	if (tb[RTA_GATEWAY] != NULL) {
		r.gw.af = r.af;
		r.gw.plen = r.af == AF_INET ? 32 : 128;
		memcpy(r.gw.a, RTA_DATA(tb[RTA_GATEWAY]), addr_len(r.af));
	}
	(void)ns_add_route(ns, &r);
	return 0;
}

static void
resolve_parents(struct link_parents *lp)
{
	const struct ns_link *p;
	int i;

	for (i = 0; i < lp->ns->nlinks; i++)
		if (lp->parent[i] != 0 &&
		    (p = ns_link_byindex(lp->ns, lp->parent[i])) != NULL)
			snprintf(lp->ns->links[i].parent, NS_IFNAMSIZ, "%s",
			    p->name);
}

int
nl_read_state(struct nl *nl, struct netstate *ns)
{
	static struct link_parents lp;
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct ifaddrmsg ifa = { .ifa_family = AF_UNSPEC };
	struct rtmsg rtm = { .rtm_family = AF_UNSPEC };

	memset(ns, 0, sizeof(*ns));
	memset(&lp, 0, sizeof(lp));
	lp.ns = ns;
	if (nl_dump(nl, RTM_GETLINK, &ifi, sizeof(ifi), link_cb, &lp) == -1)
		return -1;
	resolve_parents(&lp);
	if (nl_dump(nl, RTM_GETADDR, &ifa, sizeof(ifa), addr_cb, ns) == -1)
		return -1;
	rtm.rtm_family = AF_INET;
	if (nl_dump(nl, RTM_GETROUTE, &rtm, sizeof(rtm), route_cb, ns) == -1)
		return -1;
	rtm.rtm_family = AF_INET6;
	return nl_dump(nl, RTM_GETROUTE, &rtm, sizeof(rtm), route_cb, ns);
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

struct neigh_q {
	int		 index;
	const struct addr *a;
	int		*state;
	uint8_t		*lladdr;
	int		*lllen;
};

static int
neigh_cb(const struct nlmsghdr *h, void *arg)
{
	struct neigh_q *q = arg;
	struct ndmsg *nd = NLMSG_DATA(h);
	struct rtattr *tb[NDA_MAX + 1];

	if (h->nlmsg_type != RTM_NEWNEIGH || nd->ndm_ifindex != q->index ||
	    nd->ndm_family != q->a->af)
		return 0;
	parse_attrs(tb, NDA_MAX, (struct rtattr *)((char *)nd +
	    NLMSG_ALIGN(sizeof(*nd))), (int)(h->nlmsg_len -
	    NLMSG_LENGTH(sizeof(*nd))));
	if (tb[NDA_DST] == NULL ||
	    memcmp(RTA_DATA(tb[NDA_DST]), q->a->a, addr_len(q->a->af)) != 0)
		return 0;
	*q->state = nd->ndm_state;
	if (tb[NDA_LLADDR] != NULL && RTA_PAYLOAD(tb[NDA_LLADDR]) <= 16) {
		*q->lllen = (int)RTA_PAYLOAD(tb[NDA_LLADDR]);
		memcpy(q->lladdr, RTA_DATA(tb[NDA_LLADDR]), (size_t)*q->lllen);
	}
	return 0;
}

/* state is 0 when the kernel has no entry; lladdr holds 16 bytes. */
int
nl_neigh_get(struct nl *nl, int index, const struct addr *a, int *state,
    uint8_t *lladdr, int *lllen)
{
	struct ndmsg nd = { 0 };
	struct neigh_q q = { index, a, state, lladdr, lllen };

	*state = 0;
	*lllen = 0;
	nd.ndm_family = (uint8_t)a->af;
	return nl_dump(nl, RTM_GETNEIGH, &nd, sizeof(nd), neigh_cb, &q);
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
