/* gatelink.c: outpost-node's side of the gate messages: requests out, one handler per answer type. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gate_msg.h"
#include "gatelink.h"
#include "log.h"
#include "node.h"

static const uint32_t request_type[] = {
	[CW_STATUS] = GATE_STATUS_REQ,
	[CW_DRAINED] = GATE_DRAIN,
	[CW_UNDRAINED] = GATE_UNDRAIN,
};

int
gatelink_request(struct supervisor *sv, enum control_wait w, const char *head,
    size_t len)
{
	if (sv->gatefd < 0 || sv->gate == NULL ||
	    sv->gate->state != CS_RUNNING)
		return -1;
	if (w == CW_STATUS) {
		free(sv->status_head);
		if ((sv->status_head = strndup(head ? head : "", len)) == NULL)
			return -1;
	}
	if (gate_msg_send(sv->gatefd, request_type[w], NULL, 0) < 0) {
		log_warn("gate: cannot send %s", gate_msg_name(request_type[w]));
		return -1;
	}
	return 0;
}

static void
on_status(struct supervisor *sv, const uint8_t *p, size_t len)
{
	char *buf = NULL;
	size_t blen = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &blen)) == NULL)
		return;
	fputs(sv->status_head ? sv->status_head : "", f);
	fputc('\n', f);
	fwrite(p, 1, len, f);
	fclose(f);
	control_answer(sv, CW_STATUS, buf, blen);
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
	control_answer(sv, CW_STATUS, gone, sizeof(gone) - 1);
	control_answer(sv, CW_DRAINED, gone, sizeof(gone) - 1);
	control_answer(sv, CW_UNDRAINED, gone, sizeof(gone) - 1);
}

void
gatelink_read(struct supervisor *sv)
{
	static uint8_t payload[GATE_MSG_MAX];
	struct gate_msg_hdr h;
	long n;
	int rc;

	n = gate_msg_read(sv->gatefd, sv->gatebuf);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	while ((rc = gate_msg_get(sv->gatebuf, &h, payload)) == 1)
		dispatch(sv, &h, payload);
	if (rc < 0 || n <= 0) {
		if (rc < 0)
			log_warnx("gate: broken message stream");
		gatelink_closed(sv);
	}
}
