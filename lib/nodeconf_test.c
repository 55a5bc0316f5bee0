/* nodeconf_test.c: node.conf golden tests (testdata/nodeconf/NN.in against NN.ok) and printer round trips. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "golden.h"
#include "nodeconf.h"

#define DATADIR	"lib/testdata/nodeconf"

/* What a file yields: its errors, or its printed form. */
static int
outcome(FILE *f, const char *name, const char *buf, size_t len)
{
	struct nodeconf *nc;

	if ((nc = nodeconf_load_buf(name, buf, len, f)) == NULL)
		return 0;
	nodeconf_print(f, nc);
	nodeconf_free(nc);
	return 1;
}

static void
test_golden(void **state)
{
	(void)state;
	nodeconf_machine_cpus = 4;	/* cpus: lists are checked against 0-3 */
	assert_true(golden_run(DATADIR, outcome) >= 9);
	nodeconf_machine_cpus = 0;
}

static void
test_nsid_hex(void **state)
{
	const char *text = "node:\n identity: n1\n uplink: eth0\n";
	const char *hex = "node:\n identity: n1\n nsid: 0xC0ffee\n uplink: e\n";
	struct nodeconf *nc;
	char buf[300];

	(void)state;
	nc = nodeconf_load_buf("t", text, strlen(text), NULL);
	assert_non_null(nc);
	nodeconf_nsid_hex(nc, buf, sizeof(buf));
	assert_string_equal(buf, "6e31");
	nodeconf_free(nc);
	nc = nodeconf_load_buf("t", hex, strlen(hex), NULL);
	assert_non_null(nc);
	nodeconf_nsid_hex(nc, buf, sizeof(buf));
	assert_string_equal(buf, "C0ffee");
	nodeconf_free(nc);
}

/* The gate's copy: no TSIG secret in it, and it parses again. */
static void
test_print_no_tsig(void **state)
{
	const char *text = "node:\n identity: n1\n uplink: eth0\n"
	    "tenant:\n name: a\n prefix: 192.0.2.0/24\n address: 192.0.2.1\n"
	    " zone: a.example\n primary: 198.51.100.34\n tsig-name: a-xfr\n"
	    " tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==\n";
	struct nodeconf *nc, *again;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	nc = nodeconf_load_buf("t", text, strlen(text), NULL);
	assert_non_null(nc);
	f = open_memstream(&out, &len);
	nodeconf_print_flags(f, nc, NC_PRINT_NO_TSIG);
	fclose(f);
	assert_null(strstr(out, "K2tf3TRjvQkVCmJF3"));
	again = nodeconf_load_buf("t2", out, len, stderr);
	assert_non_null(again);
	assert_string_equal(again->tenants[0].tsig_name, "a-xfr.");
	nodeconf_free(again);
	nodeconf_free(nc);
	free(out);
}

static void
test_missing_file(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	assert_null(nodeconf_load("/nonexistent/node.conf", f));
	fclose(f);
	assert_string_equal(out, "/nonexistent/node.conf:0:0: cannot open "
	    "file: No such file or directory\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_nsid_hex),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_print_no_tsig),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
