/* netlink_test.c: requests carry the attributes the kernel expects; crafted answers, also malformed ones, are parsed or rejected within their bounds. */
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
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "netlink.h"

static struct rtattr *
find(struct rtattr *a, int len, int type)
{
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == type)
			return a;
	return NULL;
}

static void
test_vlan_request(void **state)
{
	static char buf[NL_MSGSIZE];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct rtattr *a, *info, *data;
	size_t len;

	(void)state;
	len = nl_build_link_add(buf, 7, "eth0.100", "vlan", 3, 100);
	assert_int_equal(len, h->nlmsg_len);
	assert_int_equal(h->nlmsg_type, RTM_NEWLINK);
	assert_int_equal(h->nlmsg_flags,
	    NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
	a = IFLA_RTA(NLMSG_DATA(h));
	len = IFLA_PAYLOAD(h);
	assert_non_null(find(a, (int)len, IFLA_IFNAME));
	assert_string_equal(RTA_DATA(find(a, (int)len, IFLA_IFNAME)),
	    "eth0.100");
	assert_int_equal(*(uint32_t *)RTA_DATA(find(a, (int)len, IFLA_LINK)),
	    3);
	info = find(a, (int)len, IFLA_LINKINFO);
	assert_non_null(info);
	a = find(RTA_DATA(info), (int)RTA_PAYLOAD(info), IFLA_INFO_KIND);
	assert_string_equal(RTA_DATA(a), "vlan");
	data = find(RTA_DATA(info), (int)RTA_PAYLOAD(info), IFLA_INFO_DATA);
	assert_non_null(data);
	a = find(RTA_DATA(data), (int)RTA_PAYLOAD(data), IFLA_VLAN_ID);
	assert_non_null(a);
	assert_int_equal(*(uint16_t *)RTA_DATA(a), 100);
	/* the nests end where the message ends */
	assert_ptr_equal((char *)info + RTA_ALIGN(info->rta_len),
	    buf + h->nlmsg_len);
}

static void
test_dummy_request(void **state)
{
	static char buf[NL_MSGSIZE];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct rtattr *a, *info;
	int len;

	(void)state;
	nl_build_link_add(buf, 1, "svc0", "dummy", 0, 0);
	a = IFLA_RTA(NLMSG_DATA(h));
	len = (int)IFLA_PAYLOAD(h);
	assert_null(find(a, len, IFLA_LINK));
	info = find(a, len, IFLA_LINKINFO);
	assert_non_null(info);
	assert_null(find(RTA_DATA(info), (int)RTA_PAYLOAD(info),
	    IFLA_INFO_DATA));
	assert_string_equal(RTA_DATA(find(RTA_DATA(info),
	    (int)RTA_PAYLOAD(info), IFLA_INFO_KIND)), "dummy");
}

/* Crafted answers: a datagram built message by message. */

#define SEQ		42
#define IDX_ETH		2
#define IDX_VLAN	3
#define AF_MCTP_	45

struct dgram {
	uint8_t	 b[NL_MSGSIZE];
	size_t	 n;
	size_t	 msg;		/* where the open message starts */
	size_t	 nest[4];
	int	 depth;
};

static void
put(struct dgram *d, const void *p, size_t len)
{
	assert_true(d->n + len <= sizeof(d->b));
	if (len > 0)
		memcpy(d->b + d->n, p, len);
	d->n += len;
}

static void
pad(struct dgram *d)
{
	while (d->n % 4 != 0)
		d->b[d->n++] = 0;
}

static void
msg_begin(struct dgram *d, uint16_t type, uint16_t flags, const void *fixed,
    size_t flen)
{
	struct nlmsghdr h = { 0, type, flags, SEQ, 0 };

	d->msg = d->n;
	put(d, &h, sizeof(h));
	put(d, fixed, flen);
	pad(d);
}

static void
msg_end(struct dgram *d)
{
	uint32_t len = (uint32_t)(d->n - d->msg);

	memcpy(d->b + d->msg, &len, sizeof(len));
}

/* An attribute whose rta_len is claimed (0: the true length). */
static void
attr_claim(struct dgram *d, uint16_t type, const void *p, size_t len,
    uint16_t claim)
{
	struct rtattr a;

	a.rta_len = claim != 0 ? claim : (uint16_t)(sizeof(a) + len);
	a.rta_type = type;
	put(d, &a, sizeof(a));
	put(d, p, len);
	pad(d);
}

static void
attr(struct dgram *d, uint16_t type, const void *p, size_t len)
{
	attr_claim(d, type, p, len, 0);
}

static void
attr32(struct dgram *d, uint16_t type, uint32_t v)
{
	attr(d, type, &v, sizeof(v));
}

static void
attrs(struct dgram *d, uint16_t type, const char *str)
{
	attr(d, type, str, strlen(str) + 1);
}

static void
nest_begin(struct dgram *d, uint16_t type)
{
	d->nest[d->depth++] = d->n;
	attr(d, type, NULL, 0);
}

static void
nest_close(struct dgram *d)
{
	size_t at = d->nest[--d->depth];
	uint16_t len = (uint16_t)(d->n - at);

	memcpy(d->b + at, &len, sizeof(len));
}

static void
done(struct dgram *d)
{
	int zero = 0;

	msg_begin(d, NLMSG_DONE, NLM_F_MULTI, &zero, sizeof(zero));
	msg_end(d);
}

static void
link_msg(struct dgram *d, int index, const char *name)
{
	struct ifinfomsg ifi = { 0 };

	ifi.ifi_family = AF_UNSPEC;
	ifi.ifi_index = index;
	ifi.ifi_flags = IFF_UP | 0x10000;	/* IFF_LOWER_UP */
	msg_begin(d, RTM_NEWLINK, NLM_F_MULTI, &ifi, sizeof(ifi));
	attrs(d, IFLA_IFNAME, name);
}

static void
addr_msg(struct dgram *d, int af, int index, int plen, int scope)
{
	struct ifaddrmsg ifa = { 0 };

	ifa.ifa_family = (uint8_t)af;
	ifa.ifa_prefixlen = (uint8_t)plen;
	ifa.ifa_scope = (uint8_t)scope;
	ifa.ifa_index = (uint32_t)index;
	msg_begin(d, RTM_NEWADDR, NLM_F_MULTI, &ifa, sizeof(ifa));
}

static void
route_msg(struct dgram *d, int af)
{
	struct rtmsg rtm = { 0 };

	rtm.rtm_family = (uint8_t)af;
	rtm.rtm_table = RT_TABLE_MAIN;
	rtm.rtm_protocol = RTPROT_STATIC;
	rtm.rtm_type = RTN_UNICAST;
	msg_begin(d, RTM_NEWROUTE, NLM_F_MULTI, &rtm, sizeof(rtm));
}

static const uint8_t v4[4] = { 192, 0, 2, 10 };
static const uint8_t v4gw[4] = { 192, 0, 2, 1 };
static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 };
static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };

/* A link dump, an address dump and a route dump in one datagram. */
static void
good(struct dgram *d)
{
	uint16_t vid = 100;

	memset(d, 0, sizeof(*d));
	link_msg(d, IDX_ETH, "eth0");
	attr32(d, IFLA_MTU, 1500);
	attr(d, IFLA_ADDRESS, mac, sizeof(mac));
	msg_end(d);
	link_msg(d, IDX_VLAN, "eth0.100");
	attr32(d, IFLA_LINK, IDX_ETH);
	nest_begin(d, IFLA_LINKINFO);
	attrs(d, IFLA_INFO_KIND, "vlan");
	nest_begin(d, IFLA_INFO_DATA);
	attr(d, IFLA_VLAN_ID, &vid, sizeof(vid));
	nest_close(d);
	nest_close(d);
	msg_end(d);
	addr_msg(d, AF_INET, IDX_VLAN, 24, RT_SCOPE_UNIVERSE);
	attr(d, IFA_ADDRESS, v4, 4);
	attr(d, IFA_LOCAL, v4, 4);
	attr32(d, IFA_FLAGS, IFA_F_PERMANENT);
	msg_end(d);
	addr_msg(d, AF_INET6, IDX_VLAN, 64, RT_SCOPE_UNIVERSE);
	attr(d, IFA_ADDRESS, v6, 16);
	attr32(d, IFA_FLAGS, IFA_F_TENTATIVE);
	msg_end(d);
	addr_msg(d, AF_INET6, IDX_VLAN, 64, RT_SCOPE_LINK);	/* skipped */
	attr(d, IFA_ADDRESS, v6, 16);
	msg_end(d);
	addr_msg(d, AF_MCTP_, IDX_ETH, 0, RT_SCOPE_UNIVERSE);	/* skipped */
	attr(d, IFA_LOCAL, "\x08", 1);
	msg_end(d);
	route_msg(d, AF_INET);
	attr32(d, RTA_TABLE, RT_TABLE_MAIN);
	attr32(d, RTA_OIF, IDX_VLAN);
	attr32(d, RTA_PRIORITY, 20);
	attr(d, RTA_GATEWAY, v4gw, 4);
	msg_end(d);
	done(d);
}

static struct netstate ns;

/* Parsed from a buffer of exactly its size: a read past it is caught by
 * ASan or valgrind. */
static int
parse_state(struct nl *nl, const struct dgram *d, size_t len)
{
	uint8_t *b = malloc(len > 0 ? len : 1);
	int rc;

	assert_non_null(b);
	memcpy(b, d->b, len);
	memset(nl, 0, sizeof(*nl));
	nl->seq = SEQ;
	rc = nl_parse_state(nl, b, len, &ns);
	free(b);
	return rc;
}

static void
test_good_dump(void **state)
{
	struct nl nl;
	struct dgram d;
	const struct ns_link *l;
	char s[80];

	(void)state;
	good(&d);
	memset(&ns, 0, sizeof(ns));
	assert_int_equal(parse_state(&nl, &d, d.n), 1);
	assert_true(nl.answered);
	assert_false(nl.dump_intr);
	assert_int_equal(ns.nlinks, 2);
	assert_non_null(l = ns_link_find(&ns, "eth0"));
	assert_int_equal(l->mtu, 1500);
	assert_int_equal(l->maclen, 6);
	assert_true(l->up && l->carrier);
	assert_non_null(l = ns_link_find(&ns, "eth0.100"));
	assert_string_equal(l->kind, "vlan");
	assert_int_equal(l->vlan, 100);
	assert_string_equal(l->parent, "eth0");
	assert_int_equal(ns.naddrs, 2);
	assert_string_equal(ns_addr_fmt(&ns.addrs[0], s, sizeof(s)),
	    "192.0.2.10/24 on eth0.100");
	assert_int_equal(ns.addrs[1].flags, IFA_F_TENTATIVE);
	assert_int_equal(ns.addrs[1].a.plen, 64);
	assert_int_equal(ns.nroutes, 1);
	assert_string_equal(ns_route_fmt(&ns.routes[0], s, sizeof(s)),
	    "IPv4 default route via 192.0.2.1 dev eth0.100");
	assert_int_equal(ns.routes[0].metric, 20);
}

static void
test_more_to_come(void **state)
{
	struct nl nl;
	struct dgram d;

	(void)state;
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_ETH, "eth0");
	msg_end(&d);
	memset(&ns, 0, sizeof(ns));
	assert_int_equal(parse_state(&nl, &d, d.n), 0);
	assert_false(nl.answered);
	assert_int_equal(ns.nlinks, 1);
	/* answers to another request are not ours */
	good(&d);
	memset(&ns, 0, sizeof(ns));
	memset(&nl, 0, sizeof(nl));
	nl.seq = SEQ + 1;
	assert_int_equal(nl_parse_state(&nl, d.b, d.n, &ns), 0);
	assert_int_equal(ns.nlinks, 0);
	/* an empty datagram is no answer yet */
	assert_int_equal(nl_parse_state(&nl, d.b, 0, &ns), 0);
}

static void
test_dump_intr(void **state)
{
	struct nl nl;
	struct dgram d;

	(void)state;
	good(&d);
	((struct nlmsghdr *)d.b)->nlmsg_flags |= NLM_F_DUMP_INTR;
	memset(&ns, 0, sizeof(ns));
	assert_int_equal(parse_state(&nl, &d, d.n), 1);
	assert_true(nl.dump_intr);
}

/* Expects d (a malformed answer) rejected with a reason holding want. */
static void
expect_bad(const struct dgram *d, const char *want)
{
	struct nl nl;

	memset(&ns, 0, sizeof(ns));
	errno = 0;
	assert_int_equal(parse_state(&nl, d, d->n), -1);
	assert_int_equal(errno, EBADMSG);
	if (strstr(nl.err, want) == NULL)
		fail_msg("reason \"%s\" lacks \"%s\"", nl.err, want);
}

static void
test_bad_framing(void **state)
{
	struct dgram d;
	struct nlmsghdr *h = (struct nlmsghdr *)d.b;

	(void)state;
	/* a header cut short */
	good(&d);
	d.n = 10;
	expect_bad(&d, "10 octets after the last message");
	/* nlmsg_len shorter than the header, longer than the datagram */
	good(&d);
	h->nlmsg_len = 8;
	expect_bad(&d, "message of length 8");
	good(&d);
	h->nlmsg_len = (uint32_t)d.n + 4;
	expect_bad(&d, "message of length");
	good(&d);
	h->nlmsg_len = 0xffffffffu;
	expect_bad(&d, "message of length");
	/* the datagram ends inside the last message */
	good(&d);
	d.n -= 2;
	expect_bad(&d, "message of length");
	/* shorter than its fixed header */
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_ETH, "eth0");
	msg_end(&d);
	h->nlmsg_len = NLMSG_HDRLEN + 4;
	d.n = h->nlmsg_len;
	expect_bad(&d, "shorter than its header");
	/* NLMSG_ERROR without its error */
	memset(&d, 0, sizeof(d));
	msg_begin(&d, NLMSG_ERROR, 0, "\0\0", 2);
	msg_end(&d);
	h->nlmsg_len = NLMSG_HDRLEN + 2;
	d.n = h->nlmsg_len;
	expect_bad(&d, "NLMSG_ERROR of 2 octets");
}

static void
test_bad_attrs(void **state)
{
	struct dgram d;
	uint16_t vid = 7;

	(void)state;
	/* an attribute shorter than its own header */
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_ETH, "eth0");
	attr_claim(&d, IFLA_MTU, "\0\0\0\0", 4, 2);
	msg_end(&d);
	expect_bad(&d, "attribute 4 of length 2");
	/* one running past the message (which has room in the datagram) */
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_ETH, "eth0");
	attr_claim(&d, IFLA_MTU, "\0\0\0\0", 4, 200);
	msg_end(&d);
	done(&d);
	expect_bad(&d, "attribute 4 of length 200");
	/* octets left over after the last attribute */
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_ETH, "eth0");
	put(&d, "\0\0", 2);
	msg_end(&d);
	expect_bad(&d, "2 octets after the last attribute");
	/* a u32 of 2 and of 8 octets */
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_ETH, "eth0");
	attr(&d, IFLA_MTU, "\1\1", 2);
	msg_end(&d);
	expect_bad(&d, "IFLA_MTU of 2 octets");
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_ETH, "eth0");
	attr(&d, IFLA_LINK, "\1\0\0\0\0\0\0\0", 8);
	msg_end(&d);
	expect_bad(&d, "IFLA_LINK of 8 octets");
	/* names: not NUL-terminated, too long, missing */
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_ETH, "eth0");
	attr(&d, IFLA_IFNAME, "eth1", 4);
	msg_end(&d);
	expect_bad(&d, "IFLA_IFNAME not NUL-terminated");
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_ETH, "a-name-of-twenty-two-");
	msg_end(&d);
	expect_bad(&d, "IFLA_IFNAME longer than 15");
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_ETH, "eth0");
	d.n -= 12;		/* the name attribute gone */
	msg_end(&d);
	expect_bad(&d, "without IFLA_IFNAME");
	/* a nest whose inner attribute runs past the nest */
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_VLAN, "eth0.7");
	nest_begin(&d, IFLA_LINKINFO);
	attr_claim(&d, IFLA_INFO_KIND, "vlan", 5, 64);
	nest_close(&d);
	attr32(&d, IFLA_MTU, 1500);
	attr32(&d, IFLA_LINK, 2);
	attr32(&d, IFLA_GROUP, 0);
	attr32(&d, IFLA_TXQLEN, 0);
	attr32(&d, IFLA_NUM_TX_QUEUES, 0);
	attr32(&d, IFLA_NUM_RX_QUEUES, 0);
	attr32(&d, IFLA_GSO_MAX_SEGS, 0);
	attr32(&d, IFLA_GSO_MAX_SIZE, 0);
	attr32(&d, IFLA_MIN_MTU, 0);
	attr32(&d, IFLA_MAX_MTU, 0);
	attr32(&d, IFLA_PROMISCUITY, 0);
	msg_end(&d);
	expect_bad(&d, "IFLA_LINKINFO: attribute 1 of length 64");
	/* a VLAN id of one octet */
	memset(&d, 0, sizeof(d));
	link_msg(&d, IDX_VLAN, "eth0.7");
	nest_begin(&d, IFLA_LINKINFO);
	attrs(&d, IFLA_INFO_KIND, "vlan");
	nest_begin(&d, IFLA_INFO_DATA);
	attr(&d, IFLA_VLAN_ID, &vid, 1);
	nest_close(&d);
	nest_close(&d);
	msg_end(&d);
	expect_bad(&d, "IFLA_VLAN_ID of 1 octets");
}

static void
test_bad_addresses(void **state)
{
	struct dgram d;

	(void)state;
	/* IPv4 with 16 octets, IPv6 with 4 */
	memset(&d, 0, sizeof(d));
	addr_msg(&d, AF_INET, IDX_ETH, 24, RT_SCOPE_UNIVERSE);
	attr(&d, IFA_LOCAL, v6, 16);
	msg_end(&d);
	expect_bad(&d, "address of 16 octets for IPv4");
	memset(&d, 0, sizeof(d));
	addr_msg(&d, AF_INET6, IDX_ETH, 64, RT_SCOPE_UNIVERSE);
	attr(&d, IFA_ADDRESS, v4, 4);
	msg_end(&d);
	expect_bad(&d, "address of 4 octets for IPv6");
	/* no address at all; a prefix length beyond the family's */
	memset(&d, 0, sizeof(d));
	addr_msg(&d, AF_INET6, IDX_ETH, 64, RT_SCOPE_UNIVERSE);
	msg_end(&d);
	expect_bad(&d, "without an address");
	memset(&d, 0, sizeof(d));
	addr_msg(&d, AF_INET, IDX_ETH, 33, RT_SCOPE_UNIVERSE);
	attr(&d, IFA_LOCAL, v4, 4);
	msg_end(&d);
	expect_bad(&d, "prefix length 33");
	/* IFA_FLAGS of one octet */
	memset(&d, 0, sizeof(d));
	addr_msg(&d, AF_INET, IDX_ETH, 24, RT_SCOPE_UNIVERSE);
	attr(&d, IFA_LOCAL, v4, 4);
	attr(&d, IFA_FLAGS, "\1", 1);
	msg_end(&d);
	expect_bad(&d, "IFA_FLAGS of 1 octets");
	/* a gateway of 3 octets, an interface index of 2 */
	memset(&d, 0, sizeof(d));
	route_msg(&d, AF_INET);
	attr32(&d, RTA_OIF, IDX_ETH);
	attr(&d, RTA_GATEWAY, v4gw, 3);
	msg_end(&d);
	expect_bad(&d, "RTA_GATEWAY of 3 octets for IPv4");
	memset(&d, 0, sizeof(d));
	route_msg(&d, AF_INET6);
	attr(&d, RTA_OIF, "\2\0", 2);
	msg_end(&d);
	expect_bad(&d, "RTA_OIF of 2 octets");
}

static void
test_errors(void **state)
{
	struct {
		int		 error;
		struct nlmsghdr	 orig;
	} e = { -EEXIST, { NLMSG_HDRLEN, RTM_NEWADDR, 0, SEQ, 0 } };
	struct dgram d;
	struct nl nl;

	(void)state;
	/* an error with the kernel's words */
	memset(&d, 0, sizeof(d));
	msg_begin(&d, NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS, &e,
	    sizeof(e));
	attrs(&d, NLMSGERR_ATTR_MSG, "Address already assigned");
	msg_end(&d);
	assert_int_equal(parse_state(&nl, &d, d.n), -1);
	assert_int_equal(errno, EEXIST);
	assert_true(nl.answered);
	assert_string_equal(nl.err, "Address already assigned");
	/* its words not NUL-terminated: the error stays, the words go */
	memset(&d, 0, sizeof(d));
	msg_begin(&d, NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS, &e,
	    sizeof(e));
	attr(&d, NLMSGERR_ATTR_MSG, "Address", 7);
	msg_end(&d);
	assert_int_equal(parse_state(&nl, &d, d.n), -1);
	assert_int_equal(errno, EEXIST);
	assert_string_equal(nl.err, "");
	/* not capped, and the original message claims more than there is */
	memset(&d, 0, sizeof(d));
	e.orig.nlmsg_len = 4000;
	msg_begin(&d, NLMSG_ERROR, NLM_F_ACK_TLVS, &e, sizeof(e));
	attrs(&d, NLMSGERR_ATTR_MSG, "words");
	msg_end(&d);
	assert_int_equal(parse_state(&nl, &d, d.n), -1);
	assert_int_equal(errno, EEXIST);
	assert_string_equal(nl.err, "");
	/* an ACK */
	memset(&d, 0, sizeof(d));
	e.error = 0;
	msg_begin(&d, NLMSG_ERROR, NLM_F_CAPPED, &e, sizeof(e));
	msg_end(&d);
	assert_int_equal(parse_state(&nl, &d, d.n), 1);
	/* a failed dump, and an error that is no errno */
	memset(&d, 0, sizeof(d));
	e.error = -EINTR;
	msg_begin(&d, NLMSG_DONE, NLM_F_MULTI, &e.error, sizeof(e.error));
	msg_end(&d);
	assert_int_equal(parse_state(&nl, &d, d.n), -1);
	assert_int_equal(errno, EINTR);
	memset(&d, 0, sizeof(d));
	e.error = -2147483647 - 1;
	msg_begin(&d, NLMSG_ERROR, 0, &e, sizeof(e));
	msg_end(&d);
	expect_bad(&d, "NLMSG_ERROR with error");
}

static void
test_neigh(void **state)
{
	struct ndmsg nd = { 0 };
	struct addr gw = { AF_INET, { 192, 0, 2, 1 }, 32 };
	uint8_t ll[NL_LLADDR_MAX];
	struct dgram d;
	struct nl nl;
	int st, lllen;

	(void)state;
	nd.ndm_family = AF_INET;
	nd.ndm_ifindex = IDX_ETH;
	nd.ndm_state = NUD_REACHABLE;
	memset(&d, 0, sizeof(d));
	msg_begin(&d, RTM_NEWNEIGH, NLM_F_MULTI, &nd, sizeof(nd));
	attr(&d, NDA_DST, v4gw, 4);
	attr(&d, NDA_LLADDR, mac, 6);
	msg_end(&d);
	done(&d);
	memset(&nl, 0, sizeof(nl));
	nl.seq = SEQ;
	st = lllen = 0;
	assert_int_equal(nl_parse_neigh(&nl, d.b, d.n, IDX_ETH, &gw, &st, ll,
	    &lllen), 1);
	assert_int_equal(st, NUD_REACHABLE);
	assert_int_equal(lllen, 6);
	assert_memory_equal(ll, mac, 6);
	/* a destination of the wrong length */
	memset(&d, 0, sizeof(d));
	msg_begin(&d, RTM_NEWNEIGH, NLM_F_MULTI, &nd, sizeof(nd));
	attr(&d, NDA_DST, v4gw, 2);
	msg_end(&d);
	st = 0;
	assert_int_equal(nl_parse_neigh(&nl, d.b, d.n, IDX_ETH, &gw, &st, ll,
	    &lllen), -1);
	assert_int_equal(errno, EBADMSG);
	assert_int_equal(st, 0);
	/* a link address longer than kept: the state, no address */
	memset(&d, 0, sizeof(d));
	msg_begin(&d, RTM_NEWNEIGH, NLM_F_MULTI, &nd, sizeof(nd));
	attr(&d, NDA_DST, v4gw, 4);
	attr(&d, NDA_LLADDR, v6, 16);
	attr(&d, NDA_LLADDR, "01234567890123456789", 20);
	msg_end(&d);
	lllen = 0;
	assert_int_equal(nl_parse_neigh(&nl, d.b, d.n, IDX_ETH, &gw, &st, ll,
	    &lllen), 0);
	assert_int_equal(st, NUD_REACHABLE);
	assert_int_equal(lllen, 0);
}

/* Every prefix and every one-octet change of a good dump: no crash. */
static void
test_mutations(void **state)
{
	struct dgram d, m;
	struct nl nl;
	size_t i;
	unsigned v;
	int rc;

	(void)state;
	good(&d);
	for (i = 0; i < d.n; i++) {
		memset(&ns, 0, sizeof(ns));
		rc = parse_state(&nl, &d, i);
		assert_true(rc == 0 || rc == -1);
	}
	for (i = 0; i < d.n; i++)
		for (v = 0; v < 256; v += 3) {
			m = d;
			m.b[i] = (uint8_t)v;
			memset(&ns, 0, sizeof(ns));
			(void)parse_state(&nl, &m, m.n);
			assert_true(strlen(nl.err) < sizeof(nl.err));
			assert_true(ns.nlinks <= 2 && ns.naddrs <= 3 &&
			    ns.nroutes <= 1);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vlan_request),
		cmocka_unit_test(test_dummy_request),
		cmocka_unit_test(test_good_dump),
		cmocka_unit_test(test_more_to_come),
		cmocka_unit_test(test_dump_intr),
		cmocka_unit_test(test_bad_framing),
		cmocka_unit_test(test_bad_attrs),
		cmocka_unit_test(test_bad_addresses),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_neigh),
		cmocka_unit_test(test_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
