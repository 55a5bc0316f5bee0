/* statusreport_fuzz.c: libFuzzer harness of the status report reader: no crash, no leak, counts that add up, flags that print. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statusreport.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(const struct status_count *c)
{
	if (c->good < 0 || c->good > c->total)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct status_report r;
	struct status_node n = { 1, 0, 3, 1, 10 };
	char err[256], flags[64];

	if (status_report_parse((const char *)data, size, &r, err,
	    sizeof(err)) < 0) {
		if (r.node != NULL || r.tenants != NULL || strlen(err) == 0)
			abort();
		return 0;
	}
	check(&r.health);
	check(&r.prefixes);
	check(&r.bgp);
	check(&r.zones);
	if (r.zones.good + r.zones_behind > r.zones.total)
		abort();
	status_flags_text(status_flags(&n, &r), flags, sizeof(flags));
	if (strlen(flags) == 0)
		abort();
	status_report_free(&r);
	return 0;
}
