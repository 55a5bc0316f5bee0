/* hwprofile_test.c: hardware profile golden tests (testdata/hwprofile/NN.in against NN.ok), the shipped profiles, matching on fake DMI trees. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fileutil.h"
#include "golden.h"
#include "hwprofile.h"
#include "testdir.h"

#define DATADIR		"lib/testdata/hwprofile"
#define SHIPPED		"hwprofiles"

/* What a file yields: its errors, or its printed form. */
static int
outcome(FILE *f, const char *name, const char *buf, size_t len)
{
	struct hwprofiles *ps;

	if ((ps = hwprofiles_load_buf(name, buf, len, f)) == NULL)
		return 0;
	hwprofiles_print(f, ps);
	hwprofiles_free(ps);
	return 1;
}

static void
test_golden(void **state)
{
	(void)state;
	assert_true(golden_run(DATADIR, outcome) >= 12);
}

/* A scratch sysroot whose DMI says vendor, product, board (NULL: no file). */
struct fakeroot {
	char	 dir[256];
};

static void
put(const char *dir, const char *name, const char *val)
{
	char path[PATH_MAX];

	if (val == NULL)
		return;
	snprintf(path, sizeof(path), "%s/sys/class/dmi/id/%s", dir, name);
	assert_int_equal(file_write_atomic(path, val, strlen(val), 0444, 0,
	    0), 0);
}

static void
fake_dmi(struct fakeroot *r, const char *vendor, const char *product,
    const char *board)
{
	char path[PATH_MAX];

	assert_int_equal(testdir_make(r->dir, sizeof(r->dir), "hwdmi"), 0);
	snprintf(path, sizeof(path), "%s/sys/class/dmi/id", r->dir);
	assert_int_equal(mkdir_p(path, 0755, (uid_t)-1, (gid_t)-1), 0);
	put(r->dir, "sys_vendor", vendor);
	put(r->dir, "product_name", product);
	put(r->dir, "board_name", board);
}

/* The name of the profile the shipped set picks for this DMI. */
static void
expect_shipped(const char *vendor, const char *product, const char *board,
    const char *want)
{
	const struct hwprofile *p;
	struct hwprofiles *ps;
	struct fakeroot r;
	struct hwdmi d;
	char why[512];

	ps = hwprofiles_load_dir(SHIPPED, stderr);
	assert_non_null(ps);
	fake_dmi(&r, vendor, product, board);
	assert_int_equal(hwdmi_read(&d, r.dir), 0);
	p = hwprofile_match(ps, &d, why, sizeof(why));
	assert_non_null(p);
	if (strcmp(p->name, want) != 0)
		fail_msg("%s / %s / %s: want %s, got %s (%s)", vendor, product,
		    board ? board : "-", want, p->name, why);
	assert_null(strchr(why, '\n'));
	testdir_remove(r.dir);
	hwprofiles_free(ps);
}

static void
test_shipped_match(void **state)
{
	(void)state;
	expect_shipped("QEMU\n", "Standard PC (Q35 + ICH9, 2009)\n", NULL,
	    "qemu-q35");
	expect_shipped("QEMU\n", "Standard PC (i440FX + PIIX, 1996)\n", NULL,
	    "generic-x86");
	expect_shipped("Dell Inc.\n", "PowerEdge R640\n", "0W23H8\n",
	    "dell-poweredge-r640");
	expect_shipped("Dell Inc.\n", "PowerEdge R650\n", "0Y2G81\n",
	    "dell-poweredge-r650");
	expect_shipped("Dell Inc.\n", "PowerEdge R740\n", "00WGD1\n",
	    "generic-x86");
	expect_shipped("HPE\n", "ProLiant DL360 Gen10\n", "ProLiant DL360 "
	    "Gen10\n", "hpe-proliant-dl360-gen10");
	expect_shipped("HPE\n", "ProLiant DL360 Gen10 Plus\n", NULL,
	    "generic-x86");
	expect_shipped("Supermicro\n", "SYS-1029U-TRT\n", "X11DPU\n",
	    "supermicro-x11-1u");
	expect_shipped("Supermicro\n", "Super Server\n", "X12STH-SYS\n",
	    "generic-x86");
	expect_shipped("", "", "", "generic-x86");
}

/* The files in hwprofiles/: one fallback, each named for its file, and each printed form parses to itself. */
static void
test_shipped_set(void **state)
{
	struct hwprofiles *ps;
	char *out = NULL, *again;
	size_t len = 0;
	FILE *f;
	int i, nfallback = 0, ok;

	(void)state;
	ps = hwprofiles_load_dir(SHIPPED, stderr);
	assert_non_null(ps);
	assert_int_equal(ps->n, 6);
	for (i = 0; i < ps->n; i++) {
		const struct hwprofile *p = &ps->v[i];
		char want[PATH_MAX];

		nfallback += p->fallback;
		snprintf(want, sizeof(want), SHIPPED "/%s.conf", p->name);
		assert_string_equal(p->file, want);
		assert_true(p->nmodules > 0);
	}
	assert_int_equal(nfallback, 1);
	f = open_memstream(&out, &len);
	hwprofiles_print(f, ps);
	fclose(f);
	again = golden_text(outcome, "printed", out, len, &ok);
	assert_true(ok);
	assert_string_equal(again, out);
	free(again);
	free(out);
	hwprofiles_free(ps);
}

static void
test_dmi_read(void **state)
{
	struct fakeroot r;
	struct hwdmi d;

	(void)state;
	fake_dmi(&r, "Vendor  \n", "Product \t\n", NULL);
	assert_int_equal(hwdmi_read(&d, r.dir), 0);
	assert_string_equal(d.vendor, "Vendor");
	assert_string_equal(d.product, "Product");
	assert_string_equal(d.board, "");
	testdir_remove(r.dir);

	/* Longer than the buffer: cut, never overrun. */
	fake_dmi(&r, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxx\n", "", "B\nsecond line\n");
	assert_int_equal(hwdmi_read(&d, r.dir), 0);
	assert_int_equal(strlen(d.vendor), sizeof(d.vendor) - 1);
	assert_string_equal(d.product, "");
	assert_string_equal(d.board, "B");
	testdir_remove(r.dir);

	/* No DMI at all (a machine without SMBIOS). */
	assert_int_equal(testdir_make(r.dir, sizeof(r.dir), "hwdmi"), 0);
	assert_int_equal(hwdmi_read(&d, r.dir), -1);
	assert_int_equal(errno, ENOENT);
	assert_string_equal(d.vendor, "");
	testdir_remove(r.dir);
}

static struct hwprofiles *
load(const char *text)
{
	struct hwprofiles *ps;

	ps = hwprofiles_load_buf("t", text, strlen(text), stderr);
	assert_non_null(ps);
	return ps;
}

static const char *
match_name(const struct hwprofiles *ps, const char *v, const char *p,
    const char *b, char *why, size_t len)
{
	struct hwdmi d;
	const struct hwprofile *hp;

	memset(&d, 0, sizeof(d));
	snprintf(d.vendor, sizeof(d.vendor), "%s", v);
	snprintf(d.product, sizeof(d.product), "%s", p);
	snprintf(d.board, sizeof(d.board), "%s", b);
	hp = hwprofile_match(ps, &d, why, len);
	return hp != NULL ? hp->name : "(none)";
}

/* The most matched fields win; the fallback only when none matches. */
static void
test_specific(void **state)
{
	struct hwprofiles *ps;
	char why[512];

	(void)state;
	ps = load("hwprofile:\n name: fb\n fallback: yes\n"
	    "hwprofile:\n name: dell\n match-vendor: Dell*\n"
	    "hwprofile:\n name: r640\n match-vendor: Dell*\n"
	    " match-product: \"PowerEdge R640\"\n"
	    "hwprofile:\n name: r640-board\n match-vendor: Dell*\n"
	    " match-product: *R640\n match-board: 0W*\n match-board: 0X*\n");
	assert_string_equal(match_name(ps, "Dell Inc.", "PowerEdge R640", "",
	    why, sizeof(why)), "r640");
	assert_string_equal(why, "sys_vendor 'Dell Inc.' matches 'Dell*', "
	    "product_name 'PowerEdge R640' matches 'PowerEdge R640'");
	assert_string_equal(match_name(ps, "Dell Inc.", "PowerEdge R640",
	    "0X1", why, sizeof(why)), "r640-board");
	assert_non_null(strstr(why, "board_name '0X1' matches '0X*'"));
	assert_string_equal(match_name(ps, "Dell Inc.", "PowerEdge R740", "",
	    why, sizeof(why)), "dell");
	assert_string_equal(match_name(ps, "HPE", "x", "", why, sizeof(why)),
	    "fb");
	assert_string_equal(why, "no profile matches sys_vendor 'HPE', "
	    "product_name 'x', board_name ''; 'fb' is the fallback");
	/* A short buffer is cut, and still terminated. */
	match_name(ps, "HPE", "x", "", why, 10);
	assert_string_equal(why, "no profil");
	hwprofiles_free(ps);
}

/* A tie goes to the first by name, whatever the file order, and says so. */
static void
test_tie(void **state)
{
	struct hwprofiles *ps;
	char why[512];

	(void)state;
	ps = load("hwprofile:\n name: zeta\n match-vendor: A*\n"
	    "hwprofile:\n name: alpha\n match-vendor: *B\n"
	    "hwprofile:\n name: mid\n match-product: P\n");
	assert_string_equal(match_name(ps, "AB", "P", "", why, sizeof(why)),
	    "alpha");
	assert_non_null(strstr(why, "; 'mid' matches as many fields (1), the "
	    "first by name wins"));
	assert_string_equal(match_name(ps, "AX", "", "", why, sizeof(why)),
	    "zeta");
	assert_null(strstr(why, "as many"));
	/* No match and no fallback: nothing. */
	assert_string_equal(match_name(ps, "C", "", "", why, sizeof(why)),
	    "(none)");
	assert_non_null(strstr(why, "no profile is the fallback"));
	hwprofiles_free(ps);
}

static void
test_explain(void **state)
{
	struct hwprofiles *ps;
	struct hwdmi d = { "Dell Inc.", "PowerEdge R650", "\x01" };
	char why[512];

	(void)state;
	ps = load("hwprofile:\n name: r640\n match-vendor: Dell*\n"
	    " match-product: \"PowerEdge R640\"\n match-product: *R740\n"
	    " match-board: x\n");
	assert_int_equal(hwprofile_explain(&ps->v[0], &d, why, sizeof(why)),
	    -1);
	assert_string_equal(why, "sys_vendor 'Dell Inc.' matches 'Dell*', "
	    "product_name 'PowerEdge R650' matches none of 'PowerEdge R640', "
	    "'*R740', board_name '?' matches none of 'x'");
	hwprofiles_free(ps);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(file_write_atomic(path, text, strlen(text), 0644, 0,
	    0), 0);
}

/* A directory: NAME.conf files only, in name order; any error refuses all. */
static void
test_load_dir(void **state)
{
	struct hwprofiles *ps;
	char dir[PATH_MAX], *msg = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(testdir_make(dir, sizeof(dir), "hwprofiles"), 0);
	f = open_memstream(&msg, &len);
	assert_null(hwprofiles_load_dir(dir, f));
	fflush(f);
	assert_non_null(strstr(msg, "no profile (NAME.conf)"));

	write_file(dir, "b.conf", "hwprofile:\n name: b\n match-vendor: B\n");
	write_file(dir, "a.conf", "hwprofile:\n name: a\n fallback: yes\n");
	write_file(dir, "notes.txt", "not a profile\n");
	write_file(dir, ".hidden.conf", "not a profile\n");
	ps = hwprofiles_load_dir(dir, stderr);
	assert_non_null(ps);
	assert_int_equal(ps->n, 2);
	assert_string_equal(ps->v[0].name, "a");
	assert_string_equal(ps->v[1].name, "b");
	assert_int_equal(ps->v[1].line, 1);
	hwprofiles_free(ps);

	write_file(dir, "c.conf", "hwprofile:\n name: c\n fallback: yes\n"
	    " xdp-mode: fast\n");
	write_file(dir, "d.conf", "hwprofile:\n name: d\n fallback: yes\n");
	assert_null(hwprofiles_load_dir(dir, f));
	fflush(f);
	assert_non_null(strstr(msg, "/c.conf:4:12: xdp-mode: 'fast' is not "
	    "native or generic\n"));
	testdir_remove(dir);
	assert_null(hwprofiles_load_dir(dir, f));
	fclose(f);
	assert_non_null(strstr(msg, ":0:0: cannot read directory: No such "
	    "file or directory"));
	free(msg);
}

/* Two files checked as one set: the second fallback names the first. */
static void
test_load_files(void **state)
{
	struct hwprofiles *ps;
	char dir[PATH_MAX], a[PATH_MAX + 8], b[PATH_MAX + 8], *msg = NULL;
	char *paths[2] = { a, b };
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(testdir_make(dir, sizeof(dir), "hwprofiles"), 0);
	snprintf(a, sizeof(a), "%s/a.conf", dir);
	snprintf(b, sizeof(b), "%s/b.conf", dir);
	write_file(dir, "a.conf", "# a\nhwprofile:\n name: a\n fallback: yes\n");
	write_file(dir, "b.conf", "hwprofile:\n name: b\n fallback: yes\n");
	ps = hwprofiles_load_files(paths, 1, stderr);
	assert_non_null(ps);
	hwprofiles_free(ps);
	f = open_memstream(&msg, &len);
	assert_null(hwprofiles_load_files(paths, 2, f));
	fclose(f);
	assert_non_null(strstr(msg, "b.conf:1:1: hwprofile: a second fallback "
	    "(the first is 'a' at "));
	assert_non_null(strstr(msg, "a.conf:2)\n"));
	free(msg);
	testdir_remove(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_shipped_match),
		cmocka_unit_test(test_shipped_set),
		cmocka_unit_test(test_dmi_read),
		cmocka_unit_test(test_specific),
		cmocka_unit_test(test_tie),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_load_dir),
		cmocka_unit_test(test_load_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
