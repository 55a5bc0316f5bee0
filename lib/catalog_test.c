/* catalog_test.c: unit tests of the catalog zone parser on transfers built here. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "catalog.h"

#define ID	0x1234
#define T_SOA	6
#define T_NS	2
#define T_PTR	12
#define T_TXT	16

struct msg {
	uint8_t	 b[4096];
	size_t	 len;
	unsigned an;
};

static void
msg_begin(struct msg *m, int rcode)
{
	memset(m, 0, sizeof(*m));
	m->b[0] = ID >> 8;
	m->b[1] = ID & 0xff;
	m->b[2] = 0x84;		/* QR AA */
	m->b[3] = (uint8_t)rcode;
	m->len = DNS_HDR_LEN;
}

static void
put(struct msg *m, const void *p, size_t n)
{
	assert_true(m->len + n <= sizeof(m->b));
	memcpy(m->b + m->len, p, n);
	m->len += n;
}

static void
put_name(struct msg *m, const char *name)
{
	uint8_t w[DNS_NAME_WIRE_MAX];
	int n = dns_name_wire(name, w);

	assert_true(n > 0);
	put(m, w, (size_t)n);
}

static void
put16(struct msg *m, unsigned v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	put(m, b, 2);
}

/* A record: its rdata as raw bytes (rd) or a name (rdname). */
static void
rr(struct msg *m, const char *owner, unsigned type, const char *rdname,
    const void *rd, size_t rdlen)
{
	uint8_t w[DNS_NAME_WIRE_MAX];

	put_name(m, owner);
	put16(m, type);
	put16(m, 1);
	put16(m, 0);
	put16(m, 3600);
	if (rdname != NULL) {
		rdlen = (size_t)dns_name_wire(rdname, w);
		rd = w;
	}
	put16(m, (unsigned)rdlen);
	put(m, rd, rdlen);
	m->an++;
	m->b[6] = (uint8_t)(m->an >> 8);
	m->b[7] = (uint8_t)m->an;
}

static void
soa(struct msg *m, uint32_t serial)
{
	uint8_t rd[2 + 20] = { 0, 0 };

	rd[2] = (uint8_t)(serial >> 24);
	rd[3] = (uint8_t)(serial >> 16);
	rd[4] = (uint8_t)(serial >> 8);
	rd[5] = (uint8_t)serial;
	rr(m, "cat.test.", T_SOA, NULL, rd, sizeof(rd));
}

static void
version(struct msg *m, const char *v)
{
	uint8_t rd[16];

	rd[0] = (uint8_t)strlen(v);
	memcpy(rd + 1, v, rd[0]);
	rr(m, "version.cat.test.", T_TXT, NULL, rd, rd[0] + 1u);
}

static int
feed(struct catalog *c, struct msg *m)
{
	return catalog_feed(c, m->b, m->len, ID);
}

static void
test_members(void **state)
{
	struct catalog c;
	struct msg m;

	(void)state;
	assert_int_equal(catalog_init(&c, "Cat.Test"), 0);
	msg_begin(&m, 0);
	soa(&m, 7);
	rr(&m, "cat.test.", T_NS, "invalid.", NULL, 0);
	version(&m, "2");
	rr(&m, "m1.zones.cat.test.", T_PTR, "A.Example.", NULL, 0);
	assert_int_equal(feed(&c, &m), 0);	/* more to come */
	msg_begin(&m, 0);
	rr(&m, "M2.zones.cat.test.", T_PTR, "b.example.", NULL, 0);
	rr(&m, "group.m2.zones.cat.test.", T_TXT, NULL, "\3foo", 4);
	rr(&m, "m3.zones.cat.test.", T_PTR, "a.example.", NULL, 0);
	rr(&m, "m4.zones.cat.test.", T_TXT, NULL, "\1x", 2);
	soa(&m, 7);
	assert_int_equal(feed(&c, &m), 1);
	assert_int_equal(c.serial, 7);
	assert_int_equal(c.nmembers, 2);	/* a.example. once */
	assert_string_equal(c.members[0].name, "a.example.");
	assert_string_equal(c.members[1].name, "b.example.");
	catalog_free(&c);
}

/* Each bad transfer: -1 with the reason. */
static void
expect_bad(struct msg *m, const char *why)
{
	struct catalog c;

	assert_int_equal(catalog_init(&c, "cat.test."), 0);
	assert_int_equal(feed(&c, m), -1);
	if (strstr(c.err, why) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", c.err, why);
	catalog_free(&c);
}

static void
test_bad_version(void **state)
{
	struct msg m;

	(void)state;
	msg_begin(&m, 0);
	soa(&m, 1);
	version(&m, "1");
	soa(&m, 1);
	expect_bad(&m, "version is not");
	msg_begin(&m, 0);
	soa(&m, 1);
	rr(&m, "m1.zones.cat.test.", T_PTR, "a.example.", NULL, 0);
	soa(&m, 1);
	expect_bad(&m, "no version");
	msg_begin(&m, 0);
	soa(&m, 1);
	version(&m, "2");
	version(&m, "2");
	expect_bad(&m, "two version");
}

static void
test_bad_records(void **state)
{
	struct msg m;

	(void)state;
	msg_begin(&m, 0);
	soa(&m, 1);
	version(&m, "2");
	rr(&m, "m1.zones.cat.test.", T_PTR, "a.example.", NULL, 0);
	rr(&m, "m1.zones.cat.test.", T_PTR, "b.example.", NULL, 0);
	expect_bad(&m, "two PTR");
	msg_begin(&m, 0);
	soa(&m, 1);
	rr(&m, "other.test.", T_NS, "invalid.", NULL, 0);
	expect_bad(&m, "outside");
	msg_begin(&m, 0);
	version(&m, "2");
	expect_bad(&m, "does not begin");
	msg_begin(&m, 0);
	soa(&m, 1);
	rr(&m, "m1.zones.cat.test.", T_PTR, NULL, "\3a b\0", 5);
	expect_bad(&m, "not a host name");
	msg_begin(&m, 0);
	soa(&m, 1);
	rr(&m, "m1.zones.cat.test.", T_PTR, ".", NULL, 0);
	expect_bad(&m, "not a host name");
	msg_begin(&m, 5);
	expect_bad(&m, "refused: REFUSED");
	msg_begin(&m, 0);
	soa(&m, 1);
	version(&m, "2");
	soa(&m, 2);
	expect_bad(&m, "ends with serial 2");
}

static void
test_malformed(void **state)
{
	static const uint8_t loop[] = {
		0x12, 0x34, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 12,
	};
	struct msg m;
	struct catalog c;

	(void)state;
	assert_int_equal(catalog_init(&c, "cat.test."), 0);
	assert_int_equal(catalog_feed(&c, loop, sizeof(loop), ID), -1);
	assert_string_equal(c.err, "malformed record");
	msg_begin(&m, 0);
	soa(&m, 1);
	m.len -= 3;			/* rdata cut short */
	assert_int_equal(feed(&c, &m), -1);
	assert_string_equal(c.err, "truncated record");
	assert_int_equal(catalog_feed(&c, loop, 5, ID), -1);
	assert_int_equal(catalog_feed(&c, loop, sizeof(loop), 1), -1);
	assert_string_equal(c.err, "answer to another query");
	catalog_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_bad_version),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
