/* server.c: outpost-controller: options, -n check, the state directory set up, the HTTPS API started, signals and long polls served until told to stop. */
/* SPDX-License-Identifier: ISC */
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <sodium.h>

#include "clock.h"
#include "ctlsettings.h"
#include "db.h"
#include "fileutil.h"
#include "http.h"
#include "http_route.h"
#include "log.h"
#include "sigfd.h"
#include "signkey.h"
#include "tlscert.h"

#define DRAIN_MS	5000	/* at stop, for requests to finish */
#define FD_SPARE	64	/* descriptors kept for all but connections */
#define CONN_MAX	65536	/* connections at most, whatever the limit */

/* -h: on stdout, exit 0; a wrong command line: on stderr, exit 2. */
static void __attribute__((noreturn))
usage(int help)
{
	fprintf(help ? stdout : stderr, "usage: outpost-controller [-nv] "
	    "[-l ADDRESS] [-p PORT] [-s STATEDIR] [-a PUBLIC] [-b BUNDLEDIR]\n"
	    "  -l ADDRESS   listen on this address (default %s)\n"
	    "  -p PORT      listen on this port (default %d)\n"
	    "  -s STATEDIR  state: database, TLS and signing keys (default "
	    "%s)\n"
	    "  -a PUBLIC    address or host name the nodes reach us at, named "
	    "in the certificate made on first start\n"
	    "  -b BUNDLEDIR where outpostctl apply publishes bundles "
	    "(default STATEDIR/bundles)\n"
	    "  -n           check the settings and state, change nothing\n"
	    "  -v           verbose\n", CTL_LISTEN, CTL_PORT, CTL_STATEDIR);
	exit(help ? 0 : 2);
}

static void
parse_options(int argc, char **argv, struct ctl_settings *st, int *check,
    int *verbose)
{
	int ch;

	while ((ch = getopt(argc, argv, "a:b:hl:np:s:v")) != -1) {
		switch (ch) {
		case 'a':
			st->public = optarg;
			break;
		case 'b':
			st->bundledir = optarg;
			break;
		case 'h':
			usage(1);
		case 'l':
			st->listen = optarg;
			break;
		case 'n':
			*check = 1;
			break;
		case 'p':
			if (ctl_port_parse(optarg, &st->port) < 0)
				fatalx("cannot use port %s: not a port number "
				    "(1-65535)", optarg);
			break;
		case 's':
			st->statedir = optarg;
			break;
		case 'v':
			(*verbose)++;
			break;
		default:
			usage(0);
		}
	}
	if (optind != argc)
		usage(0);
}

/* The listening address; -1 (with err) when it is not an IP address. */
static int
listen_addr(const struct ctl_settings *st, struct sockaddr_storage *ss,
    char *err, size_t errlen)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)(void *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, st->listen, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(st->port);
		return 0;
	}
	if (inet_pton(AF_INET6, st->listen, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(st->port);
		return 0;
	}
	snprintf(err, errlen, "cannot listen on %s: not an IPv4 or IPv6 "
	    "address", st->listen);
	return -1;
}

static void
defaults(struct ctl_settings *st, char *bundledir, size_t len)
{
	if (st->listen == NULL)
		st->listen = CTL_LISTEN;
	if (st->port == 0)
		st->port = CTL_PORT;
	if (st->statedir == NULL)
		st->statedir = CTL_STATEDIR;
	if (st->bundledir == NULL) {
		snprintf(bundledir, len, "%s/bundles", st->statedir);
		st->bundledir = bundledir;
	}
}

/* -n: every setting and file checked, nothing made or changed. */
static int
check_only(const struct ctl_settings *st)
{
	struct sockaddr_storage ss;
	struct tlscert tc;
	char err[512], path[PATH_MAX];
	uint8_t pk[32], sk[64];
	struct stat sb;
	int version, bad = 0;

	if (listen_addr(st, &ss, err, sizeof(err)) < 0) {
		log_warnx("%s", err);
		bad = 1;
	}
	if (stat(st->statedir, &sb) < 0) {
		log_info("%s does not exist yet: made at first start",
		    st->statedir);
		return bad;
	}
	snprintf(path, sizeof(path), "%s/%s", st->statedir, TLS_CRT_FILE);
	if (access(path, F_OK) == 0) {
		if (tlscert_load(st->statedir, &tc, err, sizeof(err)) < 0) {
			log_warnx("%s", err);
			bad = 1;
		} else
			tlscert_free(&tc);
	}
	snprintf(path, sizeof(path), "%s/%s", st->statedir, SIGNKEY_FILE);
	if (access(path, F_OK) == 0 && signkey_load(st->statedir, pk, sk, err,
	    sizeof(err)) < 0) {
		log_warnx("%s", err);
		bad = 1;
	}
	sodium_memzero(sk, sizeof(sk));
	snprintf(path, sizeof(path), "%s/%s", st->statedir, DB_FILE);
	if (db_check(path, &version, err, sizeof(err)) < 0) {
		log_warnx("%s: %s", path, err);
		bad = 1;
	}
	return bad;
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	log_debug("libmicrohttpd: %s", msg);
}

/* The state directory, its keys, certificate and database. */
static void
setup_state(struct ctl *c, const struct ctl_settings *st,
    struct tlscert *tc)
{
	const char *names[3] = { NULL, NULL, NULL };
	char err[512], path[PATH_MAX], hex[65];
	uint8_t pk[32], sk[64];
	int n = 0;

	if (mkdir_p(st->statedir, 0700, getuid(), getgid()) < 0)
		fatal("cannot make %s", st->statedir);
	if (mkdir_p(st->bundledir, 0755, getuid(), getgid()) < 0)
		fatal("cannot make %s", st->bundledir);
	if (st->public != NULL)
		names[n++] = st->public;
	if (strcmp(st->listen, "0.0.0.0") != 0 && strcmp(st->listen, "::") != 0 &&
	    (st->public == NULL || strcmp(st->public, st->listen) != 0))
		names[n++] = st->listen;
	if (tlscert_load_or_make(st->statedir, names, tc, err,
	    sizeof(err)) < 0)
		fatalx("%s", err);
	memcpy(c->certhash, tc->sha256, sizeof(c->certhash));
	if (signkey_load_or_make(st->statedir, pk, sk, err, sizeof(err)) < 0)
		fatalx("%s", err);
	memcpy(c->signpk, pk, sizeof(pk));
	memcpy(c->signsk, sk, sizeof(sk));
	sodium_memzero(sk, sizeof(sk));
	sodium_bin2base64(c->signpub, sizeof(c->signpub), pk, sizeof(pk),
	    sodium_base64_VARIANT_ORIGINAL);
	snprintf(path, sizeof(path), "%s/%s", st->statedir, DB_FILE);
	if ((c->db = db_open(path, err, sizeof(err))) == NULL)
		fatalx("%s: %s", path, err);
	sodium_bin2hex(hex, sizeof(hex), tc->sha256, sizeof(tc->sha256));
	log_info("state in %s (schema version %d), certificate sha256 %s",
	    st->statedir, db_schema_version(c->db), hex);
}

/*
 * As many connections as descriptors allow: the soft RLIMIT_NOFILE raised
 * to the hard one (each agent holds a long poll open, and a second one
 * for up to AGENT_WAIT s when it gives up a poll to post a report: MHD
 * sees the close only when the suspended poll resumes), less FD_SPARE.
 */
static unsigned
connection_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 1024 - FD_SPARE;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			log_warn("cannot raise the open files limit");
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur <= 2 * FD_SPARE)
		return FD_SPARE;
	return rl.rlim_cur - FD_SPARE > CONN_MAX ? CONN_MAX :
	    (unsigned)(rl.rlim_cur - FD_SPARE);
}

/*
 * MHD_USE_AUTO: epoll on Linux; select() (MHD's default) cannot watch
 * descriptors past FD_SETSIZE (1024), far fewer than a fleet's polls.
 */
static struct MHD_Daemon *
start_http(struct ctl *c, const struct ctl_settings *st,
    const struct tlscert *tc)
{
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	char err[256];
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
	    MHD_USE_TLS | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	unsigned limit = connection_limit();

	if (listen_addr(st, &ss, err, sizeof(err)) < 0)
		fatalx("%s", err);
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	d = MHD_start_daemon(flags, st->port, NULL, NULL, http_access, c,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_HTTPS_MEM_KEY, tc->key_pem,
	    MHD_OPTION_HTTPS_MEM_CERT, tc->crt_pem,
	    MHD_OPTION_NOTIFY_COMPLETED, http_completed, c,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
	    MHD_OPTION_CONNECTION_LIMIT, limit,
	    MHD_OPTION_END);
	if (d == NULL)
		fatalx("cannot listen on %s port %u: libmicrohttpd refused "
		    "(address in use?)", st->listen, st->port);
	log_info("listening on %s port %u (at most %u connections)",
	    st->listen, st->port, limit);
	return d;
}

static int
open_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	int fd;

	if ((fd = sigfd_open(sigs, sizeof(sigs) / sizeof(sigs[0]))) < 0)
		fatal("cannot set up signals");
	return fd;
}

/* Until SIGINT or SIGTERM: inotify events and long polls' deadlines. */
static void
serve(struct ctl *c, int sigfd, int watchfd)
{
	struct pollfd pfd[3] = { { sigfd, POLLIN, 0 }, { watchfd, POLLIN, 0 },
	    { c->wakefd, POLLIN, 0 } };
	struct signalfd_siginfo si;
	eventfd_t v;
	int timeout;

	for (;;) {
		timeout = bundle_wait_expire(c, now_ms());
		if (poll(pfd, 3, timeout) < 0 && errno != EINTR)
			fatal("cannot poll");
		if (pfd[2].revents & POLLIN)
			(void)eventfd_read(c->wakefd, &v);
		if (pfd[1].revents & POLLIN)
			bundle_watch_read(c, watchfd);
		if ((pfd[0].revents & POLLIN) &&
		    read(sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
			log_info("signal %u: stopping", si.ssi_signo);
			return;
		}
	}
}

/*
 * Stops taking connections; long polls answered, requests finished.  The
 * listening socket, closed after MHD_stop_daemon (MHD's thread may use it).
 */
static MHD_socket
drain(struct ctl *c, struct MHD_Daemon *d)
{
	int64_t end = now_ms() + DRAIN_MS;
	MHD_socket fd;
	int left;

	fd = MHD_quiesce_daemon(d);
	pthread_mutex_lock(&c->lock);
	c->stopping = 1;
	pthread_mutex_unlock(&c->lock);
	bundle_wait_expire(c, now_ms());
	for (;;) {
		pthread_mutex_lock(&c->lock);
		left = c->inflight;
		pthread_mutex_unlock(&c->lock);
		if (left == 0 || now_ms() >= end)
			break;
		poll(NULL, 0, 10);
	}
	if (left > 0)
		log_warnx("stopping with %d requests unanswered", left);
	return fd;
}

int
main(int argc, char **argv)
{
	struct ctl_settings st = { 0 };
	struct ctl c;
	struct tlscert tc;
	struct MHD_Daemon *d;
	MHD_socket lfd;
	char bundledir[PATH_MAX];
	int check = 0, verbose = 0, sigfd, watchfd;

	log_init("outpost-controller", NULL, 0);
	parse_options(argc, argv, &st, &check, &verbose);
	log_setverbose(verbose);
	defaults(&st, bundledir, sizeof(bundledir));
	if (sodium_init() < 0)
		fatalx("cannot initialise libsodium");
	if (check) {
		if (check_only(&st) != 0)
			return 1;
		printf("outpost-controller: settings and state OK\n");
		return 0;
	}
	memset(&c, 0, sizeof(c));
	pthread_mutex_init(&c.lock, NULL);
	c.statedir = st.statedir;
	snprintf(c.bundledir, sizeof(c.bundledir), "%s", st.bundledir);
	sigfd = open_signals();
	if ((c.wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0)
		fatal("cannot make an eventfd");
	setup_state(&c, &st, &tc);
	if ((watchfd = bundle_watch_open(&c)) < 0)
		fatal("cannot watch %s", c.bundledir);
	d = start_http(&c, &st, &tc);
	serve(&c, sigfd, watchfd);
	lfd = drain(&c, d);
	MHD_stop_daemon(d);
	if (lfd != MHD_INVALID_SOCKET)
		close(lfd);
	db_close(c.db);
	tlscert_free(&tc);
	return 0;
}
