/* modules_test.c: modules.dep as init reads it: names, dependencies loaded first and once, cycles and unknown names. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "init.h"

static const char dep[] =
    "kernel/drivers/md/dm-verity.ko: kernel/drivers/md/dm-bufio.ko "
    "kernel/drivers/md/dm-mod.ko kernel/lib/reed_solomon/reed_solomon.ko\n"
    "kernel/drivers/md/dm-bufio.ko: kernel/drivers/md/dm-mod.ko\n"
    "kernel/drivers/md/dm-mod.ko:\n"
    "kernel/lib/reed_solomon/reed_solomon.ko:\n"
    "kernel/fs/ext4/ext4.ko.xz: kernel/lib/crc16.ko kernel/fs/mbcache.ko "
    "kernel/fs/jbd2/jbd2.ko\n"
    "kernel/lib/crc16.ko:\n"
    "kernel/fs/mbcache.ko:\n"
    "kernel/fs/jbd2/jbd2.ko:\n"
    "# a comment\n"
    "kernel/x/cyc-a.ko: kernel/x/cyc-b.ko\n"
    "kernel/x/cyc-b.ko: kernel/x/cyc-a.ko\n"
    "kernel/x/lonely.ko: kernel/x/missing.ko";

struct record {
	char	 log[1024];
	int	 n;
	int	 fail_on;	/* index of the load that fails, -1: none */
};

static int
rec(const char *path, void *arg)
{
	struct record *r = arg;
	const char *b = strrchr(path, '/');

	strcat(r->log, b ? b + 1 : path);
	strcat(r->log, " ");
	return r->n++ == r->fail_on ? -1 : 0;
}

static struct moddb *
db(void)
{
	char *text = strdup(dep);
	struct moddb *m;

	assert_non_null(text);
	assert_non_null(m = moddb_parse(text));
	return m;
}

static void
test_order(void **state)
{
	struct record r = { "", 0, -1 };
	struct moddb *m = db();

	(void)state;
	assert_int_equal(moddb_load(m, "dm_verity", rec, &r), 0);
	assert_string_equal(r.log,
	    "reed_solomon.ko dm-mod.ko dm-bufio.ko dm-verity.ko ");
	/* each at most once; '-' and '_' are one */
	assert_int_equal(moddb_load(m, "dm-bufio", rec, &r), 0);
	assert_int_equal(moddb_load(m, "ext4", rec, &r), 0);
	assert_string_equal(r.log,
	    "reed_solomon.ko dm-mod.ko dm-bufio.ko dm-verity.ko "
	    "jbd2.ko mbcache.ko crc16.ko ext4.ko.xz ");
	moddb_free(m);
}

static void
test_unknown_and_failed(void **state)
{
	struct record r = { "", 0, 0 };
	struct moddb *m = db();

	(void)state;
	errno = 0;
	assert_int_equal(moddb_load(m, "virtio_blk", rec, &r), -1);
	assert_int_equal(errno, ENOENT);
	/* a failed load is remembered, not retried */
	assert_int_equal(moddb_load(m, "crc16", rec, &r), -1);
	assert_int_equal(moddb_load(m, "crc16", rec, &r), -1);
	assert_string_equal(r.log, "crc16.ko ");
	/* a dependency without a line: the module alone */
	assert_int_equal(moddb_load(m, "lonely", rec, &r), 0);
	/* a cycle ends */
	assert_int_equal(moddb_load(m, "cyc_a", rec, &r), 0);
	assert_string_equal(r.log, "crc16.ko lonely.ko cyc-b.ko cyc-a.ko ");
	moddb_free(m);
}

static void
test_modparams(void **state)
{
	const char *cl = "outpost.slot=a usb-storage.delay_use=0 "
	    "usb_storage.quirks=0781:5580:u ext4.x=\"q\" dm_mod ext4.y "
	    "panic=10 ext4.z=1\n";
	char out[64];

	(void)state;
	/* '-' and '_' alike, in the command line and in the path */
	modparams(cl, "kernel/drivers/usb/storage/usb-storage.ko", out,
	    sizeof(out));
	assert_string_equal(out, "delay_use=0 quirks=0781:5580:u");
	/* quoted words and words without '=' are skipped */
	modparams(cl, "ext4.ko", out, sizeof(out));
	assert_string_equal(out, "z=1");
	modparams(cl, "dm-mod.ko", out, sizeof(out));
	assert_string_equal(out, "");
	modparams(NULL, "ext4.ko", out, sizeof(out));
	assert_string_equal(out, "");
	/* what does not fit is left out, never cut */
	modparams(cl, "usb_storage", out, 16);
	assert_string_equal(out, "delay_use=0");
}

static void
test_empty(void **state)
{
	struct record r = { "", 0, -1 };
	struct moddb *m;
	char *text = strdup("");

	(void)state;
	assert_non_null(m = moddb_parse(text));
	assert_int_equal(moddb_load(m, "ext4", rec, &r), -1);
	moddb_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_unknown_and_failed),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_modparams),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
