/* netlink_test.c: the RTM_NEWLINK request for a VLAN carries the attributes the kernel expects. */
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "netlink.h"

static struct rtattr *
find(struct rtattr *a, int len, int type)
{
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == type)
			return a;
	return NULL;
}

static void
test_vlan_request(void **state)
{
	static char buf[NL_MSGSIZE];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct rtattr *a, *info, *data;
	size_t len;

	(void)state;
	len = nl_build_link_add(buf, 7, "eth0.100", "vlan", 3, 100);
	assert_int_equal(len, h->nlmsg_len);
	assert_int_equal(h->nlmsg_type, RTM_NEWLINK);
	assert_int_equal(h->nlmsg_flags,
	    NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
	a = IFLA_RTA(NLMSG_DATA(h));
	len = IFLA_PAYLOAD(h);
	assert_non_null(find(a, (int)len, IFLA_IFNAME));
	assert_string_equal(RTA_DATA(find(a, (int)len, IFLA_IFNAME)),
	    "eth0.100");
	assert_int_equal(*(uint32_t *)RTA_DATA(find(a, (int)len, IFLA_LINK)),
	    3);
	info = find(a, (int)len, IFLA_LINKINFO);
	assert_non_null(info);
	a = find(RTA_DATA(info), (int)RTA_PAYLOAD(info), IFLA_INFO_KIND);
	assert_string_equal(RTA_DATA(a), "vlan");
	data = find(RTA_DATA(info), (int)RTA_PAYLOAD(info), IFLA_INFO_DATA);
	assert_non_null(data);
	a = find(RTA_DATA(data), (int)RTA_PAYLOAD(data), IFLA_VLAN_ID);
	assert_non_null(a);
	assert_int_equal(*(uint16_t *)RTA_DATA(a), 100);
	/* the nests end where the message ends */
	assert_ptr_equal((char *)info + RTA_ALIGN(info->rta_len),
	    buf + h->nlmsg_len);
}

static void
test_dummy_request(void **state)
{
	static char buf[NL_MSGSIZE];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct rtattr *a, *info;
	int len;

	(void)state;
	nl_build_link_add(buf, 1, "svc0", "dummy", 0, 0);
	a = IFLA_RTA(NLMSG_DATA(h));
	len = (int)IFLA_PAYLOAD(h);
	assert_null(find(a, len, IFLA_LINK));
	info = find(a, len, IFLA_LINKINFO);
	assert_non_null(info);
	assert_null(find(RTA_DATA(info), (int)RTA_PAYLOAD(info),
	    IFLA_INFO_DATA));
	assert_string_equal(RTA_DATA(find(RTA_DATA(info),
	    (int)RTA_PAYLOAD(info), IFLA_INFO_KIND)), "dummy");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vlan_request),
		cmocka_unit_test(test_dummy_request),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
