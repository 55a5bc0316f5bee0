/* reconfig_test.c: outpost configure's decisions: the request's arguments, confirm or roll back, the configuration to return to, the answers. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "reconfig.h"

static const char conf[] =
    "# the node, as the operator wrote it\n"
    "node:\n\tidentity: n1\n\tuplink: eth0\n"
    "tenant:\n\tname: root\n\tprefix: 203.0.113.0/24\n"
    "\taddress: 203.0.113.53\n\tzone: example.\n"
    "\tprimary: 198.51.100.34\n\ttsig-name: x\n"
    "\ttsig-secret: \"W7/Hl8Wc3zWFKrcMcu/IVWT824tPyc+DfnYG1cX6CF8=\"\n";

static void
test_args(void **state)
{
	char file[64], why[128];
	unsigned t;

	(void)state;
	assert_int_equal(reconfig_parse_args(" /etc/n.conf", file,
	    sizeof(file), &t, why, sizeof(why)), 0);
	assert_string_equal(file, "/etc/n.conf");
	assert_int_equal(t, 0);
	assert_int_equal(reconfig_parse_args(" /etc/n.conf 30", file,
	    sizeof(file), &t, why, sizeof(why)), 0);
	assert_int_equal(t, 30);
	assert_int_equal(reconfig_parse_args("", file, sizeof(file), &t, why,
	    sizeof(why)), -1);
	assert_non_null(strstr(why, "usage"));
	assert_int_equal(reconfig_parse_args(" n.conf", file, sizeof(file),
	    &t, why, sizeof(why)), -1);
	assert_string_equal(why, "n.conf: not an absolute path");
	assert_int_equal(reconfig_parse_args(" /n.conf 0", file, sizeof(file),
	    &t, why, sizeof(why)), -1);
	assert_int_equal(reconfig_parse_args(" /n.conf 86401", file,
	    sizeof(file), &t, why, sizeof(why)), -1);
	assert_int_equal(reconfig_parse_args(" /n.conf 5s", file,
	    sizeof(file), &t, why, sizeof(why)), -1);
	assert_int_equal(reconfig_parse_args(" /n.conf -5", file,
	    sizeof(file), &t, why, sizeof(why)), -1);
	assert_int_equal(reconfig_parse_args(" /a /b", file, sizeof(file), &t,
	    why, sizeof(why)), -1);
	assert_int_equal(reconfig_parse_args(" /n.conf 5 x", file,
	    sizeof(file), &t, why, sizeof(why)), -1);
	assert_int_equal(reconfig_parse_args(" /a/path/longer/than/the/buffer"
	    "/given/for/it/to/hold/in/one/piece", file, 16, &t, why,
	    sizeof(why)), -1);
}

static void
test_step(void **state)
{
	(void)state;
	/* Healthy at once: not believed (the gate may not have reloaded). */
	assert_int_equal(reconfig_step(1000, 61000, 1000, 1), RECONFIG_WAIT);
	assert_int_equal(reconfig_step(1000, 61000,
	    1000 + RECONFIG_SETTLE_MS - 1, 1), RECONFIG_WAIT);
	assert_int_equal(reconfig_step(1000, 61000, 1000 + RECONFIG_SETTLE_MS,
	    1), RECONFIG_CONFIRM);
	assert_int_equal(reconfig_step(1000, 61000, 30000, 0), RECONFIG_WAIT);
	assert_int_equal(reconfig_step(1000, 61000, 61000, 0),
	    RECONFIG_ROLLBACK);
	/* Healthy as the deadline passes: kept. */
	assert_int_equal(reconfig_step(1000, 61000, 61000, 1),
	    RECONFIG_CONFIRM);
	/* A deadline shorter than the settling: rolled back. */
	assert_int_equal(reconfig_step(1000, 2000, 2000, 1),
	    RECONFIG_ROLLBACK);
}

static struct nodeconf *
load(const char *text)
{
	struct nodeconf *nc = nodeconf_load_buf("t.conf", text, strlen(text),
	    stderr);

	assert_non_null(nc);
	return nc;
}

static void
test_previous(void **state)
{
	struct nodeconf *nc = load(conf);
	char *prev, *other;
	size_t len;

	(void)state;
	/* The file on disk runs: kept as written, comment and all. */
	prev = reconfig_previous("node.conf", conf, strlen(conf), nc, &len);
	assert_int_equal(len, strlen(conf));
	assert_memory_equal(prev, conf, len);
	free(prev);
	/* Edited since (not reloaded): what runs, printed. */
	other = strdup(conf);
	*strstr(other, "n1") = 'm';
	prev = reconfig_previous("node.conf", other, strlen(other), nc, &len);
	assert_null(strstr(prev, "# the node"));
	assert_non_null(strstr(prev, "identity: n1\n"));
	free(prev);
	/* Broken or gone: what runs, printed. */
	prev = reconfig_previous("node.conf", "node:\n\tbad\n", 11, nc, &len);
	assert_non_null(strstr(prev, "identity: n1\n"));
	free(prev);
	prev = reconfig_previous("node.conf", NULL, 0, nc, &len);
	assert_non_null(strstr(prev, "identity: n1\n"));
	free(prev);
	free(other);
	nodeconf_free(nc);
}

static void
test_errors_answer(void **state)
{
	static const char errs[] = "/x.conf:3:2: unknown keyword 'bad'\n"
	    "/x.conf:7:10: 'x' is not a number\n";
	char *a;
	size_t len;

	(void)state;
	a = reconfig_errors_answer("/x.conf", errs, strlen(errs), &len);
	assert_string_equal(a, "error: /x.conf: 2 errors, nothing changed\n"
	    "/x.conf:3:2: unknown keyword 'bad'\n"
	    "/x.conf:7:10: 'x' is not a number\n");
	assert_int_equal(len, strlen(a));
	free(a);
}

static void
test_status_line(void **state)
{
	struct reconfig r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	memset(&r, 0, sizeof(r));
	f = open_memstream(&buf, &len);
	reconfig_status_line(f, &r, 0);
	r.outcome = RECONFIG_ROLLED_BACK;
	r.done_at = 1796112000;		/* 2026-12-01T08:00:00Z */
	snprintf(r.done_file, sizeof(r.done_file), "/tmp/new.conf");
	snprintf(r.done_why, sizeof(r.done_why), "not healthy within 8 s: "
	    "tenant b: starting");
	reconfig_status_line(f, &r, 0);
	r.on_trial = 1;
	snprintf(r.file, sizeof(r.file), "/tmp/next.conf");
	r.deadline = 20500;
	r.outcome = RECONFIG_CONFIRMED;
	reconfig_status_line(f, &r, 10000);
	fclose(f);
	assert_string_equal(buf,
	    "configuration: rolled back at 2026-12-01T08:00:00Z: not healthy "
	    "within 8 s: tenant b: starting (/tmp/new.conf)\n"
	    "configuration: /tmp/next.conf on trial, 11 s left\n"
	    "configuration: confirmed /tmp/new.conf at 2026-12-01T08:00:00Z\n");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_step),
		cmocka_unit_test(test_previous),
		cmocka_unit_test(test_errors_answer),
		cmocka_unit_test(test_status_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
