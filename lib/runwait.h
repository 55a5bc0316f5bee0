/* runwait.h: run a program as a child and wait for it. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_RUNWAIT_H
#define OUTPOST_RUNWAIT_H

/*
 * Runs argv[0] (a path) with argv, the signal mask cleared, and waits for
 * it.  Its exit status, or -1 when it could not be run or was killed
 * (*status, when not NULL, gets the raw wait status).
 */
int	 run_wait(char *const argv[], int *status);

#endif
