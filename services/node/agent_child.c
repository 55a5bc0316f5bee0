/* agent_child.c: outpost-agent run, supervised by outpost-node once the node is enrolled (STATEDIR/controller exists). */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "node.h"

static struct child *
agent_new(struct supervisor *sv)
{
	char path[PATH_MAX];
	struct child *c;

	if ((c = child_new("agent", NULL, NULL)) == NULL)
		fatal("cannot allocate");
	node_sibling("outpost-agent", path, sizeof(path));
	c->argv[0] = xstrdup(path);
	c->argv[1] = xstrdup("run");
	c->argv[2] = xstrdup("-s");
	c->argv[3] = xstrdup(sv->agent_dir);
	c->argv[4] = xstrdup("-c");
	c->argv[5] = xstrdup(sv->conf_path);
	c->argv[6] = NULL;
	return c;
}

/*
 * The agent runs as root: its parent holds the node key and asks this
 * node to configure itself; its network side drops to its own uid.  Not
 * enrolled (no STATEDIR/controller): nothing runs; the console's
 * dialogue or `outpost-agent enrol` enrols, then a SIGHUP starts it.
 */
void
agent_follow(struct supervisor *sv)
{
	char path[PATH_MAX];

	if (sv->agent_dir == NULL || sv->quit)
		return;
	snprintf(path, sizeof(path), "%s/controller", sv->agent_dir);
	if (access(path, F_OK) < 0) {
		if (errno != ENOENT)
			log_warn("cannot start the agent: %s", path);
		else if (sv->agent == NULL)
			log_info("agent: not enrolled (no %s): the node runs "
			    "the configuration it has", path);
		return;
	}
	if (sv->agent == NULL)
		sv->agent = agent_new(sv);
	sv->agent->wanted = 1;
	if (sv->agent->state == CS_DOWN)
		child_start(sv, sv->agent);
}

/* "agent: STATE", the agent's one line (outpost-agent(8)), for STATUS. */
void
agent_status(const struct supervisor *sv, FILE *f)
{
	char path[PATH_MAX], line[512];
	FILE *in;

	if (sv->agent_dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/state", sv->agent_dir);
	if ((in = fopen(path, "re")) == NULL) {
		fprintf(f, "agent: %s\n", sv->agent == NULL ? "not enrolled" :
		    "no state yet");
		return;
	}
	if (fgets(line, sizeof(line), in) != NULL)
		fprintf(f, "agent: %.*s\n", (int)strcspn(line, "\n"), line);
	fclose(in);
}
