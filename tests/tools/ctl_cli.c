/* ctl_cli.c: the controller's tests' plain node removal (ctl-cli remove STATEDIR NODE), what outpostctl apply does for a node gone from the fleet; token and nodes are outpostctl's own. */
/* SPDX-License-Identifier: ISC */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"

int
main(int argc, char **argv)
{
	struct db *db;
	char path[PATH_MAX], err[512];
	int rc;

	if (argc != 4 || strcmp(argv[1], "remove") != 0) {
		fprintf(stderr, "usage: ctl-cli remove STATEDIR NODE\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/%s", argv[2], DB_FILE);
	if ((db = db_open(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "ctl-cli: %s: %s\n", path, err);
		return 1;
	}
	rc = db_node_remove(db, argv[3], time(NULL), err, sizeof(err));
	db_close(db);
	if (rc < 0)
		fprintf(stderr, "ctl-cli: %s\n", err);
	return rc < 0;
}
