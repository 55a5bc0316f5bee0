/* cmdline_test.c: the kernel command line as init reads it: good lines, and a precise error for each bad one. */
/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "init.h"

#define HASH "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void
test_good(void **state)
{
	struct bootargs ba;
	char err[256];

	(void)state;
	assert_int_equal(cmdline_parse("BOOT_IMAGE=/x quiet outpost.slot=b "
	    "outpost.verity=81920:" HASH ":00ff console=ttyS0,115200 panic=10\n",
	    &ba, err, sizeof(err)), 0);
	assert_int_equal(ba.slot, 'b');
	assert_true(ba.data_blocks == 81920);
	assert_string_equal(ba.roothash, HASH);
	assert_string_equal(ba.salt, "00ff");
}

static void
test_normalised(void **state)
{
	struct bootargs ba;
	char err[256];

	(void)state;
	/* quotes as the kernel allows them, upper case hex, no salt */
	assert_int_equal(cmdline_parse("\"outpost.slot=a\" outpost.verity=8:"
	    "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789ABCDEF:-",
	    &ba, err, sizeof(err)), 0);
	assert_int_equal(ba.slot, 'a');
	assert_string_equal(ba.roothash, HASH);
	assert_string_equal(ba.salt, "-");
	/* after "--" the words are init's, not ours */
	assert_int_equal(cmdline_parse("outpost.slot=a outpost.verity=8:" HASH
	    ":- -- outpost.slot=zz", &ba, err, sizeof(err)), 0);
}

static const struct bad {
	const char	*line;
	const char	*err;
} bad[] = {
	{ "outpost.verity=8:" HASH ":-",
	    "cannot find outpost.slot= on the kernel command line" },
	{ "outpost.slot=a",
	    "cannot find outpost.verity= on the kernel command line" },
	{ "outpost.slot=c outpost.verity=8:" HASH ":-",
	    "cannot parse outpost.slot=c: slot must be a or b" },
	{ "outpost.slot=a outpost.slot=b",
	    "cannot parse outpost.slot=: given more than once" },
	{ "outpost.slot=a outpost.root=x",
	    "cannot parse outpost.root=: unknown parameter (known: outpost.slot, "
	    "outpost.verity)" },
	{ "outpost.slot", "cannot parse outpost.slot: want outpost.slot=VALUE" },
	{ "outpost.slot=a outpost.verity=8:" HASH,
	    "cannot parse outpost.verity=8:0123456789abcdef0123456789abcdef012345...: "
	    "want DATA_BLOCKS:ROOTHASH:SALT (three fields separated by colons)" },
	{ "outpost.slot=a outpost.verity=8x:ab:-",
	    "cannot parse outpost.verity=8x:ab:-: DATA_BLOCKS must be a decimal "
	    "number, not 8x" },
	{ "outpost.slot=a outpost.verity=0:" HASH ":-",
	    "cannot parse outpost.verity=0:0123456789abcdef0123456789abcdef012345...: "
	    "DATA_BLOCKS must not be 0" },
	{ "outpost.slot=a outpost.verity=99999999999999:" HASH ":-",
	    "cannot parse outpost.verity=99999999999999:0123456789abcdef012345678...: "
	    "DATA_BLOCKS is too large (more than 1099511627776)" },
	{ "outpost.slot=a outpost.verity=8:abc:-",
	    "cannot parse outpost.verity=8:abc:-: ROOTHASH must be 64 hexadecimal "
	    "digits (sha256), got 3 characters" },
	{ "outpost.slot=a outpost.verity=8:"
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg:-",
	    "cannot parse outpost.verity=8:0123456789abcdef0123456789abcdef012345...: "
	    "ROOTHASH must be 64 hexadecimal digits (sha256), got 64 characters "
	    "with a non-hexadecimal one" },
	{ "outpost.slot=a outpost.verity=8:" HASH ":abc",
	    "cannot parse outpost.verity=8:0123456789abcdef0123456789abcdef012345...: "
	    "SALT has an odd number of hexadecimal digits (3)" },
	{ "outpost.slot=a outpost.verity=8:" HASH ":xy",
	    "cannot parse outpost.verity=8:0123456789abcdef0123456789abcdef012345...: "
	    "SALT must be hexadecimal digits (\"-\": no salt)" },
	{ "outpost.slot=a outpost.verity=8:" HASH ":",
	    "cannot parse outpost.verity=8:0123456789abcdef0123456789abcdef012345...: "
	    "SALT is empty (\"-\": no salt)" },
	{ "outpost.slot=a outpost.verity=8:" HASH ":00:11",
	    "cannot parse outpost.verity=8:0123456789abcdef0123456789abcdef012345...: "
	    "want DATA_BLOCKS:ROOTHASH:SALT (three fields separated by colons)" },
};

static void
test_bad(void **state)
{
	struct bootargs ba;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (cmdline_parse(bad[i].line, &ba, err, sizeof(err)) != -1 ||
		    strcmp(err, bad[i].err) != 0)
			fail_msg("line %zu: %s\n got:  %s\n want: %s", i,
			    bad[i].line, err, bad[i].err);
	}
}

static void
test_long_salt(void **state)
{
	struct bootargs ba;
	char line[1200], err[256];
	int n;

	(void)state;
	n = snprintf(line, sizeof(line), "outpost.slot=a outpost.verity=8:"
	    HASH ":");
	memset(line + n, 'a', 2 * VERITY_SALT_MAX);
	line[n + 2 * VERITY_SALT_MAX] = '\0';
	assert_int_equal(cmdline_parse(line, &ba, err, sizeof(err)), 0);
	strcat(line, "aa");
	assert_int_equal(cmdline_parse(line, &ba, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "SALT is longer than 256 bytes"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_normalised),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_long_salt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
