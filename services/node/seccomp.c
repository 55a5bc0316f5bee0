/* seccomp.c: the system calls a containerised NSD (or BIRD) may make; everything else fails with EPERM. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>

#include "json.h"
#include "seccomp.h"

/*
 * What NSD 4.6 and BIRD 2 were seen to call (strace -f of both in the
 * lab: start, zone transfers, NOTIFY, queries, BGP and BFD sessions,
 * reconfiguration, stop), and what glibc needs on their error and exit
 * paths; for the DNSSEC guard's verifier that NSD runs in the container
 * (nsdverify.c): membarrier (kzonecheck's liburcu), vfork (dash runs a
 * simple command with it; like fork, no namespace of its own).  Absent on purpose, among others: mount and namespace calls,
 * module and kexec loading, ptrace and process_vm_*, bpf,
 * perf_event_open, keyrings, clock setting, reboot, swap, quotactl,
 * personality, userfaultfd, open_by_handle_at, chroot/pivot_root,
 * memfd_create and execveat (no program from memory), symlinks.
 * execve stays: crun loads this filter and then executes the program;
 * nothing the container can write is executable (noexec mounts), so
 * only what /usr (read-only) holds could be run.  clone is allowed only
 * without namespace flags; clone3, whose flags seccomp cannot see,
 * answers ENOSYS so that the C library falls back to clone.  ioctl and
 * prctl are allowed for a few requests only (below).  Only the x86_64
 * ABI: i386 and x32 system calls are refused (libseccomp checks the
 * architecture, and x32 numbers, 0x40000000 and up, are not x86_64's).
 * sched_setaffinity: NSD pins each server to its CPU (cpu-affinity);
 * the container's cpuset bounds what it may choose.
 */
static const char *const allowed[] = {
	"accept", "accept4", "access", "alarm", "arch_prctl", "bind", "brk",
	"capget", "chdir", "chmod", "clock_getres", "clock_gettime",
	"clock_nanosleep", "close", "close_range", "connect", "dup", "dup2",
	"dup3", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_pwait",
	"epoll_wait", "execve", "exit", "exit_group", "faccessat",
	"faccessat2", "fadvise64", "fchmod", "fcntl", "fdatasync", "flock",
	"fstat", "fstatfs", "fsync", "ftruncate", "futex", "getcwd",
	"getdents64", "getegid", "geteuid", "getgid", "getgroups",
	"getpeername", "getpid", "getppid", "getrandom", "getresgid",
	"getresuid", "getrlimit", "get_robust_list", "getrusage",
	"getsockname", "getsockopt", "gettid", "gettimeofday", "getuid",
	"kill", "listen", "lseek", "lstat", "madvise", "membarrier", "mkdir", "mkdirat",
	"mlock", "mmap", "mprotect", "mremap", "msync", "munlock", "munmap",
	"nanosleep", "newfstatat", "open", "openat", "pipe", "pipe2", "poll",
	"ppoll", "pread64", "preadv", "prlimit64", "pselect6", "pwrite64",
	"pwritev", "read", "readlink", "readlinkat", "readv", "recvfrom",
	"recvmmsg", "recvmsg", "rename", "renameat", "renameat2",
	"restart_syscall", "rseq", "rt_sigaction", "rt_sigpending",
	"rt_sigprocmask", "rt_sigreturn", "rt_sigsuspend",
	"rt_sigtimedwait", "sched_getaffinity", "sched_setaffinity",
	"sched_yield", "select", "sendmmsg", "sendmsg", "sendto", "set_robust_list",
	"set_tid_address", "setitimer", "setsockopt", "shutdown",
	"sigaltstack", "socket", "socketpair", "stat", "statfs", "statx",
	"sysinfo", "tgkill", "time", "tkill", "umask", "uname", "unlink",
	"unlinkat", "vfork", "wait4", "waitid", "write", "writev",
};

/* ioctl requests: isatty() (TCGETS), FIONREAD, FIONBIO. */
static const unsigned long ioctls[] = { 0x5401, 0x541b, 0x5421 };

/* prctl options: PR_SET_NAME, PR_GET_NAME (NSD names its processes),
 * PR_CAPBSET_READ (NSD reads its bounding set), PR_SET_THP_DISABLE (BIRD). */
static const unsigned long prctls[] = { 15, 16, 23, 41 };

static void
render_arg_rules(FILE *f, const char *name, const unsigned long *v, size_t n,
    int index)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fprintf(f, ",{\"names\":[\"%s\"],\"action\":\"SCMP_ACT_ALLOW\","
		    "\"args\":[{\"index\":%d,\"value\":%lu,\"valueTwo\":0,"
		    "\"op\":\"SCMP_CMP_EQ\"}]}", name, index, v[i]);
	}
}

void
seccomp_render(FILE *f)
{
	size_t i;

	fputs("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":1,"
	    "\"architectures\":[\"SCMP_ARCH_X86_64\"],\"syscalls\":[{"
	    "\"names\":[", f);
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		if (i > 0)
			fputc(',', f);
		json_str(f, allowed[i]);
	}
	fputs("],\"action\":\"SCMP_ACT_ALLOW\"}", f);
	render_arg_rules(f, "ioctl", ioctls, sizeof(ioctls) /
	    sizeof(ioctls[0]), 1);
	render_arg_rules(f, "prctl", prctls, sizeof(prctls) /
	    sizeof(prctls[0]), 0);
	/* CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET */
	fputs(",{\"names\":[\"clone\"],\"action\":\"SCMP_ACT_ALLOW\","
	    "\"args\":[{\"index\":0,\"value\":2114060288,\"valueTwo\":0,"
	    "\"op\":\"SCMP_CMP_MASKED_EQ\"}]},", f);
	fputs("{\"names\":[\"clone3\"],\"action\":\"SCMP_ACT_ERRNO\","
	    "\"errnoRet\":38}]}", f);
}
