/* fleetsim.c: many simulated outpost-agents for tests/bench/fleetscale: their keys, and their signed long polls and status reports over TLS to one controller. */
/* SPDX-License-Identifier: ISC */
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "reqsig.h"

#define WAIT_S		60	/* ?wait= of a long poll, as the agent's */
#define RAMP		100	/* connections being set up at once, at start */
#define STATUS_S	60	/* a status report a minute, as the agent's */
#define PUBLISH_MAX_S	150	/* for every agent to get the new bundle */

enum kind { POLL, STATUS };

struct agent;

struct xfer {
	struct agent		*a;
	enum kind		 kind;
	CURL			*h;
	struct curl_slist	*hdrs;
	int			 busy;
	int			 sent;		/* the request is out */
	uint64_t		 etag;
	long			 code;
};

struct agent {
	char		 name[REQSIG_NAME_MAX];
	uint8_t		 sk[64];
	uint64_t	 serial;	/* of the bundle held, 0 for none */
	int64_t		 status_at;	/* next report, ms; 0 for none */
	int64_t		 poll_at;	/* next poll (after a failure), ms */
	int64_t		 got;		/* new bundle after apply, ms after t0 */
	int64_t		 lag;		/* ms from its file's mtime, -1 unknown */
	struct xfer	 poll, status;
};

struct sim {
	const char	*addr, *pin;
	const char	*bundledir;	/* -b: the controller's, for mtimes */
	unsigned	 port;
	struct agent	*a;
	int		 n;
	CURLM		*m;
	int		 ep;
	int64_t		 timer_at;	/* curl's timer, ms; -1 none */
	int		 held;		/* polls sent and not answered */
	int		 connecting;	/* requests not sent yet */
	int		 started;	/* agents started */
	int		 publishing;	/* after apply */
	uint64_t	 old_serial;	/* highest serial before apply */
	int		 got;		/* agents with the new bundle */
	long		 polls, posts, failures, expired;
	long		 failures_before;	/* failures at apply */
};

static struct sim *the_sim;	/* for curl's callbacks */

/* ms since the bundle file of a (renamed into place) was written. */
static int64_t
bundle_lag(const struct sim *sm, const struct agent *a)
{
	struct timespec now;
	struct stat st;
	char path[4096];

	if (sm->bundledir == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/%s.bundle", sm->bundledir, a->name);
	if (stat(path, &st) < 0 || clock_gettime(CLOCK_REALTIME, &now) < 0)
		return -1;
	return ((int64_t)now.tv_sec - st.st_mtim.tv_sec) * 1000 +
	    (now.tv_nsec - st.st_mtim.tv_nsec) / 1000000;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The key pair of simulated node name, derived from its name. */
static void
agent_keys(const char *name, uint8_t pk[32], uint8_t sk[64])
{
	uint8_t seed[crypto_sign_SEEDBYTES];

	crypto_generichash(seed, sizeof(seed), (const uint8_t *)name,
	    strlen(name), (const uint8_t *)"fleetsim", 8);
	crypto_sign_seed_keypair(pk, sk, seed);
}

static void
agent_name(char *buf, size_t len, const char *prefix, int i)
{
	snprintf(buf, len, "%s%05d", prefix, i + 1);
}

/* keys PREFIX N: "NAME PUBLICKEY" per simulated node, for the database. */
static int
cmd_keys(const char *prefix, int n)
{
	char name[REQSIG_NAME_MAX], b64[64];
	uint8_t pk[32], sk[64];
	int i;

	for (i = 0; i < n; i++) {
		agent_name(name, sizeof(name), prefix, i);
		agent_keys(name, pk, sk);
		sodium_bin2base64(b64, sizeof(b64), pk, sizeof(pk),
		    sodium_base64_VARIANT_ORIGINAL);
		printf("%s %s\n", name, b64);
	}
	return 0;
}

/* ------------------------------------------------------------ curl glue */

static int
on_socket(CURL *e, curl_socket_t s, int what, void *arg, void *sockp)
{
	struct sim *sm = arg;
	struct epoll_event ev = { 0 };

	(void)e;
	(void)sockp;
	if (what == CURL_POLL_REMOVE) {
		epoll_ctl(sm->ep, EPOLL_CTL_DEL, s, NULL);
		return 0;
	}
	ev.data.fd = s;
	ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0) |
	    (what & CURL_POLL_OUT ? EPOLLOUT : 0);
	if (epoll_ctl(sm->ep, EPOLL_CTL_MOD, s, &ev) < 0 &&
	    epoll_ctl(sm->ep, EPOLL_CTL_ADD, s, &ev) < 0)
		fprintf(stderr, "fleetsim: cannot watch socket %d: %s\n", s,
		    strerror(errno));
	return 0;
}

static int
on_timer(CURLM *m, long ms, void *arg)
{
	struct sim *sm = arg;

	(void)m;
	sm->timer_at = ms < 0 ? -1 : now_ms() + ms;
	return 0;
}

static size_t
on_body(char *p, size_t sz, size_t nm, void *arg)
{
	(void)p;
	(void)arg;
	return sz * nm;
}

/* ETag: "N" */
static size_t
on_header(char *p, size_t sz, size_t nm, void *arg)
{
	struct xfer *x = arg;
	size_t len = sz * nm;

	if (len > 7 && strncasecmp(p, "ETag:", 5) == 0) {
		p += 5;
		while (*p == ' ' || *p == '"')
			p++;
		x->etag = strtoull(p, NULL, 10);
	}
	return len;
}

/* The request header is out: a poll is held from now on. */
static int
on_debug(CURL *h, curl_infotype t, char *d, size_t len, void *arg)
{
	struct xfer *x = arg;
	struct sim *sm = the_sim;

	(void)h;
	(void)d;
	(void)len;
	if (t != CURLINFO_HEADER_OUT || x->sent)
		return 0;
	x->sent = 1;
	sm->connecting--;
	if (x->kind == POLL)
		sm->held++;
	return 0;
}

/* A fresh TLS connection per request, the controller's key pinned, as
 * the agent's (agent_tls.c). */
static void
xfer_start(struct sim *sm, struct xfer *x, const char *method,
    const char *body)
{
	char path[128], u[512], hdr[REQSIG_HDR_MAX], line[REQSIG_HDR_MAX + 32];
	const char *what = x->kind == POLL ? "bundle" : "status";
	size_t len = body ? strlen(body) : 0;

	snprintf(path, sizeof(path), "/v1/%s/%s", what, x->a->name);
	if (reqsig_make(x->a->name, method, path, (int64_t)time(NULL), body,
	    len, x->a->sk, hdr, sizeof(hdr)) < 0) {
		fprintf(stderr, "fleetsim: cannot sign for %s\n", x->a->name);
		exit(1);
	}
	snprintf(u, sizeof(u), "https://%s:%u%s%s", sm->addr, sm->port, path,
	    x->kind == POLL ? "?wait=60" : "");
	if (x->h == NULL && (x->h = curl_easy_init()) == NULL) {
		fprintf(stderr, "fleetsim: cannot make a curl handle\n");
		exit(1);
	}
	curl_easy_reset(x->h);
	curl_easy_setopt(x->h, CURLOPT_URL, u);
	curl_easy_setopt(x->h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(x->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(x->h, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(x->h, CURLOPT_FRESH_CONNECT, 1L);
	curl_easy_setopt(x->h, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(x->h, CURLOPT_TIMEOUT, (long)(x->kind == POLL ?
	    WAIT_S + 30 : 30));
	curl_easy_setopt(x->h, CURLOPT_SSL_VERIFYPEER, 0L);
	curl_easy_setopt(x->h, CURLOPT_SSL_VERIFYHOST, 0L);
	/* No CA store read per connection; no session resumed. */
	curl_easy_setopt(x->h, CURLOPT_CAINFO, NULL);
	curl_easy_setopt(x->h, CURLOPT_CAPATH, NULL);
	curl_easy_setopt(x->h, CURLOPT_SSL_SESSIONID_CACHE, 0L);
	curl_easy_setopt(x->h, CURLOPT_PINNEDPUBLICKEY, sm->pin);
	curl_easy_setopt(x->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(x->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(x->h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(x->h, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(x->h, CURLOPT_DEBUGDATA, x);
	curl_easy_setopt(x->h, CURLOPT_VERBOSE, 1L);
	curl_slist_free_all(x->hdrs);
	snprintf(line, sizeof(line), "Authorization: %s", hdr);
	x->hdrs = curl_slist_append(NULL, line);
	if (x->kind == POLL && x->a->serial != 0) {
		snprintf(line, sizeof(line), "If-None-Match: \"%" PRIu64 "\"",
		    x->a->serial);
		x->hdrs = curl_slist_append(x->hdrs, line);
	}
	if (body != NULL) {
		x->hdrs = curl_slist_append(x->hdrs,
		    "Content-Type: application/json");
		curl_easy_setopt(x->h, CURLOPT_POSTFIELDSIZE, (long)len);
		curl_easy_setopt(x->h, CURLOPT_COPYPOSTFIELDS, body);
	}
	curl_easy_setopt(x->h, CURLOPT_HTTPHEADER, x->hdrs);
	x->etag = 0;
	x->sent = 0;
	x->busy = 1;
	sm->connecting++;
	if (curl_multi_add_handle(sm->m, x->h) != CURLM_OK) {
		fprintf(stderr, "fleetsim: cannot add a transfer\n");
		exit(1);
	}
}

static void
poll_start(struct sim *sm, struct agent *a)
{
	a->poll_at = 0;
	sm->polls++;
	xfer_start(sm, &a->poll, "GET", NULL);
}

/* A report shaped as the agent's (agent_run.c). */
static void
status_start(struct sim *sm, struct agent *a)
{
	char body[512];

	snprintf(body, sizeof(body), "{\"node\":\"%s\",\"serial_applied\":"
	    "%" PRIu64 ",\"serial_failed\":0,\"last_failure\":\"\","
	    "\"state\":\"applied\",\"version\":\"fleetsim\",\"tenants\":"
	    "\"root healthy 2026120201, tld healthy 2026120201\"}", a->name,
	    a->serial);
	a->status_at = now_ms() + STATUS_S * 1000;
	sm->posts++;
	xfer_start(sm, &a->status, "POST", body);
}

/* A poll answered: a new bundle (200), none new (304), or a failure. */
static void
poll_done(struct sim *sm, struct agent *a, CURLcode rc, long code,
    int64_t t0)
{
	if (rc == CURLE_OK && code == 200 && a->poll.etag != 0) {
		a->serial = a->poll.etag;
		if (sm->publishing && a->got < 0 &&
		    a->serial > sm->old_serial) {
			a->got = now_ms() - t0;
			a->lag = bundle_lag(sm, a);
			sm->got++;
			/* The agent reports the applied serial soon after. */
			a->status_at = now_ms() + 1000 +
			    (int64_t)randombytes_uniform(4000);
		}
		poll_start(sm, a);
	} else if (rc == CURLE_OK && code == 304) {
		sm->expired++;
		poll_start(sm, a);
	} else {
		sm->failures++;
		if (sm->failures <= 5)
			fprintf(stderr, "fleetsim: %s: poll failed: %s (HTTP "
			    "%ld)\n", a->name, curl_easy_strerror(rc), code);
		a->poll_at = now_ms() + 1000;
	}
}

static void
done(struct sim *sm, CURL *h, CURLcode rc, int64_t t0)
{
	struct xfer *x = NULL;
	long code = 0;

	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(h, CURLINFO_PRIVATE, (char **)(void *)&x);
	curl_multi_remove_handle(sm->m, h);
	if (x == NULL)
		return;
	x->busy = 0;
	if (!x->sent)
		sm->connecting--;
	else if (x->kind == POLL)
		sm->held--;
	if (x->kind == POLL)
		poll_done(sm, x->a, rc, code, t0);
	else if (rc != CURLE_OK || code != 200) {
		sm->failures++;
		if (sm->failures <= 5)
			fprintf(stderr, "fleetsim: %s: status failed: %s (HTTP "
			    "%ld)\n", x->a->name, curl_easy_strerror(rc),
			    code);
	}
}

/* Runs curl for at most ms. */
static void
step(struct sim *sm, int ms, int64_t t0)
{
	struct epoll_event ev[256];
	CURLMsg *msg;
	int n, i, running, left;
	int64_t now = now_ms();

	if (sm->timer_at >= 0 && sm->timer_at - now < ms)
		ms = sm->timer_at > now ? (int)(sm->timer_at - now) : 0;
	n = epoll_wait(sm->ep, ev, 256, ms);
	for (i = 0; i < n; i++)
		curl_multi_socket_action(sm->m, ev[i].data.fd,
		    (ev[i].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
		    (ev[i].events & EPOLLOUT ? CURL_CSELECT_OUT : 0) |
		    (ev[i].events & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR :
		    0), &running);
	if (sm->timer_at >= 0 && now_ms() >= sm->timer_at) {
		sm->timer_at = -1;
		curl_multi_socket_action(sm->m, CURL_SOCKET_TIMEOUT, 0,
		    &running);
	}
	while ((msg = curl_multi_info_read(sm->m, &left)) != NULL)
		if (msg->msg == CURLMSG_DONE)
			done(sm, msg->easy_handle, msg->data.result, t0);
}

/* Starts what is due: agents (RAMP at a time), retries, reports. */
static void
schedule(struct sim *sm)
{
	int64_t now = now_ms();
	struct agent *a;
	int i;

	while (sm->started < sm->n && sm->connecting < RAMP) {
		a = &sm->a[sm->started++];
		a->status_at = now + (int64_t)randombytes_uniform(STATUS_S *
		    1000);
		poll_start(sm, a);
	}
	for (i = 0; i < sm->started; i++) {
		a = &sm->a[i];
		if (!a->poll.busy && a->poll_at != 0 && a->poll_at <= now)
			poll_start(sm, a);
		if (!a->status.busy && a->serial != 0 && a->status_at != 0 &&
		    a->status_at <= now)
			status_start(sm, a);
	}
}

/* Runs for ms, starting what is due every 10 ms. */
static void
run_for(struct sim *sm, int64_t ms, int64_t t0)
{
	int64_t end = now_ms() + ms, next = 0;

	while (now_ms() < end) {
		if (now_ms() >= next) {
			schedule(sm);
			next = now_ms() + 10;
		}
		step(sm, 10, t0);
	}
}

/* /proc/PID: CPU seconds (user + system), VmRSS and VmHWM in kB. */
static int
proc_read(pid_t pid, double *cpu, long *rss, long *hwm)
{
	char path[64], line[512], *p;
	unsigned long ut, st;
	FILE *f;

	*rss = *hwm = -1;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	if (fgets(line, sizeof(line), f) == NULL ||
	    (p = strrchr(line, ')')) == NULL ||
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
	    &ut, &st) != 2) {
		fclose(f);
		return -1;
	}
	fclose(f);
	*cpu = (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		sscanf(line, "VmRSS: %ld", rss);
		sscanf(line, "VmHWM: %ld", hwm);
	}
	fclose(f);
	return 0;
}

static int
cmp64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

static void
report_publish(struct sim *sm, int64_t applied)
{
	int64_t *v;
	int i, k = 0;

	if ((v = calloc((size_t)sm->n, sizeof(*v))) == NULL)
		exit(1);
	for (i = 0; i < sm->n; i++)
		if (sm->a[i].got >= 0)
			v[k++] = sm->a[i].got;
	qsort(v, (size_t)k, sizeof(*v), cmp64);
	printf("fleetsim: publication: apply ran %" PRId64 " ms; %d of %d "
	    "agents got the new bundle (%ld requests failed)", applied, k,
	    sm->n, sm->failures - sm->failures_before);
	if (k > 0)
		printf(": first %" PRId64 " ms, median %" PRId64 " ms, 90th "
		    "percentile %" PRId64 " ms, last (max) %" PRId64 " ms after "
		    "apply started", v[0], v[k / 2], v[k * 9 / 10], v[k - 1]);
	printf("\n");
	for (i = k = 0; i < sm->n; i++)
		if (sm->a[i].got >= 0 && sm->a[i].lag >= 0)
			v[k++] = sm->a[i].lag;
	qsort(v, (size_t)k, sizeof(*v), cmp64);
	if (k > 0)
		printf("fleetsim: delivery: from its bundle file written "
		    "(mtime) to received: median %" PRId64 " ms, 90th "
		    "percentile %" PRId64 " ms, max %" PRId64 " ms\n", v[k / 2],
		    v[k * 9 / 10], v[k - 1]);
	free(v);
}

/* The apply command, started; it runs while the polls are served. */
static pid_t
spawn(const char *cmd)
{
	pid_t pid;

	if ((pid = fork()) == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int
cmd_run(struct sim *sm, int hold, pid_t ctl, const char *apply)
{
	double c0 = 0, c1 = 0;
	long rss = -1, hwm = -1;
	int64_t t0, start = now_ms(), applied = -1, end;
	pid_t pid;
	int i, st;

	for (i = 0; i < sm->n; i++)
		sm->a[i].got = -1;
	while (sm->held < sm->n) {
		run_for(sm, 100, 0);
		if (now_ms() - start > 180000) {
			printf("fleetsim: only %d of %d polls held after 180 s "
			    "(%ld failures)\n", sm->held, sm->n, sm->failures);
			return 1;
		}
	}
	printf("fleetsim: %d polls held %.1f s after start (%ld requests, "
	    "%ld failed)\n", sm->held, (double)(now_ms() - start) / 1000,
	    sm->polls + sm->posts, sm->failures);
	fflush(stdout);
	if (ctl > 0)
		proc_read(ctl, &c0, &rss, &hwm);
	sm->posts = 0;
	run_for(sm, (int64_t)hold * 1000, 0);
	if (ctl > 0 && proc_read(ctl, &c1, &rss, &hwm) == 0)
		printf("fleetsim: controller over %d s holding %d polls "
		    "(%ld status reports posted): CPU %.2f s, VmRSS %.1f MB, "
		    "VmHWM %.1f MB\n", hold, sm->held, sm->posts, c1 - c0,
		    (double)rss / 1024, (double)hwm / 1024);
	fflush(stdout);
	if (apply == NULL)
		return 0;
	for (i = 0; i < sm->n; i++)
		if (sm->a[i].serial > sm->old_serial)
			sm->old_serial = sm->a[i].serial;
	if (ctl > 0)
		proc_read(ctl, &c0, &rss, &hwm);
	sm->publishing = 1;
	sm->failures_before = sm->failures;
	t0 = now_ms();
	pid = spawn(apply);
	end = t0 + PUBLISH_MAX_S * 1000;
	while ((sm->got < sm->n || applied < 0) && now_ms() < end) {
		run_for(sm, 10, t0);
		if (applied < 0 && waitpid(pid, &st, WNOHANG) == pid) {
			applied = now_ms() - t0;
			if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
				printf("fleetsim: the apply command failed\n");
		}
	}
	if (ctl > 0 && proc_read(ctl, &c1, &rss, &hwm) == 0)
		printf("fleetsim: controller while publishing (%.1f s): CPU "
		    "%.2f s, VmRSS %.1f MB, VmHWM %.1f MB\n",
		    (double)(now_ms() - t0) / 1000, c1 - c0, (double)rss / 1024,
		    (double)hwm / 1024);
	report_publish(sm, applied);
	return sm->got == sm->n ? 0 : 1;
}

static int
usage(void)
{
	fprintf(stderr, "usage: fleetsim keys PREFIX N\n"
	    "       fleetsim run [-b BUNDLEDIR] [-H HOLD] [-P PID] [-x APPLY] "
	    "ADDRESS PORT "
	    "PIN PREFIX N\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct sim sm = { .timer_at = -1 };
	struct rlimit rl;
	const char *apply = NULL;
	pid_t ctl = 0;
	uint8_t pk[32];
	int ch, hold = 20, i;

	if (sodium_init() < 0)
		return 1;
	if (argc == 4 && strcmp(argv[1], "keys") == 0)
		return cmd_keys(argv[2], atoi(argv[3]));
	if (argc < 2 || strcmp(argv[1], "run") != 0)
		return usage();
	argc--, argv++;
	while ((ch = getopt(argc, argv, "b:H:P:x:")) != -1)
		switch (ch) {
		case 'b':
			sm.bundledir = optarg;
			break;
		case 'H':
			hold = atoi(optarg);
			break;
		case 'P':
			ctl = (pid_t)atoi(optarg);
			break;
		case 'x':
			apply = optarg;
			break;
		default:
			return usage();
		}
	argc -= optind, argv += optind;
	if (argc != 5 || (sm.n = atoi(argv[4])) <= 0)
		return usage();
	sm.addr = argv[0];
	sm.port = (unsigned)atoi(argv[1]);
	sm.pin = argv[2];
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	signal(SIGPIPE, SIG_IGN);
	the_sim = &sm;
	if ((sm.a = calloc((size_t)sm.n, sizeof(*sm.a))) == NULL ||
	    curl_global_init(CURL_GLOBAL_DEFAULT) != 0 ||
	    (sm.m = curl_multi_init()) == NULL ||
	    (sm.ep = epoll_create1(EPOLL_CLOEXEC)) < 0) {
		fprintf(stderr, "fleetsim: cannot start\n");
		return 1;
	}
	curl_multi_setopt(sm.m, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(sm.m, CURLMOPT_SOCKETDATA, &sm);
	curl_multi_setopt(sm.m, CURLMOPT_TIMERFUNCTION, on_timer);
	curl_multi_setopt(sm.m, CURLMOPT_TIMERDATA, &sm);
	for (i = 0; i < sm.n; i++) {
		agent_name(sm.a[i].name, sizeof(sm.a[i].name), argv[3], i);
		agent_keys(sm.a[i].name, pk, sm.a[i].sk);
		sm.a[i].poll.a = sm.a[i].status.a = &sm.a[i];
		sm.a[i].poll.kind = POLL;
		sm.a[i].status.kind = STATUS;
	}
	return cmd_run(&sm, hold, ctl, apply);
}
