/* node.c: outpost-node, the supervisor: reads node.conf, runs one NSD container per tenant, stops cleanly. */
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fileutil.h"
#include "log.h"
#include "supervisor.h"

#define DEFAULT_CONF	"/etc/outpost/node.conf"

int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Runs "crun --root ROOT args..." to completion; its output is discarded. */
int
crun_cmd(struct supervisor *sv, const char *const *args)
{
	const char *argv[16];
	int i, n = 0, status, null;
	pid_t pid;

	argv[n++] = "crun";
	argv[n++] = "--root";
	argv[n++] = sv->crun_root;
	for (i = 0; args[i] != NULL && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		if ((null = open("/dev/null", O_RDWR)) >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		execvp("crun", (char *const *)argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static struct child *
find_tenant(struct supervisor *sv, const char *name)
{
	int i;

	for (i = 0; i < sv->ntenants; i++)
		if (strncmp(sv->tenants[i]->cname, "nsd-", 4) == 0 &&
		    strcmp(sv->tenants[i]->cname + 4, name) == 0)
			return sv->tenants[i];
	return NULL;
}

/* Brings the running tenants in line with sv->nc. */
static void
apply_config(struct supervisor *sv)
{
	struct child *t;
	int i, rc;

	for (i = 0; i < sv->ntenants; i++)
		sv->tenants[i]->wanted = 0;
	for (i = 0; i < sv->nc->ntenants; i++) {
		const struct nc_tenant *tn = &sv->nc->tenants[i];

		if ((t = find_tenant(sv, tn->name)) == NULL) {
			if ((t = tenant_new(sv, tn->name)) == NULL)
				fatal("cannot allocate tenant");
			sv->tenants[sv->ntenants++] = t;
		}
		t->wanted = 1;
		rc = tenant_configure(sv, t, tn, TENANT_UID_BASE + (uid_t)i);
		if (rc < 0)
			continue;
		if (rc == 1 && t->state == CS_RUNNING) {
			log_info("%s: configuration changed", t->label);
			child_stop(sv, t);
		} else if (t->state == CS_DOWN || t->state == CS_BACKOFF)
			child_start(sv, t);
	}
	for (i = 0; i < sv->ntenants; i++)
		if (!sv->tenants[i]->wanted)
			child_stop(sv, sv->tenants[i]);
}

static void
reload(struct supervisor *sv)
{
	struct nodeconf *nc;

	log_info("reloading %s", sv->conf_path);
	if ((nc = nodeconf_load(sv->conf_path, stderr)) == NULL) {
		log_warnx("cannot reload %s: errors above; the running "
		    "configuration stays", sv->conf_path);
		return;
	}
	if (strcmp(nc->state_dir, sv->nc->state_dir) != 0) {
		log_warnx("cannot reload %s: state-dir changes need a restart",
		    sv->conf_path);
		nodeconf_free(nc);
		return;
	}
	nodeconf_free(sv->nc);
	sv->nc = nc;
	log_setinstance(nc->identity);
	apply_config(sv);
}

static void
reap(struct supervisor *sv)
{
	int status, i;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < sv->ntenants; i++) {
			struct child *t = sv->tenants[i];

			if (t->pid == pid &&
			    (t->state == CS_RUNNING || t->state == CS_STOPPING))
				child_exited(sv, t, status);
		}
	}
}

static void
handle_signal(struct supervisor *sv)
{
	struct signalfd_siginfo si;

	while (read(sv->sigfd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGTERM:
		case SIGINT:
			if (!sv->quit)
				log_info("signal %d: stopping", si.ssi_signo);
			sv->quit = 1;
			break;
		case SIGHUP:
			reload(sv);
			break;
		case SIGCHLD:
			reap(sv);
			break;
		}
	}
}

static int
all_down(const struct supervisor *sv)
{
	int i;

	for (i = 0; i < sv->ntenants; i++)
		if (sv->tenants[i]->state == CS_RUNNING ||
		    sv->tenants[i]->state == CS_STOPPING)
			return 0;
	return 1;
}

static int
poll_timeout(const struct supervisor *sv, int64_t now)
{
	int64_t next = now + 1000, when;
	int i;

	for (i = 0; i < sv->ntenants; i++) {
		const struct child *t = sv->tenants[i];

		if (t->state == CS_BACKOFF)
			when = t->restart_ms;
		else if (t->state == CS_STOPPING)
			when = t->kill_ms;
		else
			continue;
		if (when < next)
			next = when;
	}
	return next <= now ? 0 : (int)(next - now);
}

static void
run_loop(struct supervisor *sv)
{
	struct pollfd pfd[1 + NC_MAX_TENANTS * 2];
	struct child *owner[1 + NC_MAX_TENANTS * 2];
	int i, n, stopping = 0;
	int64_t now;

	for (;;) {
		if (sv->quit && !stopping) {
			for (i = 0; i < sv->ntenants; i++) {
				sv->tenants[i]->wanted = 0;
				child_stop(sv, sv->tenants[i]);
			}
			stopping = 1;
		}
		if (stopping && all_down(sv))
			return;
		n = 0;
		pfd[n].fd = sv->sigfd;
		pfd[n].events = POLLIN;
		owner[n++] = NULL;
		for (i = 0; i < sv->ntenants; i++) {
			if (sv->tenants[i]->logfd < 0)
				continue;
			pfd[n].fd = sv->tenants[i]->logfd;
			pfd[n].events = POLLIN;
			owner[n++] = sv->tenants[i];
		}
		now = now_ms();
		if (poll(pfd, (nfds_t)n, poll_timeout(sv, now)) < 0 &&
		    errno != EINTR)
			fatal("cannot poll");
		for (i = 1; i < n; i++)
			if (pfd[i].revents)
				child_read_log(owner[i]);
		if (pfd[0].revents)
			handle_signal(sv);
		now = now_ms();
		for (i = 0; i < sv->ntenants; i++)
			child_tick(sv, sv->tenants[i], now);
	}
}

static int
setup_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

static void
usage(void)
{
	fprintf(stderr, "usage: outpost-node [-nv] [-c node.conf]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct supervisor sv = { .conf_path = DEFAULT_CONF, .sigfd = -1 };
	int ch, checkonly = 0, verbose = 0;

	log_init("outpost-node", NULL, 0);
	while ((ch = getopt(argc, argv, "c:nv")) != -1) {
		switch (ch) {
		case 'c':
			sv.conf_path = optarg;
			break;
		case 'n':
			checkonly = 1;
			break;
		case 'v':
			verbose++;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if ((sv.nc = nodeconf_load(sv.conf_path, stderr)) == NULL)
		fatalx("cannot load %s: errors above", sv.conf_path);
	if (checkonly) {
		fprintf(stderr, "%s: configuration OK\n", sv.conf_path);
		return 0;
	}
	log_init("outpost-node", sv.nc->identity, verbose);
	snprintf(sv.crun_root, sizeof(sv.crun_root), "%s/crun",
	    sv.nc->state_dir);
	if (mkdir_p(sv.nc->state_dir, 0755, 0, 0) < 0)
		fatal("cannot create %s", sv.nc->state_dir);
	if ((sv.sigfd = setup_signals()) < 0)
		fatal("cannot set up signals");
	if (cgroups_prepare() < 0)
		fatalx("cannot prepare cgroups for containers");
	log_info("starting with %s: %d tenants", sv.conf_path,
	    sv.nc->ntenants);
	apply_config(&sv);
	run_loop(&sv);
	cgroups_cleanup(sv.nc->identity);
	log_info("stopped");
	return 0;
}
