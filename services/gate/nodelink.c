/* nodelink.c: outpost-node's messages to the gate (DRAIN, UNDRAIN, STATUS_REQ, TENANT_DOWN, ZONE_EXPIRY), one handler each, and the answers, queued whole. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gate.h"
#include "log.h"

static void	lost_node(struct gate *, int64_t, const char *);

/*
 * Queued whole and sent as the socket takes it.  A full queue means
 * outpost-node stopped reading: the link is given up whole (outpost-node
 * starts the gate again on a fresh one), never a frame cut in two.
 */
static void
reply(struct gate *g, uint32_t type, const char *text, size_t len)
{
	if (g->msgfd < 0)
		return;
	if (gate_msg_queue(&g->mq, type, text, len) < 0) {
		log_warn("cannot queue %s for outpost-node", gate_msg_name(type));
		lost_node(g, now_ms(), "it does not read its messages");
		return;
	}
	if (gate_msg_flush(g->msgfd, &g->mq) < 0)
		lost_node(g, now_ms(), strerror(errno));
}

static void
on_drain(struct gate *g, const uint8_t *payload, size_t len, int64_t now)
{
	(void)payload;
	(void)len;
	if (!g->drained)
		log_info("drain: withdrawing every prefix");
	g->drained = 1;
	g->drain_pending = 1;
	gate_apply(g, now, NULL);
	gate_node_check_drained(g, now);
}

static void
on_undrain(struct gate *g, const uint8_t *payload, size_t len, int64_t now)
{
	char text[128];
	int i, n = 0;

	(void)payload;
	(void)len;
	if (g->drained)
		log_info("undrain: announcing the prefixes of healthy tenants");
	g->drained = 0;
	g->drain_pending = 0;
	gate_apply(g, now, "undrained");
	for (i = 0; i < g->nprefixes; i++)
		n += g->prefixes[i].wanted;
	snprintf(text, sizeof(text), "announcing %d of %d prefixes", n,
	    g->nprefixes);
	reply(g, GATE_UNDRAINED, text, strlen(text));
}

static void
on_status_req(struct gate *g, const uint8_t *payload, size_t len,
    int64_t now)
{
	int json = len == 4 && memcmp(payload, "json", 4) == 0;
	uint32_t type = json ? GATE_STATUS_JSON : GATE_STATUS;
	size_t textlen;
	char *text;

	text = json ? gate_status_json(g, now, &textlen) :
	    gate_status(g, now, &textlen);
	if (text == NULL) {
		log_warn("cannot render status");
		reply(g, type, json ? "null" : "", json ? 4 : 0);
		return;
	}
	/* JSON cut short would not parse: none rather than half. */
	if (textlen > GATE_MSG_MAX && json)
		reply(g, type, "null", 4);
	else
		reply(g, type, text, textlen > GATE_MSG_MAX ? GATE_MSG_MAX :
		    textlen);
	free(text);
}

/* outpost-node saw the tenant's NSD end (SIGCHLD): no probe round waited for. */
static void
on_tenant_down(struct gate *g, const uint8_t *payload, size_t len,
    int64_t now)
{
	int i;

	for (i = 0; i < g->ntenants; i++)
		if (strlen(g->tenants[i].nc->name) == len &&
		    memcmp(g->tenants[i].nc->name, payload, len) == 0) {
			gate_tenant_down(g, &g->tenants[i], now);
			return;
		}
	log_debug("tenant %.*s down: not a tenant of the running "
	    "configuration", (int)len, (const char *)payload);
}

static void
on_zone_expiry(struct gate *g, const uint8_t *payload, size_t len,
    int64_t now)
{
	(void)now;
	if (gate_zone_expiry(g, (const char *)payload, len) < 0)
		log_warnx("cannot use ZONE_EXPIRY from outpost-node: "
		    "malformed");
}

static const struct {
	uint32_t	 type;
	void		(*handle)(struct gate *, const uint8_t *, size_t,
			    int64_t);
} handlers[] = {
	{ GATE_DRAIN, on_drain },
	{ GATE_UNDRAIN, on_undrain },
	{ GATE_STATUS_REQ, on_status_req },
	{ GATE_TENANT_DOWN, on_tenant_down },
	{ GATE_ZONE_EXPIRY, on_zone_expiry },
};

static void
dispatch(struct gate *g, const struct gate_msg_hdr *h, const uint8_t *payload,
    int64_t now)
{
	size_t i;

	log_debug("outpost-node: %s", gate_msg_name(h->type));
	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (handlers[i].type == h->type) {
			handlers[i].handle(g, payload, h->len, now);
			return;
		}
	log_warnx("cannot handle message %s from outpost-node: unknown",
	    gate_msg_name(h->type));
}

/* The socketpair closing means outpost-node is gone: withdraw and quit. */
static void
lost_node(struct gate *g, int64_t now, const char *why)
{
	log_warnx("outpost-node is gone (%s): withdrawing every prefix, "
	    "then exiting", why);
	close(g->msgfd);
	g->msgfd = -1;
	gate_msgq_clear(&g->mq);
	g->drain_pending = 0;
	g->drained = 1;
	g->quitting = 1;
	g->quit_deadline = now + QUIT_WAIT_MS;
	gate_apply(g, now, NULL);
}

short
gate_node_events(const struct gate *g)
{
	return POLLIN | (gate_msg_pending(&g->mq) > 0 ? POLLOUT : 0);
}

static void
node_read(struct gate *g, int64_t now)
{
	static uint8_t payload[GATE_MSG_MAX];
	struct gate_msg_hdr h;
	long n;
	int rc;

	n = gate_msg_read(g->msgfd, &g->mb);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		lost_node(g, now, n < 0 ? strerror(errno) : g->mb.len > 0 ?
		    "end of file in the middle of a message" : "end of file");
		return;
	}
	while (g->msgfd >= 0 &&
	    (rc = gate_msg_get(&g->mb, &h, payload)) != 0) {
		if (rc < 0) {
			lost_node(g, now, "message too long");
			return;
		}
		dispatch(g, &h, payload, now);
	}
}

void
gate_node_io(struct gate *g, short revents, int64_t now)
{
	if ((revents & POLLOUT) && gate_msg_flush(g->msgfd, &g->mq) < 0) {
		lost_node(g, now, strerror(errno));
		return;
	}
	if (revents & (POLLIN | POLLHUP | POLLERR))
		node_read(g, now);
}

/* DRAINED once BIRD confirms every withdrawal, or cannot be reached. */
void
gate_node_check_drained(struct gate *g, int64_t now)
{
	const char *text;

	(void)now;
	if (!g->drain_pending || g->msgfd < 0)
		return;
	if (birdctl_connected(&g->bc) && !birdctl_settled(&g->bc))
		return;
	text = birdctl_connected(&g->bc) ? "every prefix withdrawn, "
	    "confirmed by BIRD" : "BIRD unreachable (it starts again with "
	    "every prefix disabled)";
	log_info("drained: %s", text);
	reply(g, GATE_DRAINED, text, strlen(text));
	g->drain_pending = 0;
}
