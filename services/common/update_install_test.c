/* update_install_test.c: `outpost update` on a scratch ESP and a slot file: a good file is written; a tampered one, an older version, a too large slot are refused with nothing changed; killed while writing, the ESP keeps only the old entry. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
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
#include "update_esp.h"
#include "update_header.h"
#include "update_install.h"
#include "update_verify.h"

#define SLOT_SIZE	(4 << 20)	/* the "partition" */
#define KERNEL_SIZE	70000
#define INITRD_SIZE	90000

static char dir[64], esp[128], slotdev[128], cmdline[128], pub[128],
    other_pub[128], file[128];
static unsigned char pk[32], sk[64];

static void
put(const char *path, const void *buf, size_t len)
{
	assert_int_equal(file_write_atomic(path, buf, len, 0644, 0, 0), 0);
}

static unsigned char *
pattern(size_t len, unsigned seed)
{
	unsigned char *p = malloc(len);
	size_t i;

	assert_non_null(p);
	for (i = 0; i < len; i++)
		p[i] = (unsigned char)((i * 131 + seed * 7 + (i >> 9)) & 0xff);
	return p;
}

/* An update file at path: version, a slot payload of slotlen octets. */
static void
make_update(const char *path, const char *version, size_t slotlen)
{
	static const size_t len[UP_NPARTS] = { KERNEL_SIZE, INITRD_SIZE, 0 };
	struct update_header h = { 0 };
	struct update_stream s;
	unsigned char *part[UP_NPARTS], sig[UPDATE_SIG_LEN];
	char text[UPDATE_HDR_MAX + 1];
	const char *why;
	FILE *f;
	int i, n;

	snprintf(h.version, sizeof(h.version), "%s", version);
	for (i = 0; i < UP_NPARTS; i++) {
		h.part[i].size = i == UP_SLOT ? slotlen : len[i];
		part[i] = pattern(h.part[i].size, (unsigned)i);
		crypto_hash_sha256(h.part[i].sha256, part[i], h.part[i].size);
	}
	assert_int_equal(update_verity_parse("2:" "0123456789abcdef"
	    "0123456789abcdef0123456789abcdef0123456789abcdef:00ff", &h,
	    &why), 0);
	assert_true((n = update_header_format(&h, text, sizeof(text))) > 0);
	h.len = (size_t)n;
	assert_non_null(f = fopen(path, "w"));
	fwrite(text, 1, h.len, f);
	update_stream_init(&s, &h, text);
	for (i = 0; i < UP_NPARTS; i++) {
		update_stream_feed(&s, part[i], h.part[i].size);
		fwrite(part[i], 1, h.part[i].size, f);
		free(part[i]);
	}
	update_stream_sign(&s, sk, sig);
	fwrite(sig, 1, sizeof(sig), f);
	assert_int_equal(fclose(f), 0);
}

static void
flip(const char *path, long off, int mask)
{
	FILE *f;
	int c;

	assert_non_null(f = fopen(path, "r+"));
	if (off < 0)
		fseek(f, off, SEEK_END);
	else
		fseek(f, off, SEEK_SET);
	c = fgetc(f);
	fseek(f, -1, SEEK_CUR);
	fputc(c ^ mask, f);
	fclose(f);
}

static const char old_entry[] = "title Outpost 0.10 (slot a)\n"
    "version 0.10\nsort-key outpost\nlinux /outpost/a/vmlinuz\n"
    "initrd /outpost/a/initrd.img\noptions outpost.slot=a "
    "outpost.verity=1:2:3 console=ttyS1,9600 panic=10\n";

static int
setup(void **state)
{
	unsigned char opk[32], osk[64];
	char path[256];
	void *zero;

	(void)state;
	if (sodium_init() < 0 || testdir_make(dir, sizeof(dir),
	    "update_install_test") < 0)
		return -1;
	snprintf(esp, sizeof(esp), "%s/esp", dir);
	snprintf(slotdev, sizeof(slotdev), "%s/slot-b", dir);
	snprintf(cmdline, sizeof(cmdline), "%s/cmdline", dir);
	snprintf(pub, sizeof(pub), "%s/release.pub", dir);
	snprintf(other_pub, sizeof(other_pub), "%s/other.pub", dir);
	snprintf(file, sizeof(file), "%s/outpost.update", dir);
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(opk, osk);
	put(pub, pk, sizeof(pk));
	put(other_pub, opk, sizeof(opk));
	put(cmdline, "outpost.slot=a console=ttyS1,9600\n", 34);
	snprintf(path, sizeof(path), "%s/" BOOTENTRY_DIR, esp);
	mkdir_p(path, 0755, 0, 0);
	if ((zero = calloc(1, SLOT_SIZE)) == NULL)
		return -1;
	put(slotdev, zero, SLOT_SIZE);
	free(zero);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return testdir_remove(dir);
}

/* The ESP as it is now (every file, its content), the slot's sha256. */
static char *
snapshot(void)
{
	char *out = NULL;
	char cmd[512];
	size_t len = 0;
	FILE *f, *p;
	int c;

	f = open_memstream(&out, &len);
	snprintf(cmd, sizeof(cmd), "cd %s && find . -type f | sort | "
	    "xargs -r sha256sum; sha256sum %s", esp, slotdev);
	assert_non_null(p = popen(cmd, "r"));
	while ((c = fgetc(p)) != EOF)
		fputc(c, f);
	pclose(p);
	fclose(f);
	return out;
}

static void
reset(void)
{
	char path[256];
	void *zero = calloc(1, SLOT_SIZE);

	snprintf(path, sizeof(path), "%s/outpost", esp);
	if (access(path, F_OK) == 0)
		assert_int_equal(testdir_remove(path), 0);
	assert_int_equal(bootentry_remove_slot(esp, 'a'), 0);
	assert_int_equal(bootentry_remove_slot(esp, 'b'), 0);
	snprintf(path, sizeof(path), "%s/" BOOTENTRY_DIR "/outpost-a.conf",
	    esp);
	put(path, old_entry, strlen(old_entry));
	put(slotdev, zero, SLOT_SIZE);
	free(zero);
}

static int
run(const char *key, int force)
{
	struct update_opts o = { .file = file, .pubkey = key,
	    .slot_device = slotdev, .esp = esp, .cmdline = cmdline,
	    .sysblock = "/nonexistent", .force = force, .quiet = 1 };

	return update_install(&o);
}

static void
test_good(void **state)
{
	struct bootentry v[BOOTENTRY_MAX];
	unsigned char *want;
	char path[256], *text;
	size_t len;

	(void)state;
	reset();
	make_update(file, "0.11", 3 << 20);
	assert_int_equal(run(pub, 0), 0);
	assert_int_equal(bootentry_list(esp, v, BOOTENTRY_MAX), 2);
	assert_string_equal(v[0].name, "outpost-b+3.conf");
	assert_string_equal(v[0].version, "0.11");
	assert_string_equal(v[1].name, "outpost-a.conf");
	snprintf(path, sizeof(path), "%s/" BOOTENTRY_DIR "/outpost-b+3.conf",
	    esp);
	assert_non_null(text = file_read(path, 4096, NULL));
	assert_non_null(strstr(text, "\noptions outpost.slot=b "
	    "outpost.verity=2:0123456789abcdef0123456789abcdef0123456789abcdef"
	    "0123456789abcdef:00ff console=ttyS1,9600 "
	    "usb-storage.delay_use=0 panic=10\n"));
	assert_non_null(strstr(text, "\nlinux /outpost/b/vmlinuz\n"));
	free(text);
	assert_non_null(text = file_read(slotdev, SLOT_SIZE + 1, &len));
	assert_int_equal(len, SLOT_SIZE);	/* the partition's size kept */
	want = pattern(3 << 20, UP_SLOT);
	assert_memory_equal(text, want, 3 << 20);
	free(want);
	free(text);
	snprintf(path, sizeof(path), "%s/outpost/b/vmlinuz", esp);
	assert_non_null(text = file_read(path, 1 << 20, &len));
	assert_int_equal(len, KERNEL_SIZE);
	want = pattern(KERNEL_SIZE, UP_KERNEL);
	assert_memory_equal(text, want, KERNEL_SIZE);
	free(want);
	free(text);
	snprintf(path, sizeof(path), "%s/outpost/b/initrd.img.tmp", esp);
	assert_int_not_equal(access(path, F_OK), 0);
}

/* Each refused, and neither the slot nor the ESP changed. */
static void
refused(const char *what, const char *key, int force)
{
	char *before, *after;
	int rc;

	before = snapshot();
	rc = run(key, force);
	after = snapshot();
	if (rc == 0)
		fail_msg("%s: accepted", what);
	if (strcmp(before, after) != 0)
		fail_msg("%s: changed:\n%s\nto\n%s", what, before, after);
	free(before);
	free(after);
}

static void
test_tampered(void **state)
{
	struct update_header h;
	char hdr[UPDATE_HDR_MAX], err[256];
	FILE *f;
	size_t n;

	(void)state;
	reset();
	make_update(file, "0.11", 1 << 20);
	assert_non_null(f = fopen(file, "r"));
	n = fread(hdr, 1, sizeof(hdr), f);
	fclose(f);
	assert_int_equal(update_header_parse(hdr, n, "f", &h, err,
	    sizeof(err)), 0);
	flip(file, (long)(update_part_offset(&h, UP_SLOT) + 12345), 0x20);
	refused("a byte of the slot", pub, 0);
	make_update(file, "0.11", 1 << 20);
	flip(file, (long)update_part_offset(&h, UP_KERNEL) + 5, 0x01);
	refused("a byte of the kernel", pub, 1);
	make_update(file, "0.11", 1 << 20);
	flip(file, 29, 0x02);	/* the version: 0.11 -> 0.13, still parses */
	refused("a byte of the header", pub, 0);
	make_update(file, "0.11", 1 << 20);
	flip(file, 20, 0x20);	/* "version" -> "veRsion" */
	refused("a byte of the header's syntax", pub, 0);
	make_update(file, "0.11", 1 << 20);
	flip(file, 130, 0x20);	/* a hex digit of a sha256: uppercase */
	refused("a digit of a sha256", pub, 1);
	make_update(file, "0.11", 1 << 20);
	flip(file, -10, 0x20);
	refused("a byte of the signature", pub, 0);
	make_update(file, "0.11", 1 << 20);
	refused("another key", other_pub, 1);
	make_update(file, "0.11", 1 << 20);
	assert_int_equal(truncate(file, (off_t)update_file_size(&h) - 1), 0);
	refused("cut short", pub, 0);
}

static void
test_versions(void **state)
{
	char path[256];

	(void)state;
	reset();
	make_update(file, "0.9", 1 << 20);
	refused("an older version", pub, 0);
	make_update(file, "0.10", 1 << 20);
	refused("the same version", pub, 0);
	make_update(file, "0.11", SLOT_SIZE + 4096);
	refused("a slot larger than the partition", pub, 1);
	/* The running slot still on trial. */
	snprintf(path, sizeof(path), "%s/" BOOTENTRY_DIR "/outpost-a.conf",
	    esp);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/" BOOTENTRY_DIR
	    "/outpost-a+2-1.conf", esp);
	put(path, old_entry, strlen(old_entry));
	make_update(file, "0.11", 1 << 20);
	refused("the running slot on trial", pub, 0);
	reset();
	make_update(file, "0.10", 1 << 20);
	assert_int_equal(run(pub, 1), 0);	/* --force */
}

/* Killed after 1 MiB of the slot: the ESP holds the old entry only. */
static void
test_killed(void **state)
{
	struct bootentry v[BOOTENTRY_MAX];
	char path[256];
	int status;
	pid_t pid;

	(void)state;
	reset();
	snprintf(path, sizeof(path), "%s/" BOOTENTRY_DIR
	    "/outpost-b+0-3.conf", esp);
	put(path, "version 0.10\n", 13);	/* a failed try before */
	make_update(file, "0.11", 3 << 20);
	if ((pid = fork()) == 0) {
		setenv(UPDATE_KILL_ENV, "1", 1);
		_exit(run(pub, 0));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_int_equal(bootentry_list(esp, v, BOOTENTRY_MAX), 1);
	assert_string_equal(v[0].name, "outpost-a.conf");
	snprintf(path, sizeof(path), "%s/outpost/b/vmlinuz", esp);
	assert_int_not_equal(access(path, F_OK), 0);
	/* Run again to the end: the update is in. */
	assert_int_equal(run(pub, 0), 0);
	assert_int_equal(bootentry_list(esp, v, BOOTENTRY_MAX), 2);
	assert_string_equal(v[0].name, "outpost-b+3.conf");
}

/* A sysfs of its own: disk1 (sdb: ESP, a, b) and disk2 (sdc: b only). */
static void
fake_part(const char *sys, const char *disk, const char *name,
    const char *label)
{
	char path[512], link[600], text[128];

	snprintf(path, sizeof(path), "%s/devices/%s/%s", sys, disk, name);
	assert_int_equal(mkdir_p(path, 0755, 0, 0), 0);
	snprintf(link, sizeof(link), "%s/uevent", path);
	snprintf(text, sizeof(text), "MAJOR=8\nDEVNAME=%s\nDEVTYPE=partition\n"
	    "PARTNAME=%s\n", name, label);
	put(link, text, strlen(text));
	snprintf(link, sizeof(link), "%s/class/%s", sys, name);
	snprintf(path, sizeof(path), "../devices/%s/%s", disk, name);
	assert_int_equal(symlink(path, link), 0);
}

static void
test_find_part(void **state)
{
	char sys[256], cls[300], dev[64], err[256];

	(void)state;
	snprintf(sys, sizeof(sys), "%s/sys", dir);
	snprintf(cls, sizeof(cls), "%s/class", sys);
	assert_int_equal(mkdir_p(cls, 0755, 0, 0), 0);
	fake_part(sys, "sdb", "sdb1", "OUTPOST-ESP");
	fake_part(sys, "sdb", "sdb2", "outpost-a");
	fake_part(sys, "sdb", "sdb3", "outpost-b");
	assert_int_equal(update_find_part(cls, "outpost-b", "outpost-a", dev,
	    sizeof(dev), err, sizeof(err)), 0);
	assert_string_equal(dev, "/dev/sdb3");
	/* A second key with a slot b: the one beside the running a. */
	fake_part(sys, "sdc", "sdc3", "outpost-b");
	assert_int_equal(update_find_part(cls, "outpost-b", "outpost-a", dev,
	    sizeof(dev), err, sizeof(err)), 0);
	assert_string_equal(dev, "/dev/sdb3");
	assert_int_equal(update_find_part(cls, "OUTPOST-ESP", "outpost-a",
	    dev, sizeof(dev), err, sizeof(err)), 0);
	assert_string_equal(dev, "/dev/sdb1");
	/* Two running slots a: which one is not known. */
	fake_part(sys, "sdc", "sdc2", "outpost-a");
	assert_int_equal(update_find_part(cls, "outpost-b", "outpost-a", dev,
	    sizeof(dev), err, sizeof(err)), -1);
	assert_string_equal(err, "cannot tell which of 2 partitions labelled "
	    "outpost-b to use");
	assert_int_equal(update_find_part(cls, "outpost-x", NULL, dev,
	    sizeof(dev), err, sizeof(err)), -1);
	assert_string_equal(err, "cannot find the partition labelled "
	    "outpost-x");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_tampered),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_killed),
		cmocka_unit_test(test_find_part),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
