/* catalog_fetch.c: the catalog worker's queries to its tenant's NSD, from loopback: the catalog's SOA serial, and the catalog by AXFR. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog_worker.h"
#include "clock.h"
#include "dnsmsg.h"

#define DNS_TYPE_AXFR	252

/* A socket bound to loopback of addr's family, connecting to addr:53. */
static int
local_socket(const struct addr *a, int type, struct sockaddr_storage *ss,
    socklen_t *sslen)
{
	struct sockaddr_storage src;
	int fd;

	memset(ss, 0, sizeof(*ss));
	memset(&src, 0, sizeof(src));
	if (a->af == AF_INET) {
		struct sockaddr_in *d = (struct sockaddr_in *)ss;
		struct sockaddr_in *s = (struct sockaddr_in *)&src;

		d->sin_family = s->sin_family = AF_INET;
		d->sin_port = htons(53);
		memcpy(&d->sin_addr, a->a, 4);
		s->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*sslen = sizeof(*d);
	} else {
		struct sockaddr_in6 *d = (struct sockaddr_in6 *)ss;
		struct sockaddr_in6 *s = (struct sockaddr_in6 *)&src;

		d->sin6_family = s->sin6_family = AF_INET6;
		d->sin6_port = htons(53);
		memcpy(&d->sin6_addr, a->a, 16);
		s->sin6_addr = in6addr_loopback;
		*sslen = sizeof(*d);
	}
	if ((fd = socket(a->af, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&src, *sslen) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Waits for fd to be ready for events until deadline; 0, or -1. */
static int
wait_fd(int fd, short events, int64_t deadline)
{
	struct pollfd p = { fd, events, 0 };
	int64_t left;
	int n;

	while ((left = deadline - now_ms()) > 0) {
		n = poll(&p, 1, (int)left);
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return -1;
	}
	errno = ETIMEDOUT;
	return -1;
}

int
catw_soa(const struct catw *w, uint32_t *serial, char *why, size_t len)
{
	uint8_t q[DNS_QUERY_MAX], qname[DNS_NAME_WIRE_MAX], ans[4096];
	char reason[DNS_REASON_MAX];
	struct dns_soa_answer a;
	struct sockaddr_storage ss;
	socklen_t sslen;
	uint16_t id;
	int64_t deadline = now_ms() + CATW_TIMEOUT_MS;
	int fd, qlen;
	ssize_t n;

	if ((qlen = dns_name_wire(w->zone, qname)) < 0 || dns_random_id(&id) < 0)
		return snprintf(why, len, "cannot make a query"), -1;
	if ((fd = local_socket(&w->addr, SOCK_DGRAM, &ss, &sslen)) < 0)
		return snprintf(why, len, "socket: %s", strerror(errno)), -1;
	n = (ssize_t)dns_soa_query(q, id, qname, (size_t)qlen);
	if (sendto(fd, q, (size_t)n, 0, (struct sockaddr *)&ss, sslen) != n) {
		snprintf(why, len, "send: %s", strerror(errno));
		close(fd);
		return -1;
	}
	for (;;) {
		if (wait_fd(fd, POLLIN, deadline) < 0) {
			snprintf(why, len, "no answer: %s", strerror(errno));
			break;
		}
		if ((n = recv(fd, ans, sizeof(ans), 0)) < 0)
			continue;
		if (dns_parse_soa(ans, (size_t)n, id, qname, (size_t)qlen, &a,
		    reason) < 0) {
			snprintf(why, len, "%s", reason);
			break;
		}
		close(fd);
		if (!a.aa || !a.has_soa)
			return snprintf(why, len, "not served yet"), -1;
		*serial = a.serial;
		return 0;
	}
	close(fd);
	return -1;
}

/* Reads exactly len bytes before deadline; 0, or -1. */
static int
read_by(int fd, uint8_t *buf, size_t len, int64_t deadline)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		if (wait_fd(fd, POLLIN, deadline) < 0)
			return -1;
		n = read(fd, buf + got, len - got);
		if (n == 0) {
			errno = ECONNRESET;
			return -1;
		}
		if (n < 0 && errno != EINTR && errno != EAGAIN)
			return -1;
		if (n > 0)
			got += (size_t)n;
	}
	return 0;
}

static int
axfr_connect(const struct catw *w, int64_t deadline)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	int fd, err = 0;
	socklen_t elen = sizeof(err);

	if ((fd = local_socket(&w->addr, SOCK_STREAM, &ss, &sslen)) < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&ss, sslen) < 0 &&
	    errno != EINPROGRESS)
		goto fail;
	if (wait_fd(fd, POLLOUT, deadline) < 0)
		goto fail;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0 || err) {
		errno = err ? err : errno;
		goto fail;
	}
	return fd;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

static int
axfr_send(const struct catw *w, int fd, uint16_t id, const uint8_t *qname,
    size_t qlen, int64_t deadline)
{
	uint8_t q[2 + CATW_QUERY_MAX];
	size_t n = dns_query_msg(q + 2, id, qname, qlen, DNS_TYPE_AXFR, 0);

	if (w->has_key && (n = catw_tsig_sign(&w->key, q + 2, n,
	    CATW_QUERY_MAX, (uint64_t)time(NULL))) == 0) {
		errno = EINVAL;
		return -1;
	}

	q[0] = (uint8_t)(n >> 8);
	q[1] = (uint8_t)n;
	if (wait_fd(fd, POLLOUT, deadline) < 0)
		return -1;
	return write(fd, q, n + 2) == (ssize_t)(n + 2) ? 0 : -1;
}

/* The messages of the transfer into c, until it ends or fails. */
static int
axfr_read(int fd, uint16_t id, struct catalog *c, int64_t deadline,
    char *why, size_t len)
{
	uint8_t hdr[2], *msg;
	size_t n;
	int r;

	if ((msg = malloc(65535)) == NULL)
		return snprintf(why, len, "out of memory"), 0;
	do {
		if (read_by(fd, hdr, 2, deadline) < 0 ||
		    read_by(fd, msg, n = (size_t)(hdr[0] << 8 | hdr[1]),
		    deadline) < 0) {
			snprintf(why, len, "transfer: %s", strerror(errno));
			free(msg);
			return 0;
		}
		r = catalog_feed(c, msg, n, id);
	} while (r == 0);
	free(msg);
	if (r < 0)
		snprintf(why, len, "%s", c->err);
	return r;
}

int
catw_axfr(const struct catw *w, struct catalog *c, char *why, size_t len)
{
	uint8_t qname[DNS_NAME_WIRE_MAX];
	int64_t deadline = now_ms() + CATW_AXFR_TIMEOUT_MS;
	uint16_t id;
	int fd, qlen, r;

	if (catalog_init(c, w->zone) < 0 ||
	    (qlen = dns_name_wire(w->zone, qname)) < 0 ||
	    dns_random_id(&id) < 0)
		return snprintf(why, len, "cannot make a query"), 0;
	if ((fd = axfr_connect(w, deadline)) < 0) {
		snprintf(why, len, "connect: %s", strerror(errno));
		return 0;
	}
	if (axfr_send(w, fd, id, qname, (size_t)qlen, deadline) < 0) {
		snprintf(why, len, "send: %s", strerror(errno));
		close(fd);
		return 0;
	}
	r = axfr_read(fd, id, c, deadline, why, len);
	close(fd);
	return r;
}
