/* nlparse.c: the parsers of what rtnetlink answers, on a buffer: every length checked before a read, nothing aligned assumed. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <netinet/in.h>
#include <net/if.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "netlink.h"

#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP		0x10000		/* <linux/if.h> clashes */
#endif

/* An attribute's payload; data is NULL when the attribute is absent. */
struct payload {
	const uint8_t	*data;
	size_t		 len;
};

static int
bad(struct nl *nl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A malformed message: -1 with errno EBADMSG and nl->err saying what. */
static int
bad(struct nl *nl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(nl->err, sizeof(nl->err), fmt, ap);
	va_end(ap);
	errno = EBADMSG;
	return -1;
}

/*
 * Splits the attributes in p (len octets) by type into tb[0..max], the
 * last of a type winning; -1 when one runs past the end or is shorter
 * than its own header, or octets too few for a header are left over.
 */
static int
attrs_parse(struct nl *nl, struct payload tb[], int max, const uint8_t *p,
    size_t len, const char *what)
{
	struct rtattr a;
	size_t off = 0, step;
	int type;

	memset(tb, 0, sizeof(tb[0]) * ((size_t)max + 1));
	while (off < len) {
		if (len - off < sizeof(a))
			return bad(nl, "%s: %zu octets after the last "
			    "attribute", what, len - off);
		memcpy(&a, p + off, sizeof(a));
		if (a.rta_len < sizeof(a) || a.rta_len > len - off)
			return bad(nl, "%s: attribute %u of length %u in %zu "
			    "octets", what, a.rta_type, a.rta_len, len - off);
		type = a.rta_type & NLA_TYPE_MASK;
		if (type <= max) {
			tb[type].data = p + off + RTA_LENGTH(0);
			tb[type].len = a.rta_len - RTA_LENGTH(0);
		}
		step = RTA_ALIGN(a.rta_len);
		off += step < len - off ? step : len - off;
	}
	return 0;
}

static int
get_u32(struct nl *nl, const struct payload *v, const char *what,
    uint32_t *out)
{
	*out = 0;
	if (v->len != sizeof(*out))
		return bad(nl, "%s of %zu octets, not 4", what, v->len);
	memcpy(out, v->data, sizeof(*out));
	return 0;
}

static int
get_u16(struct nl *nl, const struct payload *v, const char *what,
    uint16_t *out)
{
	*out = 0;
	if (v->len != sizeof(*out))
		return bad(nl, "%s of %zu octets, not 2", what, v->len);
	memcpy(out, v->data, sizeof(*out));
	return 0;
}

/* A string NUL-terminated within its payload and fitting dst. */
static int
get_str(struct nl *nl, const struct payload *v, const char *what, char *dst,
    size_t dstlen)
{
	const uint8_t *nul;

	if ((nul = memchr(v->data, '\0', v->len)) == NULL)
		return bad(nl, "%s not NUL-terminated", what);
	if ((size_t)(nul - v->data) >= dstlen)
		return bad(nl, "%s longer than %zu octets", what, dstlen - 1);
	memcpy(dst, v->data, (size_t)(nul - v->data) + 1);
	return 0;
}

static int
ip_family(int af)
{
	return af == AF_INET || af == AF_INET6;
}

static size_t
addr_len(int af)
{
	return af == AF_INET ? 4 : 16;
}

/* An address of family af (AF_INET or AF_INET6): exactly 4 or 16 octets. */
static int
get_addr(struct nl *nl, const struct payload *v, int af, const char *what,
    uint8_t out[16])
{
	if (v->len != addr_len(af))
		return bad(nl, "%s of %zu octets for %s", what, v->len,
		    af == AF_INET ? "IPv4" : "IPv6");
	memset(out, 0, 16);
	memcpy(out, v->data, v->len);
	return 0;
}

/* A message's fixed header (copied out) and where its attributes are. */
static int
fixed_part(struct nl *nl, const uint8_t *msg, size_t len, void *hdr,
    size_t hlen, const char *what, struct payload *attrs)
{
	size_t off = NLMSG_ALIGN(hlen);

	attrs->data = msg;
	attrs->len = 0;
	if (len < hlen)
		return bad(nl, "%s of %zu octets, shorter than its header",
		    what, len);
	memcpy(hdr, msg, hlen);
	attrs->data = msg + (off < len ? off : len);
	attrs->len = off < len ? len - off : 0;
	return 0;
}

/* Keeps the extended ack's message (NLMSGERR_ATTR_MSG) of an error. */
static void
ext_ack(struct nl *nl, uint16_t flags, const uint8_t *data, size_t len)
{
	struct payload tb[NLMSGERR_ATTR_MSG + 1];
	struct nlmsghdr orig;
	size_t off = sizeof(struct nlmsgerr);
	char msg[sizeof(nl->err)];

	nl->err[0] = '\0';
	if (!(flags & NLM_F_ACK_TLVS) || len < off)
		return;
	memcpy(&orig, data + offsetof(struct nlmsgerr, msg), sizeof(orig));
	if (!(flags & NLM_F_CAPPED)) {
		if (orig.nlmsg_len < NLMSG_HDRLEN ||
		    orig.nlmsg_len - NLMSG_HDRLEN > len - off)
			return;
		off += orig.nlmsg_len - NLMSG_HDRLEN;
	}
	off = NLMSG_ALIGN(off);
	if (off >= len || attrs_parse(nl, tb, NLMSGERR_ATTR_MSG, data + off,
	    len - off, "extended ack") == -1 ||
	    tb[NLMSGERR_ATTR_MSG].data == NULL ||
	    get_str(nl, &tb[NLMSGERR_ATTR_MSG], "extended ack message", msg,
	    sizeof(msg)) == -1) {
		nl->err[0] = '\0';
		return;
	}
	memcpy(nl->err, msg, sizeof(msg));
}

/* NLMSG_DONE: the end of a dump, with its error since Linux 4.x. */
static int
on_done(struct nl *nl, const uint8_t *data, size_t len)
{
	int error = 0;

	nl->answered = 1;
	if (len >= sizeof(error))
		memcpy(&error, data, sizeof(error));
	if (error == 0)
		return 1;
	if (error > 0 || error <= -4096)
		return bad(nl, "NLMSG_DONE with error %d", error);
	snprintf(nl->err, sizeof(nl->err), "the dump failed");
	errno = -error;
	return -1;
}

/* NLMSG_ERROR: an ACK when its error is 0. */
static int
on_error(struct nl *nl, uint16_t flags, const uint8_t *data, size_t len)
{
	int error;

	nl->answered = 1;
	if (len < sizeof(error))
		return bad(nl, "NLMSG_ERROR of %zu octets", len);
	memcpy(&error, data, sizeof(error));
	if (error == 0)
		return 1;
	if (error > 0 || error <= -4096)
		return bad(nl, "NLMSG_ERROR with error %d", error);
	ext_ack(nl, flags, data, len);
	errno = -error;
	return -1;
}

static int
one_msg(struct nl *nl, const struct nlmsghdr *h, const uint8_t *data,
    size_t len, nl_cb cb, void *arg)
{
	if (h->nlmsg_flags & NLM_F_DUMP_INTR)
		nl->dump_intr = 1;
	if (h->nlmsg_type == NLMSG_DONE)
		return on_done(nl, data, len);
	if (h->nlmsg_type == NLMSG_ERROR)
		return on_error(nl, h->nlmsg_flags, data, len);
	if (h->nlmsg_type < NLMSG_MIN_TYPE || cb == NULL)
		return 0;
	return cb(nl, h->nlmsg_type, data, len, arg) == -1 ? -1 : 0;
}

int
nl_parse_reply(struct nl *nl, const void *buf, size_t len, nl_cb cb,
    void *arg)
{
	const uint8_t *p = buf;
	struct nlmsghdr h;
	size_t off = 0, step;
	int rc;

	while (off < len) {
		if (len - off < sizeof(h))
			return bad(nl, "%zu octets after the last message",
			    len - off);
		memcpy(&h, p + off, sizeof(h));
		if (h.nlmsg_len < NLMSG_HDRLEN || h.nlmsg_len > len - off)
			return bad(nl, "message of length %u in %zu octets",
			    h.nlmsg_len, len - off);
		if (h.nlmsg_seq == nl->seq && (rc = one_msg(nl, &h,
		    p + off + NLMSG_HDRLEN, h.nlmsg_len - NLMSG_HDRLEN, cb,
		    arg)) != 0)
			return rc;
		step = NLMSG_ALIGN(h.nlmsg_len);
		off += step < len - off ? step : len - off;
	}
	return 0;
}

/* Links, addresses, default routes. */

static void
link_info(struct nl *nl, struct ns_link *l, const struct payload *info,
    int *bad_info)
{
	struct payload ti[IFLA_INFO_MAX + 1], tv[IFLA_VLAN_MAX + 1];
	uint16_t id;

	*bad_info = 1;
	if (attrs_parse(nl, ti, IFLA_INFO_MAX, info->data, info->len,
	    "IFLA_LINKINFO") == -1)
		return;
	if (ti[IFLA_INFO_KIND].data != NULL && get_str(nl,
	    &ti[IFLA_INFO_KIND], "IFLA_INFO_KIND", l->kind,
	    sizeof(l->kind)) == -1)
		return;
	if (strcmp(l->kind, "vlan") != 0 || ti[IFLA_INFO_DATA].data == NULL) {
		*bad_info = 0;
		return;
	}
	if (attrs_parse(nl, tv, IFLA_VLAN_MAX, ti[IFLA_INFO_DATA].data,
	    ti[IFLA_INFO_DATA].len, "IFLA_INFO_DATA") == -1)
		return;
	if (tv[IFLA_VLAN_ID].data != NULL) {
		if (get_u16(nl, &tv[IFLA_VLAN_ID], "IFLA_VLAN_ID", &id) == -1)
			return;
		l->vlan = id;
	}
	*bad_info = 0;
}

/* One RTM_NEWLINK into l: 0, or -1 (EBADMSG). */
static int
link_msg_parse(struct nl *nl, const uint8_t *msg, size_t len,
    struct ns_link *l)
{
	struct payload tb[IFLA_MAX + 1], attrs;
	struct ifinfomsg ifi;
	uint32_t v;
	int bad_info;

	memset(l, 0, sizeof(*l));
	if (fixed_part(nl, msg, len, &ifi, sizeof(ifi), "RTM_NEWLINK",
	    &attrs) == -1 || attrs_parse(nl, tb, IFLA_MAX, attrs.data,
	    attrs.len, "RTM_NEWLINK") == -1)
		return -1;
	if (tb[IFLA_IFNAME].data == NULL)
		return bad(nl, "RTM_NEWLINK without IFLA_IFNAME");
	if (get_str(nl, &tb[IFLA_IFNAME], "IFLA_IFNAME", l->name,
	    sizeof(l->name)) == -1)
		return -1;
	l->index = ifi.ifi_index;
	l->up = (ifi.ifi_flags & IFF_UP) != 0;
	l->carrier = (ifi.ifi_flags & IFF_LOWER_UP) != 0;
	if (tb[IFLA_MTU].data != NULL) {
		if (get_u32(nl, &tb[IFLA_MTU], "IFLA_MTU", &v) == -1)
			return -1;
		l->mtu = v;
	}
	/* longer link addresses (InfiniBand, tunnels) are not kept */
	if (tb[IFLA_ADDRESS].data != NULL &&
	    tb[IFLA_ADDRESS].len <= sizeof(l->mac)) {
		l->maclen = (int)tb[IFLA_ADDRESS].len;
		memcpy(l->mac, tb[IFLA_ADDRESS].data, tb[IFLA_ADDRESS].len);
	}
	if (tb[IFLA_LINK].data != NULL) {
		if (get_u32(nl, &tb[IFLA_LINK], "IFLA_LINK", &v) == -1)
			return -1;
		l->parent_index = (int)v;
	}
	if (tb[IFLA_LINKINFO].data != NULL) {
		link_info(nl, l, &tb[IFLA_LINKINFO], &bad_info);
		if (bad_info)
			return -1;
	}
	return 0;
}

/*
 * One RTM_NEWADDR into na (its ifname left empty) and *index: 1, 0 when
 * it is not kept (not IP, or of link or host scope), -1 (EBADMSG).
 */
static int
ifaddr_msg_parse(struct nl *nl, const uint8_t *msg, size_t len,
    struct ns_addr *na, int *index)
{
	struct payload tb[IFA_MAX + 1], attrs, *a;
	struct ifaddrmsg ifa;
	uint32_t flags;

	memset(na, 0, sizeof(*na));
	if (fixed_part(nl, msg, len, &ifa, sizeof(ifa), "RTM_NEWADDR",
	    &attrs) == -1 || attrs_parse(nl, tb, IFA_MAX, attrs.data,
	    attrs.len, "RTM_NEWADDR") == -1)
		return -1;
	if (!ip_family(ifa.ifa_family) || ifa.ifa_scope >= RT_SCOPE_LINK)
		return 0;
	if (ifa.ifa_prefixlen > addr_len(ifa.ifa_family) * 8)
		return bad(nl, "RTM_NEWADDR with prefix length %u",
		    ifa.ifa_prefixlen);
	if ((a = &tb[IFA_LOCAL])->data == NULL)
		a = &tb[IFA_ADDRESS];
	if (a->data == NULL)
		return bad(nl, "RTM_NEWADDR without an address");
	if (get_addr(nl, a, ifa.ifa_family, "RTM_NEWADDR address",
	    na->a.a) == -1)
		return -1;
	na->a.af = ifa.ifa_family;
	na->a.plen = ifa.ifa_prefixlen;
	na->flags = ifa.ifa_flags;
	if (tb[IFA_FLAGS].data != NULL) {
		if (get_u32(nl, &tb[IFA_FLAGS], "IFA_FLAGS", &flags) == -1)
			return -1;
		na->flags = flags;
	}
	*index = (int)ifa.ifa_index;
	return 1;
}

/*
 * One RTM_NEWROUTE into r (its ifname left empty) and *oif: 1 for a default
 * route of the main table through an interface, 0 for another, -1.
 */
static int
route_msg_parse(struct nl *nl, const uint8_t *msg, size_t len,
    struct ns_route *r, int *oif)
{
	struct payload tb[RTA_MAX + 1], attrs;
	struct rtmsg rtm;
	uint32_t table, v;

	memset(r, 0, sizeof(*r));
	if (fixed_part(nl, msg, len, &rtm, sizeof(rtm), "RTM_NEWROUTE",
	    &attrs) == -1 || attrs_parse(nl, tb, RTA_MAX, attrs.data,
	    attrs.len, "RTM_NEWROUTE") == -1)
		return -1;
	if (!ip_family(rtm.rtm_family) || rtm.rtm_dst_len != 0)
		return 0;
	table = rtm.rtm_table;
	if (tb[RTA_TABLE].data != NULL &&
	    get_u32(nl, &tb[RTA_TABLE], "RTA_TABLE", &table) == -1)
		return -1;
	if (table != RT_TABLE_MAIN || tb[RTA_OIF].data == NULL)
		return 0;
	if (get_u32(nl, &tb[RTA_OIF], "RTA_OIF", &v) == -1)
		return -1;
	*oif = (int)v;
	r->af = rtm.rtm_family;
	r->proto = rtm.rtm_protocol;
	if (tb[RTA_PRIORITY].data != NULL) {
		if (get_u32(nl, &tb[RTA_PRIORITY], "RTA_PRIORITY", &v) == -1)
			return -1;
		r->metric = v;
	}
	if (tb[RTA_GATEWAY].data != NULL) {
		if (get_addr(nl, &tb[RTA_GATEWAY], r->af, "RTA_GATEWAY",
		    r->gw.a) == -1)
			return -1;
		r->gw.af = r->af;
		r->gw.plen = r->af == AF_INET ? 32 : 128;
	}
	return 1;
}

static int
on_link(struct nl *nl, const uint8_t *msg, size_t len, struct netstate *ns)
{
	struct ns_link l;

	if (link_msg_parse(nl, msg, len, &l) == -1)
		return -1;
	(void)ns_add_link(ns, &l);
	return 0;
}

static int
on_addr(struct nl *nl, const uint8_t *msg, size_t len, struct netstate *ns)
{
	const struct ns_link *l;
	struct ns_addr na;
	int rc, index = 0;

	if ((rc = ifaddr_msg_parse(nl, msg, len, &na, &index)) != 1)
		return rc;
	if ((l = ns_link_byindex(ns, index)) == NULL)
		return 0;
	snprintf(na.ifname, sizeof(na.ifname), "%s", l->name);
	(void)ns_add_addr(ns, &na);
	return 0;
}

static int
on_route(struct nl *nl, const uint8_t *msg, size_t len, struct netstate *ns)
{
	const struct ns_link *l;
	struct ns_route r;
	int rc, oif = 0;

	if ((rc = route_msg_parse(nl, msg, len, &r, &oif)) != 1)
		return rc;
	if ((l = ns_link_byindex(ns, oif)) == NULL)
		return 0;
	snprintf(r.ifname, sizeof(r.ifname), "%s", l->name);
	(void)ns_add_route(ns, &r);
	return 0;
}

static const struct {
	uint16_t	 type;
	int		(*on)(struct nl *, const uint8_t *, size_t,
			    struct netstate *);
} state_handlers[] = {
	{ RTM_NEWLINK, on_link },
	{ RTM_NEWADDR, on_addr },
	{ RTM_NEWROUTE, on_route },
};

static int
state_cb(struct nl *nl, uint16_t type, const uint8_t *msg, size_t len,
    void *arg)
{
	size_t i;

	for (i = 0; i < sizeof(state_handlers) / sizeof(state_handlers[0]);
	    i++)
		if (state_handlers[i].type == type)
			return state_handlers[i].on(nl, msg, len, arg);
	return 0;
}

static void
resolve_parents(struct netstate *ns)
{
	const struct ns_link *p;
	int i;

	for (i = 0; i < ns->nlinks; i++)
		if (ns->links[i].parent_index != 0 &&
		    (p = ns_link_byindex(ns, ns->links[i].parent_index)) !=
		    NULL)
			snprintf(ns->links[i].parent, NS_IFNAMSIZ, "%s",
			    p->name);
}

int
nl_parse_state(struct nl *nl, const void *buf, size_t len,
    struct netstate *ns)
{
	int rc;

	rc = nl_parse_reply(nl, buf, len, state_cb, ns);
	resolve_parents(ns);
	return rc;
}

/* Neighbours. */

static int
neigh_cb(struct nl *nl, uint16_t type, const uint8_t *msg, size_t len,
    void *arg)
{
	struct nl_neigh_query *q = arg;
	struct payload tb[NDA_MAX + 1], attrs;
	struct ndmsg nd;
	uint8_t dst[16];

	if (type != RTM_NEWNEIGH)
		return 0;
	if (fixed_part(nl, msg, len, &nd, sizeof(nd), "RTM_NEWNEIGH",
	    &attrs) == -1 || attrs_parse(nl, tb, NDA_MAX, attrs.data,
	    attrs.len, "RTM_NEWNEIGH") == -1)
		return -1;
	if (nd.ndm_ifindex != q->index || nd.ndm_family != q->a->af ||
	    !ip_family(nd.ndm_family) || tb[NDA_DST].data == NULL)
		return 0;
	if (get_addr(nl, &tb[NDA_DST], nd.ndm_family, "NDA_DST", dst) == -1)
		return -1;
	if (memcmp(dst, q->a->a, addr_len(q->a->af)) != 0)
		return 0;
	*q->state = nd.ndm_state;
	/* longer link addresses are not kept */
	if (tb[NDA_LLADDR].data != NULL &&
	    tb[NDA_LLADDR].len <= NL_LLADDR_MAX) {
		*q->lllen = (int)tb[NDA_LLADDR].len;
		memcpy(q->lladdr, tb[NDA_LLADDR].data, tb[NDA_LLADDR].len);
	}
	return 0;
}

int
nl_parse_neigh(struct nl *nl, const void *buf, size_t len, int index,
    const struct addr *a, int *state, uint8_t *lladdr, int *lllen)
{
	struct nl_neigh_query q = { index, a, state, lladdr, lllen };

	return nl_parse_neigh_query(nl, buf, len, &q);
}

int
nl_parse_neigh_query(struct nl *nl, const void *buf, size_t len, void *query)
{
	return nl_parse_reply(nl, buf, len, neigh_cb, query);
}
