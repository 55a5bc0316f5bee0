/* sigfd.c: a daemon's signals read from a signalfd instead of handled (SIGPIPE ignored). */
/* SPDX-License-Identifier: ISC */
#include <sys/signalfd.h>

#include <signal.h>
#include <stddef.h>

#include "sigfd.h"

int
sigfd_open(const int *sigs, size_t n)
{
	sigset_t set;
	size_t i;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	for (i = 0; i < n; i++)
		sigaddset(&set, sigs[i]);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}
