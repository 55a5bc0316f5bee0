/* outpostctl.c: the operator's command line of the controller: one sorted table of subcommands, each in a ctl_*.c file. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "log.h"

struct ctl_cmd {
	const char	*name;
	int		(*run)(int, char **);
	const char	*args;		/* for the usage */
};

/* Sorted by name (bsearch); a new subcommand is one line here. */
static const struct ctl_cmd cmds[] = {
	{ "apply", ctl_apply, "[-s STATEDIR] FLEET" },
	{ "check", ctl_check, "FLEET" },
	{ "nodes", ctl_nodes, "[-s STATEDIR]" },
	{ "plan", ctl_plan, "FLEET [-d PUBLISHED_DIR]" },
	{ "primary", ctl_primary, "FLEET [TENANT]" },
	{ "print", ctl_print, "FLEET" },
	{ "render", ctl_render, "FLEET NODE" },
	{ "status", ctl_status, "[-s STATEDIR] [NODE]" },
	{ "token", ctl_token, "[-s STATEDIR] -a PUBLIC [-p PORT] [-e LIFETIME] NODE" },
};

#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

void
ctl_usage(int asked)
{
	FILE *f = asked ? stdout : stderr;
	size_t i;

	for (i = 0; i < NCMDS; i++)
		fprintf(f, "%s outpostctl %s %s\n", i == 0 ? "usage:" :
		    "      ", cmds[i].name, cmds[i].args);
	fprintf(f, "       outpostctl -h | --help\n");
	exit(asked ? 0 : 2);
}

static int
cmd_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct ctl_cmd *)elem)->name);
}

int
main(int argc, char **argv)
{
	const struct ctl_cmd *c;
	size_t i;

	log_init("outpostctl", NULL, 0);
	for (i = 1; i < NCMDS; i++)
		if (strcmp(cmds[i - 1].name, cmds[i].name) >= 0)
			fatalx("subcommand table not sorted at '%s'",
			    cmds[i].name);
	if (argc < 2)
		ctl_usage(0);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		ctl_usage(1);
	if ((c = bsearch(argv[1], cmds, NCMDS, sizeof(cmds[0]),
	    cmd_cmp)) == NULL) {
		fprintf(stderr, "outpostctl: unknown command '%s'\n", argv[1]);
		ctl_usage(0);
	}
	return c->run(argc - 1, argv + 1);
}
