/* agent_net.c: the agent's network side: a child without privileges that long-polls the controller for its bundle and posts status, passing raw bytes to the parent. */
/* SPDX-License-Identifier: ISC */
#include <sys/prctl.h>

#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "agent.h"
#include "agent_backoff.h"
#include "agent_msg.h"
#include "log.h"

struct net {
	int			 fd;
	struct agent_rbuf	 rb;
	const struct agent_ctl	*c;
	uint64_t		 inm;		/* serial of the bundle we hold */
	char			*status;	/* a report to post, or NULL */
	size_t			 statuslen;
	unsigned		 failures;	/* requests failed in a row */
	int			 up;		/* the parent knows we are up */
};

static void
put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* MSG_STATUS: keep the newest report until it is posted. */
static void
on_status(struct net *n, const struct agent_msg *m)
{
	free(n->status);
	if ((n->status = malloc(m->len + 1)) == NULL)
		fatal("cannot keep a status report");
	memcpy(n->status, m->data, m->len);
	n->status[m->len] = '\0';
	n->statuslen = m->len;
}

/* MSG_SERIAL: the bundle serial to name in If-None-Match. */
static void
on_serial(struct net *n, const struct agent_msg *m)
{
	uint64_t v = 0;
	uint32_t i;

	for (i = 0; i < m->len; i++)
		v = v << 8 | m->data[i];
	n->inm = v;
}

static const struct {
	uint32_t	 type;
	void		(*fn)(struct net *, const struct agent_msg *);
} handlers[] = {
	{ MSG_STATUS, on_status },
	{ MSG_SERIAL, on_serial },
};

static void
dispatch(const struct agent_msg *m, void *arg)
{
	size_t i;

	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (handlers[i].type == m->type) {
			handlers[i].fn(arg, m);
			return;
		}
	fatalx("cannot take message of type %u from the parent", m->type);
}

/* Reads what the parent sent, waiting at most ms; exits when it is gone. */
static void
drain(struct net *n, int ms)
{
	struct pollfd pfd = { .fd = n->fd, .events = POLLIN };
	struct agent_msg m;
	char err[256];
	ssize_t r;
	int rc;

	while (poll(&pfd, 1, ms) > 0) {
		if ((r = agent_rbuf_fill(&n->rb, n->fd)) == 0)
			exit(0);
		if (r < 0)
			fatal("cannot read from the parent");
		while ((rc = agent_rbuf_next(&n->rb, &m, err, sizeof(err))) == 1)
			dispatch(&m, n);
		if (rc < 0)
			fatalx("cannot read from the parent: %s", err);
		ms = 0;
	}
}

/* The parent signs "METHOD\nPATH\nTS\n" and the body's hash for us. */
static int
sign(struct net *n, const char *method, const char *path, const void *body,
    size_t len, char *hdr, size_t hdrlen)
{
	uint8_t buf[512];
	struct agent_msg m;
	char err[256];
	int t, r;

	t = snprintf((char *)buf, sizeof(buf) - REQSIG_HASH_LEN,
	    "%s\n%s\n%lld\n", method, path, (long long)time(NULL));
	if (t < 0 || (size_t)t >= sizeof(buf) - REQSIG_HASH_LEN)
		return -1;
	crypto_hash_sha256(buf + t, body, len);
	if (agent_msg_send(n->fd, MSG_SIGN_REQ, buf, (size_t)t +
	    REQSIG_HASH_LEN) < 0)
		fatal("cannot send to the parent");
	r = agent_msg_wait(n->fd, &n->rb, MSG_SIGN_REP, &m, dispatch, n, err,
	    sizeof(err));
	if (r == 0)
		exit(0);
	if (r < 0)
		fatalx("cannot read from the parent: %s", err);
	if (m.len == 0 || m.len >= hdrlen)
		return -1;
	memcpy(hdr, m.data, m.len);
	hdr[m.len] = '\0';
	return 0;
}

/* agent_tls_interrupt's stop: a report from the parent ends a long poll. */
static int
report_waiting(void *arg)
{
	struct net *n = arg;

	drain(n, 0);
	return n->status != NULL;
}

/*
 * One long poll: 0 (answered: a bundle, none new, none yet), -1 with why,
 * 1 when a status report came meanwhile (posted at once, not a minute on).
 */
static int
poll_bundle(struct net *n, char *why, size_t whylen)
{
	struct agent_res res;
	char path[128], hdr[REQSIG_HDR_MAX], q[32];
	uint8_t *buf;
	int rc = 0;

	snprintf(path, sizeof(path), "/v1/bundle/%s", n->c->node);
	snprintf(q, sizeof(q), "wait=%d", AGENT_WAIT);
	if (sign(n, "GET", path, "", 0, hdr, sizeof(hdr)) < 0) {
		snprintf(why, whylen, "the parent did not sign the request");
		return -1;
	}
	agent_tls_interrupt(report_waiting, n);
	rc = agent_tls_request(n->c->addr, n->c->port, n->c->pin, "GET", path,
	    q, hdr, n->inm, NULL, 0, AGENT_WAIT + 30, &res, why, whylen);
	agent_tls_interrupt(NULL, NULL);
	if (rc != 0)
		return rc;
	if (res.code == 200 && res.etag != 0) {
		if ((buf = malloc(8 + res.len)) == NULL)
			fatal("cannot keep a bundle");
		put64(buf, res.etag);
		memcpy(buf + 8, res.body, res.len);
		log_debug("received bundle %" PRIu64 " (%zu octets)", res.etag,
		    res.len);
		if (res.len + 8 > agent_msg_limit(MSG_BUNDLE))
			snprintf(why, whylen, "bundle of %zu octets is too "
			    "large", res.len), rc = -1;
		else if (agent_msg_send(n->fd, MSG_BUNDLE, buf, 8 + res.len) < 0)
			fatal("cannot send to the parent");
		free(buf);
		n->inm = res.etag;
	} else if (res.code != 304 && res.code != 404) {
		agent_res_error(&res, why, whylen);
		rc = -1;
	}
	agent_res_free(&res);
	return rc;
}

static int
post_status(struct net *n, char *why, size_t whylen)
{
	struct agent_res res;
	char path[128], hdr[REQSIG_HDR_MAX], *body = n->status;
	size_t len = n->statuslen;
	int rc = -1;

	/* Ours now: a newer report may come while the parent signs. */
	n->status = NULL;
	snprintf(path, sizeof(path), "/v1/status/%s", n->c->node);
	if (sign(n, "POST", path, body, len, hdr, sizeof(hdr)) < 0)
		snprintf(why, whylen, "the parent did not sign the request");
	else if (agent_tls_request(n->c->addr, n->c->port, n->c->pin, "POST",
	    path, NULL, hdr, 0, body, len, 30, &res, why, whylen) == 0) {
		if (res.code == 200)
			rc = 0;
		else
			agent_res_error(&res, why, whylen);
		agent_res_free(&res);
	}
	/* Tried once: the parent sends another within a minute. */
	free(body);
	return rc;
}

/* A request answered or failed: the parent hears of every change. */
static void
outcome(struct net *n, int rc, const char *why)
{
	uint32_t d;

	if (rc == 0) {
		n->failures = 0;
		if (!n->up && agent_msg_send(n->fd, MSG_NET_UP, NULL, 0) < 0)
			fatal("cannot send to the parent");
		n->up = 1;
		return;
	}
	n->up = 0;
	n->failures++;
	d = backoff_delay_ms(n->failures, randombytes_random());
	log_warnx("cannot reach the controller at %s port %u: %s (again in "
	    "%u ms)", n->c->addr, n->c->port, why, d);
	if (agent_msg_send(n->fd, MSG_NET_DOWN, why, strnlen(why,
	    agent_msg_limit(MSG_NET_DOWN))) < 0)
		fatal("cannot send to the parent");
	drain(n, (int)d);
}

/* Root no more: user and group AGENT_UID, no groups, no new privileges, an empty working directory. */
static void
drop(const char *statedir)
{
	char empty[PATH_MAX];

	snprintf(empty, sizeof(empty), "%s/%s", statedir, AGENT_EMPTY_DIR);
	if (chdir(empty) < 0)
		fatal("cannot change to %s", empty);
	if (geteuid() == 0) {
		if (setgroups(0, NULL) < 0 ||
		    setresgid(AGENT_UID, AGENT_UID, AGENT_UID) < 0 ||
		    setresuid(AGENT_UID, AGENT_UID, AGENT_UID) < 0)
			fatal("cannot drop privileges");
	} else
		log_warnx("not root: the network side keeps uid %u",
		    (unsigned)getuid());
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		fatal("cannot set no_new_privs");
	/* After the uid change, which clears it: gone with the parent. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		fatal("cannot follow the parent");
}

void
agent_net_main(int fd, const struct agent_ctl *c, const char *statedir,
    uint64_t serial)
{
	struct net n = { .fd = fd, .c = c, .inm = serial };
	char why[512];
	int rc;

	log_setinstance(c->node);
	if (agent_tls_init() < 0)
		fatalx("cannot start libcurl");
	drop(statedir);
	/* Before the filter: resolving reads files and may start a thread. */
	while (agent_tls_resolve(c->addr, c->port, why, sizeof(why)) < 0)
		outcome(&n, -1, why);
	if (agent_sandbox() < 0)
		fatal("cannot load the seccomp filter");
	log_debug("network side up as uid %u", (unsigned)getuid());
	for (;;) {
		drain(&n, 0);
		if (n.status != NULL) {
			outcome(&n, post_status(&n, why, sizeof(why)), why);
			continue;
		}
		if ((rc = poll_bundle(&n, why, sizeof(why))) <= 0)
			outcome(&n, rc, why);
	}
}
