/* bindguard_test.c: the bind guard decides real binds of a process in a temporary v2 cgroup (needs root and a v2 tree). */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "bindguard.h"
#include "nodeconf.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC	0x63677270
#endif

static const char conf[] =
    "node:\n identity: node1.lab\n nsid: n1\n uplink: eth0\n"
    " uplink-address: 198.51.100.18/28\n uplink-address: 2001:db8:100:2::2/64\n"
    "tenant:\n name: root\n notify-port: 5301\n prefix: 192.0.2.0/24\n prefix: 2001:db8:a::/48\n"
    " address: 192.0.2.1\n address: 2001:db8:a::1\n zone: .\n"
    " primary: 198.51.100.34\n tsig-name: root-xfr\n"
    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n";

static char cgpath[256];	/* the temporary cgroup */
static int cgfd = -1;

static int
is_v2(const char *path)
{
	struct statfs sfs;

	return statfs(path, &sfs) == 0 && sfs.f_type == CGROUP2_SUPER_MAGIC;
}

/* A temporary cgroup below the host's v2 tree, and the guard on it. */
static int
setup(void **state)
{
	const char *root = is_v2("/sys/fs/cgroup") ? "/sys/fs/cgroup" :
	    "/sys/fs/cgroup/unified";
	struct bindguard_key keys[BINDGUARD_MAX_ENTRIES];
	struct nodeconf *nc;
	char why[256];
	int n;

	(void)state;
	if (geteuid() != 0 || !is_v2(root))
		return 0;	/* the tests skip */
	snprintf(cgpath, sizeof(cgpath), "%s/outpost-bindguard-test.%ld",
	    root, (long)getpid());
	if (mkdir(cgpath, 0755) < 0 ||
	    (cgfd = open(cgpath, O_DIRECTORY | O_RDONLY)) < 0)
		return -1;
	nc = nodeconf_load_buf("t", conf, sizeof(conf) - 1, stderr);
	if (nc == NULL)
		return -1;
	n = bindguard_keys(nc, &nc->tenants[0], keys, BINDGUARD_MAX_ENTRIES);
	nodeconf_free(nc);
	if (bindguard_attach(cgfd, keys, n, why, sizeof(why)) < 0) {
		fprintf(stderr, "cannot load bind guard: %s\n", why);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (cgfd >= 0) {
		bindguard_detach(cgfd);
		close(cgfd);
		rmdir(cgpath);
	}
	return 0;
}

/* In a child in the cgroup and a network namespace of its own: bind's errno, 0 if it bound. */
static int
try_bind(int type, const char *addr, unsigned port)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	char procs[300];
	int fd, one = 1, status, af = strchr(addr, ':') ? AF_INET6 : AF_INET;
	socklen_t len;
	pid_t pid;

	if ((pid = fork()) < 0)
		return -1;
	if (pid > 0) {
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
			return -1;
		return WEXITSTATUS(status);
	}
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cgpath);
	if ((fd = open(procs, O_WRONLY)) < 0 || write(fd, "0", 1) != 1 ||
	    unshare(CLONE_NEWNET) < 0)
		_exit(255);
	close(fd);
	memset(&ss, 0, sizeof(ss));
	if (af == AF_INET) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		inet_pton(AF_INET, addr, &sin->sin_addr);
		len = sizeof(*sin);
	} else {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		inet_pton(AF_INET6, addr, &sin6->sin6_addr);
		len = sizeof(*sin6);
	}
	if ((fd = socket(af, type, 0)) < 0)
		_exit(254);
	/* Not configured in this namespace: bind anyway (NSD's ip-freebind). */
	setsockopt(fd, af == AF_INET ? IPPROTO_IP : IPPROTO_IPV6,
	    af == AF_INET ? IP_FREEBIND : IPV6_FREEBIND, &one, sizeof(one));
	_exit(bind(fd, (struct sockaddr *)&ss, len) == 0 ? 0 : errno);
}

#define NEED_GUARD() do {					\
	if (cgfd < 0)						\
		skip();						\
} while (0)

static void
test_own_addresses(void **state)
{
	(void)state;
	NEED_GUARD();
	assert_int_equal(try_bind(SOCK_DGRAM, "192.0.2.1", 53), 0);
	assert_int_equal(try_bind(SOCK_STREAM, "192.0.2.1", 53), 0);
	assert_int_equal(try_bind(SOCK_DGRAM, "2001:db8:a::1", 53), 0);
	assert_int_equal(try_bind(SOCK_STREAM, "2001:db8:a::1", 53), 0);
	assert_int_equal(try_bind(SOCK_DGRAM, "::ffff:192.0.2.1", 53), 0);
}

/* The NOTIFY port on the uplink addresses, and only that port there. */
static void
test_notify_port(void **state)
{
	(void)state;
	NEED_GUARD();
	assert_int_equal(try_bind(SOCK_DGRAM, "198.51.100.18", 5301), 0);
	assert_int_equal(try_bind(SOCK_STREAM, "198.51.100.18", 5301), 0);
	assert_int_equal(try_bind(SOCK_DGRAM, "2001:db8:100:2::2", 5301), 0);
	assert_int_equal(try_bind(SOCK_STREAM, "2001:db8:100:2::2", 5301), 0);
	assert_int_equal(try_bind(SOCK_DGRAM, "198.51.100.18", 53), EPERM);
	assert_int_equal(try_bind(SOCK_STREAM, "198.51.100.18", 179), EPERM);
	assert_int_equal(try_bind(SOCK_DGRAM, "198.51.100.18", 5302), EPERM);
	assert_int_equal(try_bind(SOCK_DGRAM, "2001:db8:100:2::2", 53), EPERM);
	assert_int_equal(try_bind(SOCK_DGRAM, "192.0.2.1", 5301), EPERM);
	assert_int_equal(try_bind(SOCK_DGRAM, "0.0.0.0", 5301), EPERM);
}

static void
test_outgoing(void **state)
{
	(void)state;
	NEED_GUARD();
	assert_int_equal(try_bind(SOCK_DGRAM, "0.0.0.0", 0), 0);
	assert_int_equal(try_bind(SOCK_STREAM, "::", 0), 0);
	assert_int_equal(try_bind(SOCK_DGRAM, "192.0.2.1", 0), 0);
}

static void
test_refused(void **state)
{
	(void)state;
	NEED_GUARD();
	/* another tenant's address, BGP, a wildcard, another port */
	assert_int_equal(try_bind(SOCK_DGRAM, "203.0.113.1", 53), EPERM);
	assert_int_equal(try_bind(SOCK_STREAM, "2001:db8:b::1", 53), EPERM);
	assert_int_equal(try_bind(SOCK_DGRAM, "::ffff:203.0.113.1", 53),
	    EPERM);
	assert_int_equal(try_bind(SOCK_STREAM, "192.0.2.1", 179), EPERM);
	assert_int_equal(try_bind(SOCK_STREAM, "0.0.0.0", 179), EPERM);
	assert_int_equal(try_bind(SOCK_DGRAM, "0.0.0.0", 53), EPERM);
	assert_int_equal(try_bind(SOCK_DGRAM, "::", 53), EPERM);
	assert_int_equal(try_bind(SOCK_DGRAM, "192.0.2.1", 5353), EPERM);
	assert_int_equal(try_bind(SOCK_DGRAM, "192.0.2.2", 0), EPERM);
}

/* A second guard (as after a crash) replaces the first: never stacked. */
static void
test_replaced(void **state)
{
	struct bindguard_key k[2];
	char why[256];

	(void)state;
	NEED_GUARD();
	assert_int_equal(bindguard_count(cgfd), 2);
	memset(k, 0, sizeof(k));
	k[0].family = BINDGUARD_AF_INET;
	k[0].port = 179;
	assert_int_equal(bindguard_attach(cgfd, k, 1, why, sizeof(why)), 0);
	assert_int_equal(bindguard_count(cgfd), 2);
	assert_int_equal(try_bind(SOCK_STREAM, "0.0.0.0", 179), 0);
	assert_int_equal(try_bind(SOCK_DGRAM, "192.0.2.1", 53), EPERM);
	/* and off: the kernel decides alone */
	assert_int_equal(bindguard_detach(cgfd), 2);
	assert_int_equal(bindguard_count(cgfd), 0);
	assert_int_equal(try_bind(SOCK_DGRAM, "203.0.113.1", 53), 0);
}

/* Not a cgroup: the guard cannot attach, and says why. */
static void
test_cannot_attach(void **state)
{
	struct bindguard_key k;
	char why[256] = "";
	int fd;

	(void)state;
	NEED_GUARD();
	memset(&k, 0, sizeof(k));
	assert_true((fd = open("/", O_DIRECTORY | O_RDONLY)) >= 0);
	assert_int_equal(bindguard_attach(fd, &k, 1, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "attach: "));
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_addresses),
		cmocka_unit_test(test_notify_port),
		cmocka_unit_test(test_outgoing),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_replaced),
		cmocka_unit_test(test_cannot_attach),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
