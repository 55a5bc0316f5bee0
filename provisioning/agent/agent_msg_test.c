/* agent_msg_test.c: the parent/child message framing: whole messages, one octet at a time, several in one read, oversize, unknown type, end of file. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <sys/wait.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "agent_msg.h"

static void
hdr(uint8_t *b, uint32_t type, uint32_t len)
{
	b[0] = type >> 24; b[1] = type >> 16; b[2] = type >> 8; b[3] = type;
	b[4] = len >> 24; b[5] = len >> 16; b[6] = len >> 8; b[7] = len;
}

static void
test_parse_whole(void **state)
{
	uint8_t b[16];
	struct agent_msg m;
	size_t used;
	char err[128];

	(void)state;
	hdr(b, MSG_NET_DOWN, 3);
	memcpy(b + 8, "why", 3);
	assert_int_equal(agent_msg_parse(b, 11, &m, &used, err, sizeof(err)), 1);
	assert_int_equal(m.type, MSG_NET_DOWN);
	assert_int_equal(m.len, 3);
	assert_memory_equal(m.data, "why", 3);
	assert_int_equal(used, 11);
	/* Empty payload. */
	hdr(b, MSG_NET_UP, 0);
	assert_int_equal(agent_msg_parse(b, 8, &m, &used, err, sizeof(err)), 1);
	assert_int_equal(m.len, 0);
}

static void
test_parse_partial(void **state)
{
	uint8_t b[16];
	struct agent_msg m;
	size_t used, i;
	char err[128];

	(void)state;
	hdr(b, MSG_NET_DOWN, 3);
	memcpy(b + 8, "why", 3);
	for (i = 0; i < 11; i++)
		assert_int_equal(agent_msg_parse(b, i, &m, &used, err,
		    sizeof(err)), 0);
}

static void
test_parse_unknown(void **state)
{
	uint8_t b[8];
	struct agent_msg m;
	size_t used;
	char err[128];

	(void)state;
	hdr(b, 0, 0);
	assert_int_equal(agent_msg_parse(b, 8, &m, &used, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown type 0"));
	hdr(b, MSG_TYPE_END, 0);
	assert_int_equal(agent_msg_parse(b, 8, &m, &used, err, sizeof(err)), -1);
	hdr(b, 0xffffffff, 0);
	assert_int_equal(agent_msg_parse(b, 8, &m, &used, err, sizeof(err)), -1);
	assert_int_equal(agent_msg_limit(0), 0);
	assert_int_equal(agent_msg_limit(MSG_TYPE_END), 0);
}

static void
test_parse_oversize(void **state)
{
	uint8_t b[8];
	struct agent_msg m;
	size_t used;
	char err[128];

	(void)state;
	/* Refused from the header alone, before the payload arrives. */
	hdr(b, MSG_SIGN_REP, agent_msg_limit(MSG_SIGN_REP) + 1);
	assert_int_equal(agent_msg_parse(b, 8, &m, &used, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "more than its"));
	hdr(b, MSG_NET_UP, 1);
	assert_int_equal(agent_msg_parse(b, 8, &m, &used, err, sizeof(err)), -1);
	hdr(b, MSG_BUNDLE, 0xffffffff);
	assert_int_equal(agent_msg_parse(b, 8, &m, &used, err, sizeof(err)), -1);
	/* Nor sent. */
	assert_int_equal(agent_msg_send(-1, MSG_NET_UP, "x", 1), -1);
	assert_int_equal(agent_msg_send(-1, 99, "", 0), -1);
}

/* Over a socket pair: written one octet at a time, read back whole. */
static void
test_rbuf_octets(void **state)
{
	struct agent_rbuf rb = { 0 };
	struct agent_msg m;
	uint8_t b[64];
	char err[128];
	int sp[2], i;

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	hdr(b, MSG_SIGN_REP, 5);
	memcpy(b + 8, "hello", 5);
	for (i = 0; i < 13; i++) {
		assert_int_equal(agent_rbuf_next(&rb, &m, err, sizeof(err)), 0);
		assert_int_equal(write(sp[0], b + i, 1), 1);
		assert_int_equal(agent_rbuf_fill(&rb, sp[1]), 1);
	}
	assert_int_equal(agent_rbuf_next(&rb, &m, err, sizeof(err)), 1);
	assert_int_equal(m.type, MSG_SIGN_REP);
	assert_memory_equal(m.data, "hello", 5);
	assert_int_equal(agent_rbuf_next(&rb, &m, err, sizeof(err)), 0);
	close(sp[0]);
	assert_int_equal(agent_rbuf_fill(&rb, sp[1]), 0);
	close(sp[1]);
	agent_rbuf_free(&rb);
}

/* Several in one read; wait() hands the others to their handler. */
static int others;
static void
other(const struct agent_msg *m, void *arg)
{
	(void)arg;
	assert_int_equal(m->type, MSG_STATUS);
	others++;
}

static void
test_wait(void **state)
{
	struct agent_rbuf rb = { 0 };
	struct agent_msg m;
	char err[128];
	int sp[2];

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	assert_int_equal(agent_msg_send(sp[0], MSG_STATUS, "{}", 2), 0);
	assert_int_equal(agent_msg_send(sp[0], MSG_STATUS, "{ }", 3), 0);
	assert_int_equal(agent_msg_send(sp[0], MSG_SIGN_REP, "Outpost x", 9),
	    0);
	assert_int_equal(agent_msg_send(sp[0], MSG_NET_UP, NULL, 0), 0);
	others = 0;
	assert_int_equal(agent_msg_wait(sp[1], &rb, MSG_SIGN_REP, &m, other,
	    NULL, err, sizeof(err)), 1);
	assert_int_equal(others, 2);
	assert_memory_equal(m.data, "Outpost x", 9);
	assert_int_equal(agent_rbuf_next(&rb, &m, err, sizeof(err)), 1);
	assert_int_equal(m.type, MSG_NET_UP);
	/* A bad message on the way ends the wait. */
	hdr((uint8_t *)err, 77, 0);
	assert_int_equal(write(sp[0], err, 8), 8);
	assert_int_equal(agent_msg_wait(sp[1], &rb, MSG_SIGN_REP, &m, other,
	    NULL, err, sizeof(err)), -1);
	close(sp[0]);
	close(sp[1]);
	agent_rbuf_free(&rb);
}

/* The largest bundle passes through whole. */
static void
test_large(void **state)
{
	struct agent_rbuf rb = { 0 };
	struct agent_msg m;
	char err[128];
	uint8_t *big;
	size_t n = agent_msg_limit(MSG_BUNDLE);
	int sp[2], st;
	pid_t pid;

	(void)state;
	assert_non_null(big = malloc(n));
	memset(big, 'b', n);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	if ((pid = fork()) == 0) {
		close(sp[1]);
		_exit(agent_msg_send(sp[0], MSG_BUNDLE, big, n) == 0 ? 0 : 1);
	}
	close(sp[0]);
	assert_int_equal(agent_msg_wait(sp[1], &rb, MSG_BUNDLE, &m, NULL, NULL,
	    err, sizeof(err)), 1);
	assert_int_equal(m.len, n);
	assert_memory_equal(m.data, big, n);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_int_equal(st, 0);
	close(sp[1]);
	agent_rbuf_free(&rb);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_whole),
		cmocka_unit_test(test_parse_partial),
		cmocka_unit_test(test_parse_unknown),
		cmocka_unit_test(test_parse_oversize),
		cmocka_unit_test(test_rbuf_octets),
		cmocka_unit_test(test_wait),
		cmocka_unit_test(test_large),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
