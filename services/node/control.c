/* control.c: the control socket: one request line per connection, one handler per request, a text answer. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confirm.h"
#include "control.h"
#include "gatelink.h"
#include "status_json.h"
#include "catalog_tenants.h"
#include "zoneguard_tenants.h"
#include "log.h"
#include "node.h"
#include "pid1.h"
#include "reconfig.h"
#include "xdpguard.h"

int
control_open(struct supervisor *sv)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	if ((size_t)snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/%s",
	    sv->nc->state_dir, CONTROL_SOCK) >= sizeof(sun.sun_path)) {
		log_warnx("cannot open control socket: path too long");
		return -1;
	}
	unlink(sun.sun_path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    chmod(sun.sun_path, 0600) < 0 || listen(fd, CONTROL_MAX) < 0) {
		log_warn("cannot open control socket %s", sun.sun_path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	sv->ctlfd = fd;
	return 0;
}

static void
client_close(struct supervisor *sv, struct control_client *cl)
{
	int i;

	for (i = 0; i < CONTROL_MAX; i++)
		if (sv->clients[i] == cl)
			sv->clients[i] = NULL;
	close(cl->fd);
	free(cl->out);
	free(cl);
}

void
control_close(struct supervisor *sv)
{
	char path[PATH_MAX];
	int i;

	for (i = 0; i < CONTROL_MAX; i++)
		if (sv->clients[i] != NULL)
			client_close(sv, sv->clients[i]);
	if (sv->ctlfd >= 0) {
		close(sv->ctlfd);
		sv->ctlfd = -1;
		snprintf(path, sizeof(path), "%s/%s", sv->nc->state_dir,
		    CONTROL_SOCK);
		unlink(path);
	}
}

void
control_accept(struct supervisor *sv)
{
	struct control_client *cl;
	int fd, i, sndbuf = CONTROL_SNDBUF;

	if ((fd = accept4(sv->ctlfd, NULL, NULL, SOCK_NONBLOCK |
	    SOCK_CLOEXEC)) < 0)
		return;
	for (i = 0; i < CONTROL_MAX && sv->clients[i] != NULL; i++)
		;
	if (i == CONTROL_MAX || (cl = calloc(1, sizeof(*cl))) == NULL) {
		log_warnx("cannot accept control client: too many");
		close(fd);
		return;
	}
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	cl->fd = fd;
	sv->clients[i] = cl;
}

/* Writes what the socket takes of the answer; closes once all is out. */
static void
control_write(struct supervisor *sv, struct control_client *cl)
{
	ssize_t n;

	while (cl->outoff < cl->outlen) {
		n = write(cl->fd, cl->out + cl->outoff, cl->outlen - cl->outoff);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			log_debug("control: answer waits for its reader, "
			    "%zu of %zu octets written", cl->outoff,
			    cl->outlen);
			return;		/* on POLLOUT, again */
		}
		if (n <= 0)
			break;		/* the client went away */
		cl->outoff += (size_t)n;
	}
	client_close(sv, cl);
}

/* Queues the answer, and writes it as the client reads it. */
static void
reply(struct supervisor *sv, struct control_client *cl, const char *text,
    size_t len)
{
	if (cl->out != NULL)
		return;			/* answered already */
	if (len > CONTROL_REPLY_MAX) {
		log_warnx("control: answer of %zu octets cut to %d", len,
		    CONTROL_REPLY_MAX);
		len = CONTROL_REPLY_MAX;
	}
	if ((cl->out = malloc(len > 0 ? len : 1)) == NULL) {
		log_warn("control: cannot queue an answer");
		client_close(sv, cl);
		return;
	}
	memcpy(cl->out, text, len);
	cl->outlen = len;
	cl->outoff = 0;
	cl->waiting = CW_NONE;
	control_write(sv, cl);
}

static void
replyf(struct supervisor *sv, struct control_client *cl, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
replyf(struct supervisor *sv, struct control_client *cl, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	reply(sv, cl, buf, n < 0 ? 0 : (size_t)n >= sizeof(buf) ?
	    sizeof(buf) - 1 : (size_t)n);
}

void
control_answer(struct supervisor *sv, enum control_wait w, const char *text,
    size_t len)
{
	int i;

	for (i = 0; i < CONTROL_MAX; i++)
		if (sv->clients[i] != NULL && sv->clients[i]->waiting == w)
			reply(sv, sv->clients[i], text, len);
}

static void
child_line(FILE *f, const struct child *c)
{
	int64_t ago = (now_ms() - c->started_ms) / 1000;

	fprintf(f, "%-16s %-9s %-8u ", c->label, child_state_name(c),
	    c->restarts);
	if (c->state == CS_RUNNING)
		fprintf(f, "%llds ago\n", (long long)ago);
	else
		fputs("-\n", f);
}

/* status -j: the node's object, then the gate's (null without a gate). */
static void
handle_status_json(struct supervisor *sv, struct control_client *cl)
{
	static const char nogate[] = ",\"gate\":null}\n";
	char *head, *all;
	size_t len;

	if ((head = status_json_head(sv, &len)) == NULL) {
		replyf(sv, cl, "error: out of memory\n");
		return;
	}
	if (gatelink_request(sv, CW_STATUS_JSON, head, len) == 0) {
		cl->waiting = CW_STATUS_JSON;
		free(head);
		return;
	}
	if ((all = realloc(head, len + sizeof(nogate))) == NULL) {
		free(head);
		replyf(sv, cl, "error: out of memory\n");
		return;
	}
	memcpy(all + len, nogate, sizeof(nogate));
	reply(sv, cl, all, len + sizeof(nogate) - 1);
	free(all);
}

/* status [-j]: the containers' part of `outpost status`. */
static void
handle_status(struct supervisor *sv, struct control_client *cl)
{
	const char *arg = cl->req + strlen(CONTROL_REQ_STATUS);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int i;

	arg += strspn(arg, " ");
	if (strcmp(arg, "-j") == 0) {
		handle_status_json(sv, cl);
		return;
	}
	if (*arg != '\0') {
		replyf(sv, cl, "error: status takes -j or nothing\n");
		return;
	}
	if ((f = open_memstream(&buf, &len)) == NULL) {
		replyf(sv, cl, "error: out of memory\n");
		return;
	}
	fprintf(f, "node %s (%s)\n", sv->nc->identity, sv->conf_path);
	confirm_status(sv, f);
	reconfig_status(sv, f);
	agent_status(sv, f);
	xdpguard_status(f);
	fprintf(f, "\n%-16s %-9s %-8s %s\n", "CONTAINER", "STATE", "RESTARTS",
	    "SINCE");
	for (i = 0; i < sv->ntenants; i++)
		child_line(f, sv->tenants[i]);
	if (sv->bird != NULL)
		child_line(f, sv->bird);
	if (sv->gate != NULL)
		child_line(f, sv->gate);
	if (sv->agent != NULL)
		child_line(f, sv->agent);
	catalog_status(f);
	zoneguard_tenants_status(sv, f);
	fclose(f);
	if (gatelink_request(sv, CW_STATUS, buf, len) == 0) {
		cl->waiting = CW_STATUS;
		free(buf);
		return;
	}
	reply(sv, cl, buf, len);
	free(buf);
}

static void
handle_drain(struct supervisor *sv, struct control_client *cl)
{
	if (gatelink_request(sv, CW_DRAINED, NULL, 0) == 0)
		cl->waiting = CW_DRAINED;
	else
		replyf(sv, cl, "error: no health gate running (no bgp: "
		    "block?): nothing is announced\n");
}

static void
handle_undrain(struct supervisor *sv, struct control_client *cl)
{
	if (gatelink_request(sv, CW_UNDRAINED, NULL, 0) == 0)
		cl->waiting = CW_UNDRAINED;
	else
		replyf(sv, cl, "error: no health gate running (no bgp: "
		    "block?)\n");
}

/* Answered at once; the node then stops as on SIGTERM and powers off. */
static void
shutdown_request(struct supervisor *sv, struct control_client *cl,
    enum pid1_after after)
{
	char why[160];

	if (pid1_request(sv, after, why, sizeof(why)) < 0)
		replyf(sv, cl, "error: %s\n", why);
	else
		replyf(sv, cl, "%s\n", why);
}

static void
handle_poweroff(struct supervisor *sv, struct control_client *cl)
{
	shutdown_request(sv, cl, PID1_POWEROFF);
}

static void
handle_reboot(struct supervisor *sv, struct control_client *cl)
{
	shutdown_request(sv, cl, PID1_REBOOT);
}

/* stats [-j]: the XDP guard's counters. */
static void
handle_stats(struct supervisor *sv, struct control_client *cl)
{
	const char *arg = cl->req + strlen(CONTROL_REQ_STATS);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int json;

	arg += strspn(arg, " ");
	if (*arg != '\0' && strcmp(arg, "-j") != 0) {
		replyf(sv, cl, "error: stats takes -j or nothing\n");
		return;
	}
	json = *arg != '\0';
	if ((f = open_memstream(&buf, &len)) == NULL) {
		replyf(sv, cl, "error: out of memory\n");
		return;
	}
	if (xdpguard_stats(sv->nc, f, json) < 0) {
		fclose(f);
		free(buf);
		replyf(sv, cl, "error: no xdp guard: %s\n",
		    xdpguard_why_not());
		return;
	}
	fclose(f);
	reply(sv, cl, buf, len);
	free(buf);
}

/* configure FILE [TIMEOUT_S]: answered once the trial ends. */
static void
handle_configure(struct supervisor *sv, struct control_client *cl)
{
	char *ans = NULL;
	size_t len = 0;

	if (reconfig_request(sv, cl->req + strlen(CONTROL_REQ_CONFIGURE),
	    &ans, &len) == 1) {
		cl->waiting = CW_CONFIGURE;
		return;
	}
	if (ans == NULL)
		replyf(sv, cl, "error: out of memory\n");
	else
		reply(sv, cl, ans, len);
	free(ans);
}

static const struct {
	const char *name;
	int args;		/* takes arguments after a space */
	void (*handle)(struct supervisor *, struct control_client *);
} requests[] = {
	{ CONTROL_REQ_CONFIGURE, 1, handle_configure },
	{ CONTROL_REQ_DRAIN, 0, handle_drain },
	{ CONTROL_REQ_POWEROFF, 0, handle_poweroff },
	{ CONTROL_REQ_REBOOT, 0, handle_reboot },
	{ CONTROL_REQ_STATS, 1, handle_stats },
	{ CONTROL_REQ_STATUS, 1, handle_status },
	{ CONTROL_REQ_UNDRAIN, 0, handle_undrain },
};

static void
control_read(struct supervisor *sv, struct control_client *cl)
{
	char *nl;
	ssize_t n;
	size_t i;

	n = read(cl->fd, cl->req + cl->reqlen, sizeof(cl->req) - 1 -
	    cl->reqlen);
	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			client_close(sv, cl);
		return;
	}
	cl->reqlen += (size_t)n;
	cl->req[cl->reqlen] = '\0';
	if ((nl = strchr(cl->req, '\n')) == NULL) {
		if (cl->reqlen == sizeof(cl->req) - 1)
			replyf(sv, cl, "error: request too long\n");
		return;
	}
	*nl = '\0';
	for (i = 0; i < sizeof(requests) / sizeof(requests[0]); i++)
		if (strcmp(cl->req, requests[i].name) == 0 ||
		    (requests[i].args && strncmp(cl->req, requests[i].name,
		    strlen(requests[i].name)) == 0 &&
		    cl->req[strlen(requests[i].name)] == ' ')) {
			log_info("control: %s", cl->req);
			requests[i].handle(sv, cl);
			return;
		}
	replyf(sv, cl, "error: unknown request '%.60s' (status, drain, "
	    "undrain, configure, poweroff, reboot, stats)\n", cl->req);
}

short
control_events(const struct control_client *cl)
{
	return cl->out != NULL ? POLLOUT : POLLIN;
}

void
control_ready(struct supervisor *sv, struct control_client *cl)
{
	if (cl->out != NULL)
		control_write(sv, cl);
	else
		control_read(sv, cl);
}
