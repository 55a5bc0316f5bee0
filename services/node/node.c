/* node.c: outpost-node, the supervisor: reads node.conf, runs one NSD container per tenant, stops cleanly. */
/* SPDX-License-Identifier: ISC */
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfgupdate.h"
#include "clock.h"
#include "confirm.h"
#include "control.h"
#include "fileutil.h"
#include "gate_msg.h"
#include "gatelink.h"
#include "handover.h"
#include "catalog_tenants.h"
#include "log.h"
#include "node.h"
#include "nsdverify.h"
#include "nsdwatch.h"
#include "pid1.h"
#include "reconfig.h"
#include "svcaddr.h"
#include "uids.h"
#include "xdpguard.h"
#include "zoneguard_tenants.h"

#define DEFAULT_CONF	"/etc/outpost/node.conf"

/*
 * In a child, just before crun is executed.  crun guards against a
 * container overwriting its binary (CVE-2019-5736) by executing a sealed
 * copy of itself first, a second start of the program, unless its binary
 * lies on a read-only file system and this variable says it was arranged
 * so; crun checks the file system itself.  In the image, crun lies on the
 * dm-verity root: nothing can write it, and each crun run starts once.
 * Elsewhere (the lab's writable /usr) crun still makes its copy.
 */
void
crun_env(void)
{
	setenv("_LIBCONTAINER_CLONED_BINARY", "1", 1);
}

pid_t
crun_spawn(struct supervisor *sv, const char *const *args)
{
	const char *argv[16];
	int i, n = 0, null;
	pid_t pid;

	argv[n++] = "crun";
	argv[n++] = "--root";
	argv[n++] = sv->crun_root;
	for (i = 0; args[i] != NULL && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if ((pid = fork()) != 0)
		return pid;
	if ((null = open("/dev/null", O_RDWR)) >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
	}
	crun_env();
	execvp("crun", (char *const *)argv);
	_exit(127);
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

/* Tenants taken out of node.conf, once stopped, are forgotten (their
 * zone data stays in the state dir for a tenant that comes back). */
static void
forget_removed(struct supervisor *sv)
{
	int i, n = 0;

	for (i = 0; i < sv->ntenants; i++) {
		struct child *t = sv->tenants[i];

		if (!t->wanted && t->state == CS_DOWN && !sv->quit &&
		    t->outgoing == NULL) {
			log_info("%s: removed", t->label);
			child_free(t);
		} else
			sv->tenants[n++] = t;
	}
	sv->ntenants = n;
	catalog_forget(sv);
}

/* BIRD and the gate run while node.conf has a bgp: block. */
static void
apply_routing(struct supervisor *sv)
{
	char dir[256];
	int rc;

	if (!sv->nc->bgp.present) {
		if (sv->gate != NULL) {
			sv->gate->wanted = 0;
			child_stop(sv, sv->gate);
		}
		if (sv->bird != NULL) {
			sv->bird->wanted = 0;
			child_stop(sv, sv->bird);
		}
		return;
	}
	if (sv->bird == NULL) {
		snprintf(dir, sizeof(dir), "%s/bird", sv->nc->state_dir);
		if ((sv->bird = child_new("bird", "bird", dir)) == NULL)
			fatal("cannot allocate");
	}
	sv->bird->wanted = 1;
	rc = bird_configure(sv, sv->bird);
	if (rc == BIRD_RESTART && sv->bird->state == CS_RUNNING) {
		log_info("bird: container changed, restarting");
		child_stop(sv, sv->bird);
	} else if (rc == BIRD_RECONFIGURE && sv->bird->state == CS_RUNNING) {
		/*
		 * Not BIRD's own SIGHUP: "configure" would reset every
		 * anycast protocol to "disabled" and withdraw them all.  The
		 * gate (SIGHUP below) hands BIRD a bird.conf with each
		 * protocol as it is now.
		 */
		log_info("bird: bird.conf changed, the gate reconfigures it");
	} else if (rc >= 0 && (sv->bird->state == CS_DOWN ||
	    sv->bird->state == CS_BACKOFF))
		child_start(sv, sv->bird);
	if (sv->gate == NULL)
		sv->gate = gate_new(sv);
	sv->gate->on_line = pid1_gate_line;	/* boot phases */
	sv->gate->wanted = 1;
	if (sv->gate->state == CS_RUNNING)
		kill(sv->gate->pid, SIGHUP);	/* re-reads the running conf */
	else if (sv->gate->state != CS_STOPPING)
		child_start(sv, sv->gate);
}

static int
write_printed(const struct nodeconf *nc, const char *path, int flags,
    uid_t uid)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return -1;
	nodeconf_print_flags(f, nc, flags);
	if (fclose(f) != 0) {
		free(buf);
		return -1;
	}
	rc = file_write_atomic(path, buf, len, uid == 0 ? 0600 : 0400, uid,
	    uid);
	free(buf);
	if (rc < 0)
		log_warn("cannot write %s", path);
	return rc;
}

/*
 * The last good configuration, normalised: STATE/node.conf.running, for
 * root only (every tenant's TSIG secret is in it), and the gate's copy
 * STATE/gate.conf, for the routing uid only, without the TSIG secrets
 * (the BGP passwords it needs for bird.conf stay).
 */
static int
write_running(struct supervisor *sv)
{
	char path[PATH_MAX];

	if (write_printed(sv->nc, sv->running_conf, 0, 0) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/" GATE_CONF, sv->nc->state_dir);
	return write_printed(sv->nc, path, NC_PRINT_NO_TSIG, ROUTING_UID);
}

/* Brings the running tenants in line with sv->nc. */
/* A tenant asks for DNSSEC validation that this node cannot run: -1 with why. */
static int
validate_unable(const struct nodeconf *nc, char *why, size_t len)
{
	const char *missing;
	int i;

	for (i = 0; i < nc->ntenants; i++)
		if (nc->tenants[i].dnssec == NC_DNSSEC_VALIDATE &&
		    (missing = nsdverify_missing(&nc->tenants[i])) != NULL) {
			snprintf(why, len, "tenant %s: dnssec: validate needs "
			    "%s, which this node lacks", nc->tenants[i].name,
			    missing);
			return -1;
		}
	return 0;
}

static void
apply_config(struct supervisor *sv)
{
	uid_t uids[NC_MAX_TENANTS];
	struct child *t;
	char why[160];
	int i, rc, nouids;

	/* Started with it (a reload or configure would have refused it). */
	if (validate_unable(sv->nc, why, sizeof(why)) < 0)
		log_warnx("%s: every transfer of its zones will be refused",
		    why);
	for (i = 0; i < sv->ntenants; i++)
		sv->tenants[i]->wanted = 0;
	nouids = uids_for(sv->nc, uids) < 0;
	if (nouids)
		log_warnx("cannot give tenants their uids: running tenants "
		    "stay as they are, no tenant starts");
	for (i = 0; i < sv->nc->ntenants; i++) {
		const struct nc_tenant *tn = &sv->nc->tenants[i];

		t = find_tenant(sv, tn->name);
		if (nouids || uids[i] == 0) {
			if (t != NULL)
				t->wanted = 1;
			continue;
		}
		if (t == NULL) {
			if ((t = tenant_new(sv, tn->name)) == NULL)
				fatal("cannot allocate tenant");
			sv->tenants[sv->ntenants++] = t;
		}
		t->wanted = 1;
		rc = tenant_configure(sv, t, tn, uids[i]);
		if (rc < 0)
			continue;
		if (rc == 2)
			handover_begin(sv, t);
		else if (rc == 1 && t->state == CS_RUNNING) {
			log_info("%s: configuration changed", t->label);
			child_stop(sv, t);
		} else if (t->state == CS_DOWN || t->state == CS_BACKOFF)
			child_start(sv, t);
	}
	for (i = 0; i < sv->ntenants; i++)
		if (!sv->tenants[i]->wanted)
			child_stop(sv, sv->tenants[i]);
	forget_removed(sv);
	catalog_apply(sv);
	if (write_running(sv) == 0)
		apply_routing(sv);
	agent_follow(sv);
	xdpguard_apply(sv->nc);
}

/*
 * How many tenants the node would hold with nc: its tenants, and those it
 * has now that nc removes and that cannot be forgotten yet (stopping).
 */
static int
tenants_after(struct supervisor *sv, const struct nodeconf *nc)
{
	int i, j, n = nc->ntenants;

	for (i = 0; i < sv->ntenants; i++) {
		const struct child *t = sv->tenants[i];

		for (j = 0; j < nc->ntenants; j++)
			if (strcmp(t->cname + 4, nc->tenants[j].name) == 0)
				break;
		if (j == nc->ntenants && !child_idle(t))
			n++;
	}
	return n;
}

int
node_install(struct supervisor *sv, struct nodeconf *nc, int apply, char *why,
    size_t len)
{
	int n;

	if (strcmp(nc->state_dir, sv->nc->state_dir) != 0) {
		snprintf(why, len, "state-dir changes need a restart");
		return -1;
	}
	if ((n = tenants_after(sv, nc)) > NODE_MAX_TENANTS) {
		snprintf(why, len, "%d tenants with those removed still "
		    "stopping, at most %d", n, NODE_MAX_TENANTS);
		return -1;
	}
	if (validate_unable(nc, why, len) < 0)
		return -1;
	if (!apply)
		return 0;
	svcaddr_follow(sv, sv->nc, nc);
	nodeconf_free(sv->nc);
	sv->nc = nc;
	log_setinstance(nc->identity);
	apply_config(sv);
	return 0;
}

int
node_reload(struct supervisor *sv)
{
	struct nodeconf *nc;
	char why[160];

	log_info("reloading %s", sv->conf_path);
	if ((nc = nodeconf_load(sv->conf_path, stderr)) == NULL) {
		log_warnx("cannot reload %s: errors above; the running "
		    "configuration stays", sv->conf_path);
		return -1;
	}
	if (node_install(sv, nc, 1, why, sizeof(why)) < 0) {
		log_warnx("cannot reload %s: %s; the running configuration "
		    "stays", sv->conf_path, why);
		nodeconf_free(nc);
		return -1;
	}
	return 0;
}

/* Every supervised child: the tenants (and those they replace), BIRD, the gate, the agent, the catalog workers. */
static int
all_children(struct supervisor *sv, struct child **all)
{
	int i, n = 0;

	for (i = 0; i < sv->ntenants; i++) {
		all[n++] = sv->tenants[i];
		if (sv->tenants[i]->outgoing != NULL)
			all[n++] = sv->tenants[i]->outgoing;
	}
	if (sv->bird != NULL)
		all[n++] = sv->bird;
	if (sv->gate != NULL)
		all[n++] = sv->gate;
	if (sv->agent != NULL)
		all[n++] = sv->agent;
	n += catalog_children(all + n);
	return n;
}

/* pid is a supervised child's, or a crun command's of one. */
static int
child_of(struct supervisor *sv, pid_t pid)
{
	struct child *all[NODE_MAX_CHILDREN];
	int i, n = all_children(sv, all);

	for (i = 0; i < n; i++)
		if (all[i]->helper == pid || (all[i]->pid == pid &&
		    (all[i]->state == CS_RUNNING || all[i]->state ==
		    CS_STOPPING)))
			return 1;
	return 0;
}

static void
reap(struct supervisor *sv)
{
	int status, i;
	pid_t pid;

	struct child *all[NODE_MAX_CHILDREN];
	int n;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (!child_of(sv, pid)) {	/* an orphan (PID 1), the logger */
			if (!svcaddr_reaped(sv, pid, status))
				pid1_reaped(pid, status);
			continue;
		}
		n = all_children(sv, all);
		for (i = 0; i < n; i++) {
			struct child *c = all[i];

			if (c->pid == pid &&
			    (c->state == CS_RUNNING || c->state == CS_STOPPING)) {
				nsdwatch_child_ended(sv, c);
				child_exited(sv, c, status);
			} else if (c->helper == pid)
				child_helper_done(sv, c, status);
		}
		if (sv->gate != NULL && sv->gate->pid == 0 && sv->gatefd >= 0)
			gatelink_closed(sv);
	}
	forget_removed(sv);
}

/* TERM, INT: stop (as PID 1: and power off, reboot); USR1, USR2: PID 1 only. */
static void
stop_on_signal(struct supervisor *sv, int signo)
{
	int after = pid1_signal_after(signo);

	if (after < 0)
		return;
	if (!sv->quit)
		log_info("signal %d: stopping%s", signo, after == PID1_REBOOT ?
		    ", then rebooting" : after == PID1_POWEROFF ?
		    ", then powering off" : "");
	sv->quit = 1;
	sv->after = after;
}

static void
handle_signal(struct supervisor *sv)
{
	struct signalfd_siginfo si;

	while (read(sv->sigfd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGTERM:
		case SIGINT:
		case SIGUSR1:
		case SIGUSR2:
			stop_on_signal(sv, (int)si.ssi_signo);
			break;
		case SIGHUP:
			reconfig_sighup(sv);
			node_reload(sv);
			break;
		case SIGCHLD:
			reap(sv);
			break;
		}
	}
}

static int
all_down(struct supervisor *sv)
{
	struct child *all[NODE_MAX_CHILDREN];
	int i, n = all_children(sv, all);

	for (i = 0; i < n; i++)
		if (!child_idle(all[i]))
			return 0;
	return 1;
}

static int
poll_timeout(struct supervisor *sv, int64_t now)
{
	struct child *all[NODE_MAX_CHILDREN];
	int64_t next = now + 1000, when;
	int i, n = all_children(sv, all);

	for (i = 0; i < n; i++)
		if ((when = child_deadline(all[i])) < next)
			next = when;
	for (i = 0; i < sv->ntenants; i++)
		if ((when = handover_deadline(sv->tenants[i])) < next)
			next = when;
	if (sv->quit && !sv->drained && sv->drain_deadline != 0 &&
	    sv->drain_deadline < next)
		next = sv->drain_deadline;
	if (sv->quit && sv->drained && sv->drained_ms + DRAIN_GRACE_MS < next)
		next = sv->drained_ms + DRAIN_GRACE_MS;
	if ((when = pid1_phases_deadline()) < next)
		next = when;
	return next <= now ? 0 : (int)(next - now);
}

/*
 * Stopping: first the gate withdraws every prefix (DRAINED, or a
 * timeout), then, after a grace period in which the withdrawal spreads
 * and queries already on their way are still answered, every child is
 * stopped.
 */
static int
stop_step(struct supervisor *sv, int64_t now)
{
	struct child *all[NODE_MAX_CHILDREN];
	int i, n;

	if (sv->drain_deadline == 0) {
		sv->drain_deadline = now + DRAIN_TIMEOUT_MS;
		if (gatelink_request(sv, CW_DRAINED, NULL, 0) < 0) {
			sv->drained = 1;
			sv->drained_ms = now - DRAIN_GRACE_MS;
		}
	}
	if (!sv->drained && now < sv->drain_deadline)
		return 0;
	if (!sv->drained) {
		log_warnx("gate: no DRAINED in %d ms, stopping anyway",
		    DRAIN_TIMEOUT_MS);
		sv->drained = 1;
		sv->drained_ms = now - DRAIN_GRACE_MS;
	}
	if (now < sv->drained_ms + DRAIN_GRACE_MS)
		return 0;
	n = all_children(sv, all);
	for (i = 0; i < n; i++) {
		all[i]->wanted = 0;
		child_stop(sv, all[i]);
	}
	return all_down(sv);
}

static int
add_fd(struct pollfd *pfd, int n, int fd)
{
	pfd[n].fd = fd;
	pfd[n].events = POLLIN;
	pfd[n].revents = 0;
	return n + 1;
}

static void
run_loop(struct supervisor *sv)
{
	struct pollfd pfd[4 + CONTROL_MAX + NODE_MAX_CHILDREN + 1 +
	    NODE_MAX_TENANTS + 1 + NC_MAX_TENANTS];
	struct child *all[NODE_MAX_CHILDREN], *owner[NODE_MAX_CHILDREN];
	int i, n, nc, nw, np, xi, first_log, first_client, first_watch;
	int let_go;
	int64_t now;

	reap(sv);	/* what ended before the signalfd (PID 1: orphans) */
	for (;;) {
		now = now_ms();
		if (sv->quit && stop_step(sv, now))
			return;
		n = add_fd(pfd, 0, sv->sigfd);
		n = add_fd(pfd, n, sv->ctlfd);
		n = add_fd(pfd, n, sv->gatefd);
		pfd[n - 1].events = gatelink_events(sv);
		first_client = n;
		for (i = 0; i < CONTROL_MAX; i++) {
			n = add_fd(pfd, n, sv->clients[i] ?
			    sv->clients[i]->fd : -1);
			if (sv->clients[i] != NULL)
				pfd[n - 1].events =
				    control_events(sv->clients[i]);
		}
		first_log = n;
		nc = all_children(sv, all);
		for (i = 0; i < nc; i++) {
			owner[i] = all[i];
			n = add_fd(pfd, n, all[i]->logfd);
		}
		first_watch = n;
		nw = nsdwatch_pollfds(sv, pfd + n, NODE_MAX_TENANTS + 1);
		n += nw;
		np = pid1_phases_pollfds(sv, pfd + n, NC_MAX_TENANTS, now);
		n += np;
		xi = n;
		n = add_fd(pfd, n, xdpguard_pollfd());
		if (poll(pfd, (nfds_t)n, poll_timeout(sv, now)) < 0 &&
		    errno != EINTR)
			fatal("cannot poll");
		nsdwatch_io(sv, pfd + first_watch, nw);
		pid1_phases_io(pfd + first_watch + nw, np);
		if (pfd[xi].revents)
			xdpguard_loaded(sv->nc);
		for (i = 0; i < nc; i++)
			if (pfd[first_log + i].revents)
				child_read_log(owner[i]);
		zoneguard_tenants_flush(sv);
		if (pfd[2].revents)
			gatelink_io(sv, pfd[2].revents);
		for (i = 0; i < CONTROL_MAX; i++)
			if (pfd[first_client + i].revents &&
			    sv->clients[i] != NULL)
				control_ready(sv, sv->clients[i]);
		if (pfd[1].revents)
			control_accept(sv);
		if (pfd[0].revents)
			handle_signal(sv);
		now = now_ms();
		nc = all_children(sv, all);
		for (i = 0; i < nc; i++)
			child_tick(sv, all[i], now);
		/* A tenant removed during its handover is forgotten once its
		 * outgoing NSD is let go too (reap saw both exit before). */
		for (i = 0, let_go = 0; i < sv->ntenants; i++)
			let_go |= handover_tick(sv, sv->tenants[i], now);
		if (let_go)
			forget_removed(sv);
		confirm_tick(sv, now);
		reconfig_tick(sv, now);
	}
}

static void
no_op(int signo)
{
	(void)signo;
}

/*
 * Taken through a signalfd.  Each gets a handler that is never run (they
 * are blocked): the kernel drops a signal to PID 1 whose action is the
 * default one, blocked or not.
 */
static int
setup_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGUSR1,
	    SIGUSR2 };
	struct sigaction sa;
	sigset_t set;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = no_op;
	sigemptyset(&set);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		if ((sigs[i] == SIGUSR1 || sigs[i] == SIGUSR2) &&
		    !pid1_active())
			continue;	/* their default action, as before */
		sigaddset(&set, sigs[i]);
		sigaction(sigs[i], &sa, NULL);
	}
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

static void
usage(FILE *f, int rc)
{
	fprintf(f, "usage: outpost-node [-hnv] [-A agentdir] [-c node.conf] "
	    "[-N network.conf]\n"
	    "  -A DIR   outpost-agent's state: once enrolled, the node runs\n"
	    "           outpost-agent run -s DIR (as PID 1 of the image:\n"
	    "           " PID1_AGENT_DIR ")\n"
	    "  -c FILE  node configuration (default " DEFAULT_CONF ")\n"
	    "  -h       this help\n"
	    "  -n       check the configuration only\n"
	    "  -N FILE  network configuration: the service addresses follow\n"
	    "           node.conf (outpost-netcfg apply; as PID 1 of the image:\n"
	    "           " PID1_NETWORK_CONF ")\n"
	    "  -v       more verbose log (debug)\n");
	exit(rc);
}

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int
main(int argc, char **argv)
{
	struct supervisor sv = { .conf_path = DEFAULT_CONF, .sigfd = -1,
	    .ctlfd = -1, .gatefd = -1 };
	int ch, checkonly = 0, verbose = 0;

	log_init("outpost-node", NULL, 0);
	while ((ch = getopt_long(argc, argv, "A:c:hnN:v", long_opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout, 0);
			break;
		case 'A':
			sv.agent_dir = optarg;
			break;
		case 'c':
			sv.conf_path = optarg;
			break;
		case 'n':
			checkonly = 1;
			break;
		case 'N':
			sv.network_conf = optarg;
			break;
		case 'v':
			verbose++;
			break;
		default:
			usage(stderr, 2);
		}
	}
	if (optind != argc)
		usage(stderr, 2);
	if (checkonly) {
		if ((sv.nc = nodeconf_load(sv.conf_path, stderr)) == NULL)
			fatalx("cannot load %s: errors above", sv.conf_path);
		fprintf(stderr, "%s: configuration OK\n", sv.conf_path);
		return 0;
	}
	pid1_boot();
	if (sv.network_conf == NULL && pid1_image())
		sv.network_conf = PID1_NETWORK_CONF;
	if (sv.agent_dir == NULL && pid1_image())
		sv.agent_dir = PID1_AGENT_DIR;
	if ((sv.nc = nodeconf_load(sv.conf_path, stderr)) == NULL &&
	    (sv.nc = pid1_no_nodeconf(sv.conf_path)) == NULL)
		fatalx("cannot load %s: errors above", sv.conf_path);
	log_init("outpost-node", sv.nc->identity, verbose);
	pid1_configured(sv.nc);
	snprintf(sv.crun_root, sizeof(sv.crun_root), "%s/crun",
	    sv.nc->state_dir);
	cgroups_name(sv.nc, sv.cgroup, sizeof(sv.cgroup));
	if ((sv.gatebuf = calloc(1, sizeof(*sv.gatebuf))) == NULL)
		fatal("cannot allocate");
	snprintf(sv.running_conf, sizeof(sv.running_conf),
	    "%s/node.conf.running", sv.nc->state_dir);
	if (mkdir_p(sv.nc->state_dir, 0755, 0, 0) < 0)
		fatal("cannot create %s", sv.nc->state_dir);
	if (control_open(&sv) < 0)
		fatalx("cannot start without a control socket");
	if ((sv.sigfd = setup_signals()) < 0)
		fatal("cannot set up signals");
	if (cgroups_prepare() < 0)
		fatalx("cannot prepare cgroups for containers");
	log_info("starting with %s: %d tenants", sv.conf_path,
	    sv.nc->ntenants);
	confirm_start(&sv);
	if (!cfgupdate_boot(&sv))
		apply_config(&sv);
	run_loop(&sv);
	xdpguard_stop();
	control_close(&sv);
	cgroups_cleanup(sv.cgroup);
	log_info("stopped");
	pid1_finish(&sv);
	return 0;
}
