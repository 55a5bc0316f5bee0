/* dnsmsg.c: builds DNS queries and parses their answers defensively: every malformation is a reason, never a crash. */
/* SPDX-License-Identifier: ISC */
#include <sys/random.h>
#include <sys/socket.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dnsmsg.h"

#define FLAG_QR		0x8000
#define FLAG_AA		0x0400
#define FLAG_TC		0x0200
#define FLAG_RD		0x0100
#define EDNS_DO		0x8000

#ifndef GRND_INSECURE
#define GRND_INSECURE	0x0004		/* Linux 5.6 */
#endif

/* A cursor over a received message. */
struct rd {
	const uint8_t	*msg;
	size_t		 len;
	size_t		 off;
	char		*reason;
};

static int
fail(struct rd *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->reason, DNS_REASON_MAX, fmt, ap);
	va_end(ap);
	return -1;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

int
dns_name_wire(const char *name, uint8_t out[DNS_NAME_WIRE_MAX])
{
	size_t n = 0, lablen;
	const char *p = name, *dot;

	if (strcmp(name, ".") == 0) {
		out[0] = 0;
		return 1;
	}
	while (*p != '\0') {
		dot = strchr(p, '.');
		lablen = dot ? (size_t)(dot - p) : strlen(p);
		if (lablen == 0 || lablen > 63 ||
		    n + 1 + lablen + 1 > DNS_NAME_WIRE_MAX)
			return -1;
		out[n++] = (uint8_t)lablen;
		memcpy(out + n, p, lablen);
		n += lablen;
		p += lablen;
		if (*p == '.')
			p++;
	}
	out[n++] = 0;
	return (int)n;
}

size_t
dns_query_msg(uint8_t out[DNS_QUERY_MAX], uint16_t id, const uint8_t *qname,
    size_t qnamelen, uint16_t qtype, int flags)
{
	size_t n = DNS_HDR_LEN;

	memset(out, 0, DNS_HDR_LEN);
	put16(out, id);
	put16(out + 2, (flags & DNS_Q_RD) ? FLAG_RD : 0);
	put16(out + 4, 1);		/* QDCOUNT */
	memcpy(out + n, qname, qnamelen);
	n += qnamelen;
	put16(out + n, qtype);
	put16(out + n + 2, DNS_CLASS_IN);
	n += 4;
	if (!(flags & DNS_Q_DO))
		return n;
	put16(out + 10, 1);		/* ARCOUNT: the OPT record */
	out[n++] = 0;			/* OPT owner: the root */
	put16(out + n, DNS_TYPE_OPT);
	put16(out + n + 2, DNS_EDNS_BUFSIZE);
	out[n + 4] = 0;			/* extended rcode */
	out[n + 5] = 0;			/* version */
	put16(out + n + 6, EDNS_DO);
	put16(out + n + 8, 0);		/* RDLEN */
	return n + 10;
}

size_t
dns_soa_query(uint8_t out[DNS_QUERY_MAX], uint16_t id, const uint8_t *qname,
    size_t qnamelen)
{
	return dns_query_msg(out, id, qname, qnamelen, DNS_TYPE_SOA, DNS_Q_DO);
}

/*
 * Never waits: before the kernel's pool is seeded (early boot) its best
 * bytes without blocking (GRND_INSECURE); kernels older than 5.6 know no
 * such flag and are waited for.
 */
int
dns_random_id(uint16_t *id)
{
	ssize_t n;

	n = getrandom(id, sizeof(*id), GRND_NONBLOCK);
	if (n == -1 && errno == EAGAIN)
		n = getrandom(id, sizeof(*id), GRND_INSECURE);
	if (n == -1 && errno == EINVAL) {
		do
			n = getrandom(id, sizeof(*id), 0);
		while (n == -1 && errno == EINTR);
	}
	if (n == (ssize_t)sizeof(*id))
		return 0;
	if (n >= 0)
		errno = EIO;
	return -1;
}

const char *
dns_rcode_name(int rcode)
{
	static const char *const names[] = { "NOERROR", "FORMERR",
	    "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN",
	    "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE" };
	static char buf[16];

	if (rcode >= 0 && rcode < (int)(sizeof(names) / sizeof(names[0])))
		return names[rcode];
	snprintf(buf, sizeof(buf), "RCODE%d", rcode);
	return buf;
}

int
dns_serial_lt(uint32_t a, uint32_t b)
{
	return a != b && (uint32_t)(b - a) < 0x80000000U;
}

/*
 * Reads the (possibly compressed) name at r->off into out in wire form and
 * advances r->off past it.  A pointer must point before the label that
 * holds it, which bounds every walk: no loop can be followed.
 */
static int
read_name(struct rd *r, uint8_t out[DNS_NAME_WIRE_MAX], size_t *outlen)
{
	size_t pos = r->off, n = 0, end = 0;
	int jumped = 0;
	uint8_t c;

	for (;;) {
		if (pos >= r->len)
			return fail(r, "name runs past the end at offset %zu",
			    pos);
		c = r->msg[pos];
		if ((c & 0xc0) == 0xc0) {
			size_t target;

			if (pos + 1 >= r->len)
				return fail(r, "name pointer cut short");
			target = (size_t)(c & 0x3f) << 8 | r->msg[pos + 1];
			if (target >= pos)
				return fail(r, "compression loop at offset %zu",
				    pos);
			if (!jumped)
				end = pos + 2;
			jumped = 1;
			pos = target;
			continue;
		}
		if ((c & 0xc0) != 0)
			return fail(r, "bad label type 0x%02x", c);
		if (n + 1 + c > DNS_NAME_WIRE_MAX)
			return fail(r, "name longer than 255 octets");
		if (pos + 1 + c > r->len)
			return fail(r, "label runs past the end");
		memcpy(out + n, r->msg + pos, 1 + (size_t)c);
		n += 1 + (size_t)c;
		pos += 1 + (size_t)c;
		if (c == 0)
			break;
	}
	r->off = jumped ? end : pos;
	*outlen = n;
	return 0;
}

static int
name_eq(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	size_t i;

	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++)
		if (tolower(a[i]) != tolower(b[i]))
			return 0;
	return 1;
}

static int
check_header(struct rd *r, uint16_t id, int *rcode, int *aa, int *tc)
{
	uint16_t flags;

	if (r->len < DNS_HDR_LEN)
		return fail(r, "short message (%zu octets)", r->len);
	if (dns_get16(r->msg) != id)
		return fail(r, "wrong id %u (sent %u)", dns_get16(r->msg), id);
	flags = dns_get16(r->msg + 2);
	if (!(flags & FLAG_QR))
		return fail(r, "not a response (QR clear)");
	if ((flags >> 11 & 0xf) != 0)
		return fail(r, "wrong opcode %d", flags >> 11 & 0xf);
	*rcode = flags & 0xf;
	*aa = (flags & FLAG_AA) != 0;
	*tc = (flags & FLAG_TC) != 0;
	r->off = DNS_HDR_LEN;
	return 0;
}

static int
check_question(struct rd *r, const uint8_t *qname, size_t qnamelen,
    uint16_t qtype)
{
	uint8_t name[DNS_NAME_WIRE_MAX];
	size_t namelen;

	if (dns_get16(r->msg + 4) != 1)
		return fail(r, "%u questions, not 1", dns_get16(r->msg + 4));
	if (read_name(r, name, &namelen) < 0)
		return -1;
	if (r->off + 4 > r->len)
		return fail(r, "question cut short");
	if (!name_eq(name, namelen, qname, qnamelen) ||
	    dns_get16(r->msg + r->off) != qtype ||
	    dns_get16(r->msg + r->off + 2) != DNS_CLASS_IN)
		return fail(r, "answer to another question");
	r->off += 4;
	return 0;
}

/* A resource record's fixed part; leaves r->off at its RDATA. */
struct rr {
	uint8_t		 owner[DNS_NAME_WIRE_MAX];
	size_t		 ownerlen;
	uint16_t	 type;
	uint16_t	 class;
	size_t		 rdlen;
};

static int
read_rr(struct rd *r, struct rr *rr)
{
	if (read_name(r, rr->owner, &rr->ownerlen) < 0)
		return -1;
	if (r->off + 10 > r->len)
		return fail(r, "record header cut short");
	rr->type = dns_get16(r->msg + r->off);
	rr->class = dns_get16(r->msg + r->off + 2);
	rr->rdlen = dns_get16(r->msg + r->off + 8);
	r->off += 10;
	if (r->off + rr->rdlen > r->len)
		return fail(r, "RDATA runs past the end");
	return 0;
}

/* SOA RDATA: two names, then serial, refresh, retry, expire, minimum. */
static int
parse_soa(struct rd *r, size_t rdend, struct dns_soa_answer *ans)
{
	uint8_t name[DNS_NAME_WIRE_MAX];
	char why[DNS_REASON_MAX];
	size_t namelen;
	struct rd sub = *r;

	sub.len = rdend;
	sub.reason = why;
	if (read_name(&sub, name, &namelen) < 0 ||
	    read_name(&sub, name, &namelen) < 0)
		return fail(r, "bad SOA RDATA: %s", why);
	if (sub.off + 20 != rdend)
		return fail(r, "bad SOA RDATA length");
	ans->has_soa = 1;
	ans->serial = dns_get32(r->msg + sub.off);
	ans->refresh = dns_get32(r->msg + sub.off + 4);
	return 0;
}

/* RRSIG RDATA: type covered, algorithm, labels, TTL, expiration, ... */
static void
parse_rrsig(struct rd *r, size_t rdlen, struct dns_soa_answer *ans)
{
	const uint8_t *p = r->msg + r->off;
	uint32_t expire;

	if (rdlen < 19 || dns_get16(p) != DNS_TYPE_SOA)
		return;
	expire = dns_get32(p + 8);
	if (!ans->has_rrsig || dns_serial_lt(ans->rrsig_expire, expire))
		ans->rrsig_expire = expire;
	ans->has_rrsig = 1;
}

static int
parse_answer_rr(struct rd *r, const uint8_t *qname, size_t qnamelen,
    struct dns_soa_answer *ans)
{
	struct rr rr;
	int mine;

	if (read_rr(r, &rr) < 0)
		return -1;
	mine = rr.class == DNS_CLASS_IN &&
	    name_eq(rr.owner, rr.ownerlen, qname, qnamelen);
	if (mine && rr.type == DNS_TYPE_SOA &&
	    parse_soa(r, r->off + rr.rdlen, ans) < 0)
		return -1;
	if (mine && rr.type == DNS_TYPE_RRSIG)
		parse_rrsig(r, rr.rdlen, ans);
	r->off += rr.rdlen;
	return 0;
}

int
dns_parse_soa(const uint8_t *msg, size_t len, uint16_t id,
    const uint8_t *qname, size_t qnamelen, struct dns_soa_answer *ans,
    char reason[DNS_REASON_MAX])
{
	struct rd r = { msg, len, 0, reason };
	unsigned i, ancount;

	memset(ans, 0, sizeof(*ans));
	reason[0] = '\0';
	if (check_header(&r, id, &ans->rcode, &ans->aa, &ans->tc) < 0)
		return -1;
	if (ans->rcode != 0)
		return fail(&r, "%s", dns_rcode_name(ans->rcode));
	if (check_question(&r, qname, qnamelen, DNS_TYPE_SOA) < 0)
		return -1;
	ancount = dns_get16(msg + 6);
	for (i = 0; i < ancount; i++)
		if (parse_answer_rr(&r, qname, qnamelen, ans) < 0)
			return -1;
	return 0;
}

/* CNAME RDATA: the name the owner is an alias of, which becomes cur. */
static int
parse_cname(struct rd *r, size_t rdend, uint8_t cur[DNS_NAME_WIRE_MAX],
    size_t *curlen)
{
	char why[DNS_REASON_MAX];
	struct rd sub = *r;

	sub.len = rdend;
	sub.reason = why;
	if (read_name(&sub, cur, curlen) < 0)
		return fail(r, "bad CNAME RDATA: %s", why);
	if (sub.off != rdend)
		return fail(r, "bad CNAME RDATA length");
	return 0;
}

static int
parse_address(struct rd *r, const struct rr *rr, struct dns_addr_answer *ans)
{
	size_t want = rr->type == DNS_TYPE_A ? 4 : 16;
	struct addr *a;

	if (rr->rdlen != want)
		return fail(r, "%s RDATA of %zu octets",
		    rr->type == DNS_TYPE_A ? "A" : "AAAA", rr->rdlen);
	if (ans->naddrs == DNS_ADDRS_MAX)
		return 0;
	a = &ans->addrs[ans->naddrs++];
	memset(a, 0, sizeof(*a));
	a->af = rr->type == DNS_TYPE_A ? AF_INET : AF_INET6;
	a->plen = (uint8_t)(want * 8);
	memcpy(a->a, r->msg + r->off, want);
	return 0;
}

/* Answers in order: a CNAME of the current name moves on to its target. */
static int
addr_answer_rr(struct rd *r, uint16_t qtype, uint8_t cur[DNS_NAME_WIRE_MAX],
    size_t *curlen, struct dns_addr_answer *ans)
{
	struct rr rr;

	if (read_rr(r, &rr) < 0)
		return -1;
	if (rr.class == DNS_CLASS_IN &&
	    name_eq(rr.owner, rr.ownerlen, cur, *curlen)) {
		if (rr.type == DNS_TYPE_CNAME && qtype != DNS_TYPE_CNAME &&
		    parse_cname(r, r->off + rr.rdlen, cur, curlen) < 0)
			return -1;
		if (rr.type == qtype && (qtype == DNS_TYPE_A ||
		    qtype == DNS_TYPE_AAAA) && parse_address(r, &rr, ans) < 0)
			return -1;
	}
	r->off += rr.rdlen;
	return 0;
}

int
dns_parse_addrs(const uint8_t *msg, size_t len, uint16_t id,
    const uint8_t *qname, size_t qnamelen, uint16_t qtype,
    struct dns_addr_answer *ans, char reason[DNS_REASON_MAX])
{
	struct rd r = { msg, len, 0, reason };
	uint8_t cur[DNS_NAME_WIRE_MAX];
	size_t curlen;
	unsigned i, ancount;

	memset(ans, 0, sizeof(*ans));
	reason[0] = '\0';
	if (qnamelen > DNS_NAME_WIRE_MAX)
		return fail(&r, "question name too long");
	if (check_header(&r, id, &ans->rcode, &ans->aa, &ans->tc) < 0)
		return -1;
	/* an error may come without the question (RFC 1035 leaves it open) */
	if (ans->rcode != 0 && dns_get16(msg + 4) == 0)
		return 0;
	if (check_question(&r, qname, qnamelen, qtype) < 0)
		return -1;
	memcpy(cur, qname, qnamelen);
	curlen = qnamelen;
	ancount = dns_get16(msg + 6);
	for (i = 0; i < ancount; i++)
		if (addr_answer_rr(&r, qtype, cur, &curlen, ans) < 0)
			return -1;
	return 0;
}
