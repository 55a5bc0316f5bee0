/* agent_sandbox.c: the agent's network side's seccomp filter (classic BPF, no library): x86_64 only, x32 refused, an allowlist of what libcurl, GnuTLS and the message loop call; anything else fails with EPERM. */
/* SPDX-License-Identifier: ISC */
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include <errno.h>
#include <stddef.h>
#include <unistd.h>

#include "agent.h"

#if defined(__x86_64__)

#define X32_SYSCALL_BIT	0x40000000

/*
 * What the network side was seen to call (strace -f of a run: long polls,
 * bundles, status posts, the controller gone), and what glibc needs on its
 * error and exit paths.  Absent on purpose: open and openat (nothing is
 * read from disk: no CA bundle, the controller's name resolved before the
 * filter; localtime falls back to UTC), execve, clone, ptrace, mount and
 * namespace calls, setuid and friends, bpf, kill.
 */
static const int allowed[] = {
	SYS_read, SYS_readv, SYS_write, SYS_writev, SYS_close, SYS_poll,
	SYS_ppoll, SYS_socket, SYS_socketpair, SYS_connect, SYS_sendto,
	SYS_recvfrom, SYS_sendmsg, SYS_recvmsg, SYS_getsockopt,
	SYS_setsockopt, SYS_getsockname, SYS_getpeername, SYS_shutdown,
	SYS_fcntl, SYS_ioctl, SYS_pipe2, SYS_fstat, SYS_newfstatat, SYS_lseek,
	SYS_getrandom, SYS_clock_gettime, SYS_gettimeofday, SYS_time,
	SYS_clock_nanosleep, SYS_nanosleep, SYS_brk, SYS_mmap, SYS_munmap,
	SYS_mremap, SYS_madvise, SYS_mprotect, SYS_futex, SYS_rt_sigaction,
	SYS_rt_sigprocmask, SYS_rt_sigreturn, SYS_getpid, SYS_gettid,
	SYS_getuid, SYS_geteuid, SYS_getgid, SYS_getegid, SYS_exit,
	SYS_exit_group, SYS_restart_syscall,
};

#define NALLOWED	(sizeof(allowed) / sizeof(allowed[0]))

int
agent_sandbox(void)
{
	/* 4 head, 2 per allowed call, 2 tail */
	struct sock_filter f[4 + 2 * NALLOWED + 2];
	struct sock_fprog prog;
	size_t i, n = 0;

	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, arch));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
	    AUDIT_ARCH_X86_64, 0, 2 * NALLOWED + 3);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, nr));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K,
	    X32_SYSCALL_BIT, 2 * NALLOWED + 1, 0);
	for (i = 0; i < NALLOWED; i++) {
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
		    BPF_K, (unsigned)allowed[i], 0, 1);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		    SECCOMP_RET_ALLOW);
	}
	/* Another call of the x86_64 ABI: EPERM; another ABI: killed. */
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_KILL_PROCESS);
	prog.len = (unsigned short)n;
	prog.filter = f;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		return -1;
	return 0;
}

#else

int
agent_sandbox(void)
{
	errno = ENOSYS;
	return -1;
}

#endif
