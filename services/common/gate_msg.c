/* gate_msg.c: framing of the node-gate messages: whole sends, buffered reads, one message taken at a time. */
#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gate_msg.h"

#define SEND_WAIT_MS	1000

int
gate_msg_send(int fd, uint32_t type, const void *payload, size_t len)
{
	static uint8_t buf[sizeof(struct gate_msg_hdr) + GATE_MSG_MAX];
	struct gate_msg_hdr h = { type, (uint32_t)len };
	struct pollfd pfd = { fd, POLLOUT, 0 };
	size_t off = 0, total = sizeof(h) + len;
	ssize_t n;

	if (len > GATE_MSG_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	memcpy(buf, &h, sizeof(h));
	if (len > 0)
		memcpy(buf + sizeof(h), payload, len);
	while (off < total) {
		n = send(fd, buf + off, total - off, MSG_NOSIGNAL);
		if (n >= 0) {
			off += (size_t)n;
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN || poll(&pfd, 1, SEND_WAIT_MS) <= 0)
			return -1;
	}
	return 0;
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
		{ GATE_STATUS_REQ, "STATUS_REQ" }, { GATE_DRAINED, "DRAINED" },
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
