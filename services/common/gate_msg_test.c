/* gate_msg_test.c: unit tests of the node-gate framing: whole frames through partial writes, a full queue, a stream cut mid-frame, an oversize length. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "gate_msg.h"

static uint8_t payload[GATE_MSG_MAX];

static void
pair(int sp[2], int small)
{
	int sz = 4096;

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	assert_int_equal(fcntl(sp[0], F_SETFL, O_NONBLOCK), 0);
	assert_int_equal(fcntl(sp[1], F_SETFL, O_NONBLOCK), 0);
	if (small) {
		setsockopt(sp[0], SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
		setsockopt(sp[1], SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	}
}

static void
fill(uint8_t *p, size_t len, uint8_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(seed + i * 7);
}

/* Three big frames through a small socket: sent in many pieces, whole. */
static void
test_partial_writes(void **state)
{
	static struct gate_msgbuf mb;
	static uint8_t want[GATE_MSG_MAX], got[GATE_MSG_MAX];
	struct gate_msgq q = { 0 };
	struct gate_msg_hdr h;
	int sp[2], frames = 0, flushes = 0, rc;
	const size_t len = 60000;

	(void)state;
	pair(sp, 1);
	fill(want, len, 1);
	assert_int_equal(gate_msg_queue(&q, GATE_STATUS, want, len), 0);
	fill(want, len, 2);
	assert_int_equal(gate_msg_queue(&q, GATE_STATUS, want, len), 0);
	assert_int_equal(gate_msg_queue(&q, GATE_DRAINED, "ok", 2), 0);
	while (frames < 3) {
		assert_int_equal(gate_msg_flush(sp[0], &q), 0);
		flushes++;
		if (gate_msg_read(sp[1], &mb) < 0)
			assert_true(errno == EAGAIN);
		while ((rc = gate_msg_get(&mb, &h, got)) == 1) {
			frames++;
			if (frames < 3) {
				assert_int_equal(h.type, GATE_STATUS);
				assert_int_equal(h.len, len);
				fill(want, len, (uint8_t)frames);
				assert_memory_equal(got, want, len);
			} else {
				assert_int_equal(h.type, GATE_DRAINED);
				assert_int_equal(h.len, 2);
				assert_memory_equal(got, "ok", 2);
			}
		}
		assert_int_equal(rc, 0);
		assert_true(flushes < 100000);
	}
	assert_true(flushes > 2);	/* the socket took it piecewise */
	assert_int_equal(gate_msg_pending(&q), 0);
	gate_msgq_clear(&q);
	close(sp[0]);
	close(sp[1]);
}

/* A full queue refuses the next message whole: no half frame queued. */
static void
test_queue_full(void **state)
{
	struct gate_msgq q = { 0 };
	size_t before;
	int n = 0;

	(void)state;
	while (gate_msg_queue(&q, GATE_STATUS, payload, GATE_MSG_MAX) == 0)
		n++;
	assert_int_equal(errno, ENOBUFS);
	assert_int_equal(n, 4);	/* four whole frames at most */
	before = gate_msg_pending(&q);
	assert_int_equal(gate_msg_queue(&q, GATE_STATUS, payload, 100000), -1);
	assert_int_equal(errno, EMSGSIZE);
	assert_int_equal(gate_msg_pending(&q), before);
	assert_int_equal(gate_msg_queue(&q, GATE_DRAIN, NULL, 0), -1);
	assert_int_equal(errno, ENOBUFS);
	assert_int_equal(gate_msg_pending(&q), before);
	gate_msgq_clear(&q);
	assert_int_equal(gate_msg_queue(&q, GATE_DRAIN, NULL, 0), 0);
	assert_int_equal(gate_msg_pending(&q), sizeof(struct gate_msg_hdr));
	gate_msgq_clear(&q);
	assert_int_equal(gate_msg_pending(&q), 0);
}

/* The peer gone: flush says so (a broken link), never blocks. */
static void
test_peer_gone(void **state)
{
	struct gate_msgq q = { 0 };
	int sp[2];

	(void)state;
	pair(sp, 0);
	close(sp[1]);
	assert_int_equal(gate_msg_queue(&q, GATE_DRAIN, NULL, 0), 0);
	assert_int_equal(gate_msg_flush(sp[0], &q), -1);
	assert_int_equal(errno, EPIPE);
	gate_msgq_clear(&q);
	close(sp[0]);
}

/* Half a frame, then end of file: no message, the rest still buffered. */
static void
test_cut_mid_frame(void **state)
{
	static struct gate_msgbuf mb;
	struct gate_msg_hdr h = { GATE_STATUS, 100 };
	uint8_t buf[sizeof(h) + 50];
	int sp[2];

	(void)state;
	pair(sp, 0);
	memcpy(buf, &h, sizeof(h));
	memset(buf + sizeof(h), 'x', 50);
	assert_int_equal(write(sp[1], buf, sizeof(buf)), (ssize_t)sizeof(buf));
	close(sp[1]);
	assert_int_equal(gate_msg_read(sp[0], &mb), (long)sizeof(buf));
	assert_int_equal(gate_msg_get(&mb, &h, payload), 0);
	assert_int_equal(gate_msg_read(sp[0], &mb), 0);	/* end of file */
	assert_int_equal(mb.len, sizeof(buf));		/* cut mid-frame */
	close(sp[0]);
}

static void
test_oversize_length(void **state)
{
	static struct gate_msgbuf mb;
	struct gate_msg_hdr h = { GATE_STATUS, GATE_MSG_MAX + 1 };

	(void)state;
	memcpy(mb.buf, &h, sizeof(h));
	mb.len = sizeof(h);
	assert_int_equal(gate_msg_get(&mb, &h, payload), -1);
	h.len = GATE_MSG_MAX;
	memcpy(mb.buf, &h, sizeof(h));
	assert_int_equal(gate_msg_get(&mb, &h, payload), 0);	/* not yet */
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(gate_msg_name(GATE_TENANT_DOWN), "TENANT_DOWN");
	assert_string_equal(gate_msg_name(999), "type 999");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partial_writes),
		cmocka_unit_test(test_queue_full),
		cmocka_unit_test(test_peer_gone),
		cmocka_unit_test(test_cut_mid_frame),
		cmocka_unit_test(test_oversize_length),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
