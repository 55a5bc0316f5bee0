/* seccomp_allow.h: a process's own seccomp filter from an allowlist of x86_64 system calls (classic BPF, no library), for outpost-gate and the agent's network side. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_SECCOMP_ALLOW_H
#define OUTPOST_SECCOMP_ALLOW_H

#include <stddef.h>

/* What a call of the x86_64 ABI that is not on the list gets. */
enum seccomp_deny {
	SECCOMP_DENY_KILL,	/* the process is killed */
	SECCOMP_DENY_EPERM,	/* the call fails with EPERM */
};

#define SECCOMP_ALLOW_MAX	120	/* calls on one list */

/*
 * Sets no_new_privs and installs the filter: the n calls of allowed pass,
 * another x86_64 call gets deny, a call of another ABI (x32, i386) kills.
 * 0, or -1 with errno set (ENOSYS off x86_64, EINVAL for too long a
 * list); nothing is installed then.
 */
int	seccomp_allow(const int *allowed, size_t n, enum seccomp_deny deny);

#endif
