/* dnsprobe.c: a SOA probe over UDP or TCP without ever blocking: connect, send, receive, parse, each step on poll(2) readiness. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dnsprobe.h"

static void
finish(struct dnsprobe *p, int ok, int64_t now, const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(p->reason, sizeof(p->reason), fmt, ap);
		va_end(ap);
	}
	p->ok = ok;
	p->finished = now;
	dnsprobe_close(p);
	p->state = DP_DONE;
}

/* The query, behind a two-octet length for TCP; NULL, or what failed. */
static const char *
build_query(struct dnsprobe *p, const char *zone)
{
	int n;
	size_t len;

	if ((n = dns_name_wire(zone, p->qname)) < 0)
		return "cannot encode zone name";
	p->qnamelen = (size_t)n;
	if (dns_random_id(&p->id) < 0)
		return "cannot draw a query id";
	len = dns_soa_query(p->out + 2, p->id, p->qname, p->qnamelen);
	p->out[0] = (uint8_t)(len >> 8);
	p->out[1] = (uint8_t)(len & 0xff);
	p->outoff = p->tcp ? 0 : 2;
	p->outlen = len + 2;
	return NULL;
}

void
dnsprobe_init(struct dnsprobe *p)
{
	memset(p, 0, sizeof(*p));
	p->fd = -1;
	p->state = DP_IDLE;
}

void
dnsprobe_start(struct dnsprobe *p, const struct addr *a, unsigned port,
    int tcp, const char *zone, int64_t timeout_ms, int64_t now)
{
	int type = tcp ? SOCK_STREAM : SOCK_DGRAM;
	const char *why;

	dnsprobe_close(p);
	memset(&p->ans, 0, sizeof(p->ans));
	p->reason[0] = '\0';
	p->tcp = tcp;
	p->inlen = 0;
	p->started = now;
	p->deadline = now + timeout_ms;
	p->salen = addr_sockaddr(a, (uint16_t)port, &p->sa);
	if ((why = build_query(p, zone)) != NULL) {
		finish(p, 0, now, "%s", why);
		return;
	}
	p->fd = socket(a->af, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (p->fd < 0) {
		finish(p, 0, now, "cannot open socket: %s", strerror(errno));
		return;
	}
	if (connect(p->fd, (struct sockaddr *)&p->sa, p->salen) == 0)
		p->state = DP_SENDING;
	else if (errno == EINPROGRESS)
		p->state = DP_CONNECTING;
	else
		finish(p, 0, now, "%s", strerror(errno));
}

short
dnsprobe_events(const struct dnsprobe *p)
{
	switch (p->state) {
	case DP_CONNECTING:
	case DP_SENDING:
		return POLLOUT;
	case DP_RECEIVING:
		return POLLIN;
	default:
		return 0;
	}
}

int
dnsprobe_busy(const struct dnsprobe *p)
{
	return p->state == DP_CONNECTING || p->state == DP_SENDING ||
	    p->state == DP_RECEIVING;
}

static void
on_connected(struct dnsprobe *p, int64_t now)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if (err != 0) {
		finish(p, 0, now, "%s", strerror(err));
		return;
	}
	p->state = DP_SENDING;
}

static void
on_writable(struct dnsprobe *p, int64_t now)
{
	ssize_t n;

	n = send(p->fd, p->out + p->outoff, p->outlen - p->outoff,
	    MSG_NOSIGNAL);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			finish(p, 0, now, "%s", strerror(errno));
		return;
	}
	p->outoff += (size_t)n;
	if (p->outoff == p->outlen)
		p->state = DP_RECEIVING;
}

static void
parse(struct dnsprobe *p, const uint8_t *msg, size_t len, int64_t now)
{
	if (dns_parse_soa(msg, len, p->id, p->qname, p->qnamelen, &p->ans,
	    p->reason) < 0)
		finish(p, 0, now, NULL);
	else
		finish(p, 1, now, NULL);
}

static void
on_readable_udp(struct dnsprobe *p, int64_t now)
{
	ssize_t n;

	n = recv(p->fd, p->in, sizeof(p->in), 0);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			finish(p, 0, now, "%s", strerror(errno));
		return;
	}
	parse(p, p->in, (size_t)n, now);
}

/* A TCP answer: two octets of length, then the message. */
static void
on_readable_tcp(struct dnsprobe *p, int64_t now)
{
	size_t want;
	ssize_t n;

	n = recv(p->fd, p->in + p->inlen, sizeof(p->in) - p->inlen, 0);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			finish(p, 0, now, "%s", strerror(errno));
		return;
	}
	if (n == 0) {
		finish(p, 0, now, "connection closed after %zu octets",
		    p->inlen);
		return;
	}
	p->inlen += (size_t)n;
	if (p->inlen < 2)
		return;
	want = (size_t)p->in[0] << 8 | p->in[1];
	if (want + 2 > sizeof(p->in)) {
		finish(p, 0, now, "answer too long (%zu octets)", want);
		return;
	}
	if (p->inlen >= want + 2)
		parse(p, p->in + 2, want, now);
}

void
dnsprobe_io(struct dnsprobe *p, short revents, int64_t now)
{
	if (revents == 0 || !dnsprobe_busy(p))
		return;
	switch (p->state) {
	case DP_CONNECTING:
		on_connected(p, now);
		break;
	case DP_SENDING:
		on_writable(p, now);
		break;
	case DP_RECEIVING:
		if (p->tcp)
			on_readable_tcp(p, now);
		else
			on_readable_udp(p, now);
		break;
	default:
		break;
	}
}

void
dnsprobe_check_timeout(struct dnsprobe *p, int64_t now)
{
	if (dnsprobe_busy(p) && now >= p->deadline)
		finish(p, 0, now, "timeout");
}

void
dnsprobe_close(struct dnsprobe *p)
{
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
	if (dnsprobe_busy(p))
		p->state = DP_IDLE;
}
