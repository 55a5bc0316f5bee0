/* gate.c: outpost-gate, the health gate: probes every tenant's NSD and has BIRD announce only the prefixes of healthy tenants. */
/* SPDX-License-Identifier: ISC */
#include <sys/resource.h>
#include <sys/signalfd.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gate.h"
#include "gate_poll.h"
#include "gate_sandbox.h"
#include "log.h"
#include "sigfd.h"

static struct gate gate;
static struct gate_poll pollset;

/* -h: on stdout, exit 0; a wrong command line: on stderr, exit 2. */
static void
usage(int help)
{
	fprintf(help ? stdout : stderr, "usage: outpost-gate [-v] -c NODECONF "
	    "-s BIRD_CTL_SOCKET -f FD [-u UID] [-b BIRD_DIR] [-t TIMEOUT_MS] "
	    "[-D]\n"
	    "       outpost-gate -p -c NODECONF [-s BIRD_CTL_SOCKET]\n"
	    "       outpost-gate -h | --help\n");
	exit(help ? 0 : 2);
}

const char *
gate_wallclock(int64_t mono, char buf[32])
{
	struct timespec ts;
	struct tm tm;
	int64_t real;
	time_t t;

	clock_gettime(CLOCK_REALTIME, &ts);
	real = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	t = (time_t)((real - (now_ms() - mono)) / 1000);
	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

static int
parse_fd(const char *s)
{
	char *end;
	long v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0 || v > INT_MAX ||
	    fcntl((int)v, F_GETFD) < 0)
		fatalx("cannot use -f %s: not an open file descriptor", s);
	return (int)v;
}

/* Never needs root: after startup it runs as uid (and its group). */
static void
drop_privileges(const char *arg)
{
	struct passwd *pw;
	char *end;
	uid_t uid;
	gid_t gid;

	uid = (uid_t)strtoul(arg, &end, 10);
	if (*arg == '\0' || *end != '\0')
		fatalx("cannot use -u %s: not a numeric uid", arg);
	if (geteuid() != 0)
		return;
	pw = getpwuid(uid);
	gid = pw != NULL ? pw->pw_gid : (gid_t)uid;
	if (setgroups(1, &gid) < 0 || setgid(gid) < 0 || setuid(uid) < 0)
		fatal("cannot drop privileges to uid %u gid %u", uid, gid);
	if (setuid(0) == 0)
		fatalx("cannot drop privileges: uid 0 is still within reach");
	log_info("running as uid %u gid %u", uid, gid);
}

static int
open_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	int fd;

	if ((fd = sigfd_open(sigs, sizeof(sigs) / sizeof(sigs[0]))) < 0)
		fatal("cannot set up signals");
	return fd;
}

void
gate_signal(struct gate *g, int64_t now)
{
	struct signalfd_siginfo si;

	while (read(g->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			if (!g->quitting)
				gate_reload(g, now);
			continue;
		}
		if (g->quitting)
			continue;
		log_info("signal %d: withdrawing every prefix, then exiting",
		    si.ssi_signo);
		g->drained = 1;
		g->quitting = 1;
		g->quit_deadline = now + QUIT_WAIT_MS;
		gate_apply(g, now, NULL);
	}
}

static int64_t
earliest(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

static int64_t
probe_deadline(const struct dnsprobe *p)
{
	return dnsprobe_busy(p) ? p->deadline : INT64_MAX;
}

static int
poll_timeout(struct gate *g, int64_t now)
{
	int64_t next = earliest(g->next_round, birdctl_next(&g->bc));
	int i, j;

	if (g->quitting)
		next = earliest(next, g->quit_deadline);
	for (i = 0; i < g->ntenants; i++) {
		struct gtenant *t = &g->tenants[i];

		for (j = 0; j < t->nslots; j++)
			next = earliest(next,
			    probe_deadline(&t->slots[j].probe));
		for (j = 0; j < t->nc->nzones; j++)
			next = earliest(next,
			    probe_deadline(&t->zones[j].probe));
	}
	if (next <= now)
		return 0;
	return next - now > 60000 ? 60000 : (int)(next - now);
}

/* Finished probes (answered, failed or timed out) get their verdict. */
static void
collect(struct gate *g, int64_t now)
{
	int i, j;

	for (i = 0; i < g->ntenants; i++) {
		struct gtenant *t = &g->tenants[i];

		for (j = 0; j < t->nc->nzones; j++) {
			dnsprobe_check_timeout(&t->zones[j].probe, now);
			if (t->zones[j].probe.state == DP_DONE)
				gate_primary_done(g, t, &t->zones[j], now);
		}
		for (j = 0; j < t->nslots; j++) {
			dnsprobe_check_timeout(&t->slots[j].probe, now);
			if (t->slots[j].probe.state == DP_DONE)
				gate_probe_done(g, t, &t->slots[j], now);
		}
	}
}

static void
maybe_round(struct gate *g, int64_t now)
{
	if (now < g->next_round)
		return;
	g->next_round += g->interval_ms;
	if (g->next_round <= now)
		g->next_round = now + g->interval_ms;
	if (!g->quitting)
		gate_round(g, now);
}

static int
quit_done(struct gate *g, int64_t now)
{
	if (!g->quitting)
		return 0;
	if (!birdctl_connected(&g->bc) || birdctl_settled(&g->bc))
		return 1;
	if (now < g->quit_deadline)
		return 0;
	log_warnx("cannot confirm every withdrawal: BIRD did not answer "
	    "within %d ms", QUIT_WAIT_MS);
	return 1;
}

static void
loop(struct gate *g)
{
	int64_t now;

	for (;;) {
		now = now_ms();
		if (quit_done(g, now))
			return;
		gate_poll_build(&pollset, g);
		if (poll(pollset.pfds, (nfds_t)pollset.n, poll_timeout(g, now)) <
		    0 && errno != EINTR)
			fatal("poll");
		now = now_ms();
		gate_poll_dispatch(&pollset, g, now);
		maybe_round(g, now);
		collect(g, now);
		birdctl_tick(&g->bc, now);
		gate_node_check_drained(g, now);
	}
}

static void
warn_unreachable(const struct gate *g)
{
	char a[ADDR_STRLEN];
	int i, j, af;

	for (i = 0; i < g->nprefixes; i++) {
		af = g->prefixes[i].prefix.af;
		for (j = 0; j < g->nneighbors; j++)
			if (g->neighbors[j].nc->addr.af == af)
				break;
		if (j == g->nneighbors)
			log_warnx("prefix %s: no IPv%c neighbor to announce it "
			    "to", addr_fmt(&g->prefixes[i].prefix, a, 1),
			    af == AF_INET ? '4' : '6');
	}
}

/* dir of path ("." when it has no '/'). */
static void
dirname_of(const char *path, char *out, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(out, len, ".");
	else
		snprintf(out, len, "%.*s", (int)(slash - path), path);
}

/*
 * bird.live.conf goes beside the control socket; BIRD may see that
 * directory under another name (bird_dir, from its container).
 */
static void
live_paths(struct gate *g, const char *sock, const char *bird_dir)
{
	char dir[PATH_MAX];

	dirname_of(sock, dir, sizeof(dir));
	if (snprintf(g->live_path, sizeof(g->live_path), "%s/" LIVE_CONF,
	    dir) >= (int)sizeof(g->live_path) ||
	    snprintf(g->live_bird, sizeof(g->live_bird), "%s/" LIVE_CONF,
	    bird_dir != NULL ? bird_dir : dir) >= (int)sizeof(g->live_bird))
		fatalx("cannot use %s: path too long", sock);
}

static void
setup(struct gate *g, const char *conf, const char *sock, int fd)
{
	struct rlimit rl;

	if ((g->nc = nodeconf_load(conf, stderr)) == NULL)
		fatalx("cannot load %s: errors above", conf);
	log_setinstance(g->nc->identity);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	g->started = now_ms();
	g->msgfd = fd;
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		fatal("cannot set up -f %d", fd);
	g->sigfd = open_signals();
	g->interval_ms = g->nc->bgp.probe_interval;
	g->timeout_ms = g->nc->bgp.probe_timeout;
	g->hold_down_s = g->nc->bgp.hold_down;
	g->tcp_hold_s = g->nc->bgp.tcp_failure_hold;
	birdctl_init(&g->bc, sock);
	g->conf_path = conf;
	g->tenants = gate_tenants_new(g->nc, g->started);
	g->ntenants = g->nc->ntenants;
	if (g->tenants == NULL || gate_prefix_init(g) < 0)
		fatal("cannot allocate the gate's state");
	warn_unreachable(g);
	g->next_round = g->started;
}

/* -p: bird.conf for node.conf on stdout, as outpost-node renders it. */
static int
print_birdconf(const char *conf, const char *sock)
{
	struct nodeconf *nc;
	char dir[PATH_MAX];
	int rc;

	if ((nc = nodeconf_load(conf, stderr)) == NULL)
		return 1;
	if (sock != NULL)
		dirname_of(sock, dir, sizeof(dir));
	rc = birdconf_render(stdout, nc, sock != NULL ? dir : NULL);
	nodeconf_free(nc);
	return rc < 0 || fflush(stdout) != 0;
}

int
main(int argc, char **argv)
{
	const char *conf = NULL, *sock = NULL, *uid = NULL, *bird_dir = NULL;
	const char *errstr = NULL;
	int ch, fd = -1, verbose = 0, print = 0, drained = 0;
	long timeout = 0;	/* node.conf's probe-timeout */
	char *end;

	log_init("outpost-gate", NULL, 0);
	if (argc == 2 && strcmp(argv[1], "--help") == 0)
		usage(1);
	while ((ch = getopt(argc, argv, "Db:c:f:hps:t:u:v")) != -1) {
		switch (ch) {
		case 'D':
			drained = 1;
			break;
		case 'b':
			bird_dir = optarg;
			break;
		case 't':
			timeout = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || timeout < 10 ||
			    timeout > 10000)
				errstr = "-t: want 10 to 10000 (ms)";
			break;
		case 'c':
			conf = optarg;
			break;
		case 'f':
			fd = parse_fd(optarg);
			break;
		case 'h':
			usage(1);
			break;
		case 'p':
			print = 1;
			break;
		case 's':
			sock = optarg;
			break;
		case 'u':
			uid = optarg;
			break;
		case 'v':
			log_setverbose(++verbose);
			break;
		default:
			usage(0);
		}
	}
	if (print && conf != NULL && optind == argc)
		return print_birdconf(conf, sock);
	if (errstr != NULL)
		fatalx("%s", errstr);
	if (conf == NULL || sock == NULL || fd < 0 || optind != argc)
		usage(0);
	setup(&gate, conf, sock, fd);
	live_paths(&gate, sock, bird_dir);
	if (timeout > 0)
		gate.timeout_ms = (unsigned)timeout;
	gate.drained = drained;
	if (uid != NULL)
		drop_privileges(uid);
	if (gate_sandbox() < 0)
		fatal("cannot install the seccomp filter");
	log_info("seccomp filter installed");
	log_info("started: %d tenants, %d prefixes, %d neighbors; probes "
	    "every %u ms, timeout %u ms, hold-down %u s%s", gate.ntenants,
	    gate.nprefixes, gate.nneighbors, gate.interval_ms, gate.timeout_ms,
	    gate.hold_down_s, gate.drained ? "; drained" : "");
	loop(&gate);
	log_info("exiting");
	return 0;
}
