/* ctl_status.c: outpostctl status: the fleet at a glance from the nodes' last reports: contact, serials, version, tenants, prefixes, BGP, zones, and flags; with NODE its whole report. */
/* SPDX-License-Identifier: ISC */
#include <dirent.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl.h"
#include "ctlsettings.h"
#include "db.h"
#include "publish.h"
#include "statusreport.h"

#define ROW_FMT	"%-16s %-12s %-13s %-12s %-8s %-8s %-8s %-8s %s\n"

struct listing {
	struct db	*db;
	const char	*only;		/* NULL: every node */
	int64_t		 now;
	int		 attention;	/* a node flagged */
	int		 found;
	struct dirent	**fleet;	/* STATEDIR/published: the fleet */
	int		 nfleet;
	int		 next;		/* the first of fleet not listed yet */
};

/* An age as "42s", "5m", "3h", "2d"; "never" for none. */
static const char *
age(int64_t t, int64_t now, char *buf, size_t len)
{
	int64_t a = now - t;

	if (t == 0)
		return "never";
	if (a < 0)
		a = 0;
	if (a < 120)
		snprintf(buf, len, "%llds", (long long)a);
	else if (a < 7200)
		snprintf(buf, len, "%lldm", (long long)(a / 60));
	else if (a < 172800)
		snprintf(buf, len, "%lldh", (long long)(a / 3600));
	else
		snprintf(buf, len, "%lldd", (long long)(a / 86400));
	return buf;
}

static const char *
count(const struct status_count *c, char *buf, size_t len)
{
	snprintf(buf, len, "%d/%d", c->good, c->total);
	return buf;
}

/* Its last report read, or 0 with none (a bad one said on stderr). */
static int
report(const struct listing *l, const struct db_node_row *row,
    struct status_report *r)
{
	char err[256], *body;
	int64_t received = 0;

	if (row->status_at == 0 ||
	    (body = db_status_get(l->db, row->name, &received)) == NULL)
		return 0;
	if (status_report_parse(body, strlen(body), r, err,
	    sizeof(err)) < 0) {
		fprintf(stderr, "outpostctl status: node %s: cannot read its "
		    "status report: %s\n", row->name, err);
		free(body);
		return 0;
	}
	free(body);
	return 1;
}

static void
print_details(const struct db_node_row *row, const struct status_report *r,
    int have)
{
	char when[32];
	time_t t = (time_t)row->status_at;

	if (!have) {
		printf("\nno status report\n");
		return;
	}
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	printf("\nreport received %s\nagent: %s\nlast failure: %s\n\n", when,
	    r->state != NULL && r->state[0] != '\0' ? r->state : "-",
	    r->last_failure != NULL && r->last_failure[0] != '\0' ?
	    r->last_failure : "-");
	if (r->tenants != NULL)
		fputs(r->tenants, stdout);
}

static void	print_row(struct listing *, const struct db_node_row *);

static int
published(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && d->d_name[0] != '.' &&
	    strcmp(d->d_name + n - 5, ".conf") == 0;
}

/* The nodes of the fleet (published text) sorted before name (NULL: all)
 * that the database knows nothing of: never enrolled, no token issued. */
static void
fleet_before(struct listing *l, const char *name)
{
	struct db_node_row row;
	char node[256];

	for (; l->next < l->nfleet; l->next++) {
		snprintf(node, sizeof(node), "%.*s",
		    (int)(strlen(l->fleet[l->next]->d_name) - 5),
		    l->fleet[l->next]->d_name);
		if (name != NULL && strcmp(node, name) > 0)
			return;
		if (name != NULL && strcmp(node, name) == 0)
			continue;
		memset(&row, 0, sizeof(row));
		row.name = node;
		print_row(l, &row);
	}
}

static void
print_row(struct listing *l, const struct db_node_row *row)
{
	struct status_report r;
	struct status_node n;
	char contact[24], serials[48], flags[64], c[4][24];
	int have = 0, f;

	if (l->only != NULL && strcmp(l->only, row->name) != 0)
		return;
	l->found = 1;
	memset(&r, 0, sizeof(r));
	memset(&n, 0, sizeof(n));
	n.enrolled = row->key != NULL;
	n.removed = row->removed != 0;
	n.published = row->serial;
	if (n.enrolled && !n.removed)
		have = report(l, row, &r);
	n.has_report = have;
	n.age = l->now - row->status_at;
	f = status_flags(&n, have ? &r : NULL);
	if (f & STATUS_F_ATTENTION)
		l->attention = 1;
	snprintf(serials, sizeof(serials), "%" PRIu64 "/%" PRIu64,
	    r.serial_applied, row->serial);
	if (!have) {
		snprintf(serials, sizeof(serials), "-/%" PRIu64, row->serial);
		strcpy(c[0], "-");
		strcpy(c[1], "-");
		strcpy(c[2], "-");
		strcpy(c[3], "-");
	} else {
		count(&r.health, c[0], sizeof(c[0]));
		count(&r.prefixes, c[1], sizeof(c[1]));
		count(&r.bgp, c[2], sizeof(c[2]));
		count(&r.zones, c[3], sizeof(c[3]));
	}
	printf(ROW_FMT, row->name, age(row->last_seen, l->now, contact,
	    sizeof(contact)), serials, have && r.version != NULL ?
	    r.version : "-", c[0], c[1], c[2], c[3],
	    status_flags_text(f, flags, sizeof(flags)));
	if (l->only != NULL)
		print_details(row, &r, have);
	status_report_free(&r);
}

/* A node the database knows, after those of the fleet sorted before it. */
static int
db_row(const struct db_node_row *row, void *arg)
{
	struct listing *l = arg;

	fleet_before(l, row->name);
	print_row(l, row);
	return 0;
}

int
ctl_status(int argc, char **argv)
{
	struct listing l;
	const char *statedir = CTL_STATEDIR;
	char path[PATH_MAX], err[512];
	int ch, rc;

	optind = 1;
	while ((ch = getopt(argc, argv, "s:")) != -1) {
		if (ch != 's')
			goto usage;
		statedir = optarg;
	}
	if (argc - optind > 1)
		goto usage;
	memset(&l, 0, sizeof(l));
	l.only = argc > optind ? argv[optind] : NULL;
	snprintf(path, sizeof(path), "%s/%s", statedir, DB_FILE);
	if ((l.db = db_open(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "outpostctl status: %s: %s\n", path, err);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/%s", statedir, PUBLISHED_DIR);
	if ((l.nfleet = scandir(path, &l.fleet, published, alphasort)) < 0)
		l.nfleet = 0;
	l.now = time(NULL);
	printf(ROW_FMT, "NODE", "LAST-CONTACT", "APPLIED/PUB", "VERSION",
	    "TENANTS", "PREFIXES", "BGP", "ZONES", "FLAGS");
	rc = db_nodes_each(l.db, db_row, &l, err, sizeof(err));
	if (rc >= 0)
		fleet_before(&l, NULL);
	db_close(l.db);
	while (l.nfleet > 0)
		free(l.fleet[--l.nfleet]);
	free(l.fleet);
	if (rc < 0) {
		fprintf(stderr, "outpostctl status: %s\n", err);
		return 2;
	}
	if (l.only != NULL && !l.found) {
		fprintf(stderr, "outpostctl status: node %s: not enrolled and "
		    "no token issued\n", l.only);
		return 2;
	}
	return l.attention;
usage:
	fprintf(stderr, "usage: outpostctl status [-s STATEDIR] [NODE]\n");
	return 2;
}
