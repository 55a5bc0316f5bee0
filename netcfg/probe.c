/* probe.c: checks a person can act on: link carrier, DAD, gateway answering ARP/ND, controller reachable. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <netinet/in.h>
#include <net/if.h>
#include <arpa/inet.h>

#include <linux/neighbour.h>

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dns.h"
#include "probe.h"
#include "tokenshape.h"
#include "prompt.h"

#define TICK_MS		100

void
check_print(FILE *f, const struct check *c)
{
	char hint[sizeof(c->hint) + 8];

	fprintf(f, "  %-7s %s: %s\n", c->ok ? "ok" : "FAILED", c->what,
	    c->detail);
	if (!c->ok && c->hint[0] != '\0') {
		snprintf(hint, sizeof(hint), "check: %s", c->hint);
		prompt_wrap(f, "          ", hint);
	}
	fflush(f);
}

static int
result(struct check *c, int ok, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
result(struct check *c, int ok, const char *hint, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->detail, sizeof(c->detail), fmt, ap);
	va_end(ap);
	snprintf(c->hint, sizeof(c->hint), "%s", hint ? hint : "");
	c->ok = ok;
	return ok ? 0 : -1;
}

static void
tick(void)
{
	struct timespec ts = { 0, TICK_MS * 1000000L };

	nanosleep(&ts, NULL);
}

static struct netstate *
state(struct nl *nl)
{
	static struct netstate ns;

	return nl_read_state(nl, &ns) == -1 ? NULL : &ns;
}

int
probe_carrier(struct nl *nl, const char *ifname, struct check *c)
{
	const struct ns_link *l = NULL;
	struct netstate *ns;
	int i;

	snprintf(c->what, sizeof(c->what), "link %s", ifname);
	for (i = 0; i < PROBE_CARRIER_WAIT * 1000 / TICK_MS; i++, tick()) {
		if ((ns = state(nl)) == NULL)
			return result(c, 0, NULL, "cannot read link state: %s",
			    nl_strerror(nl, errno));
		if ((l = ns_link_find(ns, ifname)) == NULL)
			return result(c, 0, "the interface name",
			    "no such interface");
		if (l->up && l->carrier)
			return result(c, 1, NULL, "up, carrier present");
	}
	return result(c, 0, "that the cable is plugged into this interface "
	    "and into the ISP's switch, and that the port is enabled",
	    "%s, no carrier after %d s", l->up ? "up" : "down",
	    PROBE_CARRIER_WAIT);
}

static const struct ns_addr *
find_addr(const struct netstate *ns, const char *ifname, const struct addr *a)
{
	int i;

	for (i = 0; i < ns->naddrs; i++)
		if (strcmp(ns->addrs[i].ifname, ifname) == 0 &&
		    memcmp(ns->addrs[i].a.a, a->a, 16) == 0)
			return &ns->addrs[i];
	return NULL;
}

int
probe_dad(struct nl *nl, const char *ifname, const struct addr *a,
    struct check *c)
{
	const struct ns_addr *na;
	struct netstate *ns;
	char s[ADDR_STRLEN];
	int i;

	snprintf(c->what, sizeof(c->what), "address %s", addr_fmt(a, s, 0));
	for (i = 0; i < PROBE_DAD_WAIT * 1000 / TICK_MS; i++, tick()) {
		if ((ns = state(nl)) == NULL)
			return result(c, 0, NULL, "cannot read addresses: %s",
			    nl_strerror(nl, errno));
		if ((na = find_addr(ns, ifname, a)) == NULL)
			return result(c, 0, NULL, "not on %s", ifname);
		if (na->flags & NS_ADDR_DADFAILED)
			return result(c, 0, "with the ISP which address is "
			    "this node's", "another host on the link already "
			    "uses it (duplicate address detected)");
		if (!(na->flags & NS_ADDR_TENTATIVE))
			return result(c, 1, NULL, "in use on %s, unique",
			    ifname);
	}
	return result(c, 0, NULL, "still tentative after %d s",
	    PROBE_DAD_WAIT);
}

static int
poke(const char *ifname, int index, const struct addr *gw)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, rc;

	if ((fd = socket(gw->af, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	(void)setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname,
	    (socklen_t)strlen(ifname));
	len = addr_sockaddr(gw, 9, &ss);	/* discard */
	if (gw->af == AF_INET6)
		((struct sockaddr_in6 *)&ss)->sin6_scope_id = (uint32_t)index;
	rc = (int)sendto(fd, "", 0, 0, (struct sockaddr *)&ss, len);
	close(fd);
	return rc == -1 ? -1 : 0;
}

static int
neigh_answered(int state)
{
	return state & (NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE);
}

static const char *
mac_fmt(const uint8_t *m, int len, char *buf)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < len && i < 8; i++)
		sprintf(buf + 3 * i, "%02x%s", m[i], i + 1 < len ? ":" : "");
	return buf;
}

int
probe_gateway(struct nl *nl, const char *ifname, const struct addr *gw,
    struct check *c)
{
	const char *proto = gw->af == AF_INET ? "ARP" : "neighbour solicitation";
	uint8_t ll[NL_LLADDR_MAX];
	char s[ADDR_STRLEN], mac[32];
	int index, st, lllen, i;

	snprintf(c->what, sizeof(c->what), "gateway %s", addr_fmt(gw, s, 0));
	if ((index = (int)if_nametoindex(ifname)) == 0)
		return result(c, 0, NULL, "no interface %s", ifname);
	if (nl_neigh_get(nl, index, gw, &st, ll, &lllen) == 0 &&
	    (st & (NUD_PERMANENT | NUD_NOARP)))
		return result(c, 1, NULL, "static neighbour entry, not probed");
	(void)nl_neigh_del(nl, index, gw);
	if (poke(ifname, index, gw) == -1)
		return result(c, 0, "the gateway address", "cannot send to "
		    "it: %s", strerror(errno));
	for (i = 0; i < PROBE_NEIGH_WAIT * 1000 / TICK_MS; i++, tick()) {
		if (nl_neigh_get(nl, index, gw, &st, ll, &lllen) == -1)
			return result(c, 0, NULL, "cannot read neighbours: %s",
			    nl_strerror(nl, errno));
		if (neigh_answered(st))
			return result(c, 1, NULL, "answers %s from %s", proto,
			    mac_fmt(ll, lllen, mac));
		if (st & NUD_FAILED)
			break;
	}
	return result(c, 0, gw->af == AF_INET ?
	    "the gateway address and the prefix length, the VLAN id, and that "
	    "the ISP's port is enabled" :
	    "the IPv6 gateway address, the VLAN id, and that the ISP's router "
	    "is on this link",
	    "no answer to %s on %s", proto, ifname);
}

/* Resolvers and the controller. */

/* The controller the token names, else the one of the controller: URL. */
static int
name_of(const struct netconf *nc, struct url *u, struct addr *lit)
{
	struct tokenshape ts;

	memset(u, 0, sizeof(*u));
	if (nc->token != NULL && tokenshape_check(nc->token, &ts) == NULL) {
		u->https = 1;
		snprintf(u->host, sizeof(u->host), "%s", ts.host);
		u->port = ts.port;
	} else if (nc->controller == NULL ||
	    netconf_check_url(nc->controller, u) != NULL)
		return -1;
	return addr_parse(u->host, lit) == NULL ? 1 : 0;
}

static const char *
no_answer(int err, const char *reason)
{
	if (err == ETIMEDOUT)
		return "timed out";
	if (err == EBADMSG && reason[0] != '\0')
		return reason;
	return strerror(err);
}

int
probe_resolver(const struct netconf *nc, const struct addr *res,
    struct check *c)
{
	struct dns_addr_answer ans;
	struct addr lit;
	struct url u;
	char s[ADDR_STRLEN], why[DNS_REASON_MAX];
	const char *q = ".";
	uint16_t qt = DNS_TYPE_NS;

	snprintf(c->what, sizeof(c->what), "resolver %s", addr_fmt(res, s, 0));
	if (name_of(nc, &u, &lit) == 0) {
		q = u.host;
		qt = nc->has_v4 ? DNS_TYPE_A : DNS_TYPE_AAAA;
	}
	if (dns_query(res, q, qt, PROBE_DNS_WAIT * 1000, &ans, why) == -1)
		return result(c, 0, "the resolver address given by the ISP, and "
		    "that the ISP lets this node reach it",
		    "no answer: %s", no_answer(errno, why));
	if (ans.rcode == 5 || ans.rcode == 4 || ans.rcode == 2)
		return result(c, 0, "that this resolver serves this node (ask "
		    "the ISP which resolver to use)", "answers %s for %s",
		    dns_rcode_name(ans.rcode), q);
	return result(c, 1, NULL, "answers (%s for %s)",
	    dns_rcode_name(ans.rcode), q);
}

/* The controller's addresses: the literal, or what the resolvers say. */
static int
controller_addrs(const struct netconf *nc, const struct url *u,
    struct addr *out, int max, struct check *c)
{
	static const uint16_t qtypes[2] = { DNS_TYPE_A, DNS_TYPE_AAAA };
	struct dns_addr_answer ans;
	char why[DNS_REASON_MAX];
	int i, f, j, n = 0;

	for (f = 0; f < 2; f++) {
		if ((f == 0 && !nc->has_v4) || (f == 1 && !nc->has_v6))
			continue;
		for (i = 0; i < nc->nresolvers; i++) {
			if (nc->resolvers[i].af == AF_INET6 && !nc->has_v6)
				continue;
			if (dns_query(&nc->resolvers[i], u->host, qtypes[f],
			    PROBE_DNS_WAIT * 1000, &ans, why) == 0 &&
			    ans.rcode == 0) {
				for (j = 0; j < ans.naddrs && n < max; j++)
					out[n++] = ans.addrs[j];
				break;
			}
		}
	}
	if (n == 0)
		result(c, 0, "the controller URL's host name, and the resolvers",
		    "no resolver knows an address of %s", u->host);
	return n;
}

static int
tcp_try(const struct addr *a, unsigned port)
{
	struct sockaddr_storage ss;
	struct pollfd pfd;
	socklen_t sslen, len = sizeof(int);
	int fd, err = 0;

	sslen = addr_sockaddr(a, (uint16_t)port, &ss);
	if ((fd = socket(a->af, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		return errno;
	if (connect(fd, (struct sockaddr *)&ss, sslen) == 0)
		goto done;
	if (errno != EINPROGRESS) {
		err = errno;
		goto done;
	}
	pfd.fd = fd;
	pfd.events = POLLOUT;
	if (poll(&pfd, 1, PROBE_TCP_WAIT * 1000) != 1)
		err = ETIMEDOUT;
	else
		(void)getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
 done:
	close(fd);
	return err;
}

static int
tcp_failed(struct check *c, const struct addr *a, unsigned port, int err)
{
	char s[ADDR_STRLEN];

	addr_fmt(a, s, 0);
	if (err == ECONNREFUSED)
		return result(c, 0, "the port in the controller URL; the "
		    "address answers but nothing listens there",
		    "%s refused port %u", s, port);
	if (err == ETIMEDOUT)
		return result(c, 0, "that the ISP does not filter outgoing "
		    "connections to this port, and the controller address",
		    "no answer from %s port %u within %d s", s, port,
		    PROBE_TCP_WAIT);
	return result(c, 0, "the gateway and the routing at the ISP",
	    "cannot reach %s port %u: %s", s, port, strerror(err));
}

int
probe_controller(const struct netconf *nc, struct check *c)
{
	struct addr addrs[8];
	struct url u;
	char s[ADDR_STRLEN];
	int n, i, err = 0, kind;

	snprintf(c->what, sizeof(c->what), "controller");
	if ((kind = name_of(nc, &u, &addrs[0])) == -1)
		return result(c, 0, NULL, "no controller: neither a token nor a URL names one");
	snprintf(c->what, sizeof(c->what), "controller %.80s", u.host);
	n = kind == 1 ? 1 : controller_addrs(nc, &u, addrs, 8, c);
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((addrs[i].af == AF_INET && !nc->has_v4) ||
		    (addrs[i].af == AF_INET6 && !nc->has_v6))
			continue;
		if ((err = tcp_try(&addrs[i], u.port)) == 0)
			return result(c, 1, NULL, "reachable at %s port %u",
			    addr_fmt(&addrs[i], s, 0), u.port);
	}
	if (err == 0)
		return result(c, 0, "the controller URL", "no address of %s "
		    "in a family this node has", u.host);
	return tcp_failed(c, &addrs[n - 1], u.port, err);
}
