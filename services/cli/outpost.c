/* outpost.c: the operator's command line: check and print node.conf, talk to a running node. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control_proto.h"

#include "log.h"
#include "nodeconf.h"

int	cmd_hwprofile(int, char **);	/* hwprofile.c */

/* Prints the usage; asked for (-h, --help) on stdout with 0, else on stderr with 2. */
static void __attribute__((noreturn))
usage_exit(int asked)
{
	fprintf(asked ? stdout : stderr,
	    "usage: outpost check FILE\n"
	    "       outpost print FILE\n"
	    "       outpost hwprofile [--sysroot DIR] [--profiles DIR]\n"
	    "       outpost hwprofile --modules | --firmware [--profiles DIR]\n"
	    "       outpost hwprofile -n FILE ...\n"
	    "       outpost hwprofile print FILE ...\n"
	    "       outpost status  [-c node.conf] [-j]\n"
	    "       outpost stats   [-c node.conf] [-j]\n"
	    "       outpost drain   [-c node.conf]\n"
	    "       outpost undrain [-c node.conf]\n"
	    "       outpost configure [-c node.conf] [--timeout S] FILE\n"
	    "       outpost update [-fq] [--pubkey FILE] [--slot-device FILE] "
	    "[--esp DIR]\n"
	    "                      [--cmdline FILE] FILE\n"
	    "       outpost poweroff [-c node.conf]   (also: poweroff)\n"
	    "       outpost reboot   [-c node.conf]   (also: reboot)\n"
	    "       outpost -h | --help\n");
	exit(asked ? 0 : 2);
}

static void __attribute__((noreturn))
usage(void)
{
	usage_exit(0);
}

static int
is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
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

/* The node's control socket, found through its node.conf: 0, or -1 said. */
static int
node_socket(const char *conf, struct sockaddr_un *sun)
{
	struct nodeconf *nc;

	sun->sun_family = AF_UNIX;
	if (access(conf, F_OK) < 0 && errno == ENOENT &&
	    strcmp(conf, "/etc/outpost/node.conf") == 0)
		/* A node without node.conf (the image before it has one). */
		snprintf(sun->sun_path, sizeof(sun->sun_path), "%s/%s",
		    CONTROL_STATE_DIR, CONTROL_SOCK);
	else {
		if ((nc = nodeconf_load(conf, stderr)) == NULL)
			return -1;
		snprintf(sun->sun_path, sizeof(sun->sun_path), "%s/%s",
		    nc->state_dir, CONTROL_SOCK);
		nodeconf_free(nc);
	}
	return 0;
}

/*
 * Sends req, prints the answer: 0 when it begins with ok (NULL: when it
 * is no "error:"), else 1.
 */
static int
talk(const struct sockaddr_un *sun, const char *req, const char *ok)
{
	char buf[4096];
	ssize_t n;
	int fd, rc = -1;

	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
	    connect(fd, (const struct sockaddr *)sun, sizeof(*sun)) < 0) {
		fprintf(stderr, "outpost: cannot connect to %s: %s (is "
		    "outpost-node running?)\n", sun->sun_path, strerror(errno));
		return 1;
	}
	if (dprintf(fd, "%s\n", req) < 0) {
		fprintf(stderr, "outpost: cannot send request: %s\n",
		    strerror(errno));
		close(fd);
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (rc < 0)
			rc = ok != NULL ? (size_t)n < strlen(ok) ||
			    strncmp(buf, ok, strlen(ok)) != 0 :
			    strncmp(buf, "error:", 6) == 0;
		fwrite(buf, 1, (size_t)n, stdout);
	}
	close(fd);
	return rc < 0 ? (ok != NULL) : rc;
}

/* Sends one request to the running node's control socket, prints the answer. */
static int
ask_node(int argc, char **argv, const char *req)
{
	struct sockaddr_un sun;
	const char *conf = "/etc/outpost/node.conf";
	int ch;

	while ((ch = getopt(argc, argv, "c:h")) != -1) {
		if (ch == 'h')
			usage_exit(1);
		if (ch != 'c')
			usage();
		conf = optarg;
	}
	if (optind != argc)
		usage();
	if (node_socket(conf, &sun) < 0)
		return 1;
	return talk(&sun, req, NULL);
}

/*
 * outpost configure [-c node.conf] [--timeout S] FILE: FILE on trial in
 * the running node; 0 only once it is confirmed.
 */
static int
cmd_configure(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conf = "/etc/outpost/node.conf", *timeout = NULL;
	char path[PATH_MAX], req[CONTROL_REQ_MAX];
	struct sockaddr_un sun;
	int ch;

	while ((ch = getopt_long(argc, argv, "c:ht:", opts, NULL)) != -1) {
		if (ch == 'h')
			usage_exit(1);
		else if (ch == 'c')
			conf = optarg;
		else if (ch == 't')
			timeout = optarg;
		else
			usage();
	}
	if (optind != argc - 1)
		usage();
	if (timeout != NULL && (timeout[0] == '\0' ||
	    strspn(timeout, "0123456789") != strlen(timeout))) {
		fprintf(stderr, "outpost: --timeout %s: not a number of "
		    "seconds\n", timeout);
		return 2;
	}
	if (realpath(argv[optind], path) == NULL) {
		fprintf(stderr, "outpost: cannot read %s: %s\n", argv[optind],
		    strerror(errno));
		return 1;
	}
	if ((size_t)snprintf(req, sizeof(req), "%s %s%s%s",
	    CONTROL_REQ_CONFIGURE, path, timeout ? " " : "",
	    timeout ? timeout : "") >= sizeof(req) ||
	    strchr(path, ' ') != NULL || strchr(path, '\n') != NULL) {
		fprintf(stderr, "outpost: %s: a path without spaces, shorter "
		    "than %d octets, please\n", path, CONTROL_REQ_MAX - 32);
		return 1;
	}
	if (node_socket(conf, &sun) < 0)
		return 1;
	return talk(&sun, req, "confirmed:");
}

/* A request that takes -j (its answer as JSON): status, stats. */
static int
ask_node_json(int argc, char **argv, const char *req, const char *req_json)
{
	struct sockaddr_un sun;
	const char *conf = "/etc/outpost/node.conf";
	int ch, json = 0;

	while ((ch = getopt(argc, argv, "c:hj")) != -1) {
		if (ch == 'h')
			usage_exit(1);
		else if (ch == 'c')
			conf = optarg;
		else if (ch == 'j')
			json = 1;
		else
			usage();
	}
	if (optind != argc)
		usage();
	if (node_socket(conf, &sun) < 0)
		return 1;
	return talk(&sun, json ? req_json : req, NULL);
}

/* outpost status [-c node.conf] [-j]: the node's state (JSON: -j). */
static int
cmd_status(int argc, char **argv)
{
	return ask_node_json(argc, argv, CONTROL_REQ_STATUS,
	    CONTROL_REQ_STATUS " -j");
}

/* outpost stats [-c node.conf] [-j]: the XDP guard's counters (JSON: -j). */
static int
cmd_stats(int argc, char **argv)
{
	return ask_node_json(argc, argv, CONTROL_REQ_STATS,
	    CONTROL_REQ_STATS " -j");
}

static int
cmd_drain(int argc, char **argv)
{
	return ask_node(argc, argv, CONTROL_REQ_DRAIN);
}

static int
cmd_undrain(int argc, char **argv)
{
	return ask_node(argc, argv, CONTROL_REQ_UNDRAIN);
}

/* update.c */
int	cmd_update(int, char **);
static int
cmd_poweroff(int argc, char **argv)
{
	return ask_node(argc, argv, CONTROL_REQ_POWEROFF);
}

static int
cmd_reboot(int argc, char **argv)
{
	return ask_node(argc, argv, CONTROL_REQ_REBOOT);
}

struct command {
	const char *name;
	int (*run)(int, char **);
};

static const struct command commands[] = {
	{ "check", cmd_check },
	{ "configure", cmd_configure },
	{ "drain", cmd_drain },
	{ "hwprofile", cmd_hwprofile },
	{ "poweroff", cmd_poweroff },
	{ "print", cmd_print },
	{ "reboot", cmd_reboot },
	{ "stats", cmd_stats },
	{ "status", cmd_status },
	{ "undrain", cmd_undrain },
	{ "update", cmd_update },
};

int
main(int argc, char **argv)
{
	size_t i;

	log_init("outpost", NULL, 0);
	/* /sbin/poweroff and /sbin/reboot are links to outpost (the image). */
	if (strcmp(basename(argv[0]), "poweroff") == 0)
		return cmd_poweroff(argc, argv);
	if (strcmp(basename(argv[0]), "reboot") == 0)
		return cmd_reboot(argc, argv);
	if (argc < 2)
		usage();
	if (is_help(argv[1]) || (argc == 3 && is_help(argv[2])))
		usage_exit(1);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	usage();
}
