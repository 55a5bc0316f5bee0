/* dns.c: netcfg's stub resolver: one question with an unpredictable id over connected UDP, the answer waited for and parsed by lib/dnsmsg. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "dns.h"

struct question {
	uint8_t		 qname[DNS_NAME_WIRE_MAX];
	size_t		 qnamelen;
	uint16_t	 qtype;
	uint16_t	 id;
};

/*
 * Waits until deadline for the answer to q, skipping datagrams that are
 * not it; 0, or -1 with errno set (EBADMSG and reason: only bad ones came).
 */
static int
await(int fd, const struct question *q, int64_t deadline,
    struct dns_addr_answer *ans, char reason[DNS_REASON_MAX])
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	uint8_t buf[DNS_EDNS_BUFSIZE];
	int64_t left;
	ssize_t n;
	int rc;

	reason[0] = '\0';
	while ((left = deadline - now_ms()) > 0) {
		if ((rc = poll(&pfd, 1, (int)left)) == -1 && errno != EINTR)
			return -1;
		if (rc <= 0)
			continue;
		if ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) == -1) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return -1;
		}
		if (dns_parse_addrs(buf, (size_t)n, q->id, q->qname,
		    q->qnamelen, q->qtype, ans, reason) == 0)
			return 0;
	}
	errno = reason[0] != '\0' ? EBADMSG : ETIMEDOUT;
	return -1;
}

int
dns_query(const struct addr *server, const char *name, uint16_t qtype,
    int timeout_ms, struct dns_addr_answer *ans, char reason[DNS_REASON_MAX])
{
	struct sockaddr_storage ss;
	struct question q;
	uint8_t msg[DNS_QUERY_MAX];
	int64_t deadline = now_ms() + timeout_ms;
	socklen_t sl;
	size_t len;
	int fd, n, saved;

	memset(ans, 0, sizeof(*ans));
	reason[0] = '\0';
	if ((n = dns_name_wire(name, q.qname)) < 0) {
		snprintf(reason, DNS_REASON_MAX, "cannot encode %.60s", name);
		errno = EINVAL;
		return -1;
	}
	q.qnamelen = (size_t)n;
	q.qtype = qtype;
	if (dns_random_id(&q.id) == -1)
		return -1;
	len = dns_query_msg(msg, q.id, q.qname, q.qnamelen, qtype, DNS_Q_RD);
	if ((sl = addr_sockaddr(server, 53, &ss)) == 0) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	if ((fd = socket(server->af, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	if (connect(fd, (struct sockaddr *)&ss, sl) == -1 ||
	    send(fd, msg, len, 0) == -1 ||
	    await(fd, &q, deadline, ans, reason) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	return 0;
}
