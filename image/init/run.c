/* run.c: a program of the new root (sfdisk, mkfs.ext4, resize2fs) run chrooted there, in a mount namespace of its own. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/random.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "init.h"

#define OUT_MAX	2048

static void __attribute__((noreturn))
child(int in, int out, char *const argv[])
{
	static const char *const binds[] = { "/dev", "/proc", "/sys" };
	static char *const env[] = {
		"PATH=/usr/sbin:/usr/bin", "LC_ALL=C", NULL
	};
	char where[64];
	size_t i;

	if (dup2(in, 0) == -1 || dup2(out, 1) == -1 || dup2(out, 2) == -1)
		_exit(126);
	if (unshare(CLONE_NEWNS) == -1 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1) {
		dprintf(2, "cannot make a mount namespace: %s\n",
		    strerror(errno));
		_exit(126);
	}
	for (i = 0; i < sizeof(binds) / sizeof(binds[0]); i++) {
		snprintf(where, sizeof(where), NEWROOT "%s", binds[i]);
		if (mount(binds[i], where, NULL, MS_BIND | MS_REC, NULL) == -1) {
			dprintf(2, "cannot bind %s: %s\n", where,
			    strerror(errno));
			_exit(126);
		}
	}
	if (chroot(NEWROOT) == -1 || chdir("/") == -1) {
		dprintf(2, "cannot chroot to " NEWROOT ": %s\n",
		    strerror(errno));
		_exit(126);
	}
	execve(argv[0], argv, env);
	dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Its output, until it ends or the time is up (then it is killed). */
static int
collect(pid_t pid, int fd, int timeout_s, char *out, size_t *nout)
{
	int64_t end = now_ms() + (int64_t)timeout_s * 1000;
	struct pollfd p = { fd, POLLIN, 0 };
	char buf[512];
	ssize_t n;
	size_t k;

	for (;;) {
		int64_t left = end - now_ms();

		if (left <= 0) {
			kill(pid, SIGKILL);
			return -1;
		}
		if (poll(&p, 1, (int)left) <= 0)
			continue;
		if ((n = read(fd, buf, sizeof(buf))) <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			return 0;
		}
		k = (size_t)n < OUT_MAX - *nout ? (size_t)n : OUT_MAX - *nout;
		memcpy(out + *nout, buf, k);
		*nout += k;
	}
}

static void
show_output(const char *prog, char *out, size_t n)
{
	char *line, *next;

	out[n] = '\0';
	for (line = out; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		say("%s: %s", prog, line);
	}
}

/*
 * The tools make UUIDs; while the kernel's random numbers are not ready,
 * libuuid polls for one second per UUID.  One blocking getrandom(2)
 * instead (the kernel then makes entropy from CPU jitter); with RDRAND
 * they are ready at boot.
 */
static void
random_ready(void)
{
	int64_t t0 = now_ms();
	char b;

	if (getrandom(&b, 1, GRND_NONBLOCK) == 1)
		return;
	while (getrandom(&b, 1, 0) == -1 && errno == EINTR)
		;
	say("random numbers ready after %lld ms", (long long)(now_ms() - t0));
}

/*
 * The exit status of argv[0] (a path in the new root), or -1 when it
 * could not run, was killed or did not end within timeout_s (then it is
 * killed).  Its output is shown on the console unless it exits 0.
 * input, if not NULL, is its standard input (small: it must fit a pipe).
 */
int
run_root(const char *input, int timeout_s, char *const argv[])
{
	char out[OUT_MAX + 1];
	size_t nout = 0;
	int in[2], op[2], status, timedout;
	int64_t t0;
	pid_t pid;

	random_ready();
	t0 = now_ms();
	if (pipe2(in, O_CLOEXEC) == -1)
		return -1;
	if (pipe2(op, O_CLOEXEC) == -1) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	if ((pid = fork()) == -1) {
		say_errno(errno, "cannot fork for %s", argv[0]);
		close(in[0]);
		close(in[1]);
		close(op[0]);
		close(op[1]);
		return -1;
	}
	if (pid == 0)
		child(in[0], op[1], argv);
	close(in[0]);
	close(op[1]);
	if (input != NULL && write(in[1], input, strlen(input)) == -1)
		say_errno(errno, "cannot give %s its input", argv[0]);
	close(in[1]);
	timedout = collect(pid, op[0], timeout_s, out, &nout) == -1;
	close(op[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (!timedout && WIFEXITED(status)) {
		if (WEXITSTATUS(status) != 0) {
			show_output(argv[0], out, nout);
			say("%s %s: exit status %d", argv[0],
			    argv[1] ? argv[1] : "", WEXITSTATUS(status));
		} else
			say("ran %s %s (%lld ms)", argv[0],
			    argv[1] ? argv[1] : "", (long long)(now_ms() - t0));
		return WEXITSTATUS(status);
	}
	show_output(argv[0], out, nout);
	if (timedout)
		say("cannot run %s: no end after %d s (killed)", argv[0],
		    timeout_s);
	else
		say("cannot run %s: killed by signal %d", argv[0],
		    WTERMSIG(status));
	return -1;
}
