/* pid1_network.c: the network at boot: outpost-netcfg apply; the node goes on once the addresses are in place, and its checks are reported when they end. */
/* SPDX-License-Identifier: ISC */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "pid1.h"

#define NETWORK_CONF	PID1_NETWORK_CONF
#define NOTIFY_FD	3

static pid_t netcfg_pid;

static void __attribute__((noreturn))
exec_netcfg(int notify)
{
	char fdarg[] = { '0' + NOTIFY_FD, '\0' };
	char *argv[] = { PID1_NETCFG, "apply", "-N", fdarg, "-r", PID1_RESOLV_CONF,
	    NETWORK_CONF, NULL };
	sigset_t none;

	if (dup2(notify, NOTIFY_FD) < 0)	/* dup2 clears FD_CLOEXEC */
		_exit(127);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execv(argv[0], argv);
	fprintf(stderr, "cannot execute %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Reads until "applied" or the end: 1 when the addresses are in place. */
static int
wait_applied(int fd)
{
	char buf[16];
	size_t len = 0;
	ssize_t n;

	while (len < sizeof(buf) - 1) {
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	return strcmp(buf, "applied\n") == 0;
}

static void
report(int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		pid1_phase("network configured");
	else
		log_warnx("cannot configure the network: outpost-netcfg apply "
		    "failed (status 0x%x, above); the node goes on", status);
}

/*
 * Starts outpost-netcfg apply and returns once the addresses and routes are
 * in place (the tenants can bind their service addresses), or once it ended
 * without getting there.  The checks that follow (carrier, duplicate
 * address detection, gateways) end while the node starts its services:
 * pid1_network_reaped reports them.
 */
void
pid1_network_start(void)
{
	int p[2], status;

	if (access(NETWORK_CONF, F_OK) < 0) {
		log_warnx("no %s: the network is not configured", NETWORK_CONF);
		return;
	}
	if (pipe2(p, O_CLOEXEC) < 0 || (netcfg_pid = fork()) < 0) {
		log_warn("cannot start %s", PID1_NETCFG);
		netcfg_pid = 0;
		return;
	}
	if (netcfg_pid == 0)
		exec_netcfg(p[1]);
	close(p[1]);
	if (wait_applied(p[0]))
		pid1_phase("network applied; its checks go on");
	else {
		while (waitpid(netcfg_pid, &status, 0) < 0 && errno == EINTR)
			;
		netcfg_pid = 0;
		report(status);
	}
	close(p[0]);
}

/* 1 when pid was outpost-netcfg: its end reported. */
int
pid1_network_reaped(pid_t pid, int status)
{
	if (netcfg_pid == 0 || pid != netcfg_pid)
		return 0;
	netcfg_pid = 0;
	report(status);
	return 1;
}
