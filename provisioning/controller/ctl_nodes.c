/* ctl_nodes.c: outpostctl nodes: the fleet's nodes as the controller knows them: enrolled, removed, token pending or expired, last seen, bundle, status. */
/* SPDX-License-Identifier: ISC */
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ctl.h"
#include "ctlsettings.h"
#include "db.h"

struct listing {
	int64_t	 now;
};

static const char *
when(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;

	if (t == 0)
		return "-";
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", gmtime(&tt));
	return buf;
}

static const char *
state(const struct db_node_row *r, int64_t now)
{
	if (r->removed)
		return "removed";
	if (r->key != NULL)
		return "enrolled";
	if (r->token_expires > now)
		return "token-pending";
	return "token-expired";
}

static int
print_row(const struct db_node_row *r, void *arg)
{
	const struct listing *l = arg;
	char a[32], b[32], s[32];

	printf("%-20s %-14s %-21s %-21s %10" PRIu64 " %s\n", r->name,
	    state(r, l->now), when(r->enrolled, a, sizeof(a)),
	    when(r->last_seen, b, sizeof(b)), r->serial,
	    when(r->status_at, s, sizeof(s)));
	return 0;
}

int
ctl_nodes(int argc, char **argv)
{
	struct listing l;
	struct db *db;
	const char *statedir = CTL_STATEDIR;
	char path[PATH_MAX], err[512];
	int ch, rc;

	optind = 1;
	while ((ch = getopt(argc, argv, "s:")) != -1) {
		if (ch != 's') {
			fprintf(stderr, "usage: outpostctl nodes "
			    "[-s STATEDIR]\n");
			return 2;
		}
		statedir = optarg;
	}
	snprintf(path, sizeof(path), "%s/%s", statedir, DB_FILE);
	if ((db = db_open(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "outpostctl nodes: %s: %s\n", path, err);
		return 1;
	}
	l.now = time(NULL);
	printf("%-20s %-14s %-21s %-21s %10s %s\n", "NODE", "STATE",
	    "ENROLLED", "LAST-SEEN", "BUNDLE", "STATUS");
	rc = db_nodes_each(db, print_row, &l, err, sizeof(err));
	db_close(db);
	if (rc < 0) {
		fprintf(stderr, "outpostctl nodes: %s\n", err);
		return 1;
	}
	return 0;
}
