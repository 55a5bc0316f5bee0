/* sigfd.h: a daemon's signals read from a signalfd instead of handled (SIGPIPE ignored). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_SIGFD_H
#define OUTPOST_SIGFD_H

#include <stddef.h>

/*
 * Ignores SIGPIPE, blocks the n signals of sigs and returns a non-blocking,
 * close-on-exec signalfd that reads them; -1 with errno set.
 */
int	sigfd_open(const int *sigs, size_t n);

#endif
