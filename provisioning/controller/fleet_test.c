/* fleet_test.c: fleet file golden tests (testdata/fleet/NN.in against NN.ok), error cases included, and printer round trips. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fleet.h"
#include "golden.h"

#define DATADIR	"provisioning/controller/testdata/fleet"

/* What a file yields: its errors, or its printed form. */
static int
outcome(FILE *f, const char *name, const char *buf, size_t len)
{
	struct fleet *fl;

	if ((fl = fleet_load_buf(name, buf, len, f)) == NULL)
		return 0;
	fleet_print(f, fl);
	fleet_free(fl);
	return 1;
}

static void
test_golden(void **state)
{
	(void)state;
	assert_true(golden_run(DATADIR, outcome) >= 6);
}

static void
test_missing_file(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	assert_null(fleet_load("/nonexistent/fleet.conf", f));
	fclose(f);
	assert_string_equal(out, "/nonexistent/fleet.conf:0:0: cannot open "
	    "file: No such file or directory\n");
	free(out);
}

/* The lab's fleet file parses; its lookups find what it says. */
static void
test_lab(void **state)
{
	const struct fleet_node *n;
	struct fleet *fl;

	(void)state;
	fl = fleet_load("tests/lab/fleet.conf", stderr);
	assert_non_null(fl);
	assert_int_equal(fl->ntenants, 2);
	assert_int_equal(fl->nnodes, 3);	/* node1, node2, vm1 */
	assert_non_null(fleet_tenant(fl, "root"));
	assert_null(fleet_tenant(fl, "node1"));
	n = fleet_node(fl, "node2");
	assert_non_null(n);
	assert_string_equal(fleet_label(n, "lab"), "yes");
	assert_null(fleet_label(n, "rack"));
	assert_null(fleet_refusal(n, "root"));
	assert_int_equal(n->nneighbors, 2);
	fleet_free(fl);
}

/* The controller's defaults, with and without a controller: block. */
static void
test_ctl_defaults(void **state)
{
	const char *none = "", *some = "controller:\n listen: 192.0.2.1\n"
	    " port: 9000\n state-dir: /srv/ctl\n";
	struct fleet *fl;
	char buf[256];

	(void)state;
	fl = fleet_load_buf("t", none, 0, stderr);
	assert_non_null(fl);
	assert_int_equal(fleet_ctl_port(fl), 8443);
	assert_int_equal(fleet_ctl_public_port(fl), 8443);
	assert_string_equal(fleet_ctl_state_dir(fl),
	    "/var/lib/outpost-controller");
	assert_string_equal(fleet_ctl_bundle_dir(fl, buf, sizeof(buf)),
	    "/var/lib/outpost-controller/bundles");
	fleet_free(fl);
	fl = fleet_load_buf("t", some, strlen(some), stderr);
	assert_non_null(fl);
	assert_int_equal(fleet_ctl_port(fl), 9000);
	assert_int_equal(fleet_ctl_public_port(fl), 9000);
	assert_string_equal(fleet_ctl_bundle_dir(fl, buf, sizeof(buf)),
	    "/srv/ctl/bundles");
	fleet_free(fl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_lab),
		cmocka_unit_test(test_ctl_defaults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
