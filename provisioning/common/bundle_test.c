/* bundle_test.c: bundles made and opened; every refusal of bundle_open (tampered, truncated, unsigned, another node's, replayed, another controller's, sealed to another key, secret left plain, not node.conf) with its reason. */
/* SPDX-License-Identifier: ISC */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "bundle.h"
#include "nodeconf.h"
#include "nodekey.h"
#include "seal.h"

#define SECRET1	"5n+FDOeUV4/2j0ySmS0Nyi7vXN8LpQxuoq73yl5/I0c="
#define SECRET2	"W7/Hl8Wc3zWFKrcMcu/IVWT824tPyc+DfnYG1cX6CF8="
#define PASSWD	"lab md5 #1"

static const char conf[] =
    "node:\n"
    "\tidentity: node1.lab.outpost.test\n"
    "\tuplink: eth0\n"
    "\tuplink-address: 198.51.100.18/28\n"
    "bgp:\n"
    "\tasn: 64500\n"
    "neighbor:\n"
    "\taddress: 198.51.100.17\n"
    "\tasn: 64496\n"
    "\tpassword: \"" PASSWD "\"\n"
    "tenant:\n"
    "\tname: root\n"
    "\tprefix: 192.0.2.0/24\n"
    "\taddress: 192.0.2.1\n"
    "\tzone: .\n"
    "\tprimary: 198.51.100.34\n"
    "\ttsig-name: root-xfr\n"
    "\ttsig-secret: \"" SECRET1 "\"\n"
    "tenant:\n"
    "\tname: tld\n"
    "\tprefix: 203.0.113.0/24\n"
    "\taddress: 203.0.113.1\n"
    "\tzone: test.\n"
    "\tprimary: 198.51.100.34\n"
    "\ttsig-name: tld-xfr\n"
    "\ttsig-secret: " SECRET2 " # bare\n";

static struct nodekey node, node2, ctl, ctl2;

static int
setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	crypto_sign_keypair(node.pk, node.sk);
	crypto_sign_keypair(node2.pk, node2.sk);
	crypto_sign_keypair(ctl.pk, ctl.sk);
	crypto_sign_keypair(ctl2.pk, ctl2.sk);
	return 0;
}

static char *
make(const char *name, uint64_t serial, const uint8_t *node_pk,
    const uint8_t *ctl_sk, size_t *len)
{
	char *out = NULL, err[256];
	int rc;

	rc = bundle_make(name, serial, conf, strlen(conf), node_pk, ctl_sk,
	    &out, len, err, sizeof(err));
	if (rc < 0)
		fail_msg("bundle_make: %s", err);
	return out;
}

/* Opens a copy of exactly len octets (the sanitizers see any overread). */
static int
open_copy(const char *buf, size_t len, const uint8_t *ctl_pk,
    const char *name, const uint8_t *node_sk, uint64_t last, char **conf_out,
    uint64_t *serial, char *err, size_t errlen)
{
	char *copy = malloc(len ? len : 1);
	size_t clen;
	int rc;

	assert_non_null(copy);
	memcpy(copy, buf, len);
	*conf_out = NULL;
	err[0] = '\0';
	rc = bundle_open(copy, len, ctl_pk, name, node_sk, last, conf_out,
	    &clen, serial, err, errlen);
	free(copy);
	if (rc == 0)
		assert_int_equal(strlen(*conf_out), clen);
	else
		assert_null(*conf_out);
	return rc;
}

static void
expect_refused(const char *buf, size_t len, const uint8_t *ctl_pk,
    const char *name, const uint8_t *node_sk, uint64_t last, const char *why)
{
	char *out, err[512];
	uint64_t serial;

	if (open_copy(buf, len, ctl_pk, name, node_sk, last, &out, &serial,
	    err, sizeof(err)) == 0)
		fail_msg("opened, expected '%s'", why);
	if (strstr(err, why) == NULL)
		fail_msg("'%s' does not say '%s'", err, why);
}

/* Refused by node1 (serial above 5) for why. */
static void
refused(const char *buf, size_t len, const char *why)
{
	expect_refused(buf, len, ctl.pk, "node1", node.sk, 5, why);
}

/* What a controller would sign: text as given, the signature after it. */
static char *
sign(const char *text, const uint8_t *ctl_sk, size_t *len)
{
	uint8_t sig[crypto_sign_BYTES];
	size_t n = strlen(text);
	char *b = malloc(n + 128);

	assert_non_null(b);
	memcpy(b, text, n);
	crypto_sign_detached(sig, NULL, (const unsigned char *)text, n,
	    ctl_sk);
	memcpy(b + n, "signature: ", 11);
	sodium_bin2base64(b + n + 11, 100, sig, sizeof(sig),
	    sodium_base64_VARIANT_ORIGINAL);
	n += strlen(b + n);
	b[n++] = '\n';
	*len = n;
	return b;
}

/* A header around body (used as it is), signed by the controller. */
static char *
forge(const char *body, const uint8_t *node_pk, size_t *len)
{
	char npk[NODEKEY_PK_TEXT], cpk[NODEKEY_PK_TEXT], *text, *b;

	nodekey_pk_to_text(node_pk, npk);
	nodekey_pk_to_text(ctl.pk, cpk);
	assert_true(asprintf(&text, "outpost-bundle: 1\nnode: node1\n"
	    "serial: 7\nnode-key: %s\ncontroller-key: %s\nlength: %zu\n\n%s",
	    npk, cpk, strlen(body), body) > 0);
	b = sign(text, ctl.sk, len);
	free(text);
	return b;
}

static void
test_good(void **state)
{
	const struct nc_tenant *tn;
	struct nodeconf *nc;
	char *b, *out, err[512];
	uint64_t serial;
	size_t len;

	(void)state;
	b = make("node1", 7, node.pk, ctl.sk, &len);
	assert_int_equal(strncmp(b, "outpost-bundle: 1\nnode: node1\n"
	    "serial: 7\nnode-key: ", 39), 0);
	assert_null(strstr(b, SECRET1));
	assert_null(strstr(b, SECRET2));
	assert_null(strstr(b, PASSWD));
	assert_int_equal(b[len - 1], '\n');
	if (open_copy(b, len, ctl.pk, "node1", node.sk, 6, &out, &serial, err,
	    sizeof(err)) < 0)
		fail_msg("bundle_open: %s", err);
	assert_int_equal(serial, 7);
	assert_non_null(nc = nodeconf_load_buf("t", out, strlen(out), NULL));
	assert_non_null(tn = nodeconf_tenant(nc, "root"));
	assert_string_equal(tn->tsig_secret, SECRET1);
	assert_non_null(tn = nodeconf_tenant(nc, "tld"));
	assert_string_equal(tn->tsig_secret, SECRET2);
	assert_string_equal(nc->bgp.neighbors[0].password, PASSWD);
	nodeconf_free(nc);
	/* only the secrets' quoting differs from what was made */
	assert_non_null(strstr(out, "\ttsig-secret: \"" SECRET2 "\" # bare\n"));
	assert_int_equal(strlen(out), strlen(conf) + 2);
	free(out);
	free(b);
}

static void
test_last_newline_added(void **state)
{
	char *b, *out, err[512];
	uint64_t serial;
	size_t len;

	(void)state;
	assert_int_equal(bundle_make("node1", 1, conf, strlen(conf) - 1,
	    node.pk, ctl.sk, &b, &len, err, sizeof(err)), 0);
	assert_int_equal(open_copy(b, len, ctl.pk, "node1", node.sk, 0, &out,
	    &serial, err, sizeof(err)), 0);
	assert_int_equal(out[strlen(out) - 1], '\n');
	free(out);
	free(b);
}

static void
test_tampered(void **state)
{
	char *b, *p, *sig;
	size_t len, i;

	(void)state;
	b = make("node1", 7, node.pk, ctl.sk, &len);
	/* in the header, in the body, in the signature */
	p = strstr(b, "serial: 7") + 8;
	*p = '8';
	refused(b, len, "bad signature");
	*p = '7';
	p = strstr(b, "zone: test.") + 6;
	*p = 'b';
	refused(b, len, "bad signature");
	*p = 't';
	sig = strstr(b, "\nsignature: ") + 12;
	*sig = *sig == 'A' ? 'B' : 'A';
	refused(b, len, "bad signature");
	/* every octet, one at a time */
	for (i = 0; i < len; i++) {
		char *out, err[512];
		uint64_t serial;

		b[i] ^= 0x01;
		if (open_copy(b, len, ctl.pk, "node1", node.sk, 5, &out,
		    &serial, err, sizeof(err)) == 0)
			fail_msg("opened with octet %zu changed", i);
		b[i] ^= 0x01;
	}
	free(b);
}

static void
test_truncated(void **state)
{
	char *b;
	size_t len, i;

	(void)state;
	b = make("node1", 7, node.pk, ctl.sk, &len);
	for (i = 0; i < len; i++) {
		char *out, err[512];
		uint64_t serial;

		if (open_copy(b, i, ctl.pk, "node1", node.sk, 5, &out, &serial,
		    err, sizeof(err)) == 0)
			fail_msg("opened, cut at %zu of %zu", i, len);
		if (err[0] == '\0')
			fail_msg("no reason, cut at %zu", i);
	}
	refused(b, 0, "not an Outpost bundle");
	refused(b, 33, "truncated: line 3 ('serial:') does not end");
	refused(b, strstr(b, "\n\n") - b + 1, "truncated after the header");
	refused(b, strstr(b, "\n\n") - b + 10, "truncated: length says");
	refused(b, len - 1, "truncated: line 34 ('signature:') does not end");
	free(b);
}

static void
test_unsigned(void **state)
{
	char *b;
	size_t len;

	(void)state;
	b = make("node1", 7, node.pk, ctl.sk, &len);
	refused(b, strstr(b, "signature: ") - b, "unsigned: no signature line");
	free(b);
}

static void
test_other_node(void **state)
{
	char *b;
	size_t len;

	(void)state;
	b = make("node2", 7, node.pk, ctl.sk, &len);
	refused(b, len, "bundle is for node 'node2', this node is 'node1'");
	free(b);
	b = make("node1", 7, node2.pk, ctl.sk, &len);
	refused(b, len, "sealed to another node key");
	/* node2 itself opens it */
	expect_refused(b, len, ctl.pk, "node1", node2.sk, 7, "serial 7 is not");
	free(b);
}

static void
test_old_serial(void **state)
{
	char *b;
	size_t len;

	(void)state;
	b = make("node1", 41, node.pk, ctl.sk, &len);
	expect_refused(b, len, ctl.pk, "node1", node.sk, 42, "serial 41 is "
	    "not newer than 42: replay or rollback refused");
	expect_refused(b, len, ctl.pk, "node1", node.sk, 41, "serial 41 is "
	    "not newer than 41: replay or rollback refused");
	free(b);
	b = make("node1", UINT64_MAX, node.pk, ctl.sk, &len);
	expect_refused(b, len, ctl.pk, "node1", node.sk, UINT64_MAX,
	    "not newer");
	free(b);
}

static void
test_wrong_controller(void **state)
{
	char *b;
	size_t len;

	(void)state;
	b = make("node1", 7, node.pk, ctl2.sk, &len);
	refused(b, len, "this node trusts");
	free(b);
}

static void
test_header_lies_about_controller(void **state)
{
	char cpk[NODEKEY_PK_TEXT], cpk2[NODEKEY_PK_TEXT], *b, *p;
	size_t len;

	(void)state;
	/* signed by ctl2 but naming ctl's key: the signature fails */
	b = make("node1", 7, node.pk, ctl2.sk, &len);
	nodekey_pk_to_text(ctl.pk, cpk);
	nodekey_pk_to_text(ctl2.pk, cpk2);
	assert_non_null(p = strstr(b, cpk2));
	memcpy(p, cpk, strlen(cpk));
	refused(b, len, "bad signature");
	free(b);
}

static void
test_sealed_to_other_key(void **state)
{
	char *sealed, *b, err[256];
	size_t slen, len;

	(void)state;
	/* header names our key, the secrets are sealed to node2's */
	assert_int_equal(seal_conf(conf, strlen(conf), node2.pk, &sealed,
	    &slen, err, sizeof(err)), 0);
	b = forge(sealed, node.pk, &len);
	refused(b, len, "node.conf:10: password: sealed value does not open "
	    "with this node's key");
	free(b);
	free(sealed);
}

static void
test_secret_not_sealed(void **state)
{
	char *b;
	size_t len;

	(void)state;
	b = forge(conf, node.pk, &len);
	refused(b, len, "node.conf:10: password: secret not sealed");
	free(b);
}

static void
test_opened_not_nodeconf(void **state)
{
	static const char bad[] = "node:\n\tidentity: n1\n\tuplink: eth0\n"
	    "tenant:\n\tname: t\n\tprefix: 192.0.2.0/24\n"
	    "\taddress: 192.0.2.1\n\tzone: .\n\tprimary: 198.51.100.34\n"
	    "\ttsig-name: k\n\ttsig-secret: \"hush hush!\"\n";
	char *sealed, *b, *out, err[512];
	uint64_t serial;
	size_t slen, len;

	(void)state;
	assert_int_equal(seal_conf(bad, strlen(bad), node.pk, &sealed, &slen,
	    err, sizeof(err)), 0);
	b = forge(sealed, node.pk, &len);
	assert_int_equal(open_copy(b, len, ctl.pk, "node1", node.sk, 0, &out,
	    &serial, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "does not parse as node.conf: "
	    "node.conf:11:"));
	assert_non_null(strstr(err, "(secret withheld)"));
	assert_null(strstr(err, "hush"));
	free(b);
	free(sealed);
	/* bundle_make refuses it too, as plainly */
	assert_int_equal(bundle_make("node1", 1, bad, strlen(bad), node.pk,
	    ctl.sk, &b, &len, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "does not parse as node.conf"));
	assert_null(strstr(err, "hush"));
}

static void
test_syntax(void **state)
{
	char npk[NODEKEY_PK_TEXT], cpk[NODEKEY_PK_TEXT], text[1024], *b;
	size_t len;

	(void)state;
	nodekey_pk_to_text(node.pk, npk);
	nodekey_pk_to_text(ctl.pk, cpk);
#define CASE(why, ...) do {						\
	snprintf(text, sizeof(text), __VA_ARGS__);			\
	b = sign(text, ctl.sk, &len);					\
	refused(b, len, why);						\
	free(b);							\
} while (0)
	CASE("not an Outpost bundle", "outpost-bundel: 1\n");
	CASE("bundle format '2' is not supported", "outpost-bundle: 2\n");
	CASE("line 2: expected 'node: VALUE', found 'serial'",
	    "outpost-bundle: 1\nserial: 7\n");
	CASE("line 2: field 'node:' missing", "outpost-bundle: 1\n\n");
	CASE("line 2: node: must not begin", "outpost-bundle: 1\nnode: "
	    "../x\n");
	CASE("line 3: serial: not a number", "outpost-bundle: 1\nnode: n\n"
	    "serial: 07\n");
	CASE("line 3: serial: not a number", "outpost-bundle: 1\nnode: n\n"
	    "serial: 0\n");
	CASE("line 3: serial: not a number", "outpost-bundle: 1\nnode: n\n"
	    "serial: 18446744073709551616\n");
	CASE("line 4: node-key: is not base64", "outpost-bundle: 1\nnode: "
	    "n\nserial: 7\nnode-key: %.43s!\n", npk);
	CASE("line 4: node-key: is base64 of 33 octets, not 32",
	    "outpost-bundle: 1\nnode: n\nserial: 7\nnode-key: %.40sAAAA\n",
	    npk);
	CASE("line 5: expected 'controller-key: VALUE', found 'length'",
	    "outpost-bundle: 1\nnode: n\nserial: 7\nnode-key: %s\n"
	    "length: 3\n", npk);
	CASE("line 6: length: not a number", "outpost-bundle: 1\nnode: n\n"
	    "serial: 7\nnode-key: %s\ncontroller-key: %s\nlength: 9999999\n",
	    npk, cpk);
	CASE("line 7: expected the blank line", "outpost-bundle: 1\nnode: n\n"
	    "serial: 7\nnode-key: %s\ncontroller-key: %s\nlength: 3\nab\n",
	    npk, cpk);
	CASE("length 2 does not end the node.conf text at a newline",
	    "outpost-bundle: 1\nnode: n\nserial: 7\nnode-key: %s\n"
	    "controller-key: %s\nlength: 2\n\nab\n", npk, cpk);
	/* length one short: the last octet is read as the signature line */
	CASE("expected 'signature: VALUE', found 'x'", "outpost-bundle: 1\n"
	    "node: n\nserial: 7\nnode-key: %s\ncontroller-key: %s\n"
	    "length: 2\n\na\nx\n", npk, cpk);
#undef CASE
	/* after the signature; a bad signature text */
	b = make("node1", 7, node.pk, ctl.sk, &len);
	assert_non_null(b = realloc(b, len + 2));
	b[len] = '\n';
	b[len + 1] = '\0';
	refused(b, len + 1, "1 octets after the signature line");
	memcpy(strstr(b, "\nsignature: ") + 12, "!", 1);
	refused(b, len, "signature: is not base64");
	free(b);
}

static void
test_make_refuses(void **state)
{
	char *b, err[256];
	size_t len;

	(void)state;
	assert_int_equal(bundle_make("-x", 1, conf, strlen(conf), node.pk,
	    ctl.sk, &b, &len, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "must not begin"));
	assert_int_equal(bundle_make("a/b", 1, conf, strlen(conf), node.pk,
	    ctl.sk, &b, &len, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "only letters"));
	assert_int_equal(bundle_make("n", 0, conf, strlen(conf), node.pk,
	    ctl.sk, &b, &len, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "serial 0"));
	assert_int_equal(bundle_make("n", 1, conf, 0, node.pk, ctl.sk, &b,
	    &len, err, sizeof(err)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_last_newline_added),
		cmocka_unit_test(test_tampered),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_unsigned),
		cmocka_unit_test(test_other_node),
		cmocka_unit_test(test_old_serial),
		cmocka_unit_test(test_wrong_controller),
		cmocka_unit_test(test_header_lies_about_controller),
		cmocka_unit_test(test_sealed_to_other_key),
		cmocka_unit_test(test_secret_not_sealed),
		cmocka_unit_test(test_opened_not_nodeconf),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_make_refuses),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
