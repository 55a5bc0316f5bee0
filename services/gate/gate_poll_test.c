/* gate_poll_test.c: unit tests of the gate's poll set: a SIGHUP that shrinks (or grows) the probe table while probes are in flight; built with AddressSanitizer. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fileutil.h"
#include "gate.h"
#include "gate_poll.h"
#include "log.h"

const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "detect_leaks=0";	/* LeakSanitizer needs ptrace */
}

#define TENANT(n, a1, a2) \
    "tenant:\n name: " n "\n prefix: " a1 "/32\n prefix: " a2 "/32\n" \
    " address: " a1 "\n address: " a2 "\n zone: " n "x.test\n zone: " n "y.test\n" \
    " primary: 198.51.100.34\n tsig-name: k\n" \
    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n"
#define HEAD \
    "node:\n identity: n\n uplink: eth0\n uplink-address: 198.51.100.2/24\n" \
    "bgp:\n asn: 64500\n" \
    "neighbor:\n address: 198.51.100.1\n asn: 64496\n"

/* 3 tenants x 2 addresses x 2 zones x {udp, tcp}, and 2 primaries each. */
static const char big[] = HEAD TENANT("a", "192.0.2.1", "192.0.2.2")
    TENANT("b", "192.0.2.3", "192.0.2.4") TENANT("c", "192.0.2.5",
    "192.0.2.6");
static const char small[] = HEAD TENANT("b", "192.0.2.3", "192.0.2.4");

static struct gate g;
static struct gate_poll ps;
static char dir[] = "/tmp/gate_poll_test.XXXXXX", conf[PATH_MAX];
static int sigpipe[2], peers[256], npeers, signals_seen;

/* The test's own handlers of what is not a probe. */
void
gate_signal(struct gate *gp, int64_t now)
{
	char c;

	while (read(gp->sigfd, &c, 1) == 1)
		;
	signals_seen++;
	assert_int_equal(gate_reload(gp, now), 0);
}

void
gate_node_io(struct gate *gp, short revents, int64_t now)
{
	(void)gp;
	(void)revents;
	(void)now;
	fail_msg("no link to outpost-node in this test");
}

short
gate_node_events(const struct gate *gp)
{
	(void)gp;
	return POLLIN;
}

static void
write_conf(const char *text)
{
	assert_int_equal(file_write_atomic(conf, text, strlen(text), 0644,
	    (uid_t)-1, (gid_t)-1), 0);
}

/* p waits for an answer on a datagram socketpair; ready: one is there. */
static void
in_flight(struct dnsprobe *p, int ready)
{
	int sp[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0,
	    sp), 0);
	p->fd = sp[0];
	p->tcp = 0;
	p->state = DP_RECEIVING;
	p->deadline = INT64_MAX;
	if (ready)
		assert_int_equal(write(sp[1], "not dns", 7), 7);
	assert_true(npeers < (int)(sizeof(peers) / sizeof(peers[0])));
	peers[npeers++] = sp[1];
}

/* Every probe of every tenant in flight, every other one answered. */
static int
all_in_flight(void)
{
	int i, j, n = 0;

	for (i = 0; i < g.ntenants; i++) {
		struct gtenant *t = &g.tenants[i];

		for (j = 0; j < t->nslots; j++, n++)
			in_flight(&t->slots[j].probe, n % 2);
		for (j = 0; j < t->nc->nzones; j++, n++)
			in_flight(&t->zones[j].probe, n % 2);
	}
	return n;
}

static int
setup(void **state)
{
	(void)state;
	memset(&g, 0, sizeof(g));
	npeers = signals_seen = 0;
	strcpy(dir, "/tmp/gate_poll_test.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(conf, sizeof(conf), "%s/node.conf", dir);
	snprintf(g.live_path, sizeof(g.live_path), "%s/bird.live.conf", dir);
	snprintf(g.live_bird, sizeof(g.live_bird), "%s", g.live_path);
	write_conf(big);
	g.conf_path = conf;
	assert_non_null(g.nc = nodeconf_load(conf, stderr));
	g.msgfd = -1;
	assert_int_equal(pipe2(sigpipe, O_NONBLOCK), 0);
	g.sigfd = sigpipe[0];
	birdctl_init(&g.bc, "/nonexistent");
	assert_non_null(g.tenants = gate_tenants_new(g.nc, 1000));
	g.ntenants = g.nc->ntenants;
	assert_int_equal(gate_prefix_init(&g), 0);
	return 0;
}

static int
teardown(void **state)
{
	int i;

	(void)state;
	gate_tenants_free(g.tenants, g.ntenants);
	free(g.prefixes);
	nodeconf_free(g.nc);
	gate_poll_free(&ps);
	for (i = 0; i < npeers; i++)
		close(peers[i]);
	close(sigpipe[0]);
	close(sigpipe[1]);
	unlink(conf);
	unlink(g.live_path);
	rmdir(dir);
	return 0;
}

/* poll(2) over the set: n descriptors in it, how many ready. */
static int
poll_set(size_t n)
{
	gate_poll_build(&ps, &g);
	assert_int_equal(ps.n, n);
	return poll(ps.pfds, (nfds_t)ps.n, 0);
}

static void
test_shrink_in_flight(void **state)
{
	int probes;

	(void)state;
	probes = all_in_flight();
	assert_int_equal(probes, 3 * (2 * 2 * 2 + 2));
	assert_int_equal(poll_set(1 + (size_t)probes), probes / 2);
	/* SIGHUP with one tenant left, in the same poll as the answers. */
	write_conf(small);
	assert_int_equal(write(sigpipe[1], "h", 1), 1);
	assert_int_equal(poll_set(1 + (size_t)probes), probes / 2 + 1);
	gate_poll_dispatch(&ps, &g, 2000);
	assert_int_equal(signals_seen, 1);
	assert_int_equal(g.ntenants, 1);
	assert_string_equal(g.tenants[0].nc->name, "b");
	assert_int_equal(ps.n, 0);
	/* The new table: nothing in flight, then its own probes. */
	assert_int_equal(poll_set(1), 0);
	probes = all_in_flight();
	assert_int_equal(probes, 2 * 2 * 2 + 2);
	assert_int_equal(poll_set(1 + (size_t)probes), probes / 2);
	gate_poll_dispatch(&ps, &g, 3000);
	assert_int_equal(poll_set(1 + (size_t)probes / 2), 0);
}

static void
test_grow_in_flight(void **state)
{
	int probes;

	(void)state;
	write_conf(small);
	assert_int_equal(write(sigpipe[1], "h", 1), 1);
	assert_int_equal(poll_set(1), 1);
	gate_poll_dispatch(&ps, &g, 2000);
	assert_int_equal(g.ntenants, 1);
	probes = all_in_flight();
	write_conf(big);
	assert_int_equal(write(sigpipe[1], "h", 1), 1);
	assert_int_equal(poll_set(1 + (size_t)probes), probes / 2 + 1);
	gate_poll_dispatch(&ps, &g, 3000);
	assert_int_equal(g.ntenants, 3);
	probes = all_in_flight();
	assert_int_equal(poll_set(1 + (size_t)probes), probes / 2);
	gate_poll_dispatch(&ps, &g, 4000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_shrink_in_flight, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_grow_in_flight, setup,
		    teardown),
	};

	log_init("gate_poll_test", NULL, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
