/* agent_run.c: outpost-agent run, the parent (root): keeps the node key, signs for the network child, opens bundles, applies them through the node and keeps the state files. */
/* SPDX-License-Identifier: ISC */
#include <sys/param.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "agent_msg.h"
#include "agent_state.h"
#include "bundle.h"
#include "clock.h"
#include "fileutil.h"
#include "json.h"
#include "log.h"
#include "nodekey.h"

#define VERSION_FILE	"/etc/outpost-image/version"

struct run {
	const char		*dir;
	const char		*nodeconf;
	struct agent_ctl	 c;
	uint8_t			 ctl_pk[NODEKEY_PK_LEN];
	struct nodekey		 k;
	struct agent_serial	 ser;
	char			 state[AGENT_STATE_MAX];
	char			 failure[AGENT_STATE_MAX];	/* last failure */
	time_t			 down_since;	/* 0: reachable */
	int			 fd;
	pid_t			 child;
	int64_t			 next_status;	/* now_ms() of the next report */
	int64_t			 next_look;	/* now_ms() of the next look */
	uint64_t		 shape;		/* of the last report's text */
};

static volatile sig_atomic_t quit;

static void
on_signal(int sig)
{
	(void)sig;
	quit = 1;
}

static void
set_state(struct run *r, const char *line)
{
	if (strcmp(r->state, line) == 0)
		return;
	snprintf(r->state, sizeof(r->state), "%s", line);
	if (agent_state_write(r->dir, line) < 0)
		log_warn("cannot write %s/%s", r->dir, AGENT_STATE_FILE);
}

/*
 * The shape of outpost status's text: a hash of it without its figures.
 * Serials and times change it not; a tenant turning unhealthy, withdrawn
 * or drained, a session going down, does.
 */
static uint64_t
shape(const char *text)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	for (; text != NULL && *text != '\0'; text++)
		if (!isdigit((unsigned char)*text))
			h = (h ^ (unsigned char)*text) * 1099511628211ULL;
	return h;
}

static char *
node_status(struct run *r)
{
	char *argv[] = { "outpost", "status", "-c", (char *)r->nodeconf,
	    NULL };
	int st;

	return agent_output(argv, &st);
}

/* The status report: serials, last failure, version, TENANTS as outpost status prints them. */
static void
send_status(struct run *r, char *tenants)
{
	char *body = NULL, *version;
	size_t len = 0, vlen;
	FILE *f;
	int first = 1;

	r->next_status = now_ms() + AGENT_STATUS_EVERY * 1000;
	r->next_look = now_ms() + AGENT_LOOK_EVERY * 1000;
	r->shape = shape(tenants);
	if ((version = file_read(VERSION_FILE, 64, &vlen)) != NULL)
		version[strcspn(version, "\n")] = '\0';
	if ((f = open_memstream(&body, &len)) == NULL)
		fatal("cannot make a status report");
	fputc('{', f);
	json_kv(f, &first, "node", r->c.node);
	json_ki(f, &first, "serial_applied", (long long)r->ser.applied);
	json_ki(f, &first, "serial_failed", (long long)r->ser.failed);
	json_kv(f, &first, "last_failure", r->failure);
	json_kv(f, &first, "state", r->state);
	json_kv(f, &first, "version", version ? version : "dev");
	json_kv(f, &first, "tenants", tenants ? tenants : "");
	fputs("}\n", f);
	if (fclose(f) != 0)
		fatal("cannot make a status report");
	free(tenants);
	free(version);
	if (len > agent_msg_limit(MSG_STATUS))
		log_warnx("cannot send the status report: %zu octets", len);
	else if (agent_msg_send(r->fd, MSG_STATUS, body, len) < 0)
		fatal("cannot send to the network side");
	free(body);
}

/* Every AGENT_LOOK_EVERY s: a report at once when the node's state changed shape. */
static void
look(struct run *r)
{
	char *tenants;

	r->next_look = now_ms() + AGENT_LOOK_EVERY * 1000;
	tenants = node_status(r);
	if (shape(tenants) == r->shape) {
		free(tenants);
		return;
	}
	log_debug("the node's state changed: reporting now");
	send_status(r, tenants);
}

/* MSG_SIGN_REQ: "METHOD\nPATH\nTS\n" + hash; only our two requests, only now. */
static void
on_sign(struct run *r, const struct agent_msg *m)
{
	char text[512], method[8], path[128], want[128], hdr[REQSIG_HDR_MAX];
	long long ts;
	size_t tlen;
	int n = 0;

	hdr[0] = '\0';
	if (m->len <= REQSIG_HASH_LEN || m->len - REQSIG_HASH_LEN >=
	    sizeof(text))
		goto refuse;
	tlen = m->len - REQSIG_HASH_LEN;
	memcpy(text, m->data, tlen);
	text[tlen] = '\0';
	if (sscanf(text, "%7[A-Z]\n%127[^\n]\n%lld\n%n", method, path, &ts,
	    &n) != 3 || (size_t)n != tlen || llabs(ts - (long long)time(NULL)) >
	    REQSIG_SKEW)
		goto refuse;
	snprintf(want, sizeof(want), "/v1/%s/%s", strcmp(method, "GET") == 0 ?
	    "bundle" : "status", r->c.node);
	if ((strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0) ||
	    strcmp(path, want) != 0)
		goto refuse;
	if (reqsig_make_hashed(r->c.node, method, path, ts, m->data + tlen,
	    r->k.sk, hdr, sizeof(hdr)) < 0)
		hdr[0] = '\0';
refuse:
	if (hdr[0] == '\0')
		log_warnx("cannot sign for the network side: not one of its "
		    "requests");
	if (agent_msg_send(r->fd, MSG_SIGN_REP, hdr, strlen(hdr)) < 0)
		fatal("cannot send to the network side");
}

static void
failed(struct run *r, uint64_t serial, const char *why)
{
	char line[AGENT_STATE_MAX];

	agent_state_refused(line, sizeof(line), serial, why);
	log_warnx("%s", line);
	snprintf(r->failure, sizeof(r->failure), "%s", line);
	set_state(r, line);
}

/* A bundle that opened: written as the candidate, applied, kept or not. */
static void
apply(struct run *r, const char *conf, size_t len, uint64_t serial)
{
	char cand[PATH_MAX], why[512], msg[PATH_MAX + 600];
	int rc;

	snprintf(cand, sizeof(cand), "%s.candidate", r->nodeconf);
	if (file_write_atomic(cand, conf, len, 0600, getuid(),
	    getgid()) < 0) {
		snprintf(msg, sizeof(msg), "cannot write %s: %s", cand,
		    strerror(errno));
		failed(r, serial, msg);
		return;
	}
	rc = agent_apply(cand, AGENT_APPLY_TIMEOUT, r->nodeconf, why,
	    sizeof(why));
	if (rc == 0) {
		if (rename(cand, r->nodeconf) < 0) {
			snprintf(msg, sizeof(msg), "cannot replace %s: %s",
			    r->nodeconf, strerror(errno));
			failed(r, serial, msg);
			unlink(cand);
			return;
		}
		if (fsync_dir(dirname(cand)) < 0)
			log_warn("cannot sync the directory of %s",
			    r->nodeconf);
		r->ser.applied = serial;
		log_info("applied bundle %" PRIu64, serial);
		set_state(r, "ok");
	} else {
		unlink(cand);
		snprintf(msg, sizeof(msg), "%s: %s%s", rc == 1 ? "rolled back" :
		    "cannot apply", why, rc == 1 ? "" :
		    " (not recorded: tried again when the agent restarts)");
		failed(r, serial, msg);
		if (rc < 0)
			return;	/* not the bundle's fault: not recorded */
		r->ser.failed = serial;
	}
	if (agent_serial_save(r->dir, &r->ser) < 0)
		log_warn("cannot write %s/%s", r->dir, AGENT_SERIAL_FILE);
}

/* MSG_BUNDLE: 8-octet ETag serial (for messages only), then the bundle as received. */
static void
on_bundle(struct run *r, const struct agent_msg *m)
{
	char err[512], *conf = NULL;
	uint64_t etag = 0, serial;
	size_t len;
	int i;

	if (m->len < 8) {
		failed(r, 0, "empty bundle");
		return;
	}
	for (i = 0; i < 8; i++)
		etag = etag << 8 | m->data[i];
	if (bundle_open((const char *)m->data + 8, m->len - 8, r->ctl_pk,
	    r->c.node, r->k.sk, agent_serial_last(&r->ser), &conf, &len,
	    &serial, err, sizeof(err)) < 0)
		failed(r, etag, err);
	else {
		log_info("bundle %" PRIu64 " verified", serial);
		apply(r, conf, len, serial);
		explicit_bzero(conf, len);
		free(conf);
	}
	send_status(r, node_status(r));
}

/* MSG_NET_UP: the controller answers again. */
static void
on_up(struct run *r, const struct agent_msg *m)
{
	int was_down = r->down_since != 0;

	(void)m;
	r->down_since = 0;
	if (strncmp(r->state, "unreachable", 11) == 0 || r->state[0] == '\0')
		set_state(r, "ok");
	if (was_down) {
		log_info("the controller answers again");
		send_status(r, node_status(r));
	}
}

/* MSG_NET_DOWN: why the controller did not answer. */
static void
on_down(struct run *r, const struct agent_msg *m)
{
	char why[512], line[AGENT_STATE_MAX];

	snprintf(why, sizeof(why), "%.*s", (int)m->len, m->data);
	if (r->down_since == 0)
		r->down_since = time(NULL);
	agent_state_unreachable(line, sizeof(line), r->down_since, why);
	set_state(r, line);
}

static const struct {
	uint32_t	 type;
	void		(*fn)(struct run *, const struct agent_msg *);
} handlers[] = {
	{ MSG_SIGN_REQ, on_sign },
	{ MSG_BUNDLE, on_bundle },
	{ MSG_NET_UP, on_up },
	{ MSG_NET_DOWN, on_down },
};

/* 0, or -1 when the child sent what it must not (it is then stopped). */
static int
dispatch(struct run *r, const struct agent_msg *m)
{
	size_t i;

	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (handlers[i].type == m->type) {
			handlers[i].fn(r, m);
			return 0;
		}
	log_warnx("cannot take message of type %u from the network side",
	    m->type);
	return -1;
}

static void
start_child(struct run *r)
{
	char empty[PATH_MAX];
	int sp[2];

	snprintf(empty, sizeof(empty), "%s/%s", r->dir, AGENT_EMPTY_DIR);
	if (mkdir(empty, 0755) < 0 && errno != EEXIST)
		fatal("cannot make %s", empty);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0)
		fatal("cannot make a socket pair");
	if ((r->child = fork()) < 0)
		fatal("cannot fork the network side");
	if (r->child == 0) {
		close(sp[0]);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		agent_net_main(sp[1], &r->c, r->dir, agent_serial_last(&r->ser));
	}
	close(sp[1]);
	r->fd = sp[0];
}

static int
loop(struct run *r)
{
	struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
	struct agent_rbuf rb = { 0 };
	struct agent_msg m;
	char err[256];
	int64_t wait;
	ssize_t n;
	int rc;

	while (!quit) {
		if (r->next_status <= now_ms()) {
			send_status(r, node_status(r));
			continue;
		}
		if (r->next_look <= now_ms()) {
			look(r);
			continue;
		}
		wait = MIN(r->next_status, r->next_look) - now_ms();
		if (poll(&pfd, 1, (int)wait) <= 0)
			continue;
		if ((n = agent_rbuf_fill(&rb, r->fd)) <= 0) {
			log_warnx("cannot read from the network side: %s",
			    n == 0 ? "it exited" : strerror(errno));
			break;
		}
		while ((rc = agent_rbuf_next(&rb, &m, err, sizeof(err))) == 1)
			if (dispatch(r, &m) < 0)
				goto out;
		if (rc < 0) {
			log_warnx("cannot read from the network side: %s", err);
			break;
		}
	}
out:
	agent_rbuf_free(&rb);
	return quit ? 0 : 1;
}

int
agent_run(const char *dir, const char *nodeconf)
{
	struct run r = { .dir = dir, .nodeconf = nodeconf,
 };
	struct sigaction sa = { .sa_handler = on_signal };
	char path[PATH_MAX], err[512];
	sigset_t set;
	int rc, status;

	if (agent_ctl_load(dir, &r.c, err, sizeof(err)) < 0 ||
	    nodekey_pk_from_text(r.c.key, r.ctl_pk, err, sizeof(err)) < 0 ||
	    agent_serial_load(dir, &r.ser, err, sizeof(err)) < 0) {
		log_warnx("cannot start: %s", err);
		return 1;
	}
	log_setinstance(r.c.node);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* outpost-node starts it with these blocked (its signalfd's mask). */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	/* The child is made before the node key is read: it never holds it. */
	start_child(&r);
	snprintf(path, sizeof(path), "%s/%s", dir, NODEKEY_KEY_FILE);
	if (nodekey_load(path, &r.k, err, sizeof(err)) < 0) {
		log_warnx("cannot load the node key %s: %s", path, err);
		kill(r.child, SIGTERM);
		waitpid(r.child, NULL, 0);
		return 1;
	}
	log_info("running: controller %s port %u, bundle serial %" PRIu64
	    " applied", r.c.addr, r.c.port, r.ser.applied);
	r.next_status = now_ms();
	rc = loop(&r);
	nodekey_wipe(&r.k);
	close(r.fd);
	kill(r.child, SIGTERM);
	while (waitpid(r.child, &status, 0) < 0 && errno == EINTR)
		;
	return rc;
}
