/* svcaddr_test.c: when a new node.conf changes the service addresses (and only then) outpost-netcfg runs again. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "nodeconf.h"
#include "svcaddr.h"

/* svcaddr.c's links to the rest of outpost-node, unused here. */
void node_sibling(const char *name, char *buf, size_t len);
int pid1_image(void);

void
node_sibling(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "/nonexistent/%s", name);
}

int
pid1_image(void)
{
	return 0;
}

#define TENANT(name, zone, addrs) \
	"tenant:\n\tname: " name "\n" addrs \
	"\tzone: " zone "\n\tprimary: 198.51.100.34\n\ttsig-name: x\n" \
	"\ttsig-secret: \"W7/Hl8Wc3zWFKrcMcu/IVWT824tPyc+DfnYG1cX6CF8=\"\n"
#define V4	"\tprefix: 203.0.113.0/24\n"
#define V6	"\tprefix: 2001:db8::/48\n"
#define NODE	"node:\n\tidentity: n1\n\tuplink: eth0\n"

static struct nodeconf *
load(const char *text)
{
	struct nodeconf *nc;

	nc = nodeconf_load_buf("test.conf", text, strlen(text), stderr);
	assert_non_null(nc);
	return nc;
}

static void
test_same(void **state)
{
	struct nodeconf *a, *b, *c, *d, *e;

	(void)state;
	a = load(NODE TENANT("one", "example.",
	    V4 V6 "\taddress: 203.0.113.53\n\taddress: 2001:db8::53\n"));
	/* The same addresses in another order, another tenant's name. */
	b = load(NODE TENANT("two", "example.",
	    V4 V6 "\taddress: 2001:db8::53\n\taddress: 203.0.113.53\n"));
	c = load(NODE TENANT("one", "example.",
	    V4 "\taddress: 203.0.113.53\n"));
	d = load(NODE TENANT("one", "example.",
	    V4 V6 "\taddress: 203.0.113.53\n\taddress: 2001:db8::53\n")
	    TENANT("other", "example.net.",
	    "\tprefix: 198.51.100.0/24\n\taddress: 198.51.100.54\n"));
	e = load(NODE);
	assert_true(svcaddr_same(a, b));
	assert_true(svcaddr_same(a, a));
	assert_false(svcaddr_same(a, c));	/* one removed */
	assert_false(svcaddr_same(c, a));	/* one added */
	assert_false(svcaddr_same(a, d));	/* a tenant added */
	assert_false(svcaddr_same(e, c));	/* the first tenant */
	assert_true(svcaddr_same(e, e));
	nodeconf_free(a);
	nodeconf_free(b);
	nodeconf_free(c);
	nodeconf_free(d);
	nodeconf_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
