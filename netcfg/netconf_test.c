/* netconf_test.c: golden tests of the network.conf parser and printer (netcfg/testdata/NN.in -> NN.ok). */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "golden.h"
#include "netconf.h"

/* Errors, or the printed form when the file is good. */
static int
render(FILE *f, const char *name, const char *buf, size_t len)
{
	struct netconf *nc;

	if ((nc = netconf_load_buf(name, buf, len, f)) == NULL)
		return 0;
	netconf_print(f, nc);
	netconf_free(nc);
	return 1;
}

static void
test_golden(void **state)
{
	const char *root = getenv("OUTPOST_ROOT");
	char dir[512];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/netcfg/testdata", root ? root : ".");
	assert_true(golden_run(dir, render) > 10);
}

static void
check_bad(const char *s, int af, const char *want)
{
	struct addr a;
	const char *err = netconf_check_ifaddr(s, af, &a);

	if (want == NULL) {
		assert_null(err);
		return;
	}
	assert_non_null(err);
	assert_non_null(strstr(err, want));
}

static void
test_ifaddr(void **state)
{
	(void)state;
	check_bad("192.0.2.10/24", AF_INET, NULL);
	check_bad("192.0.2.0/24", AF_INET, "network address");
	check_bad("192.0.2.255/24", AF_INET, "broadcast");
	check_bad("192.0.2.0/31", AF_INET, NULL);
	check_bad("192.0.2.10", AF_INET, "prefix length");
	check_bad("192.0.2.10/33", AF_INET, "outside 1 to 32");
	check_bad("2001:db8::1/64", AF_INET, "not an IPv4");
	check_bad("2001:db8::1/64", AF_INET6, NULL);
	check_bad("fe80::1/64", AF_INET6, "link-local");
	check_bad("ff02::1/64", AF_INET6, "multicast");
	check_bad("300.1.2.3/24", AF_INET, "not a valid IPv4");
}

static void
check_url(const char *s, const char *host, unsigned port, const char *want)
{
	struct url u;
	const char *err = netconf_check_url(s, &u);

	if (want != NULL) {
		assert_non_null(err);
		assert_non_null(strstr(err, want));
		return;
	}
	assert_null(err);
	assert_string_equal(u.host, host);
	assert_int_equal(u.port, port);
}

static void
test_url(void **state)
{
	(void)state;
	check_url("https://ctl.example/enrol", "ctl.example", 443, NULL);
	check_url("http://198.51.100.7:8080", "198.51.100.7", 8080, NULL);
	check_url("https://[2001:db8::7]:8443/x", "2001:db8::7", 8443, NULL);
	check_url("https://[2001:db8::7]/", "2001:db8::7", 443, NULL);
	check_url("ftp://x", NULL, 0, "does not start");
	check_url("https://", NULL, 0, "no host");
	check_url("https://a..b/", NULL, 0, "neither");
	check_url("https://x:0/", NULL, 0, "port");
	check_url("https://x:99999/", NULL, 0, "port");
	check_url("https://2001:db8::7/", NULL, 0, "inside []");
	check_url("https://x y/", NULL, 0, "space");
}

static void
test_gateway(void **state)
{
	struct addr ifa, gw;

	(void)state;
	assert_null(netconf_check_ifaddr("192.0.2.10/24", AF_INET, &ifa));
	assert_null(netconf_check_gateway("192.0.2.1", &ifa, &gw));
	assert_non_null(netconf_check_gateway("192.0.3.1", &ifa, &gw));
	assert_non_null(netconf_check_gateway("192.0.2.10", &ifa, &gw));
	assert_non_null(netconf_check_gateway("192.0.2.255", &ifa, &gw));
	assert_non_null(netconf_check_gateway("2001:db8::1", &ifa, &gw));
	assert_null(netconf_check_ifaddr("2001:db8:1::10/64", AF_INET6, &ifa));
	assert_null(netconf_check_gateway("fe80::1", &ifa, &gw));
	assert_null(netconf_check_gateway("2001:db8:1::1", &ifa, &gw));
	assert_non_null(netconf_check_gateway("2001:db8:2::1", &ifa, &gw));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_ifaddr),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_gateway),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
