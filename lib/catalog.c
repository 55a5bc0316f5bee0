/* catalog.c: the parser of a catalog zone (RFC 9432, version 2) as an AXFR brings it: its serial and member zones. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"

#define DNS_TYPE_PTR	12
#define DNS_TYPE_TXT	16
#define MAX_LABELS	128
#define MAX_JUMPS	64

struct rd {
	const uint8_t	*msg;
	size_t		 len;
	size_t		 off;
};

/* A name in wire form, lower case, and where its labels start. */
struct wname {
	uint8_t		 b[DNS_NAME_WIRE_MAX];
	size_t		 len;
	size_t		 lab[MAX_LABELS];
	int		 nlab;		/* not counting the root */
};

static int
fail(struct catalog *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->err, sizeof(c->err), fmt, ap);
	va_end(ap);
	return -1;
}

/* A name at r->off, compression pointers followed; -1 when malformed. */
static int
read_name(struct rd *r, struct wname *n)
{
	size_t off = r->off, end = 0;
	int jumps = 0, i;
	uint8_t l;

	n->len = 0;
	n->nlab = 0;
	for (;;) {
		if (off >= r->len)
			return -1;
		l = r->msg[off];
		if ((l & 0xc0) == 0xc0) {
			if (off + 1 >= r->len || ++jumps > MAX_JUMPS)
				return -1;
			if (end == 0)
				end = off + 2;
			off = (size_t)(l & 0x3f) << 8 | r->msg[off + 1];
			continue;
		}
		if (l & 0xc0)
			return -1;
		if (n->len + 1 + l > DNS_NAME_WIRE_MAX || off + 1 + l > r->len)
			return -1;
		n->b[n->len] = l;
		if (l == 0) {
			n->len++;
			break;
		}
		if (n->nlab == MAX_LABELS)
			return -1;
		n->lab[n->nlab++] = n->len;
		for (i = 1; i <= l; i++)
			n->b[n->len + i] = (uint8_t)tolower(r->msg[off + i]);
		n->len += 1 + l;
		off += 1 + l;
	}
	r->off = end != 0 ? end : off + 1;
	return 0;
}

/*
 * How many labels name has below the catalog zone, or -1 when it is not
 * at or below it.
 */
static int
depth_in_zone(const struct catalog *c, const struct wname *n)
{
	int k;

	for (k = 0; k < n->nlab; k++)
		if (n->len - n->lab[k] == c->zonelen &&
		    memcmp(n->b + n->lab[k], c->zone, c->zonelen) == 0)
			return k;
	if (c->zonelen == 1)	/* the root */
		return n->nlab;
	return -1;
}

static int
label_is(const struct wname *n, int k, const char *s)
{
	size_t l = strlen(s);

	return n->b[n->lab[k]] == l &&
	    memcmp(n->b + n->lab[k] + 1, s, l) == 0;
}

/* A member's name as NSD's control takes it: host name characters only. */
static int
member_text(const struct wname *n, char out[DNAME_STRLEN])
{
	size_t i, o = 0;
	int k;

	if (n->nlab == 0)
		return -1;
	for (k = 0; k < n->nlab; k++) {
		const uint8_t *lab = n->b + n->lab[k];

		for (i = 1; i <= lab[0]; i++) {
			if (!isalnum(lab[i]) && lab[i] != '-' && lab[i] != '_')
				return -1;
			out[o++] = (char)lab[i];
		}
		out[o++] = '.';
	}
	out[o] = '\0';
	return 0;
}

static int
add_member(struct catalog *c, const struct wname *owner,
    const struct wname *target)
{
	const uint8_t *id = owner->b + owner->lab[0];
	struct catalog_member *m;
	char name[DNAME_STRLEN];
	int i;

	if (member_text(target, name) < 0)
		return fail(c, "member of unique id %.*s: not a host name",
		    id[0], id + 1);
	for (i = 0; i < c->nmembers; i++) {
		m = &c->members[i];
		if (m->idlen == (size_t)id[0] + 1 &&
		    memcmp(m->id, id, m->idlen) == 0)
			return fail(c, "unique id %.*s has two PTR records",
			    id[0], id + 1);
		if (strcmp(m->name, name) == 0) {
			c->ignored++;	/* the same zone again: once */
			return 0;
		}
	}
	if (c->nmembers == CATALOG_MAX_MEMBERS)
		return fail(c, "more than %d members", CATALOG_MAX_MEMBERS);
	if (c->nmembers == c->cap) {
		int cap = c->cap ? c->cap * 2 : 16;

		if ((m = realloc(c->members, (size_t)cap * sizeof(*m))) == NULL)
			return fail(c, "out of memory");
		c->members = m;
		c->cap = cap;
	}
	m = &c->members[c->nmembers++];
	memcpy(m->name, name, sizeof(m->name));
	m->idlen = (size_t)id[0] + 1;
	memcpy(m->id, id, m->idlen);
	return 0;
}

static int
version_rr(struct catalog *c, struct rd *r, size_t rdlen)
{
	const uint8_t *p = r->msg + r->off;

	if (++c->nversion > 1)
		return fail(c, "two version records");
	if (rdlen != 2 || p[0] != 1 || p[1] != '2')
		return fail(c, "version is not \"2\" (RFC 9432)");
	return 0;
}

static int
soa_rr(struct catalog *c, struct rd *r, size_t rdend)
{
	struct wname mname, rname;
	uint32_t serial;

	if (read_name(r, &mname) < 0 || read_name(r, &rname) < 0 ||
	    r->off + 20 != rdend)
		return fail(c, "malformed SOA record");
	serial = dns_get32(r->msg + r->off);
	if (c->nsoa++ == 0) {
		c->serial = serial;
		return 0;
	}
	if (serial != c->serial)
		return fail(c, "transfer ends with serial %u, began with %u",
		    serial, c->serial);
	c->done = 1;
	return 0;
}

/* One record of the answer section: r at its rdata. */
static int
take_rr(struct catalog *c, struct rd *r, const struct wname *owner,
    uint16_t type, uint16_t class, size_t rdlen)
{
	size_t rdend = r->off + rdlen;
	struct wname target;
	int k = depth_in_zone(c, owner);

	if (c->done)
		return fail(c, "records after the closing SOA");
	if (k < 0)
		return fail(c, "a record outside the catalog zone");
	if (c->nsoa == 0 && (k != 0 || type != DNS_TYPE_SOA))
		return fail(c, "transfer does not begin with the SOA");
	if (class != DNS_CLASS_IN)
		return fail(c, "a record of class %u", class);
	if (k == 0 && type == DNS_TYPE_SOA)
		return soa_rr(c, r, rdend);
	if (k == 1 && label_is(owner, 0, "version") && type == DNS_TYPE_TXT)
		return version_rr(c, r, rdlen);
	if (k == 2 && label_is(owner, 1, "zones") && type == DNS_TYPE_PTR) {
		if (read_name(r, &target) < 0 || r->off != rdend)
			return fail(c, "malformed PTR record");
		return add_member(c, owner, &target);
	}
	c->ignored++;		/* NS, unknown properties */
	return 0;
}

static int
skip_question(struct catalog *c, struct rd *r, unsigned qdcount)
{
	struct wname q;

	if (qdcount > 1)
		return fail(c, "%u questions", qdcount);
	if (qdcount == 1 && (read_name(r, &q) < 0 || r->off + 4 > r->len))
		return fail(c, "malformed question");
	if (qdcount == 1)
		r->off += 4;
	return 0;
}

static int
check_header(struct catalog *c, const uint8_t *msg, size_t len, uint16_t id)
{
	int rcode;

	if (len < DNS_HDR_LEN)
		return fail(c, "message of %zu bytes", len);
	if (dns_get16(msg) != id)
		return fail(c, "answer to another query");
	if (!(msg[2] & 0x80) || (msg[2] & 0x78) != 0)
		return fail(c, "not a response to a query");
	if (msg[2] & 0x02)
		return fail(c, "truncated answer");
	if ((rcode = msg[3] & 0x0f) != 0)
		return fail(c, "transfer refused: %s", dns_rcode_name(rcode));
	return 0;
}

int
catalog_feed(struct catalog *c, const uint8_t *msg, size_t len, uint16_t id)
{
	struct rd r = { msg, len, DNS_HDR_LEN };
	struct wname owner;
	uint16_t type, class, rdlen;
	unsigned i, an;
	size_t rdstart;

	if (check_header(c, msg, len, id) < 0 ||
	    skip_question(c, &r, dns_get16(msg + 4)) < 0)
		return -1;
	an = dns_get16(msg + 6);
	for (i = 0; i < an; i++) {
		if (read_name(&r, &owner) < 0 || r.off + 10 > len)
			return fail(c, "malformed record");
		type = dns_get16(msg + r.off);
		class = dns_get16(msg + r.off + 2);
		rdlen = dns_get16(msg + r.off + 8);
		r.off += 10;
		if (r.off + rdlen > len)
			return fail(c, "truncated record");
		rdstart = r.off;
		if (take_rr(c, &r, &owner, type, class, rdlen) < 0)
			return -1;
		r.off = rdstart + rdlen;
	}
	if (!c->done)
		return 0;
	if (c->nversion == 0)
		return fail(c, "no version record (RFC 9432 wants \"2\")");
	return 1;
}

int
catalog_init(struct catalog *c, const char *zone)
{
	uint8_t w[DNS_NAME_WIRE_MAX];
	int len, i;

	memset(c, 0, sizeof(*c));
	if ((len = dns_name_wire(zone, w)) < 0)
		return fail(c, "bad zone name %s", zone);
	for (i = 0; i < len; i++)
		c->zone[i] = (uint8_t)tolower(w[i]);
	c->zonelen = (size_t)len;
	return 0;
}

void
catalog_free(struct catalog *c)
{
	free(c->members);
	c->members = NULL;
	c->nmembers = c->cap = 0;
}
