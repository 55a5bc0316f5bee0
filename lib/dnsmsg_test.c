/* dnsmsg_test.c: unit tests of the DNS query builders and answer parsers on crafted, also malformed, packets. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dnsmsg.h"

#define ID	0x1234

struct pkt {
	uint8_t	 b[1024];
	size_t	 n;
};

static void
p16(struct pkt *p, unsigned v)
{
	p->b[p->n++] = (uint8_t)(v >> 8);
	p->b[p->n++] = (uint8_t)v;
}

static void
p32(struct pkt *p, uint32_t v)
{
	p16(p, v >> 16);
	p16(p, v & 0xffff);
}

static void
pbytes(struct pkt *p, const void *b, size_t n)
{
	memcpy(p->b + p->n, b, n);
	p->n += n;
}

static void
pname(struct pkt *p, const char *name)
{
	uint8_t w[DNS_NAME_WIRE_MAX];
	int n = dns_name_wire(name, w);

	assert_true(n > 0);
	pbytes(p, w, (size_t)n);
}

static void
header(struct pkt *p, unsigned id, unsigned flags, unsigned an)
{
	p->n = 0;
	p16(p, id);
	p16(p, flags);
	p16(p, 1);
	p16(p, an);
	p16(p, 0);
	p16(p, 0);
}

static void
question_of(struct pkt *p, const char *name, unsigned type)
{
	pname(p, name);
	p16(p, type);
	p16(p, DNS_CLASS_IN);
}

static void
question(struct pkt *p, const char *zone)
{
	question_of(p, zone, DNS_TYPE_SOA);
}

static void
rr_header(struct pkt *p, unsigned type, unsigned rdlen)
{
	p16(p, 0xc00c);		/* the question's name */
	p16(p, type);
	p16(p, DNS_CLASS_IN);
	p32(p, 3600);
	p16(p, rdlen);
}

/* SOA RDATA with compressed names: "ns" + pointer, pointer, 20 octets. */
static void
soa(struct pkt *p, uint32_t serial, uint32_t refresh)
{
	rr_header(p, DNS_TYPE_SOA, 5 + 2 + 20);
	pbytes(p, "\002ns\300\014", 5);	/* mname: ns.<zone> */
	p16(p, 0xc00c);			/* rname: the zone */
	p32(p, serial);
	p32(p, refresh);
	p32(p, 900);
	p32(p, 604800);
	p32(p, 86400);
}

static void
rrsig(struct pkt *p, unsigned covered, uint32_t expire)
{
	rr_header(p, DNS_TYPE_RRSIG, 18 + 1 + 4);
	p16(p, covered);
	p->b[p->n++] = 13;		/* algorithm */
	p->b[p->n++] = 2;		/* labels */
	p32(p, 3600);
	p32(p, expire);
	p32(p, expire - 86400);
	p16(p, 4711);
	p->b[p->n++] = 0;		/* signer: root, for brevity */
	p32(p, 0xdeadbeef);		/* signature */
}

static uint8_t zone[DNS_NAME_WIRE_MAX];
static size_t zonelen;
static uint8_t host[DNS_NAME_WIRE_MAX];
static size_t hostlen;

static int
parse(const struct pkt *p, struct dns_soa_answer *a, char *why)
{
	return dns_parse_soa(p->b, p->n, ID, zone, zonelen, a, why);
}

static int
setup(void **state)
{
	(void)state;
	zonelen = (size_t)dns_name_wire("example.test.", zone);
	hostlen = (size_t)dns_name_wire("ctl.example.test", host);
	return 0;
}

/* A signed zone's answer, as NSD gives it. */
static void
good(struct pkt *p)
{
	header(p, ID, 0x8400, 3);
	question(p, "example.test.");
	soa(p, 2024010101, 3600);
	rrsig(p, DNS_TYPE_SOA, 1800000000);
	rrsig(p, DNS_TYPE_SOA, 1900000000);
}

static void
test_query(void **state)
{
	uint8_t q[DNS_QUERY_MAX];
	size_t n;

	(void)state;
	n = dns_soa_query(q, 0xabcd, zone, zonelen);
	assert_int_equal(n, 12 + zonelen + 4 + 11);
	assert_int_equal(q[0], 0xab);
	assert_int_equal(q[1], 0xcd);
	assert_int_equal(q[2], 0);		/* QR, opcode, RD all clear */
	assert_int_equal(q[5], 1);		/* QDCOUNT */
	assert_int_equal(q[11], 1);		/* ARCOUNT */
	assert_memory_equal(q + 12, zone, zonelen);
	assert_int_equal(q[12 + zonelen + 1], DNS_TYPE_SOA);
	assert_int_equal(q[12 + zonelen + 4 + 2], DNS_TYPE_OPT);
	assert_int_equal(q[n - 4] & 0x80, 0x80);	/* DO */
}

static void
test_name_wire(void **state)
{
	uint8_t w[DNS_NAME_WIRE_MAX];
	char big[300];

	(void)state;
	assert_int_equal(dns_name_wire(".", w), 1);
	assert_int_equal(w[0], 0);
	assert_int_equal(dns_name_wire("a.b.", w), 5);
	assert_memory_equal(w, "\001a\001b", 5);
	memset(big, 'a', 299);
	big[299] = '\0';
	assert_int_equal(dns_name_wire(big, w), -1);
	assert_int_equal(dns_name_wire("a..b.", w), -1);
}

static void
test_good(void **state)
{
	struct dns_soa_answer a;
	char why[DNS_REASON_MAX];
	struct pkt p;

	(void)state;
	good(&p);
	assert_int_equal(parse(&p, &a, why), 0);
	assert_int_equal(a.rcode, 0);
	assert_true(a.aa);
	assert_false(a.tc);
	assert_true(a.has_soa);
	assert_int_equal(a.serial, 2024010101);
	assert_int_equal(a.refresh, 3600);
	assert_true(a.has_rrsig);
	assert_int_equal(a.rrsig_expire, 1900000000);	/* the latest */
}

static void
test_unsigned_not_aa(void **state)
{
	struct dns_soa_answer a;
	char why[DNS_REASON_MAX];
	struct pkt p;

	(void)state;
	header(&p, ID, 0x8000, 2);
	question(&p, "EXAMPLE.test.");		/* case does not matter */
	soa(&p, 7, 60);
	rrsig(&p, 1, 1900000000);		/* covers A, not SOA */
	assert_int_equal(parse(&p, &a, why), 0);
	assert_false(a.aa);
	assert_true(a.has_soa);
	assert_int_equal(a.serial, 7);
	assert_false(a.has_rrsig);
}

static void
expect_error(const struct pkt *p, const char *want)
{
	struct dns_soa_answer a;
	char why[DNS_REASON_MAX];

	assert_int_equal(parse(p, &a, why), -1);
	if (strstr(why, want) == NULL)
		fail_msg("reason \"%s\" lacks \"%s\"", why, want);
}

static void
test_header_errors(void **state)
{
	struct dns_soa_answer a;
	char why[DNS_REASON_MAX];
	struct pkt p;

	(void)state;
	good(&p);
	p.n = 5;
	expect_error(&p, "short message");
	good(&p);
	p.b[1] ^= 1;
	expect_error(&p, "wrong id");
	good(&p);
	p.b[2] &= 0x7f;
	expect_error(&p, "QR clear");
	good(&p);
	p.b[2] |= 0x28;			/* opcode 5 */
	expect_error(&p, "opcode");
	good(&p);
	p.b[3] |= 5;
	expect_error(&p, "REFUSED");
	assert_int_equal(parse(&p, &a, why), -1);
	assert_int_equal(a.rcode, 5);
	good(&p);
	p.b[3] |= 2;
	expect_error(&p, "SERVFAIL");
}

static void
test_question_errors(void **state)
{
	struct pkt p;

	(void)state;
	header(&p, ID, 0x8400, 0);
	question(&p, "other.test.");
	expect_error(&p, "another question");
	header(&p, ID, 0x8400, 0);
	p.b[5] = 0;			/* QDCOUNT 0 */
	expect_error(&p, "questions");
	header(&p, ID, 0x8400, 0);
	question(&p, "example.test.");
	p.n -= 3;
	expect_error(&p, "question cut short");
}

static void
test_compression_loops(void **state)
{
	struct pkt p;

	(void)state;
	/* A pointer to itself. */
	header(&p, ID, 0x8400, 0);
	p16(&p, 0xc00c);
	p16(&p, DNS_TYPE_SOA);
	p16(&p, DNS_CLASS_IN);
	expect_error(&p, "compression loop");
	/* A pointer forward, to a pointer back to it. */
	header(&p, ID, 0x8400, 0);
	p16(&p, 0xc00e);
	p16(&p, 0xc00c);
	expect_error(&p, "compression loop");
	/* In an answer's owner. */
	good(&p);
	p.b[12 + zonelen + 4] = 0xc0;
	p.b[12 + zonelen + 4 + 1] = (uint8_t)(12 + zonelen + 4);
	expect_error(&p, "compression loop");
}

static void
test_truncated(void **state)
{
	struct pkt p;

	(void)state;
	/* RDLENGTH beyond the end. */
	good(&p);
	p.n -= 3;
	expect_error(&p, "RDATA runs past the end");
	/* SOA RDATA shorter than its fixed part. */
	header(&p, ID, 0x8400, 1);
	question(&p, "example.test.");
	rr_header(&p, DNS_TYPE_SOA, 6);
	p16(&p, 0xc00c);
	p16(&p, 0xc00c);
	p16(&p, 0);
	expect_error(&p, "SOA RDATA length");
	/* SOA RDATA whose name leaves it. */
	header(&p, ID, 0x8400, 1);
	question(&p, "example.test.");
	rr_header(&p, DNS_TYPE_SOA, 3);
	pbytes(&p, "\011abcdefghi", 10);
	expect_error(&p, "bad SOA RDATA");
	/* A record header cut short. */
	header(&p, ID, 0x8400, 1);
	question(&p, "example.test.");
	p16(&p, 0xc00c);
	p16(&p, DNS_TYPE_SOA);
	expect_error(&p, "record header cut short");
	/* A label past the end, and a bad label type. */
	header(&p, ID, 0x8400, 0);
	pbytes(&p, "\077abc", 4);
	expect_error(&p, "label runs past the end");
	header(&p, ID, 0x8400, 0);
	pbytes(&p, "\100abc", 4);
	expect_error(&p, "bad label type");
	/* More answers announced than given. */
	good(&p);
	p.b[7] = 9;
	expect_error(&p, "past the end");
}

/*
 * Every prefix of a good answer is refused; every one-octet change is
 * refused with a reason (a terminated, non-empty text) or accepted as a
 * NOERROR answer; a changed id is always refused, the unchanged octet is
 * always accepted.
 */
static void
test_mutations(void **state)
{
	struct dns_soa_answer a;
	char why[DNS_REASON_MAX];
	struct pkt p, q;
	size_t i;
	unsigned v;
	int r;

	(void)state;
	good(&p);
	for (i = 0; i < p.n; i++)
		assert_int_equal(dns_parse_soa(p.b, i, ID, zone, zonelen, &a,
		    why), -1);
	for (i = 0; i < p.n; i++)
		for (v = 0; v < 256; v++) {
			q = p;
			q.b[i] = (uint8_t)v;
			memset(why, 'x', sizeof(why));
			r = dns_parse_soa(q.b, q.n, ID, zone, zonelen, &a,
			    why);
			if (r == 0)
				assert_int_equal(a.rcode, 0);
			else {
				assert_int_equal(r, -1);
				assert_non_null(memchr(why, '\0', sizeof(why)));
				assert_true(why[0] != '\0');
			}
			if (v == p.b[i])
				assert_int_equal(r, 0);
			else if (i < 2)
				assert_int_equal(r, -1);	/* the id */
		}
}

static void
test_serial(void **state)
{
	(void)state;
	assert_true(dns_serial_lt(1, 2));
	assert_false(dns_serial_lt(2, 2));
	assert_false(dns_serial_lt(3, 2));
	assert_true(dns_serial_lt(0xfffffff0U, 5));	/* wraps */
	assert_false(dns_serial_lt(5, 0xfffffff0U));
	assert_string_equal(dns_rcode_name(5), "REFUSED");
	assert_string_equal(dns_rcode_name(23), "RCODE23");
}

/* Address answers (netcfg's stub resolver). */

static int
parse_addrs(const struct pkt *p, unsigned qtype, struct dns_addr_answer *a,
    char *why)
{
	return dns_parse_addrs(p->b, p->n, ID, host, hostlen, (uint16_t)qtype,
	    a, why);
}

static void
expect_addrs_error(const struct pkt *p, unsigned qtype, const char *want)
{
	struct dns_addr_answer a;
	char why[DNS_REASON_MAX];

	assert_int_equal(parse_addrs(p, qtype, &a, why), -1);
	if (strstr(why, want) == NULL)
		fail_msg("reason \"%s\" lacks \"%s\"", why, want);
}

/* Where aliased() puts the CNAME's target: header, question, RR header. */
#define WEB_OFF		(12 + 18 + 4 + 12)

/* ctl.example.test. CNAME web.example.test., which has two A records. */
static void
aliased(struct pkt *p)
{
	header(p, ID, 0x8180, 4);
	question_of(p, "ctl.example.test.", DNS_TYPE_A);
	rr_header(p, DNS_TYPE_CNAME, 6);
	pbytes(p, "\003web\300\020", 6);	/* web + "example.test." */
	p16(p, 0xc000 | WEB_OFF);		/* owner: the CNAME's target */
	p16(p, DNS_TYPE_A);
	p16(p, DNS_CLASS_IN);
	p32(p, 300);
	p16(p, 4);
	pbytes(p, "\300\000\002\012", 4);	/* 192.0.2.10 */
	rr_header(p, DNS_TYPE_A, 4);		/* the alias itself: ignored */
	pbytes(p, "\300\000\002\077", 4);
	p16(p, 0xc000 | WEB_OFF);
	p16(p, DNS_TYPE_A);
	p16(p, DNS_CLASS_IN);
	p32(p, 300);
	p16(p, 4);
	pbytes(p, "\300\000\002\013", 4);	/* 192.0.2.11 */
}

static void
test_query_msg(void **state)
{
	uint8_t q[DNS_QUERY_MAX];
	size_t n;

	(void)state;
	n = dns_query_msg(q, 0x0102, host, hostlen, DNS_TYPE_AAAA, DNS_Q_RD);
	assert_int_equal(n, 12 + hostlen + 4);
	assert_int_equal(q[0], 1);
	assert_int_equal(q[1], 2);
	assert_int_equal(q[2], 0x01);		/* RD, nothing else */
	assert_int_equal(q[3], 0);
	assert_int_equal(q[5], 1);		/* QDCOUNT */
	assert_int_equal(q[7] | q[9] | q[11], 0);	/* no OPT */
	assert_memory_equal(q + 12, host, hostlen);
	assert_int_equal(q[12 + hostlen + 1], DNS_TYPE_AAAA);
	assert_int_equal(q[12 + hostlen + 3], DNS_CLASS_IN);
	n = dns_query_msg(q, 7, (const uint8_t *)"", 1, DNS_TYPE_NS,
	    DNS_Q_RD | DNS_Q_DO);
	assert_int_equal(n, 12 + 1 + 4 + 11);
	assert_int_equal(q[2], 0x01);
	assert_int_equal(q[11], 1);		/* ARCOUNT: OPT */
	assert_int_equal(q[12 + 1 + 1], DNS_TYPE_NS);
}

/* Ids come from getrandom(2): 64 of them are not all one value. */
static void
test_random_id(void **state)
{
	uint16_t first, id;
	int i, differ = 0;

	(void)state;
	assert_int_equal(dns_random_id(&first), 0);
	for (i = 0; i < 64; i++) {
		assert_int_equal(dns_random_id(&id), 0);
		differ |= id != first;
	}
	assert_true(differ);
}

static void
test_addrs_cname(void **state)
{
	struct dns_addr_answer a;
	char why[DNS_REASON_MAX], s[ADDR_STRLEN];
	struct pkt p;

	(void)state;
	assert_int_equal(hostlen, 18);		/* as WEB_OFF assumes */
	aliased(&p);
	assert_int_equal(parse_addrs(&p, DNS_TYPE_A, &a, why), 0);
	assert_int_equal(a.rcode, 0);
	assert_false(a.aa);
	assert_int_equal(a.naddrs, 2);
	assert_string_equal(addr_fmt(&a.addrs[0], s, 1), "192.0.2.10/32");
	assert_string_equal(addr_fmt(&a.addrs[1], s, 1), "192.0.2.11/32");
	/* the same answer to an AAAA question is another question */
	expect_addrs_error(&p, DNS_TYPE_AAAA, "another question");
}

static void
test_addrs_aaaa(void **state)
{
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x35 };
	struct dns_addr_answer a;
	char why[DNS_REASON_MAX], s[ADDR_STRLEN];
	struct pkt p;
	int i;

	(void)state;
	header(&p, ID, 0x8580, DNS_ADDRS_MAX + 2);
	question_of(&p, "CTL.example.TEST.", DNS_TYPE_AAAA);
	for (i = 0; i < DNS_ADDRS_MAX + 2; i++) {
		rr_header(&p, DNS_TYPE_AAAA, 16);
		pbytes(&p, v6, 16);
	}
	assert_int_equal(parse_addrs(&p, DNS_TYPE_AAAA, &a, why), 0);
	assert_true(a.aa);
	assert_int_equal(a.naddrs, DNS_ADDRS_MAX);	/* the rest dropped */
	assert_string_equal(addr_fmt(&a.addrs[0], s, 1), "2001:db8::35/128");
	/* an A record in an AAAA answer is no address of it */
	header(&p, ID, 0x8180, 1);
	question_of(&p, "ctl.example.test.", DNS_TYPE_AAAA);
	rr_header(&p, DNS_TYPE_A, 4);
	pbytes(&p, "\300\000\002\001", 4);
	assert_int_equal(parse_addrs(&p, DNS_TYPE_AAAA, &a, why), 0);
	assert_int_equal(a.naddrs, 0);
}

static void
test_addrs_rcodes(void **state)
{
	struct dns_addr_answer a;
	char why[DNS_REASON_MAX];
	struct pkt p;

	(void)state;
	/* NXDOMAIN is an answer, not an error */
	header(&p, ID, 0x8183, 0);
	question_of(&p, "ctl.example.test.", DNS_TYPE_A);
	assert_int_equal(parse_addrs(&p, DNS_TYPE_A, &a, why), 0);
	assert_int_equal(a.rcode, 3);
	assert_int_equal(a.naddrs, 0);
	/* REFUSED without the question */
	header(&p, ID, 0x8105, 0);
	p.b[5] = 0;
	assert_int_equal(parse_addrs(&p, DNS_TYPE_A, &a, why), 0);
	assert_int_equal(a.rcode, 5);
	/* but NOERROR without it is not */
	header(&p, ID, 0x8100, 0);
	p.b[5] = 0;
	expect_addrs_error(&p, DNS_TYPE_A, "0 questions");
	/* the root's NS: rcode only */
	header(&p, ID, 0x8180, 1);
	question_of(&p, ".", DNS_TYPE_NS);
	p16(&p, 0xc00c);
	p16(&p, DNS_TYPE_NS);
	p16(&p, DNS_CLASS_IN);
	p32(&p, 3600);
	p16(&p, 2);
	p16(&p, 0xc00c);
	assert_int_equal(dns_parse_addrs(p.b, p.n, ID, (const uint8_t *)"", 1,
	    DNS_TYPE_NS, &a, why), 0);
	assert_int_equal(a.naddrs, 0);
	/* header troubles as for SOA */
	aliased(&p);
	p.b[0] ^= 0x40;
	expect_addrs_error(&p, DNS_TYPE_A, "wrong id");
	aliased(&p);
	p.b[2] &= 0x7f;
	expect_addrs_error(&p, DNS_TYPE_A, "QR clear");
}

static void
test_addrs_malformed(void **state)
{
	struct pkt p;

	(void)state;
	/* an A record of 5 octets */
	header(&p, ID, 0x8180, 1);
	question_of(&p, "ctl.example.test.", DNS_TYPE_A);
	rr_header(&p, DNS_TYPE_A, 5);
	pbytes(&p, "\300\000\002\001\001", 5);
	expect_addrs_error(&p, DNS_TYPE_A, "A RDATA of 5 octets");
	/* an AAAA record of 4 */
	header(&p, ID, 0x8180, 1);
	question_of(&p, "ctl.example.test.", DNS_TYPE_AAAA);
	rr_header(&p, DNS_TYPE_AAAA, 4);
	pbytes(&p, "\300\000\002\001", 4);
	expect_addrs_error(&p, DNS_TYPE_AAAA, "AAAA RDATA of 4 octets");
	/* a CNAME whose target leaves its RDATA */
	header(&p, ID, 0x8180, 1);
	question_of(&p, "ctl.example.test.", DNS_TYPE_A);
	rr_header(&p, DNS_TYPE_CNAME, 2);
	pbytes(&p, "\003web\0", 5);
	expect_addrs_error(&p, DNS_TYPE_A, "bad CNAME RDATA");
	/* a CNAME whose target ends before its RDATA does */
	header(&p, ID, 0x8180, 1);
	question_of(&p, "ctl.example.test.", DNS_TYPE_A);
	rr_header(&p, DNS_TYPE_CNAME, 7);
	pbytes(&p, "\003web\0\0\0", 7);
	expect_addrs_error(&p, DNS_TYPE_A, "CNAME RDATA length");
	/* a CNAME pointing at itself */
	header(&p, ID, 0x8180, 1);
	question_of(&p, "ctl.example.test.", DNS_TYPE_A);
	rr_header(&p, DNS_TYPE_CNAME, 2);
	p16(&p, 0xc000 | p.n);
	expect_addrs_error(&p, DNS_TYPE_A, "compression loop");
	/* more answers announced than given */
	aliased(&p);
	p.b[7] = 5;
	expect_addrs_error(&p, DNS_TYPE_A, "past the end");
}

/* Every prefix and every one-octet change of an aliased answer. */
static void
test_addrs_mutations(void **state)
{
	struct dns_addr_answer a;
	char why[DNS_REASON_MAX];
	struct pkt p, q;
	size_t i;
	unsigned v;

	(void)state;
	aliased(&p);
	for (i = 0; i < p.n; i++)
		assert_int_equal(dns_parse_addrs(p.b, i, ID, host, hostlen,
		    DNS_TYPE_A, &a, why), -1);
	for (i = 0; i < p.n; i++)
		for (v = 0; v < 256; v++) {
			q = p;
			q.b[i] = (uint8_t)v;
			(void)dns_parse_addrs(q.b, q.n, ID, host, hostlen,
			    DNS_TYPE_A, &a, why);
			assert_true(strlen(why) < DNS_REASON_MAX);
			assert_true(a.naddrs >= 0 && a.naddrs <= DNS_ADDRS_MAX);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_name_wire),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_unsigned_not_aa),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_question_errors),
		cmocka_unit_test(test_compression_loops),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_serial),
		cmocka_unit_test(test_query_msg),
		cmocka_unit_test(test_random_id),
		cmocka_unit_test(test_addrs_cname),
		cmocka_unit_test(test_addrs_aaaa),
		cmocka_unit_test(test_addrs_rcodes),
		cmocka_unit_test(test_addrs_malformed),
		cmocka_unit_test(test_addrs_mutations),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
