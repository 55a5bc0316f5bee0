/* gatelink.c: outpost-node's side of the gate messages: requests and tenant deaths out as whole frames, one handler per answer type, a clean reset of a broken link. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confirm.h"
#include "gate_msg.h"
#include "gatelink.h"
#include "log.h"
#include "node.h"
#include "reconfig.h"

static const uint32_t request_type[] = {
	[CW_STATUS] = GATE_STATUS_REQ,
	[CW_STATUS_JSON] = GATE_STATUS_REQ,
	[CW_DRAINED] = GATE_DRAIN,
	[CW_UNDRAINED] = GATE_UNDRAIN,
};

static int
gate_up(const struct supervisor *sv)
{
	return sv->gatefd >= 0 && sv->gate != NULL &&
	    sv->gate->state == CS_RUNNING;
}

/*
 * The link cannot carry whole frames any more (the gate does not read, or
 * its stream broke): it is given up whole.  The gate, stopped, withdraws
 * and exits; started again on a fresh socketpair it is told the wanted
 * state (-D: an operator's drain) before any message.
 */
static void
gatelink_reset(struct supervisor *sv, const char *why)
{
	log_warnx("gate: cannot use the link to the gate: %s; starting the "
	    "gate again on a fresh one", why);
	gatelink_closed(sv);
	if (sv->gate != NULL && sv->gate->wanted)
		child_stop(sv, sv->gate);
}

/* 0 when queued (and sent as far as the socket takes it). */
static int
gatelink_send(struct supervisor *sv, uint32_t type, const void *p,
    size_t len)
{
	char why[128];

	if (sv->gateq == NULL &&
	    (sv->gateq = calloc(1, sizeof(*sv->gateq))) == NULL)
		return -1;
	if (gate_msg_queue(sv->gateq, type, p, len) < 0 ||
	    gate_msg_flush(sv->gatefd, sv->gateq) < 0) {
		snprintf(why, sizeof(why), "%s: %s", gate_msg_name(type),
		    strerror(errno));
		gatelink_reset(sv, why);
		return -1;
	}
	return 0;
}

short
gatelink_events(const struct supervisor *sv)
{
	return POLLIN | (sv->gateq != NULL && gate_msg_pending(sv->gateq) ?
	    POLLOUT : 0);
}

void
gatelink_tenant_down(struct supervisor *sv, const char *tenant,
    const char *how)
{
	if (!gate_up(sv))
		return;
	log_info("gate: tenant %s: NSD ended (%s), telling the gate", tenant,
	    how);
	gatelink_send(sv, GATE_TENANT_DOWN, tenant, strlen(tenant));
}

void
gatelink_zone_expiry(struct supervisor *sv, const char *text)
{
	if (gate_up(sv))
		gatelink_send(sv, GATE_ZONE_EXPIRY, text, strlen(text));
}

int
gatelink_request(struct supervisor *sv, enum control_wait w, const char *head,
    size_t len)
{
	char **keep = w == CW_STATUS ? &sv->status_head :
	    w == CW_STATUS_JSON ? &sv->status_json_head : NULL;

	if (!gate_up(sv))
		return -1;
	if (keep != NULL) {
		free(*keep);
		if ((*keep = strndup(head ? head : "", len)) == NULL)
			return -1;
	}
	return gatelink_send(sv, request_type[w],
	    w == CW_STATUS_JSON ? "json" : NULL, w == CW_STATUS_JSON ? 4 : 0);
}

int
gatelink_ask_status(struct supervisor *sv)
{
	if (!gate_up(sv))
		return -1;
	return gatelink_send(sv, GATE_STATUS_REQ, NULL, 0);
}

static void
on_status(struct supervisor *sv, const uint8_t *p, size_t len)
{
	char *buf = NULL;
	size_t blen = 0;
	FILE *f;

	confirm_gate_status(sv, (const char *)p, len);
	reconfig_gate_status(sv, (const char *)p, len);
	if ((f = open_memstream(&buf, &blen)) == NULL)
		return;
	fputs(sv->status_head ? sv->status_head : "", f);
	fputc('\n', f);
	fwrite(p, 1, len, f);
	fclose(f);
	control_answer(sv, CW_STATUS, buf, blen);
	free(buf);
}

/* The gate's JSON object after the node's, as its "gate" member. */
static void
on_status_json(struct supervisor *sv, const uint8_t *p, size_t len)
{
	char *buf = NULL;
	size_t blen = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &blen)) == NULL)
		return;
	fputs(sv->status_json_head ? sv->status_json_head : "{", f);
	fputs(",\"gate\":", f);
	if (len > 0)
		fwrite(p, 1, len, f);
	else
		fputs("null", f);
	fputs("}\n", f);
	fclose(f);
	control_answer(sv, CW_STATUS_JSON, buf, blen);
	free(buf);
}

static void
on_drained(struct supervisor *sv, const uint8_t *p, size_t len)
{
	char text[512];

	snprintf(text, sizeof(text), "drained: %.*s\n", (int)len, p);
	log_info("gate: %.*s", (int)(strlen(text) - 1), text);
	sv->drained = 1;
	sv->drained_ms = now_ms();
	if (!sv->quit)
		sv->operator_drained = 1;
	control_answer(sv, CW_DRAINED, text, strlen(text));
}

static void
on_undrained(struct supervisor *sv, const uint8_t *p, size_t len)
{
	char text[512];

	snprintf(text, sizeof(text), "undrained: %.*s\n", (int)len, p);
	log_info("gate: %.*s", (int)(strlen(text) - 1), text);
	sv->operator_drained = 0;
	control_answer(sv, CW_UNDRAINED, text, strlen(text));
}

static const struct {
	uint32_t type;
	void (*handle)(struct supervisor *, const uint8_t *, size_t);
} handlers[] = {
	{ GATE_DRAINED, on_drained },
	{ GATE_UNDRAINED, on_undrained },
	{ GATE_STATUS, on_status },
	{ GATE_STATUS_JSON, on_status_json },
};

static void
dispatch(struct supervisor *sv, const struct gate_msg_hdr *h,
    const uint8_t *p)
{
	size_t i;

	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (handlers[i].type == h->type) {
			handlers[i].handle(sv, p, h->len);
			return;
		}
	log_warnx("gate: unexpected message %s", gate_msg_name(h->type));
}

void
gatelink_closed(struct supervisor *sv)
{
	static const char gone[] = "error: the health gate went away\n";

	if (sv->gatefd >= 0) {
		close(sv->gatefd);
		sv->gatefd = -1;
	}
	if (sv->gateq != NULL)
		gate_msgq_clear(sv->gateq);
	sv->gatebuf->len = 0;
	control_answer(sv, CW_STATUS, gone, sizeof(gone) - 1);
	control_answer(sv, CW_STATUS_JSON, gone, sizeof(gone) - 1);
	control_answer(sv, CW_DRAINED, gone, sizeof(gone) - 1);
	control_answer(sv, CW_UNDRAINED, gone, sizeof(gone) - 1);
}

static void
gatelink_read(struct supervisor *sv)
{
	static uint8_t payload[GATE_MSG_MAX];
	struct gate_msg_hdr h;
	long n;
	int rc;

	n = gate_msg_read(sv->gatefd, sv->gatebuf);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	while (sv->gatefd >= 0 &&
	    (rc = gate_msg_get(sv->gatebuf, &h, payload)) == 1)
		dispatch(sv, &h, payload);
	if (sv->gatefd < 0)
		return;
	if (rc < 0)
		gatelink_reset(sv, "a message longer than allowed");
	else if (n <= 0)
		gatelink_closed(sv);
}

void
gatelink_io(struct supervisor *sv, short revents)
{
	char why[128];

	if (sv->gatefd < 0)
		return;
	if ((revents & POLLOUT) && sv->gateq != NULL &&
	    gate_msg_flush(sv->gatefd, sv->gateq) < 0) {
		snprintf(why, sizeof(why), "%s", strerror(errno));
		gatelink_reset(sv, why);
		return;
	}
	if (revents & (POLLIN | POLLHUP | POLLERR))
		gatelink_read(sv);
}
