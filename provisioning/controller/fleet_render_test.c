/* fleet_render_test.c: placement and node.conf rendering: golden tests (testdata/render/NN.in, a fleet, against NN.ok, every node's node.conf) and the lab's fleet file against the lab's node configs. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fileutil.h"
#include "fleet.h"
#include "fleet_render.h"
#include "golden.h"
#include "nodeconf.h"

#define DATADIR	"provisioning/controller/testdata/render"

/* Every node's node.conf, or why it cannot be rendered. */
static int
outcome(FILE *f, const char *name, const char *buf, size_t len)
{
	struct fleet *fl;
	char *text, err[600];
	int i;

	if ((fl = fleet_load_buf(name, buf, len, f)) == NULL)
		return 0;
	for (i = 0; i < fl->nnodes; i++) {
		fprintf(f, "%s==== node %s\n", i ? "\n" : "",
		    fl->nodes[i].name);
		text = fleet_render(fl, &fl->nodes[i], err, sizeof(err));
		fputs(text ? text : err, f);
		if (text == NULL)
			fputc('\n', f);
		free(text);
	}
	fprintf(f, "\n==== fleet_render_all\n");
	fleet_render_all(fl, name, f);
	fleet_free(fl);
	return 0;
}

static void
test_golden(void **state)
{
	(void)state;
	assert_true(golden_run(DATADIR, outcome) >= 2);
}

/* A node.conf as its printer writes it. */
static char *
normalised(const char *name, const char *buf, size_t len)
{
	struct nodeconf *nc;
	char *out = NULL;
	size_t outlen = 0;
	FILE *f;

	if ((nc = nodeconf_load_buf(name, buf, len, stderr)) == NULL)
		return NULL;
	f = open_memstream(&out, &outlen);
	nodeconf_print(f, nc);
	fclose(f);
	nodeconf_free(nc);
	return out;
}

/* The lab's fleet file renders to what the lab's nodes run today. */
static void
check_lab_node(const struct fleet *fl, const char *node, const char *conf)
{
	char err[600], *text, *want, *got, *file;
	size_t len;

	text = fleet_render(fl, fleet_node(fl, node), err, sizeof(err));
	if (text == NULL)
		fail_msg("%s: %s", node, err);
	file = file_read(conf, 1 << 20, &len);
	assert_non_null(file);
	want = normalised(conf, file, len);
	got = normalised(node, text, strlen(text));
	assert_non_null(want);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(want);
	free(got);
	free(file);
	free(text);
}

static void
test_lab(void **state)
{
	struct fleet *fl;

	(void)state;
	fl = fleet_load("tests/lab/fleet.conf", stderr);
	assert_non_null(fl);
	check_lab_node(fl, "node1", "tests/lab/demo-node.conf");
	check_lab_node(fl, "node2", "tests/lab/demo-node2.conf");
	check_lab_node(fl, "vm1", "tests/lab/vm-node.conf");
	fleet_free(fl);
}

static const char placement[] =
    "tenant:\n name: t\n place: site=ams*\n place: tier=big\n"
    " prefix: 192.0.2.0/24\n address: 192.0.2.1\n zone: t.example\n"
    " primary: 198.51.100.34\n tsig-name: k\n"
    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n"
    "node:\n name: a\n uplink: eth0\n label: site=ams1\n label: tier=big\n"
    "node:\n name: b\n uplink: eth0\n label: site=fra1\n label: tier=big\n"
    "node:\n name: c\n uplink: eth0\n label: site=ams2\n"
    "node:\n name: d\n uplink: eth0\n label: site=ams3\n label: tier=big\n"
    " refuse: \"t disk too small\"\n";

static void
test_place(void **state)
{
	const struct fleet_tenant *t;
	struct fleet *fl;
	char why[300];

	(void)state;
	fl = fleet_load_buf("p", placement, strlen(placement), stderr);
	assert_non_null(fl);
	t = fleet_tenant(fl, "t");
	assert_int_equal(fleet_place(fleet_node(fl, "a"), t, why, sizeof(why)),
	    FLEET_PLACED);
	assert_int_equal(fleet_place(fleet_node(fl, "b"), t, why, sizeof(why)),
	    FLEET_LABELS);
	assert_string_equal(why, "labels do not match: place: site=ams* "
	    "(the node has site=fra1)");
	assert_int_equal(fleet_place(fleet_node(fl, "c"), t, why, sizeof(why)),
	    FLEET_LABELS);
	assert_string_equal(why, "labels do not match: place: tier=big "
	    "(the node has no label tier)");
	assert_int_equal(fleet_place(fleet_node(fl, "d"), t, why, sizeof(why)),
	    FLEET_REFUSED);
	assert_string_equal(why, "refused by the host: disk too small");
	fleet_free(fl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_lab),
		cmocka_unit_test(test_place),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
