/* http_bundle.c: GET /v1/bundle/NAME, signed: the node's bundle with ETag "SERIAL", or 304; If-None-Match long polls (suspended, woken by inotify on the bundles). */
/* SPDX-License-Identifier: ISC */
#include <sys/eventfd.h>
#include <sys/inotify.h>

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "fileutil.h"
#include "http.h"
#include "log.h"

struct waiter {
	struct waiter		*next;
	struct MHD_Connection	*conn;
	struct req		*rq;
	char			 node[REQSIG_NAME_MAX];
};

/*
 * The serial of a bundle text: its "serial: N" header line (before the
 * blank line that ends the header).  0 when there is none.
 */
static uint64_t
bundle_text_serial(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;
	char *e;
	uint64_t v;

	for (; p < end && *p != '\n'; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;
		if (nl - p > 8 && memcmp(p, "serial: ", 8) == 0) {
			if (p[8] < '1' || p[8] > '9')
				return 0;
			errno = 0;
			v = strtoull(p + 8, &e, 10);
			return errno == 0 && e == nl ? v : 0;
		}
	}
	return 0;
}

/* The node's bundle file: 0 and its text, 1 when there is none, -1. */
static int
bundle_read(struct ctl *c, const char *node, char **buf, size_t *len,
    uint64_t *serial)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s%s", c->bundledir,
	    node, BUNDLE_SUFFIX) >= sizeof(path)) {
		log_warnx("cannot read the bundle of %s: path too long", node);
		return -1;
	}
	if ((*buf = file_read(path, BUNDLE_MAX, len)) == NULL) {
		if (errno == ENOENT)
			return 1;
		log_warn("cannot read %s", path);
		return -1;
	}
	if ((*serial = bundle_text_serial(*buf, *len)) == 0) {
		log_warnx("cannot serve %s: no serial in its header", path);
		free(*buf);
		return -1;
	}
	return 0;
}

static enum MHD_Result
reply(struct MHD_Connection *conn, unsigned code, char *buf, size_t len,
    uint64_t serial)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	char etag[32];

	if ((r = MHD_create_response_from_buffer(len, buf,
	    MHD_RESPMEM_MUST_FREE)) == NULL) {
		free(buf);
		return MHD_NO;
	}
	snprintf(etag, sizeof(etag), "\"%" PRIu64 "\"", serial);
	MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (code == MHD_HTTP_OK)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
		    "text/plain; charset=utf-8");
	ret = MHD_queue_response(conn, code, r);
	MHD_destroy_response(r);
	return ret;
}

/* If-None-Match: "N" (or N, or W/"N") into *known; -1 if malformed. */
static int
parse_inm(const char *s, uint64_t *known)
{
	char *e;

	*known = 0;
	if (s == NULL)
		return 0;
	if (strncmp(s, "W/", 2) == 0)
		s += 2;
	if (*s == '"')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*known = strtoull(s, &e, 10);
	if (errno != 0 || (*e == '"' ? e[1] != '\0' : *e != '\0'))
		return -1;
	return 0;
}

/* ?wait=N seconds (at most HTTP_WAIT_MAX): its deadline, 0 for none. */
static int
parse_wait(const char *s, int64_t *deadline)
{
	char *e;
	long v;

	*deadline = 0;
	if (s == NULL)
		return 0;
	errno = 0;
	v = strtol(s, &e, 10);
	if (*s < '0' || *s > '9' || *e != '\0' || errno != 0)
		return -1;
	if (v > HTTP_WAIT_MAX)
		v = HTTP_WAIT_MAX;
	if (v > 0)
		*deadline = now_ms() + v * 1000;
	return 0;
}

/* First call: the signature, If-None-Match and ?wait. */
static int
bundle_start(struct ctl *c, struct MHD_Connection *conn, struct req *rq,
    const char *node, enum MHD_Result *res)
{
	char path[128];

	snprintf(path, sizeof(path), "/v1/bundle/%s", node);
	if (http_auth(c, conn, rq, "GET", path, node, res) < 0)
		return -1;
	if (parse_inm(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH), &rq->known) < 0) {
		*res = http_error(conn, MHD_HTTP_BAD_REQUEST, "If-None-Match "
		    "is not a bundle's ETag (\"SERIAL\")");
		return -1;
	}
	if (parse_wait(MHD_lookup_connection_value(conn,
	    MHD_GET_ARGUMENT_KIND, "wait"), &rq->deadline) < 0) {
		*res = http_error(conn, MHD_HTTP_BAD_REQUEST, "wait is not a "
		    "number of seconds");
		return -1;
	}
	return 0;
}

/* Suspends the request until a bundle for node appears or time is up. */
static int
bundle_suspend(struct ctl *c, struct MHD_Connection *conn, struct req *rq,
    const char *node)
{
	struct waiter *w;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	w->conn = conn;
	w->rq = rq;
	snprintf(w->node, sizeof(w->node), "%s", node);
	w->next = c->waiters;
	c->waiters = w;
	rq->wait = w;
	MHD_suspend_connection(conn);
	/*
	 * The main loop's poll learns of a deadline earlier than it knows;
	 * not of every poll's (each would make it walk all the waiters).
	 */
	if (c->next_due == 0 || rq->deadline < c->next_due) {
		c->next_due = rq->deadline;
		(void)eventfd_write(c->wakefd, 1);
	}
	log_debug("node %s: waiting for a bundle newer than serial %" PRIu64,
	    node, rq->known);
	return 0;
}

enum MHD_Result
http_bundle(struct ctl *c, struct MHD_Connection *conn, struct req *rq,
    const char *node)
{
	enum MHD_Result res;
	uint64_t serial = 0;
	size_t len = 0;
	char *buf = NULL;
	int rc;

	if (!rq->authed && bundle_start(c, conn, rq, node, &res) < 0)
		return res;
	/* Read and suspend under the lock: a wake-up cannot fall between. */
	pthread_mutex_lock(&c->lock);
	rc = bundle_read(c, node, &buf, &len, &serial);
	if (rc == 1 || (rc == 0 && serial == rq->known)) {
		free(buf);
		if (!c->stopping && rq->deadline > now_ms() &&
		    bundle_suspend(c, conn, rq, node) == 0) {
			pthread_mutex_unlock(&c->lock);
			return MHD_YES;
		}
	}
	pthread_mutex_unlock(&c->lock);
	if (rc < 0)
		return http_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "cannot read the bundle of node %s", node);
	if (rc == 1)
		return http_error(conn, MHD_HTTP_NOT_FOUND, "no bundle "
		    "published for node %s yet", node);
	if (serial == rq->known)
		return reply(conn, MHD_HTTP_NOT_MODIFIED, NULL, 0, serial);
	return reply(conn, MHD_HTTP_OK, buf, len, serial);
}

/* Resumes the polls of node (all if NULL; those due if due >= 0). */
static int
wake(struct ctl *c, const char *node, int64_t due)
{
	struct waiter **wp, *w;
	int64_t next = -1;

	pthread_mutex_lock(&c->lock);
	for (wp = &c->waiters; (w = *wp) != NULL;) {
		if ((node == NULL || strcmp(node, w->node) == 0) &&
		    (due < 0 || w->rq->deadline <= due || c->stopping)) {
			*wp = w->next;
			w->rq->wait = NULL;
			MHD_resume_connection(w->conn);
			free(w);
			continue;
		}
		if (next < 0 || w->rq->deadline < next)
			next = w->rq->deadline;
		wp = &w->next;
	}
	if (node == NULL)
		c->next_due = next < 0 ? 0 : next;
	pthread_mutex_unlock(&c->lock);
	return next < 0 ? -1 : (int)(next - due > 0 ? next - due : 0);
}

int
bundle_wait_expire(struct ctl *c, int64_t now)
{
	return wake(c, NULL, now);
}

int
bundle_watch_open(struct ctl *c)
{
	int fd;

	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0)
		return -1;
	if (inotify_add_watch(fd, c->bundledir, IN_MOVED_TO |
	    IN_CLOSE_WRITE) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

void
bundle_watch_read(struct ctl *c, int fd)
{
	char buf[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)], node[
	    REQSIG_NAME_MAX];
	const struct inotify_event *ev;
	size_t sl = strlen(BUNDLE_SUFFIX), nl;
	ssize_t n;
	char *p;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (p = buf; p < buf + n; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)(void *)p;
			if (ev->mask & IN_Q_OVERFLOW) {
				wake(c, NULL, -1);
				continue;
			}
			if (ev->len == 0 || (nl = strlen(ev->name)) <= sl ||
			    nl - sl >= sizeof(node) ||
			    strcmp(ev->name + nl - sl, BUNDLE_SUFFIX) != 0)
				continue;
			snprintf(node, sizeof(node), "%.*s", (int)(nl - sl),
			    ev->name);
			log_debug("bundle of node %s published", node);
			wake(c, node, -1);
		}
}
