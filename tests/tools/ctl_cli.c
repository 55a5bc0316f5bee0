/* ctl_cli.c: a stand-in for outpostctl in the controller's tests: its token and nodes commands, and remove (what apply does for a node gone from the fleet). */
/* SPDX-License-Identifier: ISC */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ctl.h"
#include "db.h"

/* ctl-cli remove STATEDIR NODE */
static int
remove_node(int argc, char **argv)
{
	struct db *db;
	char path[PATH_MAX], err[512];
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: ctl-cli remove STATEDIR NODE\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/%s", argv[1], DB_FILE);
	if ((db = db_open(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "ctl-cli: %s: %s\n", path, err);
		return 1;
	}
	rc = db_node_remove(db, argv[2], time(NULL), err, sizeof(err));
	db_close(db);
	if (rc < 0)
		fprintf(stderr, "ctl-cli: %s\n", err);
	return rc < 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "token") == 0)
		return ctl_token(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "nodes") == 0)
		return ctl_nodes(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "remove") == 0)
		return remove_node(argc - 1, argv + 1);
	fprintf(stderr, "usage: ctl-cli token|nodes|remove ...\n");
	return 2;
}
