/* gate_sandbox.c: the gate's seccomp allowlist (x86_64): what the main loop calls; anything else kills it (seccomp_allow). */
/* SPDX-License-Identifier: ISC */
#include <sys/syscall.h>

#include <errno.h>

#include "gate_sandbox.h"
#include "seccomp_allow.h"

#if defined(__x86_64__)

/*
 * What the loop needs: poll, probes (sockets, connect, send, recv), BIRD's
 * control socket, signalfd reads, node.conf read again and bird.live.conf
 * written on SIGHUP, the clock, memory, log lines, exit.
 */
static const int allowed[] = {
	SYS_read, SYS_write, SYS_writev, SYS_close, SYS_poll, SYS_ppoll,
	SYS_socket, SYS_connect, SYS_sendto, SYS_recvfrom, SYS_sendmsg,
	SYS_recvmsg, SYS_getsockopt, SYS_setsockopt, SYS_getsockname,
	SYS_shutdown, SYS_fcntl, SYS_open, SYS_openat, SYS_fstat,
	SYS_newfstatat, SYS_statx, SYS_lseek, SYS_fchmod, SYS_fchown,
	SYS_fsync, SYS_rename, SYS_unlink, SYS_getrandom, SYS_clock_gettime,
	SYS_gettimeofday, SYS_time, SYS_brk, SYS_mmap, SYS_munmap, SYS_mremap,
	SYS_madvise, SYS_rt_sigprocmask, SYS_rt_sigreturn, SYS_getpid,
	SYS_ioctl, SYS_exit, SYS_exit_group, SYS_restart_syscall,
};

int
gate_sandbox(void)
{
	return seccomp_allow(allowed, sizeof(allowed) / sizeof(allowed[0]),
	    SECCOMP_DENY_KILL);
}

#else

int
gate_sandbox(void)
{
	errno = ENOSYS;
	return -1;
}

#endif
