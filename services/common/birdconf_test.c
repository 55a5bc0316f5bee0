/* birdconf_test.c: bird.conf golden tests (testdata/birdconf/NN.in against NN.ok), each output also parsed by `bird -p`. */
/* SPDX-License-Identifier: ISC */
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

#include "birdconf.h"
#include "golden.h"
#include "nodeconf.h"

#define DATADIR	"services/common/testdata/birdconf"
#define BIRD	"/usr/sbin/bird"

static char *
render(const char *path)
{
	struct nodeconf *nc;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	nc = nodeconf_load(path, stderr);
	if (nc == NULL)
		fail_msg("%s does not parse", path);
	f = open_memstream(&out, &len);
	assert_int_equal(birdconf_render(f, nc, "/var/lib/outpost/bird"), 0);
	fclose(f);
	nodeconf_free(nc);
	return out;
}

/* BIRD itself parses the file (bird -p); exit status of bird. */
static int
bird_parses(const char *text)
{
	char path[] = "/tmp/birdconf_test.XXXXXX";
	char cmd[128];
	int fd, rc;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	snprintf(cmd, sizeof(cmd), BIRD " -p -c %s", path);
	rc = system(cmd);
	unlink(path);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void
check_case(const char *dir, const char *name)
{
	char path[512], *out;
	const char *err;

	snprintf(path, sizeof(path), "%s/%s.in", dir, name);
	out = render(path);
	if ((err = golden_match(dir, name, out)) != NULL)
		fail_msg("%s: %s:\n%s", name, err, out);
	if (access(BIRD, X_OK) == 0 && bird_parses(out) != 0)
		fail_msg("%s: bird -p rejects the output:\n%s", name, out);
	free(out);
}

static void
test_golden(void **state)
{
	(void)state;
	if (access(BIRD, X_OK) != 0)
		printf("note: no " BIRD ": outputs are not parsed by BIRD\n");
	assert_true(golden_each(DATADIR, check_case) >= 4);
}

static const char shared[] =
    "node:\n identity: n\n uplink: eth0\n"
    "tenant:\n name: a\n prefix: 192.0.2.0/24\n prefix: 2001:db8:a::/48\n"
    " address: 192.0.2.1\n address: 2001:db8:a::1\n zone: a.test\n"
    " primary: 198.51.100.34\n tsig-name: k\n"
    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n community: no-export\n"
    "tenant:\n name: b\n prefix: 192.0.2.0/24\n prefix: 192.0.2.0/25\n"
    " address: 192.0.2.2\n zone: b.test\n"
    " primary: 198.51.100.34\n tsig-name: k\n"
    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n community: 64500:7\n"
    " community: no-export\n";

static void
test_prefixes(void **state)
{
	static struct birdconf_prefix v[8];
	struct nodeconf *nc;
	int n;

	(void)state;
	nc = nodeconf_load_buf("t", shared, sizeof(shared) - 1, stderr);
	assert_non_null(nc);
	n = birdconf_prefixes(nc, v, 8);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].proto, "anycast4_192_0_2_0_24");
	assert_string_equal(v[1].proto, "anycast6_2001_db8_a___48");
	assert_string_equal(v[2].proto, "anycast4_192_0_2_0_25");
	assert_int_equal(v[0].ntenants, 2);
	assert_int_equal(v[0].tenants[0], 0);
	assert_int_equal(v[0].tenants[1], 1);
	assert_int_equal(v[0].ncommunities, 2);	/* no-export once */
	assert_int_equal(v[0].communities[0], 0xffffff01);
	assert_int_equal(v[0].communities[1], 64500U << 16 | 7);
	assert_int_equal(v[1].ntenants, 1);
	assert_int_equal(birdconf_prefixes(nc, v, 2), 2);	/* bounded */
	nodeconf_free(nc);
}

static void
test_neighbor_name(void **state)
{
	struct nc_neighbor n = { 0 };
	char name[BIRDCONF_NAME_MAX];

	(void)state;
	assert_null(addr_parse("2001:db8:100:2::1", &n.addr));
	birdconf_neighbor_name(&n, name);
	assert_string_equal(name, "peer6_2001_db8_100_2__1");
	assert_null(addr_parse("198.51.100.17", &n.addr));
	birdconf_neighbor_name(&n, name);
	assert_string_equal(name, "peer4_198_51_100_17");
	/* The longest IPv6 prefix still makes a BIRD symbol. */
	assert_null(prefix_parse("2001:db8:1111:2222:3333:4444:5555:0/112",
	    &n.addr));
	birdconf_neighbor_name(&n, name);
	assert_true(strlen(name) < BIRDCONF_NAME_MAX - 5);
}

static int
only_v6(const char *proto, void *arg)
{
	(void)arg;
	return strncmp(proto, "anycast6_", 9) == 0;
}

/* The live file: the same, each anycast protocol as it is now. */
static void
test_live(void **state)
{
	struct nodeconf *nc;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	nc = nodeconf_load(DATADIR "/01.in", stderr);
	assert_non_null(nc);
	f = open_memstream(&out, &len);
	assert_int_equal(birdconf_render_live(f, nc, NULL, only_v6, NULL), 0);
	fclose(f);
	nodeconf_free(nc);
	assert_non_null(strstr(out, "protocol static anycast4_192_0_2_0_24 "
	    "{\n\tdisabled;\n"));
	assert_non_null(strstr(out, "protocol static anycast6_2001_db8_a___48 "
	    "{\n\tipv6;\n"));
	assert_non_null(strstr(out, "# Live: "));
	if (access(BIRD, X_OK) == 0 && bird_parses(out) != 0)
		fail_msg("bird -p rejects the live output:\n%s", out);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_live),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_neighbor_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
