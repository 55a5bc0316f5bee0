/* seccomp_allow.c: a process's own seccomp filter from an allowlist of x86_64 system calls (classic BPF, no library): x32 and other ABIs killed. */
/* SPDX-License-Identifier: ISC */
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "seccomp_allow.h"

#if defined(__x86_64__)

#define X32_SYSCALL_BIT	0x40000000

int
seccomp_allow(const int *allowed, size_t n, enum seccomp_deny deny)
{
	/* 4 head, 2 per allowed call, 2 tail */
	struct sock_filter f[4 + 2 * SECCOMP_ALLOW_MAX + 2];
	struct sock_fprog prog;
	uint32_t other;
	size_t i, k = 0;

	if (n > SECCOMP_ALLOW_MAX) {
		errno = EINVAL;
		return -1;
	}
	other = deny == SECCOMP_DENY_EPERM ?
	    SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA) :
	    SECCOMP_RET_KILL_PROCESS;
	f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, arch));
	f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
	    AUDIT_ARCH_X86_64, 0, (uint8_t)(2 * n + 3));
	f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, nr));
	f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K,
	    X32_SYSCALL_BIT, (uint8_t)(2 * n + 1), 0);
	for (i = 0; i < n; i++) {
		f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
		    BPF_K, (unsigned)allowed[i], 0, 1);
		f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		    SECCOMP_RET_ALLOW);
	}
	/* Another call of the x86_64 ABI: deny; another ABI: killed. */
	f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, other);
	f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_KILL_PROCESS);
	prog.len = (unsigned short)k;
	prog.filter = f;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		return -1;
	return 0;
}

#else

int
seccomp_allow(const int *allowed, size_t n, enum seccomp_deny deny)
{
	(void)allowed;
	(void)n;
	(void)deny;
	errno = ENOSYS;
	return -1;
}

#endif
