/* nodekey_test.c: key files made and read back, and refused when open to group or others, damaged, the wrong size, or a link. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "nodekey.h"
#include "testdir.h"

static char top[64], keyp[128], pubp[128];

static int
setup(void **state)
{
	(void)state;
	if (testdir_make(top, sizeof(top), "nodekey_test") < 0)
		return -1;
	snprintf(keyp, sizeof(keyp), "%s/%s", top, NODEKEY_KEY_FILE);
	snprintf(pubp, sizeof(pubp), "%s/%s", top, NODEKEY_PUB_FILE);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return testdir_remove(top);
}

static void
write_raw(const char *path, const void *buf, size_t len, mode_t mode)
{
	FILE *f;

	unlink(path);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static void
expect_refused(const char *why)
{
	struct nodekey k;
	char err[256];

	memset(&k, 0x55, sizeof(k));
	assert_int_equal(nodekey_load(keyp, &k, err, sizeof(err)), -1);
	if (strstr(err, why) == NULL)
		fail_msg("'%s' does not say '%s'", err, why);
}

static void
test_generate_load(void **state)
{
	struct nodekey k, again;
	struct stat st;
	uint8_t pub[NODEKEY_PK_LEN + 1];
	char err[256];
	FILE *f;

	(void)state;
	assert_int_equal(nodekey_generate(keyp, pubp, &k, err, sizeof(err)),
	    0);
	assert_int_equal(stat(keyp, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, NODEKEY_SK_LEN);
	assert_int_equal(stat(pubp, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_non_null(f = fopen(pubp, "r"));
	assert_int_equal(fread(pub, 1, sizeof(pub), f), NODEKEY_PK_LEN);
	fclose(f);
	assert_memory_equal(pub, k.pk, NODEKEY_PK_LEN);
	assert_int_equal(nodekey_load(keyp, &again, err, sizeof(err)), 0);
	assert_memory_equal(&again, &k, sizeof(k));
	/* 0400 will do as well */
	assert_int_equal(chmod(keyp, 0400), 0);
	assert_int_equal(nodekey_load(keyp, &again, err, sizeof(err)), 0);
	nodekey_wipe(&again);
	assert_int_equal(again.sk[0] | again.pk[31], 0);
}

static void
test_generate_refuses_existing(void **state)
{
	struct nodekey k, k2;
	char err[256];

	(void)state;
	assert_int_equal(nodekey_generate(keyp, pubp, &k, err, sizeof(err)),
	    0);
	assert_int_equal(nodekey_generate(keyp, pubp, &k2, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "exists"));
	assert_int_equal(nodekey_load(keyp, &k2, err, sizeof(err)), 0);
	assert_memory_equal(&k2, &k, sizeof(k));
}

static void
test_refuses_group_other(void **state)
{
	static const mode_t modes[] = { 0640, 0604, 0660, 0644, 0601, 0610 };
	struct nodekey k;
	char err[256];
	size_t i;

	(void)state;
	assert_int_equal(nodekey_generate(keyp, pubp, &k, err, sizeof(err)),
	    0);
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		assert_int_equal(chmod(keyp, modes[i]), 0);
		expect_refused("group or others");
	}
}

static void
test_refuses_other_owner(void **state)
{
	struct nodekey k;
	char err[256];

	(void)state;
	if (geteuid() != 0)
		skip();
	assert_int_equal(nodekey_generate(keyp, pubp, &k, err, sizeof(err)),
	    0);
	assert_int_equal(chown(keyp, 64999, 0), 0);
	expect_refused("owned by uid 64999, not by us");
}

static void
test_refuses_wrong_size(void **state)
{
	struct nodekey k;
	uint8_t big[NODEKEY_SK_LEN + 1];
	char err[256];

	(void)state;
	assert_int_equal(nodekey_generate(keyp, pubp, &k, err, sizeof(err)),
	    0);
	memcpy(big, k.sk, NODEKEY_SK_LEN);
	big[NODEKEY_SK_LEN] = '\n';
	write_raw(keyp, big, NODEKEY_SK_LEN + 1, 0600);
	expect_refused("65 octets");
	write_raw(keyp, big, NODEKEY_SK_LEN - 1, 0600);
	expect_refused("63 octets");
	write_raw(keyp, big, 0, 0600);
	expect_refused("0 octets");
	/* the public key file is no secret key */
	expect_refused("");
	write_raw(keyp, k.pk, NODEKEY_PK_LEN, 0600);
	expect_refused("32 octets");
}

static void
test_refuses_damaged(void **state)
{
	struct nodekey k;
	char err[256];

	(void)state;
	assert_int_equal(nodekey_generate(keyp, pubp, &k, err, sizeof(err)),
	    0);
	k.sk[40] ^= 1;		/* the public half */
	write_raw(keyp, k.sk, NODEKEY_SK_LEN, 0600);
	expect_refused("does not match its seed");
}

static void
test_refuses_missing_and_link(void **state)
{
	struct nodekey k;
	char err[256], other[160];

	(void)state;
	expect_refused("cannot open");
	snprintf(other, sizeof(other), "%s/elsewhere.key", top);
	assert_int_equal(nodekey_generate(other, pubp, &k, err, sizeof(err)),
	    0);
	assert_int_equal(symlink(other, keyp), 0);
	expect_refused("cannot open");
	unlink(keyp);
	assert_int_equal(mkdir(keyp, 0700), 0);
	expect_refused("not a regular file");
	rmdir(keyp);
}

static void
test_pk_text(void **state)
{
	struct nodekey k;
	uint8_t pk[NODEKEY_PK_LEN];
	char text[NODEKEY_PK_TEXT], err[256];

	(void)state;
	assert_int_equal(nodekey_generate(keyp, pubp, &k, err, sizeof(err)),
	    0);
	nodekey_pk_to_text(k.pk, text);
	assert_int_equal(strlen(text), 44);
	assert_int_equal(nodekey_pk_from_text(text, pk, err, sizeof(err)), 0);
	assert_memory_equal(pk, k.pk, sizeof(pk));
	/* 33 octets, 31 octets, not base64 at all */
	assert_int_equal(nodekey_pk_from_text("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAAAA", pk, err, sizeof(err)), -1);
	assert_int_equal(nodekey_pk_from_text("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAA==", pk, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "31 octets"));
	assert_int_equal(nodekey_pk_from_text("not base64!", pk, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "not base64"));
	assert_int_equal(nodekey_pk_from_text("", pk, err, sizeof(err)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_generate_load, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_generate_refuses_existing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_group_other,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_other_owner,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_wrong_size, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuses_damaged, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuses_missing_and_link,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_pk_text, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
