/* seccomp.c: the system calls a containerised NSD (or BIRD) may make; everything else fails with EPERM. */
#include <stdio.h>

#include "json.h"
#include "seccomp.h"

/*
 * What a network daemon built on glibc uses: files it was given, sockets,
 * polling, time, signals, memory, and fork/clone for NSD's reload and
 * xfrd processes.  Absent on purpose: mount and namespace calls, module
 * and kexec loading, ptrace and process_vm_*, bpf, perf_event_open,
 * keyrings, clock setting, reboot, swap, quotactl, personality,
 * userfaultfd, open_by_handle_at, chroot/pivot_root.  clone is allowed
 * only without namespace flags; clone3, whose flags seccomp cannot see,
 * answers ENOSYS so that the C library falls back to clone.
 */
static const char *const allowed[] = {
	"accept", "accept4", "access", "alarm", "arch_prctl", "bind", "brk",
	"capget", "chdir", "chmod", "clock_getres", "clock_gettime",
	"clock_nanosleep", "close", "close_range",
	"connect", "copy_file_range", "dup", "dup2", "dup3", "epoll_create",
	"epoll_create1", "epoll_ctl", "epoll_pwait", "epoll_pwait2",
	"epoll_wait", "eventfd", "eventfd2", "execve", "exit", "exit_group",
	"faccessat", "faccessat2", "fadvise64", "fallocate", "fchdir",
	"fchmod", "fchmodat", "fchown", "fcntl", "fdatasync", "flock", "fork",
	"fstat", "fstatfs", "fsync", "ftruncate", "futex", "getcwd",
	"getdents", "getdents64", "getegid", "geteuid", "getgid",
	"getgroups", "getitimer", "getpeername", "getpgid", "getpgrp",
	"getpid", "getppid", "getpriority", "getrandom", "getresgid",
	"getresuid", "getrlimit", "get_robust_list", "getrusage", "getsid",
	"getsockname", "getsockopt", "gettid", "gettimeofday", "getuid",
	"ioctl", "kill", "listen", "lseek", "lstat", "madvise", "membarrier",
	"memfd_create", "mincore", "mkdir", "mkdirat", "mlock", "mmap",
	"mprotect", "mremap", "msync", "munlock", "munmap", "nanosleep",
	"newfstatat", "open", "openat", "openat2", "pause", "pipe", "pipe2",
	"poll", "ppoll", "prctl", "pread64", "preadv", "preadv2",
	"prlimit64", "pselect6", "pwrite64", "pwritev", "pwritev2", "read",
	"readlink", "readlinkat", "readv", "recvfrom", "recvmmsg", "recvmsg",
	"rename", "renameat", "renameat2", "restart_syscall", "rmdir",
	"rseq", "rt_sigaction", "rt_sigpending", "rt_sigprocmask",
	"rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend",
	"rt_sigtimedwait", "rt_tgsigqueueinfo", "sched_getaffinity",
	"sched_getparam", "sched_get_priority_max",
	"sched_get_priority_min", "sched_getscheduler", "sched_yield",
	"select", "sendfile", "sendmmsg", "sendmsg", "sendto",
	"set_robust_list", "set_tid_address", "setitimer", "setpgid",
	"setsid", "setsockopt", "shutdown", "sigaltstack", "socket",
	"socketpair", "stat", "statfs", "statx", "symlink", "symlinkat",
	"sysinfo", "tgkill", "time", "timer_create", "timer_delete",
	"timer_getoverrun", "timer_gettime", "timer_settime",
	"timerfd_create", "timerfd_gettime", "timerfd_settime", "tkill",
	"truncate", "umask", "uname", "unlink", "unlinkat", "utimensat",
	"vfork", "wait4", "waitid", "write", "writev",
};

void
seccomp_render(FILE *f)
{
	size_t i;

	fputs("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":1,"
	    "\"architectures\":[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\","
	    "\"SCMP_ARCH_X32\"],\"syscalls\":[{\"names\":[", f);
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		if (i > 0)
			fputc(',', f);
		json_str(f, allowed[i]);
	}
	fputs("],\"action\":\"SCMP_ACT_ALLOW\"},", f);
	/* CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET */
	fputs("{\"names\":[\"clone\"],\"action\":\"SCMP_ACT_ALLOW\","
	    "\"args\":[{\"index\":0,\"value\":2114060288,\"valueTwo\":0,"
	    "\"op\":\"SCMP_CMP_MASKED_EQ\"}]},", f);
	fputs("{\"names\":[\"clone3\"],\"action\":\"SCMP_ACT_ERRNO\","
	    "\"errnoRet\":38}]}", f);
}
