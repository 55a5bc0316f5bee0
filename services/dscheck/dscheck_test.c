/* dscheck_test.c: outpost-dscheck's parts against real vectors: the root KSK-2017 and its published DS, the lab's key of test. and its DS by dnssec-dsfromkey. */
/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dscheck.h"

#define KSK2017 "257 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIb" \
	"zxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNR" \
	"OxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/E" \
	"WgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1" \
	"uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qi" \
	"hylGa8subX2Nn6UwNR1AkUTV74bU="
#define DS2017 ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E8804" \
	"09BBC683457104237C7F8EC8D"
/* The root's DNSKEY RRset as NSD writes it: $ORIGIN, "@", owners left out. */
#define ROOTZONE "$ORIGIN .\n" \
	"@\t86400\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. (\n" \
	"\t\t2024010100 1800 900 604800 86400 )\n" \
	"\t172800\tIN\tDNSKEY\t" KSK2017 "\n" \
	"\t172800\tIN\tRRSIG\tDNSKEY 8 0 172800 20370101000000 " \
	"20260101000000 20326 . AAAA\n" \
	"$ORIGIN com.\n" \
	"@\t172800\tIN\tNS\ta.gtld-servers.net.\n"
#define LABDIR	"tests/lab/primary/"

/* Reads zone text for zone; the return of dsc_zone_read. */
static int
read_zone(const char *text, const char *zone, struct dsc_zone *z, char *err)
{
	FILE *f = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	int rc;

	assert_non_null(f);
	rc = dsc_zone_read(f, zone, z, err, DSC_ERR_MAX);
	fclose(f);
	return rc;
}

static int
check(const char *anchors, const struct dsc_zone *z, char *why)
{
	FILE *f = fmemopen((void *)(uintptr_t)anchors, strlen(anchors), "r");
	int rc;

	assert_non_null(f);
	rc = dsc_check(f, z, why, DSC_ERR_MAX);
	fclose(f);
	return rc;
}

static struct dsc_zone *
zone_new(void)
{
	struct dsc_zone *z = calloc(1, sizeof(*z));

	assert_non_null(z);
	return z;
}

/* RFC 4034 appendix B and 5.1.4 on the root KSK-2017: 20326, its DS. */
static void
test_root_ksk2017(void **state)
{
	struct dsc_key k;
	struct dsrec ds;
	size_t off;

	(void)state;
	assert_null(dsc_key_parse(KSK2017, &k));
	assert_int_equal(k.tag, 20326);
	assert_int_equal(k.len, 4 + 260);
	assert_null(dsrec_parse(DS2017, &ds, &off));
	assert_int_equal(dsc_ds_matches(&ds, ".", &k), 1);
	ds.digest[31] ^= 1;
	assert_int_equal(dsc_ds_matches(&ds, ".", &k), 0);
	ds.digest[31] ^= 1;
	assert_int_equal(dsc_ds_matches(&ds, "com.", &k), 0);
}

static void
test_root_zone(void **state)
{
	struct dsc_zone *z = zone_new();
	char why[DSC_ERR_MAX];

	(void)state;
	assert_int_equal(read_zone(ROOTZONE, ".", z, why), 0);
	assert_int_equal(z->nkeys, 1);
	assert_int_equal(z->nsigs, 1);
	assert_int_equal(check(DS2017 "\n", z, why), 0);
	/* Another zone's anchor only: nothing to check. */
	assert_int_equal(check("com. DS 1 8 1 00112233445566778899aabbccddee"
	    "ff00112233\n", z, why), 0);
	/* A wrong digest. */
	assert_int_equal(check(". DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D"
	    "08458E880409BBC683457104237C7F8EC8E\n", z, why), 1);
	assert_string_equal(why, "trust anchor: no DNSKEY of . matches DS "
	    "20326 8 2");
	/* One right among wrong ones. */
	assert_int_equal(check(". DS 1 8 2 E06D44B80B8F1D39A95C0B0D7C65D0845"
	    "8E880409BBC683457104237C7F8EC8D\n" DS2017 "\n", z, why), 0);
	/* A bad anchors line. */
	assert_int_equal(check("# comment\n. DS 20326 8 2 E06D\n", z, why), -1);
	assert_string_equal(why, "trust anchor: anchors line 2 column 16: "
	    "needs a digest of 64 hex digits (SHA-256)");
	free(z);
}

/* The key matches but does not sign the DNSKEY RRset, or is no zone key. */
static void
test_not_signing(void **state)
{
	struct dsc_zone *z = zone_new();
	char why[DSC_ERR_MAX];

	(void)state;
	assert_int_equal(read_zone("$ORIGIN .\n@ 1 IN DNSKEY " KSK2017 "\n"
	    "\t1 IN RRSIG DNSKEY 8 0 1 20370101000000 20260101000000 20327 . "
	    "AAAA\n\t1 IN RRSIG SOA 8 0 1 20370101000000 20260101000000 20326 "
	    ". AAAA\n", ".", z, why), 0);
	assert_int_equal(check(DS2017 "\n", z, why), 1);
	assert_string_equal(why, "trust anchor: DNSKEY 20326 of . (DS 20326 8 "
	    "2) signs no DNSKEY RRset");
	/* The zone key bit cleared: another tag, the DS no longer matches;
	 * the check itself is on flags. */
	z->keys[0].rdata[0] = 0;
	assert_int_equal(check(DS2017 "\n", z, why), 1);
	free(z);
}

/* Text of a file of the lab's primary. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The lab's signed test. (absolute owners, ldns-signzone's form) against
 * the DS dnssec-dsfromkey made of its key; a DS by another digest type. */
static void
test_lab_key(void **state)
{
	struct dsc_zone *z = zone_new();
	char why[DSC_ERR_MAX], *zone, *ds;

	(void)state;
	zone = slurp(LABDIR "test.zone.signed");
	ds = slurp(LABDIR "keys/Ktest.+013+18461.ds");
	assert_int_equal(read_zone(zone, "test.", z, why), 0);
	assert_int_equal(z->nkeys, 1);
	assert_int_equal(z->keys[0].tag, 18461);
	assert_int_equal(check(ds, z, why), 0);
	assert_int_equal(check("test. DS 18461 13 1 00112233445566778899aabb"
	    "ccddeeff00112233\n", z, why), 1);
	assert_string_equal(why, "trust anchor: no DNSKEY of test. matches DS "
	    "18461 13 1");
	/* The same zone asked as another: no DNSKEY at that apex. */
	assert_int_equal(read_zone(zone, "www.test.", z, why), 0);
	assert_int_equal(z->nkeys, 0);
	free(ds);
	free(zone);
	free(z);
}

/* Bad zone text: an error naming the line, never a crash. */
static void
test_bad_zone(void **state)
{
	static const struct {
		const char *text, *err;
	} cases[] = {
		{ "$ORIGIN .\n@ 1 IN DNSKEY 257 3 8 AwE=\n",
		  "line 2: DNSKEY has a key too short" },
		{ "$ORIGIN .\n@ 1 IN DNSKEY 257 3 8 !!!!\n",
		  "line 2: DNSKEY has a key that is not base64 (or too long)" },
		{ "$ORIGIN .\n@ 1 IN DNSKEY 257 3\n",
		  "line 2: DNSKEY is not FLAGS PROTOCOL ALGORITHM KEY" },
		{ "$ORIGIN .\n@ 1 IN\n", "line 2: a record without a type" },
		{ "$ORIGIN .\n@ 1 IN SOA a. b. (\n 1 2 3 4 5 )\n@ 1 IN\n",
		  "line 4: a record without a type" },
		{ "$ORIGIN .\n@ 1 IN SOA a. b. ( 1 2 3 4 5\n",
		  "line 2: a '(' never closed" },
		{ "$ORIGIN .\n@ 1 IN SOA a. b. 1 2 3 4 5 )\n",
		  "line 2: a ')' without its '('" },
		{ "\t1 IN A 192.0.2.1\n", "line 1: a record without an owner" },
		{ "www 1 IN A 192.0.2.1\n",
		  "line 1: a relative owner before any $ORIGIN" },
		{ "$ORIGIN test\n", "line 1: $ORIGIN is not an absolute name" },
		{ "$INCLUDE /etc/passwd\n", "line 1: an unknown directive" },
		{ "$ORIGIN .\n@ 1 IN RRSIG DNSKEY 8 0 1\n",
		  "line 2: RRSIG DNSKEY is too short" },
		{ "$ORIGIN .\n@ 1 IN RRSIG DNSKEY 8 0 1 2037 2026 99999 .\n",
		  "line 2: RRSIG DNSKEY with a bad key tag" },
	};
	struct dsc_zone *z = zone_new();
	char err[DSC_ERR_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(read_zone(cases[i].text, ".", z, err), -1);
		assert_string_equal(err, cases[i].err);
	}
	free(z);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_ksk2017),
		cmocka_unit_test(test_root_zone),
		cmocka_unit_test(test_not_signing),
		cmocka_unit_test(test_lab_key),
		cmocka_unit_test(test_bad_zone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
