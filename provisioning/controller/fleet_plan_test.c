/* fleet_plan_test.c: plan golden tests: testdata/plan/NN.in (a fleet) against the node.conf files published in NN.pub/, the plan in NN.ok. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fleet.h"
#include "fleet_plan.h"
#include "golden.h"

#define DATADIR	"provisioning/controller/testdata/plan"

/* The plan of the fleet in buf against the node.conf files in NAME.pub/. */
static int
outcome(FILE *f, const char *name, const char *buf, size_t len)
{
	char pub[512];
	struct fleet *fl;
	struct stat st;

	snprintf(pub, sizeof(pub), "%s/%.*s.pub", DATADIR,
	    (int)strlen(name) - 3, name);
	if ((fl = fleet_load_buf(name, buf, len, f)) == NULL)
		return 0;
	fprintf(f, "(fleet_plan: %d)\n",
	    fleet_plan(f, fl, stat(pub, &st) == 0 ? pub : NULL));
	fleet_free(fl);
	return 0;
}

static void
test_golden(void **state)
{
	(void)state;
	assert_true(golden_run(DATADIR, outcome) >= 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
