/* tlscert_test.c: the controller's certificate: made once with its key 0600, reused after, refused when the key is readable by others or half missing. */
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

#include "testdir.h"
#include "tlscert.h"

static const char *const names[] = { "192.0.2.1", "2001:db8::1",
    "ctl.example.net", NULL };

static int
setup(void **state)
{
	char *dir = malloc(64);

	if (dir == NULL || testdir_make(dir, 64, "tlscert_test") < 0)
		return -1;
	*state = dir;
	return 0;
}

static int
teardown(void **state)
{
	testdir_remove(*state);
	free(*state);
	return 0;
}

static mode_t
mode_of(const char *dir, const char *file)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 0777;
}

static void
test_made_then_reused(void **state)
{
	const char *dir = *state;
	struct tlscert a, b, c;
	char err[256];
	static const uint8_t zero[32];

	if (tlscert_load_or_make(dir, names, &a, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	assert_non_null(a.key_pem);
	assert_non_null(strstr(a.crt_pem, "-----BEGIN CERTIFICATE-----"));
	assert_memory_not_equal(a.sha256, zero, sizeof(zero));
	assert_int_equal(mode_of(dir, TLS_KEY_FILE), 0600);
	assert_int_equal(mode_of(dir, TLS_CRT_FILE), 0644);
	/* Reused: the same certificate, so the same hash tokens carry. */
	assert_int_equal(tlscert_load_or_make(dir, names, &b, err,
	    sizeof(err)), 0);
	assert_memory_equal(a.sha256, b.sha256, sizeof(a.sha256));
	assert_string_equal(a.key_pem, b.key_pem);
	assert_int_equal(tlscert_load_crt(dir, &c, err, sizeof(err)), 0);
	assert_null(c.key_pem);
	assert_memory_equal(a.sha256, c.sha256, sizeof(a.sha256));
	tlscert_free(&a);
	tlscert_free(&b);
	tlscert_free(&c);
}

static void
test_refused(void **state)
{
	const char *dir = *state;
	struct tlscert a;
	char err[256], path[256];

	assert_int_equal(tlscert_load_or_make(dir, NULL, &a, err,
	    sizeof(err)), 0);
	tlscert_free(&a);
	snprintf(path, sizeof(path), "%s/%s", dir, TLS_KEY_FILE);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(tlscert_load_or_make(dir, NULL, &a, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "group or others may read it"));
	assert_int_equal(tlscert_load(dir, &a, err, sizeof(err)), -1);
	assert_int_equal(chmod(path, 0600), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, TLS_CRT_FILE);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(tlscert_load_or_make(dir, NULL, &a, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "tls.crt is missing"));
	/* Garbage in place of the certificate. */
	assert_int_equal(symlink("/dev/null", path), 0);
	assert_int_equal(tlscert_load_crt(dir, &a, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not a regular file"));
	assert_int_equal(unlink(path), 0);
	{
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fputs("not a certificate\n", f);
		fclose(f);
	}
	assert_int_equal(tlscert_load_crt(dir, &a, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot load the TLS certificate"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_made_then_reused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
