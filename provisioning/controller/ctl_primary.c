/* ctl_primary.c: outpostctl primary: the distribution primary's keys and per-tenant NOTIFY and transfer lists, from the fleet file. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>

#include "ctl.h"
#include "fleet.h"
#include "fleet_primary.h"

int
ctl_primary(int argc, char **argv)
{
	struct fleet *f;
	char err[300];
	int rc;

	if (argc != 2 && argc != 3)
		ctl_usage(0);
	if ((f = fleet_load(argv[1], stderr)) == NULL)
		return 1;
	rc = fleet_primary(stdout, f, argc == 3 ? argv[2] : NULL, stderr,
	    err, sizeof(err));
	if (rc < 0)
		fprintf(stderr, "outpostctl: cannot render the primary's "
		    "lists: %s\n", err);
	fleet_free(f);
	return rc < 0;
}
