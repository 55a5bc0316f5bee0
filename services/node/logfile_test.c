/* logfile_test.c: PID 1's log sink: whole lines to the file, rotation at the bound, a boot marker kept, a console that does not read never blocks. */
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
#include <termios.h>
#include <unistd.h>
#include <cmocka.h>

#include "fileutil.h"
#include "logfile.h"
#include "testdir.h"

static char dir[64], path[128], path1[128];

static int
setup(void **st)
{
	(void)st;
	if (testdir_make(dir, sizeof(dir), "logfile_test") < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/outpost.log", dir);
	snprintf(path1, sizeof(path1), "%s/outpost.log.1", dir);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	return testdir_remove(dir);
}

static off_t
size_of(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 ? sb.st_size : -1;
}

/* Lines fed in pieces come out whole, one per line, appended to what was there. */
static void
test_lines(void **st)
{
	static struct logsink s;
	char *text;

	(void)st;
	assert_int_equal(file_write_atomic(path, "before\n", 7, 0640, 0, 0), 0);
	assert_int_equal(logsink_open(&s, path, 1000, NULL), 0);
	logsink_feed(&s, "one", 3);
	logsink_feed(&s, " line\ntwo\nthr", 13);
	logsink_feed(&s, "ee", 2);
	logsink_close(&s);	/* the line not ended is written too */
	assert_non_null(text = file_read(path, 4096, NULL));
	assert_string_equal(text, "before\none line\ntwo\nthree\n");
	free(text);
}

/* Past the bound the file moves to .1 (replacing an older .1); no line is split. */
static void
test_rotation(void **st)
{
	char line[64], *text;
	static struct logsink s;
	int i;

	(void)st;
	assert_int_equal(file_write_atomic(path1, "ancient\n", 8, 0640, 0, 0),
	    0);
	assert_int_equal(logsink_open(&s, path, 100, NULL), 0);
	for (i = 0; i < 12; i++) {	/* 12 lines of 10 octets: 120 */
		snprintf(line, sizeof(line), "line %03d\n", i);
		logsink_feed(&s, line, strlen(line));
	}
	logsink_close(&s);
	assert_true(size_of(path) <= 100);
	assert_true(size_of(path1) <= 100);
	assert_int_equal(size_of(path) + size_of(path1), 12 * 9);
	assert_non_null(text = file_read(path1, 4096, NULL));
	assert_non_null(strstr(text, "line 000\n"));
	assert_null(strstr(text, "ancient"));
	free(text);
	assert_non_null(text = file_read(path, 4096, NULL));
	assert_non_null(strstr(text, "line 011\n"));
	assert_int_equal(strncmp(text, "line ", 5), 0);
	free(text);
}

/* A line longer than LOGFILE_LINE is cut into lines of at most that. */
static void
test_long_line(void **st)
{
	static char big[LOGFILE_LINE * 2 + 10];
	static struct logsink s;

	(void)st;
	memset(big, 'x', sizeof(big));
	big[sizeof(big) - 1] = '\n';
	assert_int_equal(logsink_open(&s, path, 1 << 20, NULL), 0);
	logsink_feed(&s, big, sizeof(big));
	logsink_close(&s);
	assert_int_equal(size_of(path), sizeof(big) + 2);	/* 3 lines */
}

/*
 * A console nobody reads (a pty whose other side is never read, as a
 * serial line with flow control stuck): the sink goes on, every line in
 * the file, the console's lines dropped and counted.
 */
static void
test_stuck_console(void **st)
{
	char name[64], line[128];
	const char *cons[2] = { name, NULL };
	struct termios t;
	static struct logsink s;
	int master, slave, i;

	(void)st;
	assert_int_equal(openpty(&master, &slave, name, NULL, NULL), 0);
	tcgetattr(slave, &t);
	cfmakeraw(&t);
	tcsetattr(slave, TCSANOW, &t);
	assert_int_equal(logsink_open(&s, path, 1 << 24, cons), 0);
	assert_int_equal(s.ncon, 1);
	for (i = 0; i < 20000; i++) {	/* far more than a pty buffers */
		snprintf(line, sizeof(line), "line %05d of a log that "
		    "nobody reads on this console\n", i);
		logsink_feed(&s, line, strlen(line));
	}
	assert_true(s.dropped[0] > 0);
	logsink_close(&s);
	assert_int_equal(size_of(path), 20000 * strlen(line));
	close(slave);
	close(master);
}

/*
 * A burst a slow console cannot take at once (a serial line at boot) waits
 * in its backlog and comes out whole, in order, as the console takes it.
 */
static void
test_backlog(void **st)
{
	char name[64], line[128], buf[4096];
	const char *cons[2] = { name, NULL };
	static struct logsink s;
	struct termios t;
	int master, slave, i, lines = 0, left = 1;
	ssize_t n;

	(void)st;
	assert_int_equal(openpty(&master, &slave, name, NULL, NULL), 0);
	tcgetattr(slave, &t);
	cfmakeraw(&t);
	tcsetattr(slave, TCSANOW, &t);
	assert_int_equal(logsink_open(&s, path, 1 << 24, cons), 0);
	for (i = 0; i < 1800; i++) {	/* 52 KiB: more than a pty holds */
		snprintf(line, sizeof(line), "burst line %04d of the boot\n",
		    i);
		logsink_feed(&s, line, strlen(line));
	}
	assert_true(s.qlen[0] > 0);
	assert_int_equal(s.dropped[0], 0);
	fcntl(master, F_SETFL, O_NONBLOCK);
	while (left) {
		left = logsink_flush(&s);
		while ((n = read(master, buf, sizeof(buf))) > 0)
			for (i = 0; i < n; i++)
				lines += buf[i] == '\n';
	}
	while ((n = read(master, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++)
			lines += buf[i] == '\n';
	assert_int_equal(lines, 1800);
	logsink_close(&s);
	close(slave);
	close(master);
}

/* While quiet (a dialogue on the consoles) lines go to the file only. */
static void
test_quiet(void **st)
{
	char name[64], buf[256];
	const char *cons[2] = { name, NULL };
	struct termios t;
	static struct logsink s;
	int master, slave, n;

	(void)st;
	assert_int_equal(openpty(&master, &slave, name, NULL, NULL), 0);
	tcgetattr(slave, &t);
	cfmakeraw(&t);
	tcsetattr(slave, TCSANOW, &t);
	assert_int_equal(logsink_open(&s, path, 1 << 20, cons), 0);
	s.quiet = 1;
	logsink_feed(&s, "hidden\n", 7);
	s.quiet = 0;
	logsink_feed(&s, "shown\n", 6);
	logsink_close(&s);
	n = (int)read(master, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, "shown\r\n");
	assert_int_equal(size_of(path), 13);
	close(slave);
	close(master);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rotation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_line, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stuck_console, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_quiet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backlog, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
