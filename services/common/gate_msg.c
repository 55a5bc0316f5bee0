/* gate_msg.c: framing of the node-gate messages: an outgoing queue of whole frames, buffered reads, one message taken at a time. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gate_msg.h"

static int
reserve(struct gate_msgq *q, size_t more)
{
	size_t cap;
	uint8_t *p;

	if (q->off > 0) {
		memmove(q->buf, q->buf + q->off, q->len - q->off);
		q->len -= q->off;
		q->off = 0;
	}
	if (q->len + more > GATE_MSGQ_MAX) {
		errno = ENOBUFS;
		return -1;
	}
	if (q->len + more <= q->cap)
		return 0;
	for (cap = q->cap ? q->cap : 4096; cap < q->len + more; cap *= 2)
		;
	if (cap > GATE_MSGQ_MAX)
		cap = GATE_MSGQ_MAX;
	if ((p = realloc(q->buf, cap)) == NULL)
		return -1;
	q->buf = p;
	q->cap = cap;
	return 0;
}

int
gate_msg_queue(struct gate_msgq *q, uint32_t type, const void *payload,
    size_t len)
{
	struct gate_msg_hdr h = { type, (uint32_t)len };

	if (len > GATE_MSG_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	if (reserve(q, sizeof(h) + len) < 0)
		return -1;
	memcpy(q->buf + q->len, &h, sizeof(h));
	if (len > 0)
		memcpy(q->buf + q->len + sizeof(h), payload, len);
	q->len += sizeof(h) + len;
	return 0;
}

int
gate_msg_flush(int fd, struct gate_msgq *q)
{
	ssize_t n;

	while (q->off < q->len) {
		n = send(fd, q->buf + q->off, q->len - q->off,
		    MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			q->off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n == 0)
			errno = EPIPE;
		return -1;
	}
	q->off = q->len = 0;
	return 0;
}

size_t
gate_msg_pending(const struct gate_msgq *q)
{
	return q->len - q->off;
}

void
gate_msgq_clear(struct gate_msgq *q)
{
	free(q->buf);
	memset(q, 0, sizeof(*q));
}

long
gate_msg_read(int fd, struct gate_msgbuf *mb)
{
	ssize_t n;

	if (mb->len == sizeof(mb->buf)) {
		errno = ENOBUFS;
		return -1;
	}
	n = recv(fd, mb->buf + mb->len, sizeof(mb->buf) - mb->len, 0);
	if (n > 0)
		mb->len += (size_t)n;
	return (long)n;
}

int
gate_msg_get(struct gate_msgbuf *mb, struct gate_msg_hdr *h, uint8_t *payload)
{
	size_t total;

	if (mb->len < sizeof(*h))
		return 0;
	memcpy(h, mb->buf, sizeof(*h));
	if (h->len > GATE_MSG_MAX)
		return -1;
	total = sizeof(*h) + h->len;
	if (mb->len < total)
		return 0;
	memcpy(payload, mb->buf + sizeof(*h), h->len);
	memmove(mb->buf, mb->buf + total, mb->len - total);
	mb->len -= total;
	return 1;
}

const char *
gate_msg_name(uint32_t type)
{
	static const struct {
		uint32_t	 type;
		const char	*name;
	} names[] = {
		{ GATE_DRAIN, "DRAIN" }, { GATE_UNDRAIN, "UNDRAIN" },
		{ GATE_STATUS_REQ, "STATUS_REQ" },
		{ GATE_TENANT_DOWN, "TENANT_DOWN" }, { GATE_DRAINED, "DRAINED" },
		{ GATE_ZONE_EXPIRY, "ZONE_EXPIRY" },
		{ GATE_UNDRAINED, "UNDRAINED" }, { GATE_STATUS, "STATUS" },
	};
	static char buf[32];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].type == type)
			return names[i].name;
	snprintf(buf, sizeof(buf), "type %u", type);
	return buf;
}
