/* update.c: `outpost update FILE`: the command line of the updater (update_install.c does the work). */
/* SPDX-License-Identifier: ISC */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "update_install.h"

int	cmd_update(int, char **);

static void __attribute__((noreturn))
update_usage(int rc)
{
	fprintf(rc ? stderr : stdout,
	    "usage: outpost update [-fq] [--pubkey FILE] [--slot-device FILE] "
	    "[--esp DIR]\n"
	    "                      [--cmdline FILE] FILE\n"
	    "  -f, --force   a version not newer than the running one, or "
	    "while the\n"
	    "                running slot is still on trial\n"
	    "  -q, --quiet   no progress\n");
	exit(rc);
}

static const struct option long_opts[] = {
	{ "cmdline", required_argument, NULL, 'C' },
	{ "esp", required_argument, NULL, 'E' },
	{ "force", no_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "pubkey", required_argument, NULL, 'P' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "slot-device", required_argument, NULL, 'S' },
	{ NULL, 0, NULL, 0 },
};

int
cmd_update(int argc, char **argv)
{
	struct update_opts o = { .pubkey = UPDATE_PUBKEY,
	    .cmdline = "/proc/cmdline", .sysblock = UPDATE_SYSBLOCK };
	int ch;

	while ((ch = getopt_long(argc, argv, "fhq", long_opts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			o.cmdline = optarg;
			break;
		case 'E':
			o.esp = optarg;
			break;
		case 'f':
			o.force = 1;
			break;
		case 'h':
			update_usage(0);
		case 'P':
			o.pubkey = optarg;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'S':
			o.slot_device = optarg;
			break;
		default:
			update_usage(2);
		}
	}
	if (optind != argc - 1)
		update_usage(2);
	o.file = argv[optind];
	return update_install(&o);
}
