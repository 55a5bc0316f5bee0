/* ctl_fleet.c: outpostctl check, print, render and plan: the fleet file, each node's node.conf, and what publishing would change. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "fleet.h"
#include "fleet_plan.h"
#include "fleet_render.h"

/* Checks the file as a whole, and that every node's node.conf renders. */
int
ctl_check(int argc, char **argv)
{
	struct fleet *f;
	int bad;

	if (argc != 2)
		ctl_usage(0);
	if ((f = fleet_load(argv[1], stderr)) == NULL)
		return 1;
	bad = fleet_render_all(f, argv[1], stderr);
	fleet_free(f);
	return bad > 0;
}

int
ctl_print(int argc, char **argv)
{
	struct fleet *f;

	if (argc != 2)
		ctl_usage(0);
	if ((f = fleet_load(argv[1], stderr)) == NULL)
		return 1;
	fleet_print(stdout, f);
	fleet_free(f);
	return 0;
}

int
ctl_render(int argc, char **argv)
{
	const struct fleet_node *n;
	struct fleet *f;
	char err[600], *text;

	if (argc != 3)
		ctl_usage(0);
	if ((f = fleet_load(argv[1], stderr)) == NULL)
		return 1;
	if ((n = fleet_node(f, argv[2])) == NULL) {
		fprintf(stderr, "outpostctl: cannot render node %s: no such "
		    "node in %s\n", argv[2], argv[1]);
		fleet_free(f);
		return 1;
	}
	if ((text = fleet_render(f, n, err, sizeof(err))) == NULL) {
		fprintf(stderr, "outpostctl: cannot render node %s: %s\n",
		    argv[2], err);
		fleet_free(f);
		return 1;
	}
	fputs(text, stdout);
	free(text);
	fleet_free(f);
	return 0;
}

int
ctl_plan(int argc, char **argv)
{
	const char *dir = NULL;
	struct fleet *f;
	struct stat st;
	int ch, rc;

	optind = 1;
	while ((ch = getopt(argc, argv, "d:")) != -1) {
		if (ch != 'd')
			ctl_usage(0);
		dir = optarg;
	}
	if (optind != argc - 1)
		ctl_usage(0);
	/* A mistyped directory would plan every node as new. */
	if (dir != NULL && stat(dir, &st) < 0) {
		fprintf(stderr, "outpostctl: cannot read published directory "
		    "%s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (dir != NULL && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "outpostctl: cannot read published directory "
		    "%s: not a directory\n", dir);
		return 1;
	}
	if ((f = fleet_load(argv[optind], stderr)) == NULL)
		return 1;
	rc = fleet_plan(stdout, f, dir);
	fleet_free(f);
	return rc < 0;
}
