/* agent_state_test.c: the state line (ok, unreachable since, refused bundle), one line whatever the reason holds, written atomically; the serial file read back, missing, malformed. */
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

#include "agent_state.h"
#include "fileutil.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/agent_state_test.XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char path[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/%s", dir, AGENT_STATE_FILE);
	unlink(path);
	snprintf(path, sizeof(path), "%s/%s", dir, AGENT_SERIAL_FILE);
	unlink(path);
	return rmdir(dir);
}

static char *
read_back(const char *name)
{
	char path[128];
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return file_read(path, 4096, &len);
}

static void
test_lines(void **state)
{
	char buf[AGENT_STATE_MAX];

	(void)state;
	agent_state_ok(buf, sizeof(buf));
	assert_string_equal(buf, "ok");
	agent_state_unreachable(buf, sizeof(buf), 1796164000,
	    "Failed to connect\nto 127.0.0.1");
	assert_string_equal(buf, "unreachable since 2026-12-01T22:26:40Z: "
	    "Failed to connect to 127.0.0.1");
	agent_state_refused(buf, sizeof(buf), 42, "signature\tdoes not verify");
	assert_string_equal(buf, "refused bundle 42: signature does not "
	    "verify");
	/* Cut, never overrun. */
	agent_state_refused(buf, 16, 7, "a long reason indeed");
	assert_string_equal(buf, "refused bundle ");
}

static void
test_write(void **state)
{
	char line[2 * AGENT_STATE_MAX], *text;
	struct stat st;
	char path[128];

	(void)state;
	assert_int_equal(agent_state_write(dir, "ok"), 0);
	assert_non_null(text = read_back(AGENT_STATE_FILE));
	assert_string_equal(text, "ok\n");
	free(text);
	snprintf(path, sizeof(path), "%s/%s", dir, AGENT_STATE_FILE);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	/* Too long: cut, still one line. */
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	assert_int_equal(agent_state_write(dir, line), 0);
	assert_non_null(text = read_back(AGENT_STATE_FILE));
	assert_int_equal(strlen(text), AGENT_STATE_MAX);
	assert_int_equal(text[AGENT_STATE_MAX - 1], '\n');
	assert_ptr_equal(strchr(text, '\n'), text + AGENT_STATE_MAX - 1);
	free(text);
}

static void
test_serial(void **state)
{
	struct agent_serial s = { 0 }, t;
	char err[256], path[128];
	FILE *f;

	(void)state;
	/* Missing: both 0. */
	s.applied = 5;
	assert_int_equal(agent_serial_load(dir, &s, err, sizeof(err)), 0);
	assert_int_equal(s.applied, 0);
	assert_int_equal(s.failed, 0);
	s.applied = 7;
	s.failed = 9;
	assert_int_equal(agent_serial_last(&s), 9);
	assert_int_equal(agent_serial_save(dir, &s), 0);
	assert_int_equal(agent_serial_load(dir, &t, err, sizeof(err)), 0);
	assert_int_equal(t.applied, 7);
	assert_int_equal(t.failed, 9);
	s.failed = 3;
	assert_int_equal(agent_serial_last(&s), 7);
	/* Malformed: refused, not read as 0. */
	snprintf(path, sizeof(path), "%s/%s", dir, AGENT_SERIAL_FILE);
	assert_non_null(f = fopen(path, "w"));
	fputs("applied 7\nfailed x\n", f);
	fclose(f);
	assert_int_equal(agent_serial_load(dir, &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "is not"));
	assert_non_null(f = fopen(path, "w"));
	fputs("applied 7\nfailed 1\ntrailing\n", f);
	fclose(f);
	assert_int_equal(agent_serial_load(dir, &t, err, sizeof(err)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test_setup_teardown(test_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_serial, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
