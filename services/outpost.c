/* outpost.c: the operator's command line: check and print node.conf, talk to a running node. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "nodeconf.h"

static void
usage(void)
{
	fprintf(stderr,
	    "usage: outpost check FILE\n"
	    "       outpost print FILE\n");
	exit(2);
}

static int
cmd_check(int argc, char **argv)
{
	struct nodeconf *nc;

	if (argc != 2)
		usage();
	if ((nc = nodeconf_load(argv[1], stderr)) == NULL)
		return 1;
	nodeconf_free(nc);
	return 0;
}

static int
cmd_print(int argc, char **argv)
{
	struct nodeconf *nc;

	if (argc != 2)
		usage();
	if ((nc = nodeconf_load(argv[1], stderr)) == NULL)
		return 1;
	nodeconf_print(stdout, nc);
	nodeconf_free(nc);
	return 0;
}

struct command {
	const char *name;
	int (*run)(int, char **);
};

static const struct command commands[] = {
	{ "check", cmd_check },
	{ "print", cmd_print },
};

int
main(int argc, char **argv)
{
	size_t i;

	log_init("outpost", NULL, 0);
	if (argc < 2)
		usage();
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	usage();
}
