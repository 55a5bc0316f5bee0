/* setup.c: `outpost-netcfg setup`: list interfaces, ask, confirm, apply, check, and save on success. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>
#include <net/if.h>

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "apply.h"
#include "dialogue.h"
#include "enrol.h"
#include "files.h"
#include "iflist.h"
#include "log.h"
#include "netcfg.h"
#include "netlink.h"
#include "nodeconf.h"
#include "plan.h"
#include "probe.h"

enum choice { C_APPLY, C_CHANGE, C_QUIT, C_EOF };

/* Brings every hardware link up so that its carrier shows; waits briefly. */
static void
wake_links(struct nl *nl, struct netstate *live)
{
	struct timespec ts = { 0, 200 * 1000000L };
	int i, woken = 0;

	for (i = 0; i < live->nlinks; i++) {
		const struct ns_link *l = &live->links[i];

		if (l->up || strcmp(l->name, "lo") == 0 || plan_deletable(l))
			continue;
		if (nl_link_up(nl, l->index) == 0)
			woken++;
	}
	for (i = 0; woken > 0 && i < 10; i++)
		nanosleep(&ts, NULL);
	(void)nl_read_state(nl, live);
}

static enum choice
confirm(struct console *c, const char *q, const char *def)
{
	char ans[PROMPT_LINE];

	for (;;) {
		if (prompt_ask(c, q, def, NULL, ans, sizeof(ans)) == -1)
			return C_EOF;
		if (strcmp(ans, "yes") == 0 || strcmp(ans, "y") == 0 ||
		    strcmp(ans, "apply") == 0)
			return C_APPLY;
		if (strcmp(ans, "change") == 0 || strcmp(ans, "c") == 0 ||
		    strcmp(ans, "no") == 0 || strcmp(ans, "n") == 0)
			return C_CHANGE;
		if (strcmp(ans, "quit") == 0 || strcmp(ans, "q") == 0)
			return C_QUIT;
		fprintf(c->out, "  '%s' is not one of the choices; please try "
		    "again\n", ans);
	}
}

/* 1 for yes, 0 for no (or quit), -1 when the input ended. */
static int
yesno(struct console *c, const char *q, const char *def)
{
	char ans[PROMPT_LINE];

	for (;;) {
		if (prompt_ask(c, q, def, NULL, ans, sizeof(ans)) == -1)
			return -1;
		if (strcmp(ans, "yes") == 0 || strcmp(ans, "y") == 0)
			return 1;
		if (strcmp(ans, "no") == 0 || strcmp(ans, "n") == 0 ||
		    strcmp(ans, "quit") == 0 || strcmp(ans, "q") == 0)
			return 0;
		fprintf(c->out, "  '%s' is not yes or no; please try again\n",
		    ans);
	}
}

static struct netconf *
from_answers(struct dialogue *d)
{
	struct netconf *nc;
	char *text;
	size_t len;

	if ((text = dialogue_text(&d->a, &len)) == NULL)
		return NULL;
	nc = netconf_load_buf("your answers", text, len, d->con.out);
	explicit_bzero(text, len);
	free(text);
	return nc;
}

static int
save(const struct netcfg_opts *o, const struct netconf *nc)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s", o->file);
	if (mkdir(dirname(dir), 0755) == -1 && errno != EEXIST)
		log_warn("cannot create directory %s", dir);
	if (files_write_netconf(o->file, nc) == -1) {
		log_warn("cannot write %s", o->file);
		return -1;
	}
	files_save_last_good(o->file, nc);
	if (o->resolvconf != NULL)
		files_write_resolvconf(o->resolvconf, nc);
	return 0;
}

/* Resolvers: the network works, can the node find names?  0 when all answer. */
static int
check_resolvers(FILE *out, const struct netconf *nc)
{
	struct check c;
	int i, rc = 0;

	for (i = 0; i < nc->nresolvers; i++) {
		rc |= probe_resolver(nc, &nc->resolvers[i], &c);
		check_print(out, &c);
	}
	return rc;
}

/*
 * Without the agent: only whether the controller answers (why_not: why);
 * resolvers_rc: check_resolvers'.
 */
static int
probe_only(struct dialogue *d, const struct netconf *nc, int resolvers_rc,
    const char *why_not)
{
	FILE *out = d->con.out;
	struct check c;

	if ((probe_controller(nc, &c) | resolvers_rc) == 0) {
		check_print(out, &c);
		fprintf(out, "  token not checked: %s; the token is kept in "
		    "the file\n", why_not);
		fprintf(out, "\nDone: this node is configured and reaches its "
		    "controller. The console may be disconnected.\n");
		return 0;
	}
	check_print(out, &c);
	fprintf(out, "\nThe network works but the controller cannot be "
	    "reached yet.\n");
	return yesno(&d->con, "Change the answers? (yes, no)", "no") == 1 ?
	    1 : -1;
}

static void
done_enrolled(FILE *out, const struct enrolment *e)
{
	fprintf(out, "\nDone: this node is configured and enrolled as %s with "
	    "the controller at %s port %s. The console may be disconnected.\n",
	    e->node[0] ? e->node : "(unnamed)", e->addr[0] ? e->addr :
	    "(unknown)", e->port[0] ? e->port : "?");
}

/* With -A: outpost-agent enrols with the token, unless it did already. */
static int
enrol(struct dialogue *d, const struct netcfg_opts *o,
    const struct netconf *nc, int resolvers_rc)
{
	enum enrol_result r;
	FILE *out = d->con.out;
	struct enrolment e;

	if (enrol_done(o->agentdir, &e)) {
		fprintf(out, "  enrolled already (%s/%s): not enrolling again\n",
		    o->agentdir, ENROL_CTL_FILE);
		done_enrolled(out, &e);
		return 0;
	}
	fprintf(out, "enrolling with the controller the token names\n");
	switch ((r = enrol_run(o->agentdir, nc->token, out))) {
	case ENROL_OK:
		enrol_done(o->agentdir, &e);
		done_enrolled(out, &e);
		return 0;
	case ENROL_NO_AGENT:
		return probe_only(d, nc, resolvers_rc, ENROL_AGENT " could not "
		    "be run");
	case ENROL_REFUSED:
		fprintf(out, "\nThe network works, but the token was refused "
		    "(the reason is above): ask the operator for a new one "
		    "if it was used or has expired, or type it again.\n");
		break;
	case ENROL_FAILED:
		fprintf(out, "\nThe network works, but enrolment failed (the "
		    "reason is above).\n");
		break;
	}
	if (yesno(&d->con, "Change the answers? (yes, no)", "yes") != 1)
		return -1;
	if (r == ENROL_REFUSED)		/* typed again */
		explicit_bzero(d->a.token, sizeof(d->a.token));
	return 1;
}

/* Applies and checks; 0 done, 1 the person wants to change answers, -1 quit. */
static int
run(struct dialogue *d, const struct netcfg_opts *o, const struct netconf *nc,
    const struct nodeconf *node)
{
	FILE *out = d->con.out;
	struct netconf *prev = files_last_good(o->file);
	int rc = apply_config(nc, node, prev, -1, out);

	netconf_free(prev);
	if (rc == -1) {
		fprintf(out, "\nThe configuration did not work; %s was not "
		    "changed.\n", o->file);
		return yesno(&d->con, "Change the answers? (yes, quit)",
		    "yes") == 1 ? 1 : -1;
	}
	if (save(o, nc) == -1)
		return -1;
	fprintf(out, "saved %s\n", o->file);
	rc = check_resolvers(out, nc);
	if (o->agentdir != NULL)
		return enrol(d, o, nc, rc);
	return probe_only(d, nc, rc, "no outpost-agent state directory (-A) "
	    "given");
}

static int
dialogue_loop(struct dialogue *d, const struct netcfg_opts *o,
    const struct nodeconf *node)
{
	struct netconf *nc;
	enum choice ch;
	int rc;

	for (;;) {
		if (dialogue_ask(d) == -1)
			return -1;
		if ((nc = from_answers(d)) == NULL) {
			fprintf(d->con.out, "The answers do not fit together "
			    "(see above); asking again.\n");
			continue;
		}
		dialogue_summary(d->con.out, nc);
		ch = confirm(&d->con, "Apply this configuration? (yes, change, "
		    "quit)", "yes");
		rc = ch == C_APPLY ? run(d, o, nc, node) : ch == C_CHANGE ? 1 :
		    -1;
		netconf_free(nc);
		if (rc != 1)
			return rc;
		fprintf(d->con.out, "\nYour answers are the defaults now; press "
		    "Enter to keep one.\n");
	}
}

static struct netconf *
current(const struct netcfg_opts *o, FILE *out)
{
	struct netconf *nc;

	if (access(o->file, F_OK) == -1)
		return NULL;
	if ((nc = netconf_load(o->file, out)) == NULL)
		fprintf(out, "%s has errors (above): starting from the "
		    "defaults.\n", o->file);
	return nc;
}

int
netcfg_setup(const struct netcfg_opts *o)
{
	static struct netstate live;
	struct dialogue d;
	struct netconf *cur;
	struct nodeconf *node;
	struct enrolment e;
	struct nl nl;
	int rc;

	memset(&d, 0, sizeof(d));
	d.con.in = stdin;
	d.con.out = stdout;
	d.live = &live;
	if (files_nodeconf(o, &node) == -1)
		return 1;
	prompt_tty_sane(&d.con);
	if (nl_open(&nl) == -1 || nl_read_state(&nl, &live) == -1) {
		log_warnx("cannot read the network state: %s",
		    nl_strerror(&nl, errno));
		prompt_tty_restore(&d.con);
		return 1;
	}
	fprintf(stdout, "Outpost network setup\n\nInterfaces of this node "
	    "(the one showing 'cable connected' is plugged in):\n");
	wake_links(&nl, &live);
	nl_close(&nl);
	iflist_print(stdout, &live, NETCONF_SVCIF);
	fprintf(stdout, "\nPress Enter to keep the value in [brackets].\n\n");
	cur = current(o, stdout);
	d.uplink_rule = o->uplink_rule;
	if (o->agentdir != NULL && enrol_done(o->agentdir, &e)) {
		d.enrolled = 1;
		fprintf(stdout, "This node is enrolled already (as %s): no "
		    "token is asked.\n\n", e.node[0] ? e.node : "unnamed");
	}
	dialogue_defaults(&d, cur);
	netconf_free(cur);
	rc = dialogue_loop(&d, o, node);
	if (rc == -1)
		fprintf(stdout, "\nStopped.\n");
	nodeconf_free(node);
	prompt_tty_restore(&d.con);
	explicit_bzero(&d.a, sizeof(d.a));
	return rc == 0 ? 0 : 1;
}
