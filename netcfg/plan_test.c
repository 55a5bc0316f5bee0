/* plan_test.c: the changes planned between wanted and live state, and what is never touched. */
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

#include "nodeconf.h"
#include "plan.h"

static const char conf[] =
    "network:\n"
    "\tuplink: eth0\n"
    "\tvlan: 7\n"
    "\tipv4: 192.0.2.10/24\n"
    "\tipv4-gateway: 192.0.2.1\n"
    "\tipv6: 2001:db8:1::10/64\n"
    "\tipv6-gateway: fe80::1\n"
    "\tservice-address: 203.0.113.53\n";

static const char node[] =
    "node:\n\tidentity: x\n\tuplink: eth0\n"
    "tenant:\n\tname: t\n\tprefix: 203.0.113.0/24\n\tprefix: 2001:db8:53::/48\n"
    "\taddress: 203.0.113.53\n\taddress: 2001:db8:53::53\n\tzone: .\n"
    "\tprimary: 198.51.100.34\n\ttsig-name: k\n"
    "\ttsig-secret: \"K2tf3TRjvQkVCmJF3/Z9vA==\"\n";

static struct netstate want, live;
static struct plan plan;

static struct netconf *
load(const char *s)
{
	struct netconf *nc = netconf_load_buf("t", s, strlen(s), stderr);

	assert_non_null(nc);
	return nc;
}

static void
live_link(const char *name, const char *kind, int up)
{
	struct ns_link l = { 0 };

	snprintf(l.name, sizeof(l.name), "%s", name);
	snprintf(l.kind, sizeof(l.kind), "%s", kind);
	l.up = up;
	assert_int_equal(ns_add_link(&live, &l), 0);
}

static void
live_addr(const char *ifname, const char *prefix)
{
	struct ns_addr a = { 0 };
	char buf[64], *slash;

	snprintf(a.ifname, sizeof(a.ifname), "%s", ifname);
	snprintf(buf, sizeof(buf), "%s", prefix);
	slash = strchr(buf, '/');
	*slash = '\0';
	assert_null(addr_parse(buf, &a.a));
	a.a.plen = (uint8_t)atoi(slash + 1);
	assert_int_equal(ns_add_addr(&live, &a), 0);
}

static int
count(enum act_type t)
{
	int i, n = 0;

	for (i = 0; i < plan.n; i++)
		n += plan.acts[i].type == t;
	return n;
}

/* Makes live what want says, as the kernel would after a good apply. */
static void
live_is_want(void)
{
	struct ns_link *l;
	int i;

	live = want;
	for (i = 0; i < live.nlinks; i++) {
		l = &live.links[i];
		if (l->kind[0] == '\0')
			snprintf(l->kind, sizeof(l->kind), "veth");
	}
}

static void
test_from_nothing(void **state)
{
	struct netconf *nc = load(conf);
	struct nodeconf *nd = nodeconf_load_buf("n", node, strlen(node),
	    stderr);
	struct scope sc = { 0 };
	char err[64];

	(void)state;
	assert_non_null(nd);
	assert_int_equal(plan_desired(nc, nd, &want, err, sizeof(err)), 0);
	/* eth0, eth0.7, svc0; 203.0.113.53 only once */
	assert_int_equal(want.nlinks, 3);
	assert_int_equal(want.naddrs, 4);
	assert_int_equal(want.nroutes, 2);
	memset(&live, 0, sizeof(live));
	live_link("eth0", "", 0);
	live_link("eth1", "", 1);
	live_addr("eth1", "198.51.100.1/24");
	plan_scope_add(&sc, nc);
	plan_make(&want, &live, &sc, &plan);
	assert_int_equal(count(ACT_LINK_ADD), 2);
	assert_int_equal(count(ACT_LINK_UP), 3);
	assert_int_equal(count(ACT_ADDR_ADD), 4);
	assert_int_equal(count(ACT_ROUTE_ADD), 2);
	assert_int_equal(count(ACT_ADDR_DEL), 0);	/* eth1 is not ours */
	assert_int_equal(plan.acts[plan.n - 1].type, ACT_ROUTE_ADD);
	live_is_want();
	plan_make(&want, &live, &sc, &plan);
	assert_int_equal(plan.n, 0);
	nodeconf_free(nd);
	netconf_free(nc);
}

static void
test_removals(void **state)
{
	struct netconf *nc = load(conf), *prev;
	struct scope sc = { 0 };
	char err[64];
	int i;

	(void)state;
	prev = load("network:\n\tuplink: eth2\n\tvlan: 9\n"
	    "\tipv4: 192.0.2.10/24\n\tipv4-gateway: 192.0.2.1\n"
	    "\tservice-interface: any0\n");
	assert_int_equal(plan_desired(nc, NULL, &want, err, sizeof(err)), 0);
	live_is_want();
	/* the svc interface fell back to a bridge: that is fine */
	for (i = 0; i < live.nlinks; i++)
		if (strcmp(live.links[i].name, "svc0") == 0)
			snprintf(live.links[i].kind, 16, "bridge");
	live_link("eth2", "", 1);
	live_link("eth2.9", "vlan", 1);
	live_link("any0", "dummy", 1);
	live_addr("eth2.9", "192.0.2.10/24");
	live_addr("eth0.7", "192.0.2.99/24");
	plan_scope_add(&sc, nc);
	plan_scope_add(&sc, prev);
	plan_make(&want, &live, &sc, &plan);
	assert_int_equal(count(ACT_ADDR_DEL), 2);
	assert_int_equal(count(ACT_LINK_DEL), 2);	/* eth2.9, any0; never eth2 */
	for (i = 0; i < plan.n; i++)
		if (plan.acts[i].type == ACT_LINK_DEL)
			assert_string_not_equal(plan.acts[i].link.name, "eth2");
	assert_int_equal(plan.n, 4);
	netconf_free(prev);
	netconf_free(nc);
}

static void
test_gateway_change(void **state)
{
	struct netconf *nc = load(conf);
	struct scope sc = { 0 };
	char err[64];

	(void)state;
	assert_int_equal(plan_desired(nc, NULL, &want, err, sizeof(err)), 0);
	live_is_want();
	assert_null(addr_parse("192.0.2.254", &live.routes[0].gw));
	plan_scope_add(&sc, nc);
	plan_make(&want, &live, &sc, &plan);
	assert_int_equal(plan.n, 2);
	assert_int_equal(plan.acts[0].type, ACT_ROUTE_DEL);
	assert_int_equal(plan.acts[1].type, ACT_ROUTE_ADD);
	netconf_free(nc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_nothing),
		cmocka_unit_test(test_removals),
		cmocka_unit_test(test_gateway_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
