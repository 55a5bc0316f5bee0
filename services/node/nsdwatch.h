/* nsdwatch.h: each running tenant's NSD watched for its death, told to the gate once. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NSDWATCH_H
#define OUTPOST_NSDWATCH_H

struct child;
struct pollfd;
struct supervisor;

/*
 * The exit watch's fd and each running tenant's NSD pidfd (at most max
 * into pfd); then what poll(2) said of them: deaths go to the gate.
 */
int	nsdwatch_pollfds(struct supervisor *, struct pollfd *, int max);
void	nsdwatch_io(struct supervisor *, const struct pollfd *, int n);
/* c ended (SIGCHLD): told to the gate unless a watch told it already. */
void	nsdwatch_child_ended(struct supervisor *, const struct child *);

#endif
