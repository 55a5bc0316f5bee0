/* agent_msg.c: typed messages between the agent's parent (root) and its network child over a socketpair: type, length, payload. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent_msg.h"
#include "fileutil.h"

static const size_t limits[MSG_TYPE_END] = {
	[MSG_SIGN_REQ] = 1024,
	[MSG_SIGN_REP] = 256,
	[MSG_BUNDLE] = AGENT_MSG_MAX,
	[MSG_NET_UP] = 0,
	[MSG_NET_DOWN] = 512,
	[MSG_STATUS] = 64 * 1024,
	[MSG_SERIAL] = 8,
};

size_t
agent_msg_limit(uint32_t type)
{
	if (type == 0 || type >= MSG_TYPE_END)
		return 0;
	return limits[type];
}

static int
known(uint32_t type)
{
	return type != 0 && type < MSG_TYPE_END;
}

static int
errorf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

int
agent_msg_send(int fd, uint32_t type, const void *payload, size_t len)
{
	uint8_t hdr[AGENT_MSG_HDR];

	if (!known(type) || len > agent_msg_limit(type)) {
		errno = EMSGSIZE;
		return -1;
	}
	put32(hdr, type);
	put32(hdr + 4, (uint32_t)len);
	if (write_full(fd, hdr, sizeof(hdr)) < 0)
		return -1;
	return len == 0 ? 0 : write_full(fd, payload, len);
}

int
agent_msg_parse(const uint8_t *buf, size_t len, struct agent_msg *m,
    size_t *used, char *err, size_t errlen)
{
	uint32_t type, plen;

	if (len < AGENT_MSG_HDR)
		return 0;
	type = get32(buf);
	plen = get32(buf + 4);
	if (!known(type))
		return errorf(err, errlen, "message of unknown type %u", type);
	if (plen > agent_msg_limit(type))
		return errorf(err, errlen, "message of type %u has %u octets, "
		    "more than its %zu", type, plen, agent_msg_limit(type));
	if (len - AGENT_MSG_HDR < plen)
		return 0;
	m->type = type;
	m->len = plen;
	m->data = buf + AGENT_MSG_HDR;
	*used = AGENT_MSG_HDR + plen;
	return 1;
}

ssize_t
agent_rbuf_fill(struct agent_rbuf *rb, int fd)
{
	uint8_t *nb;
	ssize_t n;

	if (rb->off > 0) {
		memmove(rb->buf, rb->buf + rb->off, rb->len - rb->off);
		rb->len -= rb->off;
		rb->off = 0;
	}
	if (rb->cap - rb->len < 4096) {
		if (rb->cap >= AGENT_MSG_HDR + AGENT_MSG_MAX + 4096) {
			errno = EMSGSIZE;
			return -1;
		}
		if ((nb = realloc(rb->buf, rb->cap + 65536)) == NULL)
			return -1;
		rb->buf = nb;
		rb->cap += 65536;
	}
	do
		n = read(fd, rb->buf + rb->len, rb->cap - rb->len);
	while (n < 0 && errno == EINTR);
	if (n > 0)
		rb->len += (size_t)n;
	return n;
}

int
agent_rbuf_next(struct agent_rbuf *rb, struct agent_msg *m, char *err,
    size_t errlen)
{
	size_t used;
	int r;

	r = agent_msg_parse(rb->buf + rb->off, rb->len - rb->off, m, &used,
	    err, errlen);
	if (r == 1)
		rb->off += used;
	return r;
}

void
agent_rbuf_free(struct agent_rbuf *rb)
{
	free(rb->buf);
	memset(rb, 0, sizeof(*rb));
}

int
agent_msg_wait(int fd, struct agent_rbuf *rb, uint32_t want,
    struct agent_msg *m, void (*other)(const struct agent_msg *, void *),
    void *arg, char *err, size_t errlen)
{
	ssize_t n;
	int r;

	for (;;) {
		while ((r = agent_rbuf_next(rb, m, err, errlen)) == 1) {
			if (m->type == want)
				return 1;
			if (other != NULL)
				other(m, arg);
		}
		if (r < 0)
			return -1;
		if ((n = agent_rbuf_fill(rb, fd)) == 0)
			return 0;
		if (n < 0)
			return errorf(err, errlen, "%s", strerror(errno));
	}
}
