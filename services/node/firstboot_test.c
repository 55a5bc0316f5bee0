/* firstboot_test.c: first boot's decisions (what is missing, what is copied from OUTPOST-CFG and what refused), the partition found by its label, and the setup raced on two terminals. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <fcntl.h>
#include <pty.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fileutil.h"
#include "firstboot.h"
#include "testdir.h"

static char dir[64], etc[128], cfg[128], netcfg[256];
static struct firstboot fb;

static const char good_network[] = "network:\n\tuplink: eth0\n"
    "\tipv4: 192.0.2.10/24\n\tipv4-gateway: 192.0.2.1\n";
static const char good_node[] = "node:\n\tidentity: vm1.example\n"
    "\tuplink: eth0\n";

static void
put(const char *d, const char *name, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", d, name);
	assert_int_equal(file_write_atomic(path, text, strlen(text), 0644, 0,
	    0), 0);
}

static char *
get(const char *d, const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", d, name);
	return file_read(path, 65536, NULL);
}

static int
setup(void **st)
{
	const char *bin = getenv("OUTPOST_BIN");

	(void)st;
	if (testdir_make(dir, sizeof(dir), "firstboot_test") < 0)
		return -1;
	snprintf(etc, sizeof(etc), "%s/etc", dir);	/* /data/etc */
	snprintf(cfg, sizeof(cfg), "%s/cfg", dir);	/* OUTPOST-CFG */
	snprintf(netcfg, sizeof(netcfg), "%s/outpost-netcfg", bin != NULL ?
	    bin : "build");
	mkdir(etc, 0700);
	mkdir(cfg, 0700);
	memset(&fb, 0, sizeof(fb));
	fb.etc = etc;
	fb.netcfg = netcfg;
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	return testdir_remove(dir);
}

static void
test_missing(void **st)
{
	(void)st;
	assert_int_equal(firstboot_missing(etc), FB_NETWORK | FB_NODE);
	put(etc, "node.conf", good_node);
	assert_int_equal(firstboot_missing(etc), FB_NETWORK);
	put(etc, "network.conf", good_network);
	assert_int_equal(firstboot_missing(etc), 0);	/* later boots */
}

/* Both good: both copied, for root only. */
static void
test_copy_good(void **st)
{
	struct stat sb;
	char *text, path[256];

	(void)st;
	if (access(netcfg, X_OK) < 0)
		skip();
	put(cfg, "network.conf", good_network);
	put(cfg, "node.conf", good_node);
	assert_int_equal(firstboot_copy(&fb, cfg, FB_NETWORK | FB_NODE),
	    FB_NETWORK | FB_NODE);
	assert_non_null(text = get(etc, "node.conf"));
	assert_string_equal(text, good_node);
	free(text);
	snprintf(path, sizeof(path), "%s/node.conf", etc);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	snprintf(path, sizeof(path), "%s/network.conf", etc);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(firstboot_missing(etc), 0);
}

/* A file with errors is not copied; the good one is. */
static void
test_copy_bad(void **st)
{
	char path[256];

	(void)st;
	if (access(netcfg, X_OK) < 0)
		skip();
	put(cfg, "network.conf", "network:\n\tuplink: eth0\n"
	    "\tipv4: 300.1.2.3/24\n");
	put(cfg, "node.conf", good_node);
	assert_int_equal(firstboot_copy(&fb, cfg, FB_NETWORK | FB_NODE),
	    FB_NODE);
	assert_int_equal(firstboot_missing(etc), FB_NETWORK);
	put(cfg, "network.conf", good_network);
	put(cfg, "node.conf", "node:\n\tidentity: a/b\n\tuplink: eth0\n");
	snprintf(path, sizeof(path), "%s/node.conf", etc);
	unlink(path);
	assert_int_equal(firstboot_copy(&fb, cfg, FB_NETWORK | FB_NODE),
	    FB_NETWORK);
	assert_int_equal(firstboot_missing(etc), FB_NODE);
}

/* Only what is missing is taken: a node.conf already there stays. */
static void
test_copy_only_missing(void **st)
{
	static const char mine[] = "node:\n\tidentity: mine.example\n"
	    "\tuplink: eth0\n";
	char *text;

	(void)st;
	if (access(netcfg, X_OK) < 0)
		skip();
	put(etc, "node.conf", mine);
	put(cfg, "network.conf", good_network);
	put(cfg, "node.conf", good_node);
	assert_int_equal(firstboot_copy(&fb, cfg, firstboot_missing(etc)),
	    FB_NETWORK);
	assert_non_null(text = get(etc, "node.conf"));
	assert_string_equal(text, mine);
	free(text);
}

/* Nothing on the partition: nothing copied. */
static void
test_copy_nothing(void **st)
{
	(void)st;
	assert_int_equal(firstboot_copy(&fb, cfg, FB_NETWORK | FB_NODE), 0);
	assert_int_equal(firstboot_missing(etc), FB_NETWORK | FB_NODE);
}

/*
 * The dialogue: a program that reads its answer from /dev/tty (so it
 * needs the terminal as its controlling one) and succeeds on "yes".
 */
static char *const dialogue[] = { "/bin/sh", "-c",
    "read a </dev/tty && [ \"$a\" = yes ]", NULL };

struct term {
	int	 master, slave;
	char	 name[64];
};

static void
terms(struct term *t, int n, const char **ttys)
{
	int i;

	for (i = 0; i < n; i++) {
		assert_int_equal(openpty(&t[i].master, &t[i].slave, t[i].name,
		    NULL, NULL), 0);
		ttys[i] = t[i].name;
	}
	ttys[n] = NULL;
}

static void
answer(struct term *t, const char *text)
{
	assert_int_equal(write(t->master, text, strlen(text)),
	    (ssize_t)strlen(text));
}

static void
close_terms(struct term *t, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		close(t[i].master);
		close(t[i].slave);
	}
}

/* The second console answers: it wins; the first, still asking, is ended. */
static void
test_race_second_wins(void **st)
{
	const char *ttys[3];
	struct term t[2];

	(void)st;
	terms(t, 2, ttys);
	answer(&t[1], "yes\n");
	assert_int_equal(firstboot_race(ttys, dialogue, NULL), 1);
	close_terms(t, 2);
}

/* The first gives up at once (no), the second answers: the second wins. */
static void
test_race_one_quits(void **st)
{
	const char *ttys[3];
	struct term t[2];

	(void)st;
	terms(t, 2, ttys);
	answer(&t[0], "no\n");
	answer(&t[1], "yes\n");
	assert_int_equal(firstboot_race(ttys, dialogue, NULL), 1);
	close_terms(t, 2);
}

/* Neither can: none wins, nothing is left running. */
static void
test_race_none(void **st)
{
	const char *ttys[3];
	struct term t[2];

	(void)st;
	terms(t, 2, ttys);
	answer(&t[0], "no\n");
	answer(&t[1], "no\n");
	assert_int_equal(firstboot_race(ttys, dialogue, NULL), -1);
	close_terms(t, 2);
}

/* A terminal that cannot be opened is given up; the other still wins. */
static void
test_race_missing_tty(void **st)
{
	const char *ttys[3];
	struct term t[1];

	(void)st;
	terms(t, 1, ttys);
	ttys[1] = ttys[0];
	ttys[0] = "/dev/outpost-no-such-tty";
	ttys[2] = NULL;
	answer(&t[0], "yes\n");
	assert_int_equal(firstboot_race(ttys, dialogue, NULL), 1);
	close_terms(t, 1);
}

/* Ended with 1 but its file saved (as setup after a failed controller check). */
static void
test_race_saved(void **st)
{
	char script[512], result[256];
	char *const saver[] = { "/bin/sh", "-c", script, NULL };
	const char *ttys[3];
	struct term t[2];

	(void)st;
	snprintf(result, sizeof(result), "%s/network.conf", etc);
	snprintf(script, sizeof(script), "read a </dev/tty && [ \"$a\" = "
	    "save ] && echo saved >%s; exit 1", result);
	terms(t, 2, ttys);
	answer(&t[0], "save\n");
	assert_int_equal(firstboot_race(ttys, saver, result), 0);
	assert_int_equal(access(result, F_OK), 0);
	close_terms(t, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_good, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_copy_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_only_missing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_copy_nothing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_race_second_wins, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_race_one_quits, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_race_none, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_race_missing_tty, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_race_saved, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
