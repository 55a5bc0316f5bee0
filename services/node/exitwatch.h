/* exitwatch.h: learn at once that a process exits (a BPF tracepoint), before a pidfd would say so. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_EXITWATCH_H
#define OUTPOST_EXITWATCH_H

#include <sys/types.h>

struct exitwatch;

/* Loads and attaches the program: NULL, with why (len octets) said. */
struct exitwatch *exitwatch_open(char *why, size_t len);
void	 exitwatch_close(struct exitwatch *);
/* Readable (POLLIN) when watched pids have exited. */
int	 exitwatch_fd(const struct exitwatch *);
int	 exitwatch_add(struct exitwatch *, pid_t);
void	 exitwatch_del(struct exitwatch *, pid_t);
/* The pids that exited since the last call, at most max: how many. */
int	 exitwatch_read(struct exitwatch *, pid_t *pids, int max);

#endif
