/* bootentry_test.c: boot entry names, systemd-boot's order, install and mark good on a scratch ESP, EFI variables, the running slot. */
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

#include "bootentry.h"
#include "fileutil.h"
#include "testdir.h"

static char esp[64];

static int
setup(void **state)
{
	char dir[128];

	(void)state;
	if (testdir_make(esp, sizeof(esp), "bootentry_test") < 0)
		return -1;
	snprintf(dir, sizeof(dir), "%s/" BOOTENTRY_DIR, esp);
	return mkdir_p(dir, 0755, 0, 0);
}

static int
teardown(void **state)
{
	(void)state;
	return testdir_remove(esp);
}

static void
put(const char *name, const char *version)
{
	char path[256], text[128];

	snprintf(path, sizeof(path), "%s/" BOOTENTRY_DIR "/%s", esp, name);
	snprintf(text, sizeof(text), "title Outpost\nversion %s\n"
	    "options outpost.slot=a console=ttyS0,115200\n", version);
	assert_int_equal(file_write_atomic(path, text, strlen(text), 0644, 0,
	    0), 0);
}

static int
exists(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/" BOOTENTRY_DIR "/%s", esp, name);
	return access(path, F_OK) == 0;
}

static void
test_names(void **state)
{
	struct bootentry e;

	(void)state;
	assert_int_equal(bootentry_parse_name("outpost-a+3.conf", &e), 0);
	assert_int_equal(e.slot, 'a');
	assert_int_equal(e.tries_left, 3);
	assert_int_equal(e.tries_done, -1);
	assert_int_equal(bootentry_parse_name("outpost-b+2-1.conf", &e), 0);
	assert_int_equal(e.slot, 'b');
	assert_int_equal(e.tries_left, 2);
	assert_int_equal(e.tries_done, 1);
	assert_int_equal(bootentry_parse_name("outpost-a+0-3.conf", &e), 0);
	assert_int_equal(e.tries_left, 0);
	assert_int_equal(bootentry_parse_name("outpost-a.conf", &e), 0);
	assert_int_equal(e.tries_left, -1);
	assert_int_equal(bootentry_parse_name("outpost-c.conf", &e), -1);
	assert_int_equal(bootentry_parse_name("outpost-a+.conf", &e), -1);
	assert_int_equal(bootentry_parse_name("outpost-a+3-.conf", &e), -1);
	assert_int_equal(bootentry_parse_name("outpost-a+3", &e), -1);
	assert_int_equal(bootentry_parse_name(".outpost-a+3.conf.tmp", &e),
	    -1);
	assert_int_equal(bootentry_parse_name("outpost-ab.conf", &e), -1);
	assert_int_equal(bootentry_parse_name("debian-a.conf", &e), -1);
}

static void
test_vercmp(void **state)
{
	(void)state;
	assert_true(bootentry_vercmp("0.12", "0.9") > 0);
	assert_true(bootentry_vercmp("0.9", "0.12") < 0);
	assert_true(bootentry_vercmp("0.999", "0.1000") < 0);
	assert_int_equal(bootentry_vercmp("0.12", "0.12"), 0);
	assert_int_equal(bootentry_vercmp("0.012", "0.12"), 0);
	assert_true(bootentry_vercmp("1.0", "1.0.1") < 0);
	assert_true(bootentry_vercmp("1.0~rc1", "1.0") < 0);
	assert_true(bootentry_vercmp("1.0-1", "1.0.1") < 0);
	assert_true(bootentry_vercmp("1.0a", "1.0") > 0);
	assert_true(bootentry_vercmp("", "1") < 0);
}

/* systemd-boot boots the first: a new slot (newer) before the good old
 * one; one with no tries left after the good old one. */
static void
test_order(void **state)
{
	struct bootentry v[BOOTENTRY_MAX];

	(void)state;
	put("outpost-a.conf", "0.10");
	put("outpost-b+3.conf", "0.11");
	assert_int_equal(bootentry_list(esp, v, BOOTENTRY_MAX), 2);
	assert_string_equal(v[0].name, "outpost-b+3.conf");
	assert_string_equal(v[0].version, "0.11");
	assert_string_equal(v[1].name, "outpost-a.conf");
	assert_int_equal(bootentry_remove_slot(esp, 'b'), 0);
	put("outpost-b+0-3.conf", "0.11");
	assert_int_equal(bootentry_list(esp, v, BOOTENTRY_MAX), 2);
	assert_string_equal(v[0].name, "outpost-a.conf");
	assert_string_equal(v[1].name, "outpost-b+0-3.conf");
	assert_int_equal(bootentry_remove_slot(esp, 'b'), 0);
	put("outpost-b+1-2.conf", "0.11");
	assert_int_equal(bootentry_list(esp, v, BOOTENTRY_MAX), 2);
	assert_string_equal(v[0].name, "outpost-b+1-2.conf");
	assert_int_equal(bootentry_remove_slot(esp, 'a'), 0);
	assert_int_equal(bootentry_remove_slot(esp, 'b'), 0);
	assert_int_equal(bootentry_list(esp, v, BOOTENTRY_MAX), 0);
}

static void
test_install_mark_good(void **state)
{
	struct bootentry v[BOOTENTRY_MAX];

	(void)state;
	put("outpost-a.conf", "0.10");
	put("outpost-b+0-3.conf", "0.9");
	assert_int_equal(bootentry_install(esp, 'b', "title Outpost 0.11\n"
	    "version 0.11\n"), 0);
	assert_false(exists("outpost-b+0-3.conf"));
	assert_false(exists(".outpost-b+3.conf.tmp"));
	assert_true(exists("outpost-a.conf"));
	assert_int_equal(bootentry_list(esp, v, BOOTENTRY_MAX), 2);
	assert_string_equal(v[0].name, "outpost-b+3.conf");
	/* The loader counts a try; userland marks it good. */
	{
		char from[256], to[256];

		snprintf(from, sizeof(from), "%s/" BOOTENTRY_DIR
		    "/outpost-b+3.conf", esp);
		snprintf(to, sizeof(to), "%s/" BOOTENTRY_DIR
		    "/outpost-b+2-1.conf", esp);
		assert_int_equal(rename(from, to), 0);
	}
	assert_int_equal(bootentry_mark_good(esp, "outpost-b+2-1.conf"), 0);
	assert_true(exists("outpost-b.conf"));
	assert_false(exists("outpost-b+2-1.conf"));
	assert_int_equal(bootentry_mark_good(esp, "outpost-b.conf"), 0);
	assert_int_equal(bootentry_mark_good(esp, "../x.conf"), -1);
	assert_int_equal(bootentry_remove_slot(esp, 'a'), 0);
	assert_int_equal(bootentry_remove_slot(esp, 'b'), 0);
}

static void
put_efivar(const char *name, const char *value)
{
	char path[256];
	unsigned char raw[256];
	size_t i, n = 4;
	FILE *f;

	memset(raw, 0, 4);
	raw[0] = 0x06;
	for (i = 0; value[i] != '\0'; i++) {
		raw[n++] = (unsigned char)value[i];
		raw[n++] = 0;
	}
	raw[n++] = 0;
	raw[n++] = 0;
	snprintf(path, sizeof(path), "%s/%s-" LOADER_GUID, esp, name);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(raw, 1, n, f), n);
	fclose(f);
}

static void
test_efivar(void **state)
{
	char buf[128];

	(void)state;
	put_efivar("LoaderBootCountPath",
	    "\\loader\\entries\\outpost-b+2-1.conf");
	assert_int_equal(efivar_read(esp, "LoaderBootCountPath", buf,
	    sizeof(buf)), 0);
	assert_string_equal(buf, "\\loader\\entries\\outpost-b+2-1.conf");
	assert_string_equal(bootentry_basename(buf), "outpost-b+2-1.conf");
	assert_int_equal(efivar_read(esp, "LoaderEntrySelected", buf,
	    sizeof(buf)), -1);
	assert_int_equal(efivar_read(esp, "LoaderBootCountPath", buf, 8), -1);
}

static void
test_cmdline(void **state)
{
	char path[128], cons[128];
	const char *text;

	(void)state;
	snprintf(path, sizeof(path), "%s/cmdline", esp);
	text = "outpost.slot=b outpost.verity=1:ab:cd console=tty0\n";
	assert_int_equal(file_write_atomic(path, text, strlen(text), 0644, 0,
	    0), 0);
	assert_int_equal(bootentry_running_slot(path), 'b');
	text = "xoutpost.slot=b outpost.slot=c\n";
	assert_int_equal(file_write_atomic(path, text, strlen(text), 0644, 0,
	    0), 0);
	assert_int_equal(bootentry_running_slot(path), -1);
	bootentry_consoles("title x\noptions outpost.slot=a console=tty0 "
	    "quiet console=ttyS0,115200 panic=10\n", cons, sizeof(cons));
	assert_string_equal(cons, "console=tty0 console=ttyS0,115200");
	bootentry_consoles("title x\n", cons, sizeof(cons));
	assert_string_equal(cons, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_vercmp),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_install_mark_good),
		cmocka_unit_test(test_efivar),
		cmocka_unit_test(test_cmdline),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
