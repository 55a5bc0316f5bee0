/* addr_test.c: unit tests of address and prefix parsing, containment and printing. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "addr.h"
#include "base64.h"
#include "dname.h"

static void
test_prefixes(void **state)
{
	struct addr p, a, n;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_null(prefix_parse("192.0.2.0/24", &p));
	assert_null(addr_parse("192.0.2.200", &a));
	assert_true(prefix_contains(&p, &a));
	assert_null(addr_parse("192.0.3.1", &a));
	assert_false(prefix_contains(&p, &a));
	assert_null(prefix_parse("2001:db8:a::/47", &p));
	assert_null(addr_parse("2001:db8:b::1", &a));
	assert_true(prefix_contains(&p, &a));
	assert_null(addr_parse("2001:db8:c::1", &a));
	assert_false(prefix_contains(&p, &a));
	assert_string_equal(addr_fmt(&p, buf, 1), "2001:db8:a::/47");
	assert_non_null(prefix_parse("192.0.2.1/24", &p));
	assert_non_null(prefix_parse("192.0.2.0", &p));
	assert_non_null(prefix_parse("192.0.2.0/", &p));
	assert_non_null(prefix_parse("192.0.2.0/24x", &p));
	assert_non_null(prefix_parse("::/129", &p));
	assert_null(prefix_parse("0.0.0.0/0", &p));
	assert_null(ifaddr_parse("198.51.100.18/28", &n));
	assert_null(addr_parse("198.51.100.17", &a));
	assert_true(prefix_contains_host(&n, &a));
	assert_null(addr_parse("198.51.100.33", &a));
	assert_false(prefix_contains_host(&n, &a));
	assert_null(addr_parse("::ffff:1.2.3.4", &a));
	assert_int_equal(a.af, AF_INET6);
}

static void
test_names(void **state)
{
	char out[DNAME_STRLEN];

	(void)state;
	assert_null(dname_normalise("Example.TEST", out));
	assert_string_equal(out, "example.test.");
	assert_null(dname_normalise(".", out));
	assert_string_equal(out, ".");
	assert_non_null(dname_normalise("a..b", out));
	assert_non_null(dname_normalise(".a", out));
	assert_non_null(dname_normalise("a b", out));
	assert_non_null(dname_normalise(
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    out));
	assert_null(base64_check("K2tf3TRjvQkVCmJF3/Z9vA==", 16));
	assert_non_null(base64_check("K2tf3TRjvQkVCmJF3/Z9vA=", 16));
	assert_non_null(base64_check("K2tf3TRjvQkVCm=F3/Z9vA==", 16));
	assert_non_null(base64_check("c2hvcnQ=", 16));
}

static void
test_sockaddr(void **state)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	static const uint8_t zero[sizeof(struct sockaddr_storage)];
	struct addr a;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_null(addr_parse("192.0.2.53", &a));
	memset(&ss, 0xa5, sizeof(ss));
	assert_int_equal(addr_sockaddr(&a, 53, &ss), sizeof(*sin));
	assert_int_equal(sin->sin_family, AF_INET);
	assert_int_equal(ntohs(sin->sin_port), 53);
	assert_string_equal(inet_ntop(AF_INET, &sin->sin_addr, buf,
	    sizeof(buf)), "192.0.2.53");
	assert_int_equal(ntohl(sin->sin_addr.s_addr), 0xc0000235);
	assert_memory_equal(sin->sin_zero, "\0\0\0\0\0\0\0\0", 8);

	assert_null(addr_parse("2001:db8::35", &a));
	memset(&ss, 0xa5, sizeof(ss));
	assert_int_equal(addr_sockaddr(&a, 8443, &ss), sizeof(*sin6));
	assert_int_equal(sin6->sin6_family, AF_INET6);
	assert_int_equal(ntohs(sin6->sin6_port), 8443);
	assert_string_equal(inet_ntop(AF_INET6, &sin6->sin6_addr, buf,
	    sizeof(buf)), "2001:db8::35");
	assert_int_equal(sin6->sin6_flowinfo, 0);
	assert_int_equal(sin6->sin6_scope_id, 0);
	assert_memory_equal((uint8_t *)&ss + sizeof(*sin6), zero,
	    sizeof(ss) - sizeof(*sin6));
	/* a prefix length does not matter: the address is taken whole */
	assert_null(ifaddr_parse("2001:db8::35/64", &a));
	assert_int_equal(addr_sockaddr(&a, 65535, &ss), sizeof(*sin6));
	assert_int_equal(ntohs(sin6->sin6_port), 65535);

	a.af = AF_UNIX;
	assert_int_equal(addr_sockaddr(&a, 53, &ss), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_sockaddr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
