/* gate_sandbox.h: the gate's own seccomp filter, installed once it is set up and unprivileged. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GATE_SANDBOX_H
#define OUTPOST_GATE_SANDBOX_H

/*
 * Only the system calls the gate makes from its main loop on; any other
 * kills it.  0, or -1 with errno set (nothing installed).
 */
int	 gate_sandbox(void);

#endif
