/* exitwatch_test.c: unit tests of the exit watch on real processes: a watched child killed is reported, an unwatched one is not, a forgotten one neither. */
/* SPDX-License-Identifier: ISC */
#include <sys/wait.h>

#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include <cmocka.h>

#include "exitwatch.h"

static struct exitwatch *w;

static pid_t
sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	assert_true(pid > 0);
	return pid;
}

static void
end(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* The pids reported within ms milliseconds. */
static int
reported(pid_t *pids, int max, int ms)
{
	struct pollfd pfd = { exitwatch_fd(w), POLLIN, 0 };

	if (poll(&pfd, 1, ms) <= 0)
		return 0;
	return exitwatch_read(w, pids, max);
}

static void
test_watched_exit(void **state)
{
	pid_t a, b, got[4];

	(void)state;
	a = sleeper();
	b = sleeper();
	assert_int_equal(exitwatch_add(w, a), 0);
	end(b);
	assert_int_equal(reported(got, 4, 200), 0);
	end(a);
	assert_int_equal(reported(got, 4, 5000), 1);
	assert_int_equal(got[0], a);
	/* Reported once: the entry went with the exit. */
	assert_int_equal(reported(got, 4, 200), 0);
}

static void
test_forgotten(void **state)
{
	pid_t a, got[4];

	(void)state;
	a = sleeper();
	assert_int_equal(exitwatch_add(w, a), 0);
	exitwatch_del(w, a);
	end(a);
	assert_int_equal(reported(got, 4, 200), 0);
}

static int
setup(void **state)
{
	char why[256];

	(void)state;
	if ((w = exitwatch_open(why, sizeof(why))) == NULL) {
		fprintf(stderr, "cannot open the exit watch: %s\n", why);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	exitwatch_close(w);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_watched_exit),
		cmocka_unit_test(test_forgotten),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
