/* iflist_test.c: the uplink the dialogue offers first: the hardware profile's rule (name:, driver:, first-carrier) and the fallback. */
/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "iflist.h"
#include "netstate.h"

/* eth0: igb, no cable; eth1: ixgbe, no cable; eth2: ixgbe, cable; eth3: igb, cable. */
static const char *
fake_driver(const char *ifname, char *buf, size_t len)
{
	snprintf(buf, len, "%s", strcmp(ifname, "eth1") == 0 ||
	    strcmp(ifname, "eth2") == 0 ? "ixgbe" : strcmp(ifname, "lo") == 0 ?
	    "?" : "igb");
	return buf;
}

static struct netstate ns;

static void
add(const char *name, int carrier, const char *kind)
{
	struct ns_link *l = &ns.links[ns.nlinks++];

	memset(l, 0, sizeof(*l));
	snprintf(l->name, sizeof(l->name), "%s", name);
	snprintf(l->kind, sizeof(l->kind), "%s", kind);
	l->carrier = carrier;
}

static int
setup(void **state)
{
	(void)state;
	memset(&ns, 0, sizeof(ns));
	add("lo", 1, "");
	add("svc0", 1, "dummy");
	add("eth0", 0, "");
	add("eth1", 0, "");
	add("eth2", 1, "");
	add("eth3", 1, "");
	add("eth2.7", 1, "vlan");
	return 0;
}

static const char *
pick(const char *rule)
{
	return iflist_pick(&ns, "svc0", rule, fake_driver);
}

static void
test_rules(void **state)
{
	(void)state;
	/* first-carrier and no rule: the first with a cable */
	assert_string_equal(pick(NULL), "eth2");
	assert_string_equal(pick("first-carrier"), "eth2");
	/* driver: its first with a cable; without one, its first */
	assert_string_equal(pick("driver:igb"), "eth3");
	ns.links[5].carrier = 0;
	assert_string_equal(pick("driver:igb"), "eth0");
	/* a VLAN on top of a driver's port is not a port of it */
	assert_string_equal(pick("driver:ixgbe"), "eth2");
	/* name: that one, cable or not */
	assert_string_equal(pick("name:eth1"), "eth1");
	/* what a rule does not find: the usual guess */
	assert_string_equal(pick("name:eno1"), "eth2");
	assert_string_equal(pick("driver:mlx5_core"), "eth2");
	/* never lo or the service interface */
	assert_string_equal(pick("name:svc0"), "eth2");
	assert_string_equal(pick("name:lo"), "eth2");
}

static void
test_rule_check(void **state)
{
	(void)state;
	assert_null(iflist_rule_check("first-carrier"));
	assert_null(iflist_rule_check("driver:virtio_net"));
	assert_null(iflist_rule_check("name:eno1"));
	assert_non_null(iflist_rule_check("driver:"));
	assert_non_null(iflist_rule_check("name:"));
	assert_non_null(iflist_rule_check("name:a-name-far-too-long-for-linux"));
	assert_non_null(iflist_rule_check("fastest"));
	assert_non_null(iflist_rule_check(""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_rules, setup),
		cmocka_unit_test(test_rule_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
