/* update_header_test.c: the update header parser: a good header and its printed form, and a precise FILE:OFFSET error for each kind of bad one. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "update_header.h"

#define H64	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define GOOD \
	"outpost-update 1\n" \
	"version: 0.12\n" \
	"kernel: 100 " H64 "\n" \
	"initrd: 200 " H64 "\n" \
	"slot: 16384 " H64 "\n" \
	"verity: 3:" H64 ":00ff\n" \
	"end\n"

static void
test_good(void **state)
{
	struct update_header h;
	char err[256], text[UPDATE_HDR_MAX + 1], buf[1024];
	int n;

	(void)state;
	/* Payload octets follow the header. */
	snprintf(buf, sizeof(buf), "%sPAYLOAD", GOOD);
	assert_int_equal(update_header_parse(buf, strlen(buf), "f.update",
	    &h, err, sizeof(err)), 0);
	assert_string_equal(h.version, "0.12");
	assert_int_equal(h.len, strlen(GOOD));
	assert_int_equal(h.part[UP_KERNEL].size, 100);
	assert_int_equal(h.part[UP_SLOT].size, 16384);
	assert_int_equal(h.part[UP_SLOT].sha256[0], 0x01);
	assert_int_equal(h.data_blocks, 3);
	assert_string_equal(h.salt, "00ff");
	assert_int_equal(update_part_offset(&h, UP_INITRD), h.len + 100);
	assert_int_equal(update_file_size(&h), h.len + 100 + 200 + 16384 +
	    UPDATE_SIG_LEN);
	n = update_header_format(&h, text, sizeof(text));
	assert_int_equal(n, strlen(GOOD));
	assert_string_equal(text, GOOD);
}

/* Replaces the first from in GOOD by to; the error must be want. */
static void
bad(const char *from, const char *to, const char *want)
{
	struct update_header h;
	char text[2048], err[256];
	const char *p = strstr(GOOD, from);

	assert_non_null(p);
	snprintf(text, sizeof(text), "%.*s%s%s", (int)(p - GOOD), GOOD, to,
	    p + strlen(from));
	if (update_header_parse(text, strlen(text), "f.update", &h, err,
	    sizeof(err)) == 0)
		fail_msg("accepted with %s -> %s", from, to);
	if (strcmp(err, want) != 0)
		fail_msg("%s -> %s: got \"%s\", want \"%s\"", from, to, err,
		    want);
}

static void
test_bad(void **state)
{
	struct update_header h;
	char err[256];

	(void)state;
	bad("outpost-update 1", "outpost-update 2",
	    "f.update:0: not an Outpost update file (expected "
	    "\"outpost-update 1\")");
	bad("version: 0.12", "version: 0 12",
	    "f.update:26: version: 1 to 63 of A-Z a-z 0-9 . ~ ^ + _ -");
	bad("version: 0.12", "versions: 0.12",
	    "f.update:17: expected \"version: \"");
	bad("kernel: 100", "kernel: 0100",
	    "f.update:39: kernel: size: a number from 1 to 134217728 "
	    "without leading zeros");
	bad("kernel: 100", "kernel: 0",
	    "f.update:39: kernel: size: a number from 1 to 134217728 "
	    "without leading zeros");
	bad("initrd: 200 0123", "initrd: 200 0A23",
	    "f.update:120: initrd: sha256: 64 lowercase hex digits");
	bad("slot: 16384 " H64, "slot: 16384 " H64 "0",
	    "f.update:197: slot: sha256: 64 lowercase hex digits");
	bad("slot: 16384", "slot: 99999999999999999999",
	    "f.update:191: slot: size: a number from 1 to 68719476736 "
	    "without leading zeros");
	bad("verity: 3:", "verity: 5:",
	    "f.update:270: verity: 5 data blocks do not fit in the slot's "
	    "16384 octets");
	bad(":00ff", ":0ff",
	    "f.update:270: verity: SALT: 2 to 512 lowercase hex digits, an "
	    "even number");
	bad("verity: 3:", "verity: 3",
	    "f.update:270: verity: expected DATA_BLOCKS:ROOTHASH:SALT");
	bad("end\n", "end \n", "f.update:342: expected \"end\"");
	bad("end\n", "end", "f.update:342: file ends inside the header");
	bad("\nversion", "\r\nversion",
	    "f.update:0: not an Outpost update file (expected "
	    "\"outpost-update 1\")");
	/* A NUL byte in the version. */
	assert_int_equal(update_header_parse("outpost-update 1\nversion: a\0b\n",
	    30, "f", &h, err, sizeof(err)), -1);
	assert_string_equal(err, "f:26: version: 1 to 63 of A-Z a-z 0-9 . ~ ^ "
	    "+ _ -");
	assert_int_equal(update_header_parse("", 0, "f", &h, err,
	    sizeof(err)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
