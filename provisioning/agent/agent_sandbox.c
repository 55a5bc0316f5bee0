/* agent_sandbox.c: the agent's network side's seccomp allowlist (x86_64): what libcurl, GnuTLS and the message loop call; anything else fails with EPERM (seccomp_allow). */
/* SPDX-License-Identifier: ISC */
#include <sys/syscall.h>

#include <errno.h>

#include "agent.h"
#include "seccomp_allow.h"

#if defined(__x86_64__)

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

int
agent_sandbox(void)
{
	return seccomp_allow(allowed, sizeof(allowed) / sizeof(allowed[0]),
	    SECCOMP_DENY_EPERM);
}

#else

int
agent_sandbox(void)
{
	errno = ENOSYS;
	return -1;
}

#endif
