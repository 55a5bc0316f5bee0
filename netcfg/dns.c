/* dns.c: a minimal stub resolver: one question, recursion desired, A/AAAA answers read back. */
#include <sys/socket.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dns.h"

static size_t
put_name(uint8_t *p, size_t max, const char *name)
{
	size_t n = 0, l;

	while (*name != '\0') {
		l = strcspn(name, ".");
		if (l == 0 || l > 63 || n + l + 2 > max)
			return 0;
		p[n++] = (uint8_t)l;
		memcpy(p + n, name, l);
		n += l;
		name += l;
		if (*name == '.')
			name++;
	}
	p[n++] = 0;
	return n;
}

static size_t
build_query(uint8_t *p, size_t max, uint16_t id, const char *name, int qtype)
{
	size_t n;

	memset(p, 0, 12);
	p[0] = id >> 8;
	p[1] = id & 0xff;
	p[2] = 0x01;		/* RD */
	p[5] = 1;		/* QDCOUNT */
	if ((n = put_name(p + 12, max - 16, name)) == 0)
		return 0;
	n += 12;
	p[n++] = 0;
	p[n++] = (uint8_t)qtype;
	p[n++] = 0;
	p[n++] = 1;		/* IN */
	return n;
}

/* Offset after the name at off, or 0 when it runs off the message. */
static size_t
skip_name(const uint8_t *p, size_t len, size_t off)
{
	while (off < len) {
		if (p[off] == 0)
			return off + 1;
		if ((p[off] & 0xc0) == 0xc0)
			return off + 2 <= len ? off + 2 : 0;
		off += (size_t)p[off] + 1;
	}
	return 0;
}

static void
read_answers(const uint8_t *p, size_t len, int qtype, struct addr *out,
    int max, int *nout)
{
	size_t off, rdlen;
	int an = p[6] << 8 | p[7], type;

	if ((off = skip_name(p, len, 12)) == 0 || (off += 4) > len)
		return;
	while (an-- > 0 && (off = skip_name(p, len, off)) != 0 &&
	    off + 10 <= len) {
		type = p[off] << 8 | p[off + 1];
		rdlen = (size_t)(p[off + 8] << 8 | p[off + 9]);
		off += 10;
		if (off + rdlen > len)
			return;
		if (type == qtype && *nout < max &&
		    rdlen == (qtype == DNS_A ? 4u : 16u)) {
			memset(&out[*nout], 0, sizeof(out[0]));
			out[*nout].af = qtype == DNS_A ? AF_INET : AF_INET6;
			out[*nout].plen = qtype == DNS_A ? 32 : 128;
			memcpy(out[*nout].a, p + off, rdlen);
			(*nout)++;
		}
		off += rdlen;
	}
}

/* Waits for the answer to id; its length, or -1 with errno set. */
static ssize_t
await(int fd, uint16_t id, uint8_t *buf, size_t max, int timeout_ms)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	ssize_t n;

	for (;;) {
		if (poll(&pfd, 1, timeout_ms) <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if ((n = recv(fd, buf, max, 0)) == -1)
			return -1;
		if (n >= 12 && (buf[0] << 8 | buf[1]) == id && (buf[2] & 0x80))
			return n;
	}
}

int
dns_query(const struct addr *server, const char *name, int qtype,
    int timeout_s, int *rcode, struct addr *out, int max, int *nout)
{
	struct sockaddr_storage ss;
	uint8_t q[300], r[1500];
	uint16_t id;
	socklen_t sl;
	ssize_t n;
	size_t qlen;
	int fd, saved;

	*nout = 0;
	id = (uint16_t)(getpid() ^ time(NULL) ^ (uintptr_t)&id);
	if ((qlen = build_query(q, sizeof(q), id, name, qtype)) == 0) {
		errno = EINVAL;
		return -1;
	}
	if ((fd = socket(server->af, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	sl = addr_sockaddr(server, 53, &ss);
	if (connect(fd, (struct sockaddr *)&ss, sl) == -1 ||
	    send(fd, q, qlen, 0) == -1 ||
	    (n = await(fd, id, r, sizeof(r), timeout_s * 1000)) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	*rcode = r[3] & 0x0f;
	if (*rcode == 0)
		read_answers(r, (size_t)n, qtype, out, max, nout);
	return 0;
}

const char *
dns_rcode_str(int rcode)
{
	static const char *names[] = { "NOERROR", "FORMERR", "SERVFAIL",
	    "NXDOMAIN", "NOTIMP", "REFUSED" };

	return rcode >= 0 && rcode < 6 ? names[rcode] : "an error code";
}
