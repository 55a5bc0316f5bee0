/* dnsprobe_test.c: unit tests of the probe state machine against a tiny DNS responder on loopback. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "clock.h"
#include "dnsprobe.h"

/* The responder: how it answers the query it receives. */
enum mode { ANSWER, REFUSE, SILENT, QUERY_BACK };

struct server {
	int		 lfd;		/* UDP socket, or TCP listener */
	int		 cfd;		/* accepted TCP connection */
	int		 tcp;
	enum mode	 mode;
	unsigned	 port;
};

static void
server_open(struct server *s, int tcp, enum mode mode)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);

	memset(s, 0, sizeof(*s));
	s->tcp = tcp;
	s->mode = mode;
	s->cfd = -1;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->lfd = socket(AF_INET, tcp ? SOCK_STREAM : SOCK_DGRAM, 0);
	assert_true(s->lfd >= 0);
	assert_int_equal(bind(s->lfd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	if (tcp)
		assert_int_equal(listen(s->lfd, 4), 0);
	assert_int_equal(getsockname(s->lfd, (struct sockaddr *)&sin, &len), 0);
	s->port = ntohs(sin.sin_port);
}

static void
server_close(struct server *s)
{
	if (s->cfd >= 0)
		close(s->cfd);
	close(s->lfd);
}

/* Turns the query in q (n octets) into the answer the mode asks for. */
static size_t
make_answer(enum mode mode, uint8_t *q, size_t n)
{
	static const uint8_t soa[] = {
		0xc0, 0x0c, 0, 6, 0, 1, 0, 0, 0x0e, 0x10, 0, 24,
		0xc0, 0x0c, 0xc0, 0x0c,
		0, 0, 0, 42, 0, 0, 0x0e, 0x10, 0, 0, 0, 1,
		0, 0, 0, 1, 0, 0, 0, 1,
	};

	if (mode == QUERY_BACK)
		return n;
	q[2] = 0x84;			/* QR, AA */
	q[3] = mode == REFUSE ? 5 : 0;
	q[7] = mode == REFUSE ? 0 : 1;	/* ANCOUNT */
	q[11] = 0;			/* drop the OPT record */
	n -= 11;
	if (mode == ANSWER) {
		memcpy(q + n, soa, sizeof(soa));
		n += sizeof(soa);
	}
	return n;
}

static void
server_udp(struct server *s)
{
	uint8_t buf[512];
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof(from);
	ssize_t n;

	n = recvfrom(s->lfd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
	    &fromlen);
	assert_true(n > 12);
	if (s->mode == SILENT)
		return;
	n = (ssize_t)make_answer(s->mode, buf, (size_t)n);
	sendto(s->lfd, buf, (size_t)n, 0, (struct sockaddr *)&from, fromlen);
}

/* Answers over TCP in two writes, to exercise reassembly. */
static void
server_tcp(struct server *s)
{
	uint8_t buf[514];
	ssize_t n;
	size_t len;

	if (s->cfd < 0) {
		s->cfd = accept(s->lfd, NULL, NULL);
		return;
	}
	n = recv(s->cfd, buf, sizeof(buf), 0);
	if (n <= 2 || s->mode == SILENT)
		return;
	len = make_answer(s->mode, buf + 2, (size_t)n - 2);
	buf[0] = (uint8_t)(len >> 8);
	buf[1] = (uint8_t)len;
	assert_int_equal(write(s->cfd, buf, 3), 3);
	usleep(20000);
	assert_int_equal(write(s->cfd, buf + 3, len - 1), (ssize_t)len - 1);
}

/* Runs the probe to its end, serving it meanwhile. */
static void
run(struct dnsprobe *p, struct server *s)
{
	struct pollfd pfd[2];

	while (dnsprobe_busy(p)) {
		pfd[0] = (struct pollfd){ p->fd, dnsprobe_events(p), 0 };
		pfd[1] = (struct pollfd){ s->cfd >= 0 ? s->cfd : s->lfd,
		    POLLIN, 0 };
		assert_true(poll(pfd, 2, 50) >= 0);
		if (pfd[1].revents)
			(s->tcp ? server_tcp : server_udp)(s);
		dnsprobe_io(p, pfd[0].revents, now_ms());
		dnsprobe_check_timeout(p, now_ms());
	}
}

static void
probe(struct dnsprobe *p, int tcp, enum mode mode, int64_t timeout)
{
	struct addr a = { .af = AF_INET, .a = { 127, 0, 0, 1 }, .plen = 32 };
	struct server s;

	server_open(&s, tcp, mode);
	dnsprobe_init(p);
	dnsprobe_start(p, &a, s.port, tcp, "example.test.", timeout, now_ms());
	run(p, &s);
	server_close(&s);
	assert_int_equal(p->state, DP_DONE);
	assert_int_equal(p->fd, -1);
}

static void
test_answers(void **state)
{
	static struct dnsprobe p;
	int tcp;

	(void)state;
	for (tcp = 0; tcp < 2; tcp++) {
		probe(&p, tcp, ANSWER, 1000);
		assert_true(p.ok);
		assert_true(p.ans.aa);
		assert_true(p.ans.has_soa);
		assert_int_equal(p.ans.serial, 42);
		assert_int_equal(p.ans.refresh, 3600);
	}
}

static void
test_refused(void **state)
{
	static struct dnsprobe p;
	int tcp;

	(void)state;
	for (tcp = 0; tcp < 2; tcp++) {
		probe(&p, tcp, REFUSE, 1000);
		assert_false(p.ok);
		assert_string_equal(p.reason, "REFUSED");
	}
}

static void
test_query_echoed(void **state)
{
	static struct dnsprobe p;

	(void)state;
	probe(&p, 0, QUERY_BACK, 1000);
	assert_false(p.ok);
	assert_string_equal(p.reason, "not a response (QR clear)");
}

static void
test_timeout(void **state)
{
	static struct dnsprobe p;
	int tcp;

	(void)state;
	for (tcp = 0; tcp < 2; tcp++) {
		probe(&p, tcp, SILENT, 100);
		assert_false(p.ok);
		assert_string_equal(p.reason, "timeout");
		assert_true(p.finished - p.started >= 100);
	}
}

/* Nobody listening: refused at once, no waiting for the timeout. */
static void
test_nobody(void **state)
{
	struct addr a = { .af = AF_INET, .a = { 127, 0, 0, 1 }, .plen = 32 };
	static struct dnsprobe p;
	struct server s;
	unsigned port;
	int tcp;

	(void)state;
	for (tcp = 0; tcp < 2; tcp++) {
		server_open(&s, tcp, SILENT);
		port = s.port;
		server_close(&s);
		dnsprobe_init(&p);
		dnsprobe_start(&p, &a, port, tcp, ".", 5000, now_ms());
		while (dnsprobe_busy(&p)) {
			struct pollfd pfd = { p.fd, dnsprobe_events(&p), 0 };

			assert_true(poll(&pfd, 1, 1000) >= 0);
			dnsprobe_io(&p, pfd.revents, now_ms());
			dnsprobe_check_timeout(&p, now_ms());
		}
		assert_false(p.ok);
		assert_string_equal(p.reason, strerror(ECONNREFUSED));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_query_echoed),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_nobody),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
