/* signkey_test.c: the controller's signing key: made once (0600, its .pub 0644), reused after, refused when readable by others, of the wrong size or not matching its .pub. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sodium.h>

#include "signkey.h"
#include "testdir.h"

static void
test_signkey(void **state)
{
	uint8_t pk[32], sk[64], pk2[32], sk2[64];
	char dir[64], err[256], path[128];
	struct stat st;
	FILE *f;

	(void)state;
	assert_int_equal(sodium_init() < 0, 0);
	assert_int_equal(testdir_make(dir, sizeof(dir), "signkey_test"), 0);
	if (signkey_load_or_make(dir, pk, sk, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	snprintf(path, sizeof(path), "%s/%s", dir, SIGNKEY_FILE);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 64);
	assert_int_equal(signkey_load_or_make(dir, pk2, sk2, err, sizeof(err)),
	    0);
	assert_memory_equal(pk, pk2, 32);
	assert_memory_equal(sk, sk2, 64);
	/* Readable by its group. */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(signkey_load(dir, pk2, sk2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "group or others may read it"));
	assert_int_equal(chmod(path, 0600), 0);
	/* Another key's .pub. */
	snprintf(path, sizeof(path), "%s/%s", dir, SIGNPUB_FILE);
	pk2[0] ^= 1;
	assert_non_null(f = fopen(path, "w"));
	fwrite(pk2, 1, 32, f);
	fclose(f);
	assert_int_equal(signkey_load(dir, pk2, sk2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "does not match"));
	/* Cut short. */
	assert_int_equal(truncate(path, 31), 0);
	assert_int_equal(signkey_load(dir, pk2, sk2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "31 octets, want 32"));
	/* The .pub without its key. */
	snprintf(path, sizeof(path), "%s/%s", dir, SIGNKEY_FILE);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(signkey_load_or_make(dir, pk2, sk2, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "signing.key is missing"));
	testdir_remove(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signkey),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
