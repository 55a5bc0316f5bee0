/* render_test.c: unit tests of what outpost-node renders: a tenant's nsd.conf and its OCI bundle. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bundle.h"
#include "nodeconf.h"
#include "nsdconf.h"
#include "tenantcpus.h"

static const char conf[] =
    "node:\n identity: node1.lab\n nsid: n1\n uplink: eth0\n rrl: no\n"
    "tenant:\n name: root\n prefix: 192.0.2.0/24\n prefix: 2001:db8:a::/48\n"
    " address: 192.0.2.1\n address: 2001:db8:a::1\n zone: .\n zone: arpa\n"
    " primary: 198.51.100.34\n tsig-name: root-xfr\n"
    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n";

static const char catconf[] =
    "node:\n identity: node1.lab\n uplink: eth0\n"
    "tenant:\n name: cat\n prefix: 192.0.2.0/24\n address: 192.0.2.1\n"
    " catalog: catalog.test\n primary: 198.51.100.34\n"
    " tsig-name: cat-xfr\n tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n";

/* A node whose outpost-node may run on CPUs 0 to n - 1. */
static struct cpuset
node_cpus(int n)
{
	struct cpuset s;
	int i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < n; i++)
		cpuset_add(&s, i);
	return s;
}

/* The first tenant's nsd.conf on a node of ncpus CPUs. */
static char *
render_on(const char *text, size_t textlen, int ncpus)
{
	struct cpuset node = node_cpus(ncpus);
	struct tenant_cpus tc;
	struct nodeconf *nc;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	nodeconf_machine_cpus = 64;
	nc = nodeconf_load_buf("t", text, textlen, stderr);
	nodeconf_machine_cpus = 0;
	assert_non_null(nc);
	tenantcpus_get(&nc->tenants[0], &node, &tc);
	f = open_memstream(&buf, &len);
	nsdconf_render(f, nc, &nc->tenants[0], &tc, 0);
	fclose(f);
	nodeconf_free(nc);
	return buf;
}

static char *
render_conf(const char *text, size_t textlen)
{
	return render_on(text, textlen, 2);
}

static char *
render(void)
{
	return render_conf(conf, sizeof(conf) - 1);
}

static void
test_nsdconf(void **state)
{
	char *s = render();
	static const char *const want[] = {
		"\tip-address: 192.0.2.1\n", "\tip-address: 2001:db8:a::1\n",
		"\tidentity: \"node1.lab\"\n", "\tnsid: \"6e31\"\n",
		"\thide-version: yes\n", "\trrl-ratelimit: 0\n",
		"\tusername: \"\"\n", "\tcontrol-enable: no\n",
		"\txfrdir: \"/var/lib/nsd/xfr\"\n",
		"\tname: \"root-xfr.\"\n", "\tsecret: \"K2tf3TRjvQkVCmJF3/Z9vA==\"\n",
		"\tname: \".\"\n\tzonefile: \"root.zone\"\n"
		"\trequest-xfr: 198.51.100.34@53 root-xfr.\n"
		"\tallow-notify: 198.51.100.34 root-xfr.\n",
		"\tname: \"arpa.\"\n\tzonefile: \"arpa.zone\"\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(s, want[i]) == NULL)
			fail_msg("nsd.conf lacks \"%s\":\n%s", want[i], s);
	/* Nothing is served but the configured zones: no NOTIFY or
	 * transfer from anywhere else. */
	assert_null(strstr(s, "0.0.0.0/0"));
	assert_null(strstr(s, "NOKEY"));
	free(s);
}

/* notify-port: NSD listens at each uplink address on that port too. */
static void
test_nsdconf_notify_port(void **state)
{
	static const char nconf[] =
	    "node:\n identity: node1.lab\n uplink: eth0\n"
	    " uplink-address: 198.51.100.18/28\n"
	    " uplink-address: 2001:db8:100:2::2/64\n"
	    "tenant:\n name: root\n prefix: 192.0.2.0/24\n"
	    " address: 192.0.2.1\n zone: .\n primary: 198.51.100.34\n"
	    " notify-port: 5301\n tsig-name: root-xfr\n"
	    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n";
	struct nodeconf *nc;
	char *s = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	nc = nodeconf_load_buf("t", nconf, sizeof(nconf) - 1, stderr);
	assert_non_null(nc);
	f = open_memstream(&s, &len);
	nsdconf_render(f, nc, &nc->tenants[0],
	    &(struct tenant_cpus){ node_cpus(1), 1 }, 0);
	fclose(f);
	nodeconf_free(nc);
	if (strstr(s, "\tip-address: 192.0.2.1\n"
	    "\tip-address: 198.51.100.18@5301\n"
	    "\tip-address: 2001:db8:100:2::2@5301\n") == NULL ||
	    strstr(s, "\tallow-notify: 198.51.100.34 root-xfr.\n") == NULL)
		fail_msg("nsd.conf lacks the notify addresses:\n%s", s);
	free(s);
}

/* A catalog tenant: the catalog zone, loopback transfers of it only, the
 * members' pattern, a control socket in the data directory. */
static void
test_nsdconf_catalog(void **state)
{
	char *s = render_conf(catconf, sizeof(catconf) - 1);
	static const char *const want[] = {
		"\tcontrol-enable: yes\n"
		"\tcontrol-interface: \"/var/lib/nsd/nsd.ctl\"\n",
		"\tname: \"catalog.test.\"\n\tzonefile: \"catalog.test.zone\"\n"
		"\trequest-xfr: 198.51.100.34@53 cat-xfr.\n"
		"\tallow-notify: 198.51.100.34 cat-xfr.\n"
		"\tprovide-xfr: 127.0.0.1 cat-xfr.\n\tprovide-xfr: ::1 cat-xfr.\n",
		"\npattern:\n\tname: \"catalog-member\"\n"
		"\tzonefile: \"%szone\"\n"
		"\trequest-xfr: 198.51.100.34@53 cat-xfr.\n"
		"\tallow-notify: 198.51.100.34 cat-xfr.\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(s, want[i]) == NULL)
			fail_msg("nsd.conf lacks \"%s\":\n%s", want[i], s);
	assert_null(strstr(s, "0.0.0.0/0"));
	assert_null(strstr(s, "NOKEY"));
	free(s);
}

/* Lines of want[] all in s, none of nowant[]. */
static void
check_lines(const char *s, const char *const *want, size_t nwant,
    const char *const *nowant, size_t nnowant)
{
	size_t i;

	for (i = 0; i < nwant; i++)
		if (strstr(s, want[i]) == NULL)
			fail_msg("nsd.conf lacks \"%s\":\n%s", want[i], s);
	for (i = 0; i < nnowant; i++)
		if (strstr(s, nowant[i]) != NULL)
			fail_msg("nsd.conf has \"%s\":\n%s", nowant[i], s);
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The default on a 2-CPU node: both CPUs, a server pinned on each. */
static void
test_cpus_default_small(void **state)
{
	char *s = render_on(conf, sizeof(conf) - 1, 2);
	static const char *const want[] = {
		"\tserver-count: 2\n\treuseport: yes\n"
		"\tcpu-affinity: 0 1\n"
		"\tserver-1-cpu-affinity: 0\n\tserver-2-cpu-affinity: 1\n",
		"\trrl-size: 10000\n", "\txfrd-tcp-max: 32\n",
	};

	(void)state;
	check_lines(s, want, NELEM(want), NULL, 0);
	free(s);
}

/* From 4 CPUs on, the lowest is the node's own (tenantcpus.h). */
static void
test_cpus_default_reserved(void **state)
{
	char *s = render_on(conf, sizeof(conf) - 1, 8);
	static const char *const want[] = {
		"\tserver-count: 7\n\treuseport: yes\n"
		"\tcpu-affinity: 1 2 3 4 5 6 7\n"
		"\tserver-1-cpu-affinity: 1\n",
		"\tserver-7-cpu-affinity: 7\n",
	};
	static const char *const nowant[] = {
		"-cpu-affinity: 0\n", "server-8-",
	};

	(void)state;
	check_lines(s, want, NELEM(want), nowant, NELEM(nowant));
	free(s);
}

/* cpus: as given, within the node's CPUs; rrl-size from node.conf. */
static void
test_cpus_given(void **state)
{
	static const char text[] =
	    "node:\n identity: n1\n uplink: eth0\n"
	    "tenant:\n name: a\n prefix: 192.0.2.0/24\n address: 192.0.2.1\n"
	    " zone: a.example\n primary: 198.51.100.34\n tsig-name: a-xfr\n"
	    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n cpus: 0,5-6,40\n"
	    " rrl-size: 2000\n";
	char *s = render_on(text, sizeof(text) - 1, 8);
	static const char *const want[] = {
		"\tserver-count: 3\n\treuseport: yes\n"
		"\tcpu-affinity: 0 5 6\n"
		"\tserver-1-cpu-affinity: 0\n\tserver-2-cpu-affinity: 5\n"
		"\tserver-3-cpu-affinity: 6\n",
		"\trrl-size: 2000\n",
	};

	(void)state;
	check_lines(s, want, NELEM(want), NULL, 0);
	free(s);
}

/* A cpu-quota of 150 %: two servers sharing the tenant's CPUs. */
static void
test_cpus_quota(void **state)
{
	static const char text[] =
	    "node:\n identity: n1\n uplink: eth0\n"
	    "tenant:\n name: a\n prefix: 192.0.2.0/24\n address: 192.0.2.1\n"
	    " zone: a.example\n primary: 198.51.100.34\n tsig-name: a-xfr\n"
	    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n cpu-quota: 150%\n";
	char *s = render_on(text, sizeof(text) - 1, 8);
	static const char *const want[] = {
		"\tserver-count: 2\n\treuseport: yes\n"
		"\tcpu-affinity: 1 2 3 4 5 6 7\n",
	};
	static const char *const nowant[] = { "server-1-cpu-affinity" };

	(void)state;
	check_lines(s, want, NELEM(want), nowant, NELEM(nowant));
	free(s);
}

/* The cpuset of a tenant's container. */
static void
test_bundle_cpus(void **state)
{
	static const char *const argv[] = { "/usr/sbin/nsd", NULL };
	struct bundle_spec s = {
		.hostname = "a", .argv = argv, .memory_mb = 64,
		.pids_limit = 16, .nofile = 64, .cgroup_path = "/o/n/a",
		.cpu_shares = 1024, .cpus = "1-3,5",
	};
	char *j;
	size_t len;

	(void)state;
	j = bundle_config(&s, &len);
	assert_non_null(j);
	if (strstr(j, "\"cpu\":{\"shares\":1024,\"cpus\":\"1-3,5\"}") ==
	    NULL)
		fail_msg("config.json lacks the cpuset:\n%s", j);
	free(j);
	s.cpus = "";
	j = bundle_config(&s, &len);
	assert_null(strstr(j, "\"cpus\""));
	free(j);
}

static const char dnsconf[] =
    "node:\n identity: node1.lab\n uplink: eth0\n"
    "tenant:\n name: other\n prefix: 198.51.100.0/28\n"
    " address: 198.51.100.1\n zone: example\n primary: 198.51.100.34\n"
    " tsig-name: o-xfr\n tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n"
    "tenant:\n name: tld\n prefix: 192.0.2.0/24\n address: 192.0.2.1\n"
    " zone: test\n primary: 198.51.100.34\n dnssec: validate\n"
    " dnssec-margin: 1h\n"
    " trust-anchor: \"test. DS 1 13 2 00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF\"\n"
    " tsig-name: tld-xfr\n tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n";

/* dnssec: validate: NSD's verifier on each zone, a verify: address of the
 * tenant's own on loopback; other tenants get none of it. */
static void
test_nsdconf_dnssec(void **state)
{
	struct cpuset node = node_cpus(2);
	struct tenant_cpus tc;
	struct nodeconf *nc;
	char *s = NULL;
	size_t len = 0, i;
	FILE *f;
	static const char *const want[] = {
		"\nverify:\n\t# trust-anchors: test. DS 1 13 2 00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF\n"
		"\tenable: yes\n\tip-address: 127.0.1.2\n"
		"\tport: 5347\n\tverify-zones: no\n",
		"\tallow-notify: 198.51.100.34 tld-xfr.\n"
		"\tverify-zone: yes\n\tverifier-feed-zone: yes\n"
		"\tverifier-timeout: 600\n"
		"\tverifier: /bin/sh /etc/nsd/zoneverify.sh 3600 test.\n",
	};

	(void)state;
	nc = nodeconf_load_buf("t", dnsconf, sizeof(dnsconf) - 1, stderr);
	assert_non_null(nc);
	tenantcpus_get(&nc->tenants[1], &node, &tc);
	f = open_memstream(&s, &len);
	nsdconf_render(f, nc, &nc->tenants[1], &tc, 0);
	fclose(f);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(s, want[i]) == NULL)
			fail_msg("nsd.conf lacks \"%s\":\n%s", want[i], s);
	free(s);
	s = NULL;
	f = open_memstream(&s, &len);
	nsdconf_render(f, nc, &nc->tenants[0], &tc, 0);
	fclose(f);
	assert_null(strstr(s, "verif"));
	free(s);
	nodeconf_free(nc);
}

static void
test_bundle(void **state)
{
	static const char *const argv[] = { "/usr/sbin/nsd", "-d", NULL };
	static const char *const caps[] = { "CAP_NET_BIND_SERVICE", NULL };
	struct bundle_mount m[] = {
		{ "/s/etc", "/etc/nsd", 0, NULL },
		{ "/s/data", "/var/lib/nsd", 1, NULL },
		{ NULL, "/tmp", 1, "16m" },
	};
	struct bundle_spec s = {
		.hostname = "root", .argv = argv, .uid = 64100, .gid = 64100,
		.caps = caps, .mounts = m, .nmounts = 3, .memory_mb = 128,
		.pids_limit = 32, .nofile = 1024, .cgroup_path = "/o/n/root",
		.cpu_shares = 512, .cpu_quota = 150,
		.prog = "/b/outpost-dscheck", .prog_dst = "/opt/outpost-dscheck",
	};
	static const char *const want[] = {
		"\"user\":{\"uid\":64100,\"gid\":64100,",
		"\"bounding\":[\"CAP_NET_BIND_SERVICE\"]",
		"\"ambient\":[\"CAP_NET_BIND_SERVICE\"]",
		"\"noNewPrivileges\":true",
		"\"root\":{\"path\":\"rootfs\",\"readonly\":true}",
		"{\"type\":\"pid\"},{\"type\":\"mount\"},{\"type\":\"ipc\"},"
		"{\"type\":\"uts\"}",
		"\"destination\":\"/etc/nsd\",\"type\":\"bind\","
		"\"source\":\"/s/etc\",\"options\":[\"bind\",\"ro\"",
		"\"destination\":\"/var/lib/nsd\",\"type\":\"bind\","
		"\"source\":\"/s/data\",\"options\":[\"bind\",\"rw\"",
		"\"memory\":{\"limit\":134217728,",
		"\"pids\":{\"limit\":32},\"cpu\":{\"shares\":512,"
		"\"quota\":150000,\"period\":100000}}",
		"\"destination\":\"/usr\",\"type\":\"bind\",\"source\":\"/usr\","
		"\"options\":[\"rbind\",\"rro\",\"ro\",\"rnosuid\",\"rnodev\","
		"\"nosuid\",\"nodev\"]",
		"\"architectures\":[\"SCMP_ARCH_X86_64\"]",
		"{\"names\":[\"ioctl\"],\"action\":\"SCMP_ACT_ALLOW\","
		"\"args\":[{\"index\":1,\"value\":21505,\"valueTwo\":0,"
		"\"op\":\"SCMP_CMP_EQ\"}]}",
		"{\"names\":[\"prctl\"],\"action\":\"SCMP_ACT_ALLOW\","
		"\"args\":[{\"index\":0,\"value\":15,\"valueTwo\":0,"
		"\"op\":\"SCMP_CMP_EQ\"}]}",
		"\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ERRNO\"",
		"\"cgroupsPath\":\"/o/n/root\"",
		/* A program of the host's, executable (trust anchors). */
		"\"destination\":\"/opt/outpost-dscheck\",\"type\":\"bind\","
		"\"source\":\"/b/outpost-dscheck\",\"options\":[\"bind\",\"ro\","
		"\"nosuid\",\"nodev\"]}",
	};
	size_t i, len;
	char *j, *sc;

	(void)state;
	j = bundle_config(&s, &len);
	assert_non_null(j);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(j, want[i]) == NULL)
			fail_msg("config.json lacks %s:\n%s", want[i], j);
	/* Host network: no network namespace; no dangerous capability. */
	assert_null(strstr(j, "\"network\""));
	assert_null(strstr(j, "CAP_SYS_ADMIN"));
	/* The seccomp allow-list: read is there; mount and ptrace are not. */
	assert_non_null(sc = strstr(j, "\"seccomp\":"));
	assert_non_null(strstr(sc, "\"read\""));
	assert_null(strstr(sc, "\"mount\""));
	assert_null(strstr(sc, "\"umount2\""));
	assert_null(strstr(sc, "\"ptrace\""));
	/* No program from memory, no other ABI, ioctl and prctl only with
	 * the arguments above. */
	assert_null(strstr(sc, "\"memfd_create\""));
	assert_null(strstr(sc, "\"execveat\""));
	assert_null(strstr(j, "SCMP_ARCH_X32"));
	assert_null(strstr(j, "SCMP_ARCH_X86\""));
	assert_null(strstr(sc, "\"ioctl\",\""));
	assert_null(strstr(sc, "\"prctl\",\""));
	free(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nsdconf),
		cmocka_unit_test(test_nsdconf_notify_port),
		cmocka_unit_test(test_nsdconf_catalog),
		cmocka_unit_test(test_nsdconf_dnssec),
		cmocka_unit_test(test_bundle),
		cmocka_unit_test(test_cpus_default_small),
		cmocka_unit_test(test_cpus_default_reserved),
		cmocka_unit_test(test_cpus_given),
		cmocka_unit_test(test_cpus_quota),
		cmocka_unit_test(test_bundle_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
