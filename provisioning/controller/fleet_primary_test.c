/* fleet_primary_test.c: the primary's keys and per-tenant patterns: golden tests (testdata/primary/NN.in, a fleet, against NN.ok). */
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
#include "fleet_primary.h"
#include "golden.h"

#define DATADIR	"provisioning/controller/testdata/primary"
#define ONLY	"#! tenant "	/* a first line naming the one tenant */

/* The primary's lines for every tenant (or the one the input names),
 * its warnings, or why it cannot be rendered. */
static int
outcome(FILE *f, const char *name, const char *buf, size_t len)
{
	char tenant[64] = "", err[300], *warn = NULL;
	size_t wlen = 0;
	struct fleet *fl;
	FILE *wf;

	if (len > strlen(ONLY) && strncmp(buf, ONLY, strlen(ONLY)) == 0)
		sscanf(buf + strlen(ONLY), "%63s", tenant);
	if ((fl = fleet_load_buf(name, buf, len, f)) == NULL)
		return 0;
	wf = open_memstream(&warn, &wlen);
	if (fleet_primary(f, fl, tenant[0] ? tenant : NULL, wf, err,
	    sizeof(err)) < 0)
		fprintf(f, "==== error\n%s\n", err);
	fclose(wf);
	if (wlen > 0)
		fprintf(f, "==== warnings\n%s", warn);
	free(warn);
	fleet_free(fl);
	return 0;
}

static void
test_golden(void **state)
{
	(void)state;
	assert_true(golden_run(DATADIR, outcome) >= 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
