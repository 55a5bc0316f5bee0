/* svcaddr.c: the tenants' service addresses follow node.conf while the node runs: outpost-netcfg apply again when they change. */
/* SPDX-License-Identifier: ISC */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "node.h"
#include "pid1.h"
#include "svcaddr.h"

static pid_t netcfg_pid;	/* outpost-netcfg apply running, or 0 */
static int again;		/* and another change came meanwhile */

static int
has_addr(const struct nodeconf *nc, const struct addr *a)
{
	int i, j;

	for (i = 0; i < nc->ntenants; i++)
		for (j = 0; j < nc->tenants[i].naddrs; j++)
			if (addr_eq(&nc->tenants[i].addrs[j], a))
				return 1;
	return 0;
}

static int
subset(const struct nodeconf *a, const struct nodeconf *b)
{
	int i, j;

	for (i = 0; i < a->ntenants; i++)
		for (j = 0; j < a->tenants[i].naddrs; j++)
			if (!has_addr(b, &a->tenants[i].addrs[j]))
				return 0;
	return 1;
}

int
svcaddr_same(const struct nodeconf *a, const struct nodeconf *b)
{
	return subset(a, b) && subset(b, a);
}

static void __attribute__((noreturn))
exec_netcfg(const struct supervisor *sv, const char *path)
{
	char *argv[9];
	sigset_t none;
	int n = 0;

	argv[n++] = (char *)path;
	argv[n++] = "apply";
	argv[n++] = "-c";
	argv[n++] = (char *)sv->conf_path;
	if (pid1_image()) {
		argv[n++] = "-r";
		argv[n++] = PID1_RESOLV_CONF;
	}
	argv[n++] = (char *)sv->network_conf;
	argv[n] = NULL;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execv(argv[0], argv);
	fprintf(stderr, "cannot execute %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static void
start(struct supervisor *sv)
{
	char path[PATH_MAX];

	node_sibling("outpost-netcfg", path, sizeof(path));
	again = 0;
	if ((netcfg_pid = fork()) < 0) {
		log_warn("cannot put the service addresses in place: cannot "
		    "start %s", path);
		netcfg_pid = 0;
		return;
	}
	if (netcfg_pid == 0)
		exec_netcfg(sv, path);
	log_info("service addresses changed: %s apply -c %s %s", path,
	    sv->conf_path, sv->network_conf);
}

void
svcaddr_follow(struct supervisor *sv, const struct nodeconf *old,
    const struct nodeconf *new)
{
	if (sv->network_conf == NULL || svcaddr_same(old, new))
		return;
	if (netcfg_pid != 0)
		again = 1;	/* after this one, with the newest node.conf */
	else
		start(sv);
}

int
svcaddr_reaped(struct supervisor *sv, pid_t pid, int status)
{
	if (netcfg_pid == 0 || pid != netcfg_pid)
		return 0;
	netcfg_pid = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		log_info("service addresses in place");
	else
		log_warnx("cannot put the service addresses in place: "
		    "outpost-netcfg apply failed (status 0x%x, above); "
		    "the tenants bind them once they are there", status);
	if (again && !sv->quit)
		start(sv);
	return 1;
}
