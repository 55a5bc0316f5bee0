/* guard_test.c: the XDP guard run by the kernel on crafted frames (bpf_prog_test_run_opts): every verdict and reason, truncation, VLANs, IPv6 extension headers, fragments, the token bucket, the slip reply's bytes, replacing a stale guard. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <linux/if_link.h>
#include <net/if.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "control_proto.h"
#include "guard.h"
#include "guard_parse.h"

static const char conf[] =
    "node:\n identity: node1.lab\n uplink: eth0\n"
    " uplink-address: 198.51.100.18/28\n uplink-address: 2001:db8:100:2::2/64\n"
    "bgp:\n asn: 64500\n"
    "neighbor:\n address: 198.51.100.17\n asn: 64501\n"
    "xdp:\n rate: %u\n burst: %u\n slip: 2\n exempt: 203.0.113.128/25\n"
    "tenant:\n name: root\n notify-port: 5301\n prefix: 192.0.2.0/24\n"
    " prefix: 2001:db8:a::/48\n"
    " address: 192.0.2.1\n address: 2001:db8:a::1\n zone: .\n"
    " primary: 198.51.100.34\n tsig-name: root-xfr\n"
    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n";

#define SVC4	"192.0.2.1"
#define SVC6	"2001:db8:a::1"
#define UP4	"198.51.100.18"
#define UP6	"2001:db8:100:2::2"
#define CLI4	"198.51.100.99"
#define CLI6	"2001:db8:c::99"
#define PRIM	"198.51.100.34"
#define NEIGH	"198.51.100.17"
#define EXEMPT	"203.0.113.200"
#define OTHER4	"203.0.113.50"

static struct guard *g;
static struct nodeconf *nc;

/* A frame to craft: one row of a table. */
struct spec {
	const char *name;
	int	 vlans;		/* 0, 1 (802.1Q), 2 (QinQ) */
	int	 arp;		/* not IP at all */
	const char *src, *dst;	/* the family follows */
	int	 ip4opts;	/* bytes of IPv4 options */
	int	 ext6;		/* IPv6 extension headers (hop-by-hop, dst opts) */
	int	 frag;		/* 1: first fragment, 2: a later one, 3: atomic (v6) */
	int	 proto;		/* 0: UDP */
	int	 sport, dport;
	int	 tcpflags;
	int	 icmptype;
	int	 dns;		/* a DNS message as payload */
	int	 dnsflags;	/* its third octet: QR, opcode, RD */
	int	 qdcount;	/* 0 means 1; -1 for 0 */
	int	 edns;		/* an OPT record with DO */
	int	 dnslen;	/* cut the message to this length; 0: whole */
	int	 bad;		/* 1 IHL 4, 2 UDP length, 3 TCP offset, 4 IP version */
	int	 reason;	/* expected */
};

static void
put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static unsigned
sum16(const uint8_t *p, size_t n)
{
	unsigned s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (unsigned)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (unsigned)p[n - 1] << 8;
	return s;
}

static unsigned
fold(unsigned s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s;
}

/* The DNS message: a query for example.com, cut as s says. */
static size_t
dns_msg(const struct spec *s, uint8_t *p, int v6)
{
	static const uint8_t qname[] = "\7example\3com";
	static const uint8_t opt[] = { 0, 0, 41, 0x10, 0, 0, 0, 0x80, 0, 0,
	    0 };
	size_t n = 12;

	memset(p, 0, 12);
	put16(p, 0xbeef);
	p[2] = (uint8_t)(s->dnsflags != 0 ? s->dnsflags : 0x01);
	put16(p + 4, s->qdcount == 0 ? 1 : s->qdcount < 0 ? 0 :
	    (unsigned)s->qdcount);
	put16(p + 10, s->edns ? 1 : 0);
	memcpy(p + n, qname, sizeof(qname));
	n += sizeof(qname);
	put16(p + n, v6 ? 28 : 1);
	put16(p + n + 2, 1);
	n += 4;
	if (s->edns) {
		memcpy(p + n, opt, sizeof(opt));
		n += sizeof(opt);
	}
	if (s->dnslen != 0)
		n = s->dnslen < 0 ? 0 : (size_t)s->dnslen;
	return n;
}

/* The transport header and payload at p; its length. */
static size_t
l4(const struct spec *s, uint8_t *p, int v6)
{
	int proto = s->proto != 0 ? s->proto : IPPROTO_UDP;
	size_t n;

	switch (proto) {
	case IPPROTO_UDP:
		memset(p, 0, 8);
		put16(p, (unsigned)(s->sport != 0 ? s->sport : 40000));
		put16(p + 2, (unsigned)(s->dport != 0 ? s->dport : 53));
		n = 8 + (s->dns || s->dport == 0 ? dns_msg(s, p + 8, v6) : 4);
		put16(p + 4, (unsigned)n + (s->bad == 2 ? 100 : 0));
		return n;
	case IPPROTO_TCP:
		memset(p, 0, 20);
		put16(p, (unsigned)(s->sport != 0 ? s->sport : 40000));
		put16(p + 2, (unsigned)(s->dport != 0 ? s->dport : 53));
		p[12] = s->bad == 3 ? 0x30 : 0x50;
		p[13] = (uint8_t)(s->tcpflags != 0 ? s->tcpflags : 0x02);
		put16(p + 14, 65535);
		n = 20;
		if (s->dns) {
			n += 2 + dns_msg(s, p + 22, v6);
			put16(p + 20, (unsigned)n - 22);
		}
		return n;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		memset(p, 0, 8);
		p[0] = (uint8_t)s->icmptype;
		return 8;
	default:
		memset(p, 0, 8);
		return 8;
	}
}

/* The whole frame from the spec; its length. */
static size_t
craft(const struct spec *s, uint8_t *f)
{
	static const uint8_t macs[12] = { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2 };
	int v6 = strchr(s->dst, ':') != NULL, i, proto;
	uint8_t *ip, *h;
	size_t n = 12, hl, ln;

	memcpy(f, macs, 12);
	for (i = 0; i < s->vlans; i++, n += 4) {
		put16(f + n, i == 0 && s->vlans == 2 ? 0x88a8 : 0x8100);
		put16(f + n + 2, 100 + (unsigned)i);
	}
	if (s->arp) {
		put16(f + n, 0x0806);
		memset(f + n + 2, 0, 28);
		return n + 30;
	}
	put16(f + n, v6 ? 0x86dd : 0x0800);
	ip = f + n + 2;
	proto = s->proto != 0 ? s->proto : IPPROTO_UDP;
	if (!v6) {
		hl = 20 + (size_t)s->ip4opts;
		memset(ip, 0, hl);
		memset(ip + 20, 1, (size_t)s->ip4opts);	/* NOPs */
		ip[0] = (uint8_t)((s->bad == 4 ? 0x50 : 0x40) |
		    (s->bad == 1 ? 4 : hl / 4));
		put16(ip + 4, 0x1234);
		put16(ip + 6, s->frag == 1 ? 0x2000 : s->frag == 2 ? 16 : 0x4000);
		ip[8] = 64;
		ip[9] = (uint8_t)proto;
		inet_pton(AF_INET, s->src, ip + 12);
		inet_pton(AF_INET, s->dst, ip + 16);
		ln = l4(s, ip + hl, 0);
		put16(ip + 2, (unsigned)(hl + ln));
		put16(ip + 10, ~fold(sum16(ip, hl)) & 0xffff);
		return (size_t)(ip - f) + hl + ln;
	}
	memset(ip, 0, 40);
	ip[0] = s->bad == 4 ? 0x40 : 0x60;
	ip[7] = 64;
	inet_pton(AF_INET6, s->src, ip + 8);
	inet_pton(AF_INET6, s->dst, ip + 24);
	h = ip + 6;		/* the next-header octet to fill */
	hl = 40;
	for (i = 0; i < s->ext6; i++, hl += 8) {
		*h = i == 0 ? 0 : 60;	/* hop-by-hop first, then dst opts */
		memset(ip + hl, 0, 8);
		ip[hl + 2] = 1;		/* PadN of 4 */
		ip[hl + 3] = 4;
		h = ip + hl;
	}
	if (s->frag != 0) {
		*h = 44;
		memset(ip + hl, 0, 8);
		put16(ip + hl + 2, s->frag == 1 ? 1 : s->frag == 2 ? 16 << 3 : 0);
		put16(ip + hl + 4, 0x1234);
		h = ip + hl;
		hl += 8;
	}
	*h = (uint8_t)proto;
	ln = l4(s, ip + hl, 1);
	put16(ip + 4, (unsigned)(hl - 40 + ln));
	return (size_t)(ip - f) + hl + ln;
}

static struct guard_count before[GR_NREASONS];

/* Runs the guard on len octets of f: its action; out gets the frame. */
static int
run(const uint8_t *f, size_t len, uint8_t *out, size_t *outlen)
{
	uint8_t in[2048], dummy[2048];
	LIBBPF_OPTS(bpf_test_run_opts, o);

	memcpy(in, f, len);
	o.data_in = in;
	o.data_size_in = (__u32)len;
	o.data_out = out != NULL ? out : dummy;
	o.data_size_out = sizeof(dummy);
	o.repeat = 1;
	guard_read_reasons(g, before);
	assert_int_equal(bpf_prog_test_run_opts(guard_prog_fd(g), &o), 0);
	if (outlen != NULL)
		*outlen = o.data_size_out;
	return (int)o.retval;
}

/* The reason counted by the last run, -1 for none or several. */
static int
last_reason(void)
{
	struct guard_count now[GR_NREASONS];
	int r, found = -1;

	guard_read_reasons(g, now);
	for (r = 0; r < GR_NREASONS; r++)
		if (now[r].packets != before[r].packets) {
			if (found >= 0 || now[r].packets != before[r].packets + 1)
				return -1;
			found = r;
		}
	return found;
}

_Static_assert(XDP_ABORTED == 0 && XDP_DROP == 1 && XDP_PASS == 2 &&
    XDP_TX == 3, "guard_reason_action's numbers are linux/bpf.h's");

static int
action_of(int reason)
{
	return guard_reason_action(reason);
}

static void
expect(const struct spec *s)
{
	uint8_t f[2048];
	size_t n = craft(s, f);
	int act = run(f, n, NULL, NULL), r = last_reason();

	if (r != s->reason || act != action_of(s->reason))
		fail_msg("%s: reason %s action %d, want %s", s->name,
		    guard_reason_name(r), act, guard_reason_name(s->reason));
}

static struct nodeconf *
load_conf(unsigned rate, unsigned burst)
{
	char buf[2048];
	int n = snprintf(buf, sizeof(buf), conf, rate, burst);

	return nodeconf_load_buf("t", buf, (size_t)n, stderr);
}

static int
reconfigure_burst(unsigned rate, unsigned burst)
{
	char why[256];

	nodeconf_free(nc);
	if ((nc = load_conf(rate, burst)) == NULL ||
	    guard_configure(g, nc, why, sizeof(why)) < 0)
		return -1;
	return 0;
}

/* Burst 5 throughout, but where a test says otherwise. */
static int
reconfigure(unsigned rate)
{
	return reconfigure_burst(rate, 5);
}

/* The CPUs the test may use; it runs on the first (the guard keeps
 * state per CPU: the slip's count, what a CPU holds of a bucket). */
static cpu_set_t allowed;

/* Moves the test onto the nth CPU of set: 0 when there is none. */
static int
pin_nth(const cpu_set_t *set, int nth)
{
	cpu_set_t one;
	int cpu;

	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, set) && nth-- == 0) {
			CPU_ZERO(&one);
			CPU_SET(cpu, &one);
			return sched_setaffinity(0, sizeof(one), &one) == 0;
		}
	return 0;
}

static int
setup(void **state)
{
	char why[512];

	(void)state;
	if (geteuid() != 0)
		return 0;	/* the tests skip */
	if (sched_getaffinity(0, sizeof(allowed), &allowed) < 0 ||
	    !pin_nth(&allowed, 0)) {
		fprintf(stderr, "cannot pin the test to a CPU: %s\n",
		    strerror(errno));
		return -1;
	}
	if ((g = guard_load(why, sizeof(why))) == NULL) {
		fprintf(stderr, "cannot load XDP guard: %s\n", why);
		return -1;
	}
	return reconfigure(0);
}

static int
teardown(void **state)
{
	(void)state;
	guard_free(g);
	nodeconf_free(nc);
	return 0;
}

#define NEED_GUARD() do {					\
	if (g == NULL)						\
		skip();						\
} while (0)

#define UDP	IPPROTO_UDP
#define TCP	IPPROTO_TCP
#define ICMP	IPPROTO_ICMP
#define ICMP6	IPPROTO_ICMPV6
#define SYN	0x02
#define ACK	0x10

static const struct spec table[] = {
	/* queries, however they are framed */
	{ "v4 query", .src = CLI4, .dst = SVC4, .dns = 1, .reason = GR_PASS_DNS },
	{ "v6 query edns do", .src = CLI6, .dst = SVC6, .dns = 1, .edns = 1,
	    .reason = GR_PASS_DNS },
	{ "802.1Q v4", .vlans = 1, .src = CLI4, .dst = SVC4, .dns = 1,
	    .reason = GR_PASS_DNS },
	{ "QinQ v6", .vlans = 2, .src = CLI6, .dst = SVC6, .dns = 1,
	    .reason = GR_PASS_DNS },
	{ "QinQ v4 options", .vlans = 2, .src = CLI4, .dst = SVC4,
	    .ip4opts = 12, .dns = 1, .reason = GR_PASS_DNS },
	{ "v4 options", .src = CLI4, .dst = SVC4, .ip4opts = 40, .dns = 1,
	    .reason = GR_PASS_DNS },
	{ "v6 ext headers", .src = CLI6, .dst = SVC6, .ext6 = 2, .dns = 1,
	    .reason = GR_PASS_DNS },
	{ "v6 atomic fragment", .src = CLI6, .dst = SVC6, .frag = 3,
	    .dns = 1, .reason = GR_PASS_DNS },
	{ "tcp syn", .src = CLI4, .dst = SVC4, .proto = TCP, .tcpflags = SYN,
	    .reason = GR_PASS_DNS },
	{ "tcp query", .src = CLI6, .dst = SVC6, .proto = TCP,
	    .tcpflags = ACK | 0x08, .dns = 1, .reason = GR_PASS_DNS },
	{ "exempt", .src = EXEMPT, .dst = SVC4, .dns = 1,
	    .reason = GR_PASS_EXEMPT },
	{ "notify from primary", .src = PRIM, .dst = SVC4, .dns = 1,
	    .dnsflags = 0x20, .reason = GR_PASS_DNS },
	/* fragments */
	{ "v4 first fragment", .src = CLI4, .dst = SVC4, .frag = 1, .dns = 1,
	    .reason = GR_DROP_FRAGMENT },
	{ "v4 later fragment", .src = CLI4, .dst = SVC4, .frag = 2, .dns = 1,
	    .reason = GR_DROP_FRAGMENT },
	{ "v6 fragment", .src = CLI6, .dst = SVC6, .ext6 = 1, .frag = 1,
	    .dns = 1, .reason = GR_DROP_FRAGMENT },
	{ "v6 later fragment", .src = CLI6, .dst = UP6, .frag = 2,
	    .reason = GR_DROP_FRAGMENT },
	/* not DNS to a service address */
	{ "udp port", .src = CLI4, .dst = SVC4, .dport = 54, .reason = GR_DROP_PORT },
	{ "tcp port", .src = CLI6, .dst = SVC6, .proto = TCP, .dport = 22,
	    .reason = GR_DROP_PORT },
	{ "gre", .src = CLI4, .dst = SVC4, .proto = 47, .reason = GR_DROP_PROTO },
	{ "icmp echo", .src = CLI4, .dst = SVC4, .proto = ICMP, .icmptype = 8,
	    .reason = GR_PASS_ICMP },
	{ "icmp unreachable", .src = CLI4, .dst = SVC4, .proto = ICMP,
	    .icmptype = 3, .reason = GR_PASS_ICMP },
	{ "icmp timestamp", .src = CLI4, .dst = SVC4, .proto = ICMP,
	    .icmptype = 13, .reason = GR_DROP_ICMP },
	{ "icmpv6 packet too big", .src = CLI6, .dst = SVC6, .proto = ICMP6,
	    .icmptype = 2, .reason = GR_PASS_ICMP },
	{ "icmpv6 neighbour solicitation", .src = CLI6, .dst = SVC6,
	    .proto = ICMP6, .icmptype = 135, .reason = GR_PASS_ICMP },
	{ "icmpv6 node information", .src = CLI6, .dst = SVC6, .proto = ICMP6,
	    .icmptype = 139, .reason = GR_DROP_ICMP },
	{ "icmp over v6", .src = CLI6, .dst = SVC6, .proto = ICMP,
	    .reason = GR_DROP_PROTO },
	/* DNS that cannot be a query */
	{ "dns short", .src = CLI4, .dst = SVC4, .dns = 1, .dnslen = 11,
	    .reason = GR_DROP_DNS_SHORT },
	{ "dns empty", .src = CLI4, .dst = SVC4, .dns = 1, .dnslen = -1,
	    .reason = GR_DROP_DNS_SHORT },
	{ "dns qr", .src = CLI4, .dst = SVC4, .dns = 1, .dnsflags = 0x81,
	    .reason = GR_DROP_DNS_QR },
	{ "dns qdcount 2", .src = CLI6, .dst = SVC6, .dns = 1, .qdcount = 2,
	    .reason = GR_DROP_DNS_QDCOUNT },
	{ "dns qdcount 0", .src = CLI4, .dst = SVC4, .dns = 1, .qdcount = -1,
	    .reason = GR_DROP_DNS_QDCOUNT },
	{ "dns status", .src = CLI4, .dst = SVC4, .dns = 1, .dnsflags = 0x10,
	    .reason = GR_DROP_DNS_OPCODE },
	{ "dns update", .src = CLI4, .dst = SVC4, .dns = 1, .dnsflags = 0x28,
	    .reason = GR_DROP_DNS_OPCODE },
	{ "notify from elsewhere", .src = CLI4, .dst = SVC4, .dns = 1,
	    .dnsflags = 0x20, .reason = GR_DROP_NOTIFY_SRC },
	{ "dns name cut", .src = CLI4, .dst = SVC4, .dns = 1, .dnslen = 17,
	    .reason = GR_DROP_MALFORMED },
	/* the uplink address */
	{ "bgp", .src = NEIGH, .dst = UP4, .proto = TCP, .dport = 179,
	    .reason = GR_PASS_BGP },
	{ "bgp reply", .src = NEIGH, .dst = UP4, .proto = TCP, .sport = 179,
	    .dport = 50000, .tcpflags = ACK, .reason = GR_PASS_BGP },
	{ "bgp stranger", .src = OTHER4, .dst = UP4, .proto = TCP,
	    .dport = 179, .reason = GR_DROP_NEIGHBOR },
	{ "bfd", .src = NEIGH, .dst = UP4, .dport = 3784, .reason = GR_PASS_BFD },
	{ "bfd stranger", .src = CLI4, .dst = UP4, .dport = 3784,
	    .reason = GR_DROP_NEIGHBOR },
	{ "notify port", .src = PRIM, .dst = UP4, .dport = 5301, .dns = 1,
	    .dnsflags = 0x20, .reason = GR_PASS_NOTIFY },
	{ "notify port stranger", .src = CLI4, .dst = UP4, .dport = 5301,
	    .dns = 1, .dnsflags = 0x20, .reason = GR_DROP_NOTIFY_SRC },
	{ "uplink syn", .src = CLI4, .dst = UP4, .proto = TCP, .dport = 22,
	    .reason = GR_DROP_UPLINK },
	{ "uplink tcp reply", .src = CLI6, .dst = UP6, .proto = TCP,
	    .sport = 443, .dport = 41000, .tcpflags = ACK,
	    .reason = GR_PASS_UPLINK },
	{ "uplink dns reply", .src = CLI4, .dst = UP4, .sport = 53,
	    .dport = 41000, .reason = GR_PASS_UPLINK },
	{ "uplink udp", .src = CLI4, .dst = UP4, .dport = 9999,
	    .reason = GR_DROP_UPLINK },
	{ "uplink dns", .src = CLI4, .dst = UP4, .dns = 1,
	    .reason = GR_DROP_UPLINK },
	{ "uplink icmpv6 echo", .src = CLI6, .dst = UP6, .proto = ICMP6,
	    .icmptype = 128, .reason = GR_PASS_ICMP },
	{ "uplink gre", .src = CLI4, .dst = UP4, .proto = 47,
	    .reason = GR_DROP_PROTO },
	/* not guarded */
	{ "other address", .src = CLI4, .dst = OTHER4, .dport = 9999,
	    .reason = GR_PASS_OTHER },
	{ "arp", .arp = 1, .src = CLI4, .dst = SVC4, .reason = GR_PASS_OTHER },
	{ "arp in QinQ", .arp = 1, .vlans = 2, .src = CLI4, .dst = SVC4,
	    .reason = GR_PASS_OTHER },
	/* malformed */
	{ "ihl 4", .src = CLI4, .dst = SVC4, .dns = 1, .bad = 1,
	    .reason = GR_DROP_MALFORMED },
	{ "udp length", .src = CLI4, .dst = SVC4, .dns = 1, .bad = 2,
	    .reason = GR_DROP_MALFORMED },
	{ "tcp offset", .src = CLI4, .dst = SVC4, .proto = TCP, .bad = 3,
	    .reason = GR_DROP_MALFORMED },
	{ "ip version", .src = CLI4, .dst = SVC4, .dns = 1, .bad = 4,
	    .reason = GR_DROP_MALFORMED },
	{ "ipv6 version", .src = CLI6, .dst = SVC6, .dns = 1, .bad = 4,
	    .reason = GR_DROP_MALFORMED },
};

/* GUARD_TEST_CORPUS=DIR: the table's frames also written there, the
 * seeds of the parser's fuzzer (fuzz/corpus/guard_parse). */
static void
seed(const struct spec *s, size_t i)
{
	const char *dir = getenv("GUARD_TEST_CORPUS");
	char path[512];
	uint8_t f[2048];
	size_t n;
	FILE *fp;

	if (dir == NULL)
		return;
	n = craft(s, f);
	snprintf(path, sizeof(path), "%s/table-%02zu", dir, i);
	if ((fp = fopen(path, "w")) != NULL) {
		fwrite(f, 1, n, fp);
		fclose(fp);
	}
}

static void
test_table(void **state)
{
	size_t i;

	(void)state;
	NEED_GUARD();
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		expect(&table[i]);
		seed(&table[i], i);
	}
}

/* Every frame cut short anywhere is dropped, never passed. */
static void
test_truncated(void **state)
{
	static const struct spec frames[] = {
		{ "v4", .vlans = 1, .src = CLI4, .dst = SVC4, .ip4opts = 8,
		    .dns = 1, .edns = 1 },
		{ "v6", .vlans = 2, .src = CLI6, .dst = SVC6, .ext6 = 2,
		    .dns = 1, .edns = 1 },
		{ "tcp", .src = CLI4, .dst = SVC4, .proto = TCP },
	};
	uint8_t f[2048];
	size_t i, n, cut;
	int act;

	(void)state;
	NEED_GUARD();
	for (i = 0; i < sizeof(frames) / sizeof(frames[0]); i++) {
		n = craft(&frames[i], f);
		assert_int_equal(run(f, n, NULL, NULL), XDP_PASS);
		for (cut = 14; cut < n; cut++) {
			act = run(f, cut, NULL, NULL);
			if (act != XDP_DROP || last_reason() != GR_DROP_MALFORMED)
				fail_msg("%s cut at %zu: action %d", frames[i].name,
				    cut, act);
		}
	}
}

/* The DNS message cut at every length, the IP and UDP lengths saying so. */
static void
test_dns_cut(void **state)
{
	struct spec s = { "cut", .src = CLI6, .dst = SVC6, .dns = 1, .edns = 1 };
	int len;

	(void)state;
	NEED_GUARD();
	/* 12 header, 13 name, 4 type and class, 11 OPT (dnslen 0: whole) */
	for (len = -1; len <= 40; len++) {
		s.dnslen = len;
		s.reason = len < 12 && len != 0 ? GR_DROP_DNS_SHORT :
		    len < 29 && len != 0 ? GR_DROP_MALFORMED : GR_PASS_DNS;
		expect(&s);
	}
}

static void
set_clock(uint64_t ns)
{
	assert_int_equal(guard_set_clock(g, ns), 0);
}

static int
query_from(const char *src, const char *dst)
{
	struct spec s = { "q", .src = src, .dst = dst, .dns = 1 };
	uint8_t f[2048];

	run(f, craft(&s, f), NULL, NULL);
	return last_reason();
}

/* rate 10/s, burst 5, slip 2: the bucket empties and refills by the clock. */
static void
test_token_bucket(void **state)
{
	int i;

	(void)state;
	NEED_GUARD();
	assert_int_equal(reconfigure(10), 0);
	set_clock(1000000000ULL);
	for (i = 0; i < 5; i++)
		assert_int_equal(query_from("198.51.100.1", SVC4), GR_PASS_DNS);
	/* the same /24: limited, every second one slipped */
	assert_int_equal(query_from("198.51.100.200", SVC4), GR_DROP_RATE);
	assert_int_equal(query_from("198.51.100.1", SVC4), GR_TX_SLIP);
	assert_int_equal(query_from("198.51.100.1", SVC4), GR_DROP_RATE);
	/* another /24, an exempt source: their own */
	assert_int_equal(query_from("198.51.101.1", SVC4), GR_PASS_DNS);
	for (i = 0; i < 10; i++)
		assert_int_equal(query_from(EXEMPT, SVC4), GR_PASS_EXEMPT);
	/* 100 ms: one token */
	set_clock(1100000000ULL);
	assert_int_equal(query_from("198.51.100.7", SVC4), GR_PASS_DNS);
	assert_int_equal(query_from("198.51.100.7", SVC4), GR_TX_SLIP);
	/* 10 s: full again, but never more than the burst */
	set_clock(11100000000ULL);
	for (i = 0; i < 5; i++)
		assert_int_equal(query_from("198.51.100.1", SVC4), GR_PASS_DNS);
	assert_int_equal(query_from("198.51.100.1", SVC4), GR_DROP_RATE);
	/* IPv6: a /56 shares a bucket */
	for (i = 0; i < 5; i++)
		assert_int_equal(query_from("2001:db8:1:100::1", SVC6),
		    GR_PASS_DNS);
	assert_int_equal(query_from("2001:db8:1:1ff::2", SVC6), GR_DROP_RATE);
	assert_int_equal(query_from("2001:db8:1:200::1", SVC6), GR_PASS_DNS);
	/* echo to a service address has the same bound */
	assert_int_equal(query_from("2001:db8:1:1ff::3", SVC6), GR_TX_SLIP);
	assert_int_equal(reconfigure(0), 0);
}

/* n queries from src: how many passed before the first one limited. */
static int
passes(const char *src, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (query_from(src, SVC4) != GR_PASS_DNS)
			return i;
	return n;
}

static uint32_t
slot_of(const struct guard_addr *a)
{
	uint64_t w[2];

	memcpy(w, a->a, sizeof(w));
	return guard_credit_slot(w[0], w[1]);
}

/* An IPv4 /24 (as a.b.c.1) whose credit slot is that of 198.51.100.0/24. */
static void
colliding_prefix(char *out, size_t len)
{
	struct guard_addr p, q;
	struct addr a;
	unsigned i;

	assert_null(addr_parse("198.51.100.0", &a));
	guard_key(&p, &a);
	q = p;
	for (i = 0; i < 65536; i++) {
		q.a[13] = (uint8_t)(i >> 8), q.a[14] = (uint8_t)i;
		q.a[12] = 10;
		if (slot_of(&q) == slot_of(&p)) {
			snprintf(out, len, "10.%u.%u.1", i >> 8, i & 0xff);
			return;
		}
	}
	fail_msg("no /24 in 10.0.0.0/8 shares 198.51.100.0/24's slot");
}

/*
 * Rate 10/s, burst 64, the clock stopped (late enough that the buckets
 * earlier tests left are full again): a CPU takes guard_batch()
 * tokens from a bucket at once and spends them without it.  Held or
 * spent, a prefix gets its burst and no more, on one CPU or two; a slot
 * taken over by another prefix gives its tokens back to their bucket;
 * other limits void what the CPUs held, a reload of the same keeps it.
 */
static void
test_token_credits(void **state)
{
	char other[32];
	uint32_t b;

	(void)state;
	NEED_GUARD();
	b = guard_batch(64, libbpf_num_possible_cpus());
	assert_int_equal(guard_batch(5, 2), 1);
	assert_int_equal(guard_batch(1000000, 64), GUARD_BATCH_MAX);
	assert_int_equal(guard_batch(64, 2), 8);
	if (b < 2)
		skip();		/* so many CPUs that none holds a token */
	assert_int_equal(reconfigure_burst(10, 64), 0);
	set_clock(500000000000ULL);
	/* one CPU: the burst, the last b - 1 of them held, then limited */
	assert_int_equal(passes("198.51.101.1", 65), 64);
	/* known empty on this CPU for 100 ms (a token at 10/s), every
	 * second one slipped; then one token, then limited again */
	assert_int_equal(query_from("198.51.101.1", SVC4), GR_TX_SLIP);
	assert_int_equal(query_from("198.51.101.1", SVC4), GR_DROP_RATE);
	set_clock(500099999999ULL);
	assert_int_equal(query_from("198.51.101.1", SVC4), GR_TX_SLIP);
	set_clock(500100000000ULL);
	assert_int_equal(query_from("198.51.101.1", SVC4), GR_PASS_DNS);
	assert_int_equal(query_from("198.51.101.1", SVC4), GR_DROP_RATE);
	set_clock(500000000000ULL);
	/* a slot taken over: the 198.51.100.0/24's b - 1 go back */
	colliding_prefix(other, sizeof(other));
	assert_int_equal(passes("198.51.100.1", 1), 1);
	assert_int_equal(passes(other, 1), 1);
	assert_int_equal(passes("198.51.100.1", 65), 63);
	assert_int_equal(passes(other, 65), 63);
	/* kept by a reload with the same limits: 198.51.102.0/24 gets
	 * its 64; voided by other limits: 198.51.104.0/24 gets 64 - b */
	assert_int_equal(passes("198.51.102.1", 1), 1);
	assert_int_equal(reconfigure_burst(10, 64), 0);
	set_clock(500000000000ULL);
	assert_int_equal(passes("198.51.102.1", 65), 63);
	assert_int_equal(passes("198.51.104.1", 1), 1);
	assert_int_equal(reconfigure_burst(11, 64), 0);
	set_clock(500000000000ULL);
	assert_int_equal(passes("198.51.104.1", 65), 64 - (int)b);
	/* two CPUs: what the first holds, the second cannot have */
	if (pin_nth(&allowed, 1)) {
		assert_true(pin_nth(&allowed, 0));
		assert_int_equal(passes("198.51.103.1", 1), 1);
		assert_true(pin_nth(&allowed, 1));
		assert_int_equal(passes("198.51.103.1", 65), 64 - (int)b);
		assert_true(pin_nth(&allowed, 0));
		assert_int_equal(passes("198.51.103.1", 65), (int)b - 1);
	}
	assert_true(pin_nth(&allowed, 0));
	assert_int_equal(reconfigure(0), 0);
}

/* The TC reply as the test computes it from the query. */
static size_t
expected_slip(const uint8_t *q, size_t l3, int v6, size_t qend, uint8_t *r)
{
	uint8_t t[16];
	uint8_t *ip = r + l3, *udp = ip + (v6 ? 40 : 20), *dns = udp + 8;
	unsigned s;

	memcpy(r, q, qend);
	memcpy(r, q + 6, 6);
	memcpy(r + 6, q, 6);
	memcpy(udp, q + (udp - r) + 2, 2);
	memcpy(udp + 2, q + (udp - r), 2);
	put16(udp + 4, (unsigned)(qend - (size_t)(udp - r)));
	put16(udp + 6, 0);
	dns[2] = (uint8_t)(0x80 | (dns[2] & 0x79) | 0x02);
	dns[3] = 0;
	memset(dns + 6, 0, 6);
	if (!v6) {
		memcpy(t, ip + 12, 4);
		memcpy(ip + 12, ip + 16, 4);
		memcpy(ip + 16, t, 4);
		put16(ip + 2, (unsigned)(qend - l3));
		ip[8] = 64;
		put16(ip + 10, 0);
		put16(ip + 10, ~fold(sum16(ip, 20)) & 0xffff);
		return qend;
	}
	memcpy(t, ip + 8, 16);
	memcpy(ip + 8, ip + 24, 16);
	memcpy(ip + 24, t, 16);
	put16(ip + 4, (unsigned)(qend - l3 - 40));
	ip[7] = 64;
	s = sum16(ip + 8, 32) + IPPROTO_UDP + (unsigned)(qend - (size_t)(udp - r));
	s += sum16(udp, qend - (size_t)(udp - r));
	s = ~fold(s) & 0xffff;
	put16(udp + 6, s == 0 ? 0xffff : s);
	return qend;
}

static void
check_slip(const struct spec *s, size_t l3, int v6)
{
	uint8_t f[2048], out[2048], want[2048];
	size_t n, outlen, qend;
	int i, act = -1;

	n = craft(s, f);
	/* header, example.com, type and class: no OPT in the reply */
	qend = l3 + (v6 ? 40 : 20) + 8 + 12 + 13 + 4;
	assert_int_equal(reconfigure(1), 0);
	set_clock(5000000000ULL);
	for (i = 0; i < 5; i++) {			/* the burst */
		run(f, n, NULL, NULL);
		assert_int_equal(last_reason(), GR_PASS_DNS);
	}
	for (i = 0; i < 2; i++)
		act = run(f, n, out, &outlen);		/* limited, slipped */
	assert_int_equal(act, XDP_TX);
	assert_int_equal(last_reason(), GR_TX_SLIP);
	assert_int_equal(expected_slip(f, l3, v6, qend, want), outlen);
	assert_memory_equal(out, want, outlen);
	if (v6)		/* and the checksum holds over the reply */
		assert_int_equal(fold(sum16(out + l3 + 8, 32) + IPPROTO_UDP +
		    (unsigned)(outlen - l3 - 40) + sum16(out + l3 + 40,
		    outlen - l3 - 40)), 0xffff);
	assert_int_equal(reconfigure(0), 0);
}

static void
test_slip_v4(void **state)
{
	struct spec s = { "slip", .vlans = 1, .src = "192.0.2.77", .dst = SVC4,
	    .dns = 1, .edns = 1 };

	(void)state;
	NEED_GUARD();
	check_slip(&s, 18, 0);
}

static void
test_slip_v6(void **state)
{
	struct spec s = { "slip", .src = "2001:db8:77::1", .dst = SVC6,
	    .dns = 1, .edns = 1, .dnsflags = 0x01 };

	(void)state;
	NEED_GUARD();
	check_slip(&s, 14, 1);
}

/* The count of a key summed over the CPUs: the common keys' array or the hash. */
static __u64
query_count(const struct guard_qkey *k)
{
	__u64 v[1024], sum = 0;
	__u32 i;
	int c, ncpu = libbpf_num_possible_cpus(), r;

	assert_true(ncpu > 0 && ncpu <= 1024);
	i = guard_qindex(k->tenant, k->qtype, k->opcode, k->edns, k->do_bit,
	    k->family, k->transport);
	if (i < GUARD_QC_ENTRIES)
		r = bpf_map_lookup_elem(guard_qcommon_fd(g), &i, v);
	else
		r = bpf_map_lookup_elem(guard_queries_fd(g), k, v);
	if (r < 0)
		return 0;
	for (c = 0; c < ncpu; c++)
		sum += v[c];
	return sum;
}

/* Queries counted by tenant, qtype, opcode, EDNS, DO, family, transport. */
static void
test_query_counters(void **state)
{
	struct spec s = { "q", .src = CLI6, .dst = SVC6, .dns = 1, .edns = 1 };
	struct spec n = { "n", .src = PRIM, .dst = SVC4, .dns = 1,
	    .dnsflags = 0x20 };
	struct guard_qkey k;
	uint8_t f[2048];
	__u64 before;
	int i;

	(void)state;
	NEED_GUARD();
	memset(&k, 0, sizeof(k));
	k.tenant = 0;
	k.qtype = 28;
	k.opcode = 0;
	k.edns = 0;
	k.do_bit = 1;
	k.family = 6;
	k.transport = GUARD_TRANSPORT_UDP;
	before = query_count(&k);
	for (i = 0; i < 3; i++)
		run(f, craft(&s, f), NULL, NULL);
	assert_true(guard_qindex(0, 28, 0, 0, 1, 6,
	    GUARD_TRANSPORT_UDP) < GUARD_QC_ENTRIES);
	assert_int_equal(query_count(&k), before + 3);
	s.proto = IPPROTO_TCP;
	s.tcpflags = ACK | 0x08;
	s.edns = 0;
	k.transport = GUARD_TRANSPORT_TCP;
	k.edns = GUARD_NO_EDNS;
	k.do_bit = 0;
	before = query_count(&k);
	run(f, craft(&s, f), NULL, NULL);
	assert_int_equal(query_count(&k), before + 1);
	/* NOTIFY is not a common key: the hash counts it */
	k.qtype = 1;			/* craft() asks for A over IPv4 */
	k.opcode = 4;
	k.family = 4;
	k.transport = GUARD_TRANSPORT_UDP;
	assert_int_equal(guard_qindex(k.tenant, k.qtype, k.opcode, k.edns,
	    k.do_bit, k.family, k.transport), GUARD_QC_ENTRIES);
	before = query_count(&k);
	run(f, craft(&n, f), NULL, NULL);
	assert_int_equal(query_count(&k), before + 1);
}

/* Every common key has its own index, and the index gives the key back. */
static void
test_qindex(void **state)
{
	static unsigned char seen[GUARD_QC_ENTRIES];
	static const __u8 edns[] = { GUARD_NO_EDNS, 0, 1 };
	struct guard_qkey k;
	__u32 t, q, e, d, fam, tcp, i, n = 0;

	(void)state;
	for (t = 0; t <= GUARD_MAX_TENANTS; t++)
	for (q = 0; q < 65536; q += q < 300 ? 1 : 997)
	for (e = 0; e < 3; e++)
	for (d = 0; d < 2; d++)
	for (fam = 4; fam <= 6; fam += 2)
	for (tcp = 0; tcp < 2; tcp++) {
		i = guard_qindex(t, (__u16)q, 0, edns[e], (__u8)d, (__u8)fam,
		    tcp ? GUARD_TRANSPORT_TCP : GUARD_TRANSPORT_UDP);
		if (guard_qslot((__u16)q) == 0 || t == GUARD_MAX_TENANTS ||
		    e == 2) {
			assert_int_equal(i, GUARD_QC_ENTRIES);
			continue;
		}
		assert_true(i < GUARD_QC_ENTRIES);
		assert_int_equal(guard_qindex(t, (__u16)q, 4, edns[e], (__u8)d,
		    (__u8)fam, GUARD_TRANSPORT_UDP), GUARD_QC_ENTRIES);
		guard_qkey_of(i, &k);
		assert_int_equal(k.tenant, t);
		assert_int_equal(k.qtype, q);
		assert_int_equal(k.opcode, 0);
		assert_int_equal(k.edns, edns[e]);
		assert_int_equal(k.family, fam);
		assert_int_equal(k.transport,
		    tcp ? GUARD_TRANSPORT_TCP : GUARD_TRANSPORT_UDP);
		/* without EDNS, DO is not there: both give the same index */
		if (e == 0) {
			assert_int_equal(k.do_bit, 0);
			continue;
		}
		assert_int_equal(k.do_bit, d);
		assert_int_equal(seen[i], 0);
		seen[i] = 1;
		n++;
	}
	/* without EDNS: one index for DO either way, counted once here */
	for (i = 0; i < GUARD_QC_ENTRIES; i++) {
		guard_qkey_of(i, &k);
		if (k.edns == GUARD_NO_EDNS)
			n += !seen[i]++;
	}
	assert_int_equal(n, GUARD_QC_ENTRIES);
	for (i = 1; i <= GUARD_QSLOTS; i++)
		assert_int_equal(guard_qslot(guard_slot_qtype(i)), i);
}

/*
 * Full query counters (every common key counted, and GUARD_MAX_QKEYS
 * other keys, as a flood of random qtypes leaves them) still fit one
 * control answer: `outpost stats -j` answers when it matters most.
 */
static void
test_stats_full(void **state)
{
	struct guard_qkey k;
	__u64 v[1024];
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int i, ncpu = libbpf_num_possible_cpus();

	(void)state;
	NEED_GUARD();
	assert_true(ncpu > 0 && ncpu <= 1024);
	for (i = 0; i < ncpu; i++)
		v[i] = 1000000000000000ULL;	/* long numbers */
	for (i = 0; i < GUARD_MAX_QKEYS; i++) {
		memset(&k, 0, sizeof(k));
		k.qtype = (__u16)(65535 - i);
		k.opcode = 4;
		k.edns = 0;
		k.do_bit = 1;
		k.family = 6;
		k.transport = GUARD_TRANSPORT_UDP;
		/* A full map refuses the last few: earlier tests' keys. */
		(void)bpf_map_update_elem(guard_queries_fd(g), &k, v, BPF_ANY);
	}
	for (i = 0; i < GUARD_QC_ENTRIES; i++)
		assert_int_equal(bpf_map_update_elem(guard_qcommon_fd(g), &i, v,
		    BPF_ANY), 0);
	assert_non_null(f = open_memstream(&buf, &len));
	guard_print_stats(g, nc, f, 1);
	assert_int_equal(fclose(f), 0);
	assert_true(len > (size_t)(GUARD_MAX_QKEYS + GUARD_QC_ENTRIES) * 100);
	/* room left for tenant names of NC_NAME_MAX */
	assert_true(len <= CONTROL_REPLY_MAX - 64 * (GUARD_MAX_QKEYS +
	    GUARD_QC_ENTRIES));
	assert_string_equal(buf + len - 3, "]}\n");
	free(buf);
}

/* A reload changes the maps in place: a removed address is no longer guarded. */
static void
test_reconfigure(void **state)
{
	struct nodeconf *n2;
	char why[256];
	static const char small[] =
	    "node:\n identity: n\n uplink: eth0\n uplink-address: 198.51.100.18/28\n"
	    "tenant:\n name: b\n prefix: 203.0.113.0/24\n address: 203.0.113.53\n"
	    " zone: .\n primary: 198.51.100.34\n tsig-name: x\n"
	    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n";

	(void)state;
	NEED_GUARD();
	assert_non_null(n2 = nodeconf_load_buf("s", small, sizeof(small) - 1,
	    stderr));
	assert_int_equal(guard_configure(g, n2, why, sizeof(why)), 0);
	nodeconf_free(n2);
	assert_int_equal(query_from(CLI4, SVC4), GR_PASS_OTHER);
	assert_int_equal(query_from(CLI4, "203.0.113.53"), GR_PASS_DNS);
	assert_int_equal(query_from(NEIGH, UP4), GR_DROP_UPLINK);
	assert_int_equal(reconfigure(0), 0);
	assert_int_equal(query_from(CLI4, "203.0.113.53"), GR_PASS_OTHER);
	assert_int_equal(query_from(CLI4, SVC4), GR_PASS_DNS);
}

/* In a network namespace of its own: lo takes generic XDP only; a second
 * guard replaces the first (as after a crash), the stale one's detach
 * leaves it alone, and native or generic, one program at a time. */
static void
test_attach_replace(void **state)
{
	struct guard *g2;
	char why[512];
	uint32_t id;

	(void)state;
	NEED_GUARD();
	assert_int_equal(unshare(CLONE_NEWNET), 0);
	assert_int_equal(system("ip link set lo up"), 0);
	assert_int_equal(guard_attach(g, "lo", NC_XDP_GENERIC, why,
	    sizeof(why)), 0);
	assert_int_equal(guard_mode(g), NC_XDP_GENERIC);
	assert_true((id = guard_attached_id("lo")) != 0);
	assert_non_null(g2 = guard_load(why, sizeof(why)));
	assert_int_equal(guard_attach(g2, "lo", NC_XDP_GENERIC, why,
	    sizeof(why)), 0);
	assert_true(guard_attached_id("lo") != id);
	id = guard_attached_id("lo");
	guard_detach(g);		/* no longer its own: stays */
	assert_int_equal(guard_attached_id("lo"), id);
	assert_int_equal(guard_attach(g2, "lo", NC_XDP_NATIVE, why,
	    sizeof(why)), -1);
	assert_non_null(strstr(why, "native"));
	assert_int_equal(guard_attach(g2, "nosuch0", NC_XDP_GENERIC, why,
	    sizeof(why)), -1);
	assert_non_null(strstr(why, "no interface"));
	guard_free(g2);
	assert_int_equal(guard_attached_id("lo"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_dns_cut),
		cmocka_unit_test(test_token_bucket),
		cmocka_unit_test(test_token_credits),
		cmocka_unit_test(test_slip_v4),
		cmocka_unit_test(test_slip_v6),
		cmocka_unit_test(test_query_counters),
		cmocka_unit_test(test_qindex),
		cmocka_unit_test(test_stats_full),
		cmocka_unit_test(test_reconfigure),
		cmocka_unit_test(test_attach_replace),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
