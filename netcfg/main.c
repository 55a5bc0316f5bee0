/* main.c: outpost-netcfg's command line: setup, apply, show, check, print. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iflist.h"
#include "log.h"
#include "netcfg.h"
#include "netconf.h"

static void __attribute__((noreturn))
usage_to(FILE *f, int status)
{
	fprintf(f,
	    "usage: outpost-netcfg setup [-A STATEDIR] [-c NODECONF] [-r RESOLVCONF] [-u RULE]\n"
	    "                            [FILE]\n"
	    "       outpost-netcfg apply [-c NODECONF] [-r RESOLVCONF] [-N FD] FILE\n"
	    "       outpost-netcfg show [-c NODECONF] [FILE]\n"
	    "       outpost-netcfg check FILE      (also: outpost-netcfg -n FILE)\n"
	    "       outpost-netcfg print FILE\n"
	    "       outpost-netcfg -h | --help\n"
	    "FILE defaults to " NETCONF_PATH "\n");
	exit(status);
}

static void __attribute__((noreturn))
usage(void)
{
	usage_to(stderr, 2);
}

/* -N FD: an open descriptor above stderr. */
static int
notify_fd(const char *s)
{
	char *end;
	long fd;

	fd = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || fd < 3 || fd > 1023) {
		fprintf(stderr, "outpost-netcfg: -N %s: not a descriptor "
		    "number from 3 to 1023\n", s);
		exit(2);
	}
	return (int)fd;
}

/* Options shared by the commands; returns the index of the first operand. */
static int
options(int argc, char **argv, struct netcfg_opts *o, int nfiles)
{
	const char *err;
	int ch;

	o->file = NETCONF_PATH;
	optind = 1;
	while ((ch = getopt(argc, argv, "A:c:hN:r:u:")) != -1) {
		switch (ch) {
		case 'A':	/* outpost-agent's state directory */
			o->agentdir = optarg;
			break;
		case 'c':
			/* "none": this node has no tenants (yet) */
			o->nodeconf = strcmp(optarg, "none") == 0 ? NULL :
			    optarg;
			o->nodeconf_given = 1;
			break;
		case 'h':
			usage_to(stdout, 0);
		case 'N':
			o->notify_fd = notify_fd(optarg);
			break;
		case 'r':
			o->resolvconf = optarg;
			break;
		case 'u':
			if ((err = iflist_rule_check(optarg)) != NULL) {
				fprintf(stderr, "outpost-netcfg: -u %s: %s\n",
				    optarg, err);
				exit(2);
			}
			o->uplink_rule = optarg;
			break;
		default:
			usage();
		}
	}
	if (argc - optind > 1 || (nfiles == 1 && argc - optind != 1))
		usage();
	if (optind < argc)
		o->file = argv[optind];
	return optind;
}

static int
cmd_check(int argc, char **argv)
{
	struct netconf *nc;

	if (argc != 2)
		usage();
	if ((nc = netconf_load(argv[1], stderr)) == NULL)
		return 1;
	netconf_free(nc);
	return 0;
}

static int
cmd_print(int argc, char **argv)
{
	struct netconf *nc;

	if (argc != 2)
		usage();
	if ((nc = netconf_load(argv[1], stderr)) == NULL)
		return 1;
	netconf_print(stdout, nc);
	netconf_free(nc);
	return 0;
}

static int
cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage_to(stdout, 0);
}

static int
cmd_apply(int argc, char **argv)
{
	struct netcfg_opts o = NETCFG_OPTS_INIT;

	options(argc, argv, &o, 1);
	if (o.agentdir != NULL)
		usage();	/* -A: setup only */
	return netcfg_apply_file(&o);
}

static int
cmd_show(int argc, char **argv)
{
	struct netcfg_opts o = NETCFG_OPTS_INIT;

	options(argc, argv, &o, 0);
	if (o.agentdir != NULL)
		usage();	/* -A: setup only */
	return netcfg_show(&o);
}

static int
cmd_setup(int argc, char **argv)
{
	struct netcfg_opts o = NETCFG_OPTS_INIT;

	options(argc, argv, &o, 0);
	return netcfg_setup(&o);
}

struct command {
	const char	*name;
	int		(*run)(int, char **);
};

static const struct command commands[] = {
	{ "--help", cmd_help },
	{ "-h", cmd_help },
	{ "-n", cmd_check },
	{ "apply", cmd_apply },
	{ "check", cmd_check },
	{ "print", cmd_print },
	{ "setup", cmd_setup },
	{ "show", cmd_show },
};

int
main(int argc, char **argv)
{
	size_t i;

	log_init("outpost-netcfg", NULL, 0);
	if (argc < 2)
		usage();
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	usage();
}
