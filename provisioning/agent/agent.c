/* agent.c: outpost-agent: the node's side of provisioning: enrol with a token, check a token, run (fetch, verify and apply bundles, report status). */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "log.h"

#define DEFAULT_STATE	"/var/lib/outpost/agent"
#define DEFAULT_CONF	"/etc/outpost/node.conf"

static void __attribute__((noreturn))
usage_to(FILE *f, int status)
{
	fprintf(f,
	    "usage: outpost-agent enrol [-v] [-s STATEDIR] TOKEN\n"
	    "       outpost-agent check [-v] [-s STATEDIR] TOKEN\n"
	    "       outpost-agent run   [-v] [-s STATEDIR] [-c NODECONF]\n");
	exit(status);
}

static void __attribute__((noreturn))
usage(void)
{
	usage_to(stderr, 2);
}

struct opts {
	const char	*statedir;
	const char	*nodeconf;
	int		 verbose;
};

static int
options(int argc, char **argv, const char *allowed, struct opts *o)
{
	int ch;

	o->statedir = DEFAULT_STATE;
	o->nodeconf = DEFAULT_CONF;
	o->verbose = 0;
	optind = 1;
	while ((ch = getopt(argc, argv, allowed)) != -1)
		switch (ch) {
		case 'c':
			o->nodeconf = optarg;
			break;
		case 's':
			o->statedir = optarg;
			break;
		case 'v':
			o->verbose++;
			break;
		default:
			usage();
		}
	log_setverbose(o->verbose);
	return optind;
}

static int
cmd_token(int argc, char **argv, int enrol)
{
	struct opts o;
	int i;

	i = options(argc, argv, "s:v", &o);
	if (argc - i != 1)
		usage();
	return agent_enrol(o.statedir, argv[i], enrol);
}

static int
cmd_enrol(int argc, char **argv)
{
	return cmd_token(argc, argv, 1);
}

static int
cmd_check(int argc, char **argv)
{
	return cmd_token(argc, argv, 0);
}

static int
cmd_run(int argc, char **argv)
{
	struct opts o;

	if (options(argc, argv, "c:s:v", &o) != argc)
		usage();
	return agent_run(o.statedir, o.nodeconf);
}

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
} commands[] = {
	{ "check", cmd_check },
	{ "enrol", cmd_enrol },
	{ "run", cmd_run },
};

int
main(int argc, char **argv)
{
	size_t i;

	log_init("outpost-agent", NULL, 0);
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		usage_to(stdout, 0);
	if (agent_tls_init() < 0)
		fatalx("cannot start libcurl");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	usage();
}
