/* runwait.c: run a program as a child and wait for it. */
/* SPDX-License-Identifier: ISC */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runwait.h"

int
run_wait(char *const argv[], int *status)
{
	sigset_t none;
	pid_t pid;
	int st;

	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execv(argv[0], argv);
		fprintf(stderr, "cannot execute %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (status != NULL)
		*status = st;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
