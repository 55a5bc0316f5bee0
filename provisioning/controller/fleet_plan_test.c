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

static void
check_case(const char *dir, const char *name)
{
	char path[512], pub[512], *in, *out = NULL;
	const char *err;
	struct fleet *fl;
	struct stat st;
	size_t len, outlen = 0;
	FILE *f;
	int rc;

	in = golden_input(dir, name, &len);
	assert_non_null(in);
	snprintf(path, sizeof(path), "%s.in", name);
	snprintf(pub, sizeof(pub), "%s/%s.pub", dir, name);
	f = open_memstream(&out, &outlen);
	if ((fl = fleet_load_buf(path, in, len, f)) != NULL) {
		rc = fleet_plan(f, fl, stat(pub, &st) == 0 ? pub : NULL);
		fprintf(f, "(fleet_plan: %d)\n", rc);
	}
	fleet_free(fl);
	fclose(f);
	if ((err = golden_match(dir, name, out)) != NULL)
		fail_msg("%s: %s:\n%s", name, err, out);
	free(in);
	free(out);
}

static void
test_golden(void **state)
{
	(void)state;
	assert_true(golden_each(DATADIR, check_case) >= 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
