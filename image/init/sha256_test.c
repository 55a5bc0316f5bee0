/* sha256_test.c: SHA-256 against the FIPS 180-4 examples, whole and fed in pieces. */
/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "init.h"

static void
hexof(const void *data, size_t n, size_t piece, char out[65])
{
	const unsigned char *p = data;
	unsigned char md[32];
	struct sha256 s;
	size_t k;
	int i;

	sha256_init(&s);
	while (n > 0) {
		k = n < piece ? n : piece;
		sha256_update(&s, p, k);
		p += k;
		n -= k;
	}
	sha256_final(&s, md);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static void
test_vectors(void **state)
{
	static const char two[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static char million[1000000];
	char hex[65];
	size_t piece;

	(void)state;
	hexof("", 0, 1, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	hexof("abc", 3, 1, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	for (piece = 1; piece <= 64; piece++) {
		hexof(two, strlen(two), piece, hex);
		assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039"
		    "a33ce45964ff2167f6ecedd419db06c1");
	}
	memset(million, 'a', sizeof(million));
	hexof(million, sizeof(million), 4096, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
