/* child.c: supervised children (containers through crun, or plain programs): start, crash back-off, stop, log relay. */
/* SPDX-License-Identifier: ISC */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileutil.h"
#include "log.h"
#include "node.h"

struct child *
child_new(const char *label, const char *cname, const char *dir)
{
	struct child *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	snprintf(c->label, sizeof(c->label), "%s", label);
	snprintf(c->cname, sizeof(c->cname), "%s", cname ? cname : "");
	snprintf(c->cid, sizeof(c->cid), "%s", c->cname);
	snprintf(c->dir, sizeof(c->dir), "%s", dir ? dir : "");
	c->logfd = -1;
	c->passfd = -1;
	c->joinfd = -1;
	c->backoff_ms = BACKOFF_MIN_MS;
	return c;
}

void
child_free(struct child *c)
{
	int i;

	if (c->logfd >= 0)
		close(c->logfd);
	if (c->passfd >= 0)
		close(c->passfd);
	if (c->helper > 0)
		kill(c->helper, SIGKILL);
	for (i = 0; c->argv[i] != NULL; i++)
		free(c->argv[i]);
	for (i = 0; i < c->rp_nheld; i++)
		close(c->rp_held[i]);
	free(c->rp_held);
	free(c->conf);
	free(c->bundle);
	free(c);
}

static void
exec_child(struct supervisor *sv, struct child *c, int out)
{
	char bundle[PATH_MAX];
	int null;

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if ((null = open("/dev/null", O_RDONLY)) >= 0)
		dup2(null, 0);
	dup2(out, 1);
	dup2(out, 2);
	if (c->joinfd >= 0 && write(c->joinfd, "0", 1) != 1)
		fprintf(stderr, "cannot join cgroup: %s\n", strerror(errno));
	if (c->cname[0] == '\0') {
		if (c->passfd >= 0 && dup2(c->passfd, 3) < 0)
			_exit(127);
		execv(c->argv[0], c->argv);
		fprintf(stderr, "cannot execute %s: %s\n", c->argv[0],
		    strerror(errno));
		_exit(127);
	}
	snprintf(bundle, sizeof(bundle), "%s/bundle", c->dir);
	crun_env();
	execlp("crun", "crun", "--root", sv->crun_root, "run", "--bundle",
	    bundle, c->cid, (char *)NULL);
	fprintf(stderr, "cannot execute crun: %s\n", strerror(errno));
	_exit(127);
}

int
child_changes(const struct child *c, const char *conf, const char *bundle)
{
	int changed = 0;

	if (c->conf == NULL || strcmp(c->conf, conf) != 0)
		changed |= CHANGED_CONF;
	if (c->bundle == NULL || strcmp(c->bundle, bundle) != 0)
		changed |= CHANGED_BUNDLE;
	return changed;
}

void
child_adopt(struct child *c, char *conf, char *bundle)
{
	free(c->conf);
	free(c->bundle);
	c->conf = conf;
	c->bundle = bundle;
}

/* Starts again later, as after a crash. */
static void
child_retry(struct child *c)
{
	c->state = CS_BACKOFF;
	c->restart_ms = now_ms() + c->backoff_ms;
	c->backoff_ms = c->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS :
	    c->backoff_ms * 2;
}

/* The cgroup the child joined is its own business now. */
static void
drop_join(struct child *c)
{
	if (c->joinfd >= 0)
		close(c->joinfd);
	c->joinfd = -1;
}

/* A crun command of the child's, no longer waited for (reap takes it). */
static void
helper_abandon(struct child *c)
{
	if (c->helper > 0)
		kill(c->helper, SIGKILL);
	c->helper = 0;
}

/*
 * "crun delete -f NAME" or "crun kill NAME KILL" in the background, with
 * a deadline: a crun that hangs never holds up the event loop.
 */
static int
helper_start(struct supervisor *sv, struct child *c, const char *op)
{
	const char *const del[] = { "delete", "-f", c->cid, NULL };
	const char *const kill9[] = { "kill", c->cid, "KILL", NULL };

	helper_abandon(c);
	c->helper_op = op;
	if ((c->helper = crun_spawn(sv, strcmp(op, "kill") == 0 ? kill9 :
	    del)) < 0) {
		c->helper = 0;
		return -1;
	}
	c->helper_ms = now_ms() + CRUN_TIMEOUT_MS;
	return 0;
}

/* Whether crun holds a container of this name (a start or a crash left it). */
static int
crun_has_state(struct supervisor *sv, struct child *c)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof(path), "%s/%s", sv->crun_root, c->cid) >=
	    (int)sizeof(path))
		return 1;	/* cannot tell: delete to be sure */
	return lstat(path, &st) == 0 || errno != ENOENT;
}

/* "crun run", or the plain program: the child's process and its log pipe. */
static void
child_run(struct supervisor *sv, struct child *c)
{
	int p[2] = { -1, -1 };
	pid_t pid = -1;

	if (!c->wanted) {
		c->state = CS_DOWN;	/* stopped while it was starting */
		return;
	}
	if (c->prestart != NULL && c->prestart(sv, c) < 0) {
		child_retry(c);
		return;
	}
	if (pipe2(p, O_CLOEXEC) < 0)
		log_warn("cannot start %s: pipe", c->label);
	else if ((pid = fork()) < 0)
		log_warn("cannot start %s: fork", c->label);
	else if (pid == 0)
		exec_child(sv, c, p[1]);
	drop_join(c);
	if (p[1] >= 0)
		close(p[1]);
	if (c->passfd >= 0) {		/* the program has it as fd 3 */
		close(c->passfd);
		c->passfd = -1;
	}
	if (pid < 0) {
		if (p[0] >= 0)
			close(p[0]);
		child_retry(c);
		return;
	}
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	if (c->logfd >= 0)
		close(c->logfd);
	c->logfd = p[0];
	c->loglen = 0;
	c->pid = pid;
	c->state = CS_RUNNING;
	c->ready = 0;
	c->started_ms = now_ms();
	log_info("%s: started (pid %ld)", c->label, (long)pid);
}

void
child_start(struct supervisor *sv, struct child *c)
{
	if (c->cname[0] == '\0') {
		child_run(sv, c);
		return;
	}
	/* A container left by a crash goes first (crun keeps its state
	 * in CRUN_ROOT/NAME; without it there is nothing to delete). */
	c->state = CS_STARTING;
	if (!crun_has_state(sv, c)) {
		child_run(sv, c);
		return;
	}
	if (helper_start(sv, c, "delete") < 0) {
		log_warn("cannot start %s: crun delete", c->label);
		child_retry(c);
	}
}

void
child_stop(struct supervisor *sv, struct child *c)
{
	(void)sv;
	if (c->state == CS_BACKOFF)
		c->state = CS_DOWN;
	/* CS_STARTING, CS_CLEANING: its crun command ends, then !wanted counts. */
	if (c->state != CS_RUNNING)
		return;
	log_info("%s: stopping", c->label);
	kill(c->pid, SIGTERM);	/* crun passes it on */
	c->state = CS_STOPPING;
	c->kill_ms = now_ms() + STOP_TIMEOUT_MS;
}

static void
describe_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exited with status %d",
		    WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, len, "ended (status 0x%x)", status);
}

/* After an exit, and its container removed: restart now, later, or not. */
static void
child_cleaned(struct supervisor *sv, struct child *c)
{
	if (c->poststop != NULL)
		c->poststop(sv, c);
	if (!c->crashed && c->wanted) {
		log_info("%s: stopped (%s), starting with its new "
		    "configuration", c->label, c->why);
		c->backoff_ms = BACKOFF_MIN_MS;
		child_start(sv, c);
		return;
	}
	if (!c->crashed || !c->wanted) {
		c->state = CS_DOWN;
		log_info("%s: stopped (%s)", c->label, c->why);
		return;
	}
	if (c->ran_ms >= BACKOFF_RESET_MS)
		c->backoff_ms = BACKOFF_MIN_MS;
	c->restarts++;
	log_warnx("%s: %s after %lld ms, restart %u in %u ms", c->label,
	    c->why, (long long)c->ran_ms, c->restarts, c->backoff_ms);
	child_retry(c);
}

void
child_exited(struct supervisor *sv, struct child *c, int status)
{
	child_read_log(c);
	describe_status(status, c->why, sizeof(c->why));
	c->pid = 0;
	c->crashed = c->state != CS_STOPPING;
	c->ran_ms = now_ms() - c->started_ms;
	/* "crun run" removes its container when it ends well: a delete only
	 * for what a crash (of crun itself) left behind. */
	if (c->cname[0] != '\0' && crun_has_state(sv, c)) {
		c->state = CS_CLEANING;
		if (helper_start(sv, c, "delete") == 0)
			return;
		log_warn("%s: cannot remove its container: crun delete",
		    c->label);
	}
	child_cleaned(sv, c);
}

/* The crun command of the child ended, or was given up: go on. */
static void
helper_next(struct supervisor *sv, struct child *c)
{
	if (c->state == CS_STARTING)
		child_run(sv, c);
	else if (c->state == CS_CLEANING)
		child_cleaned(sv, c);
}

void
child_helper_done(struct supervisor *sv, struct child *c, int status)
{
	char why[64];

	c->helper = 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		describe_status(status, why, sizeof(why));
		log_debug("%s: crun %s %s", c->label, c->helper_op, why);
	}
	helper_next(sv, c);
}

int64_t
child_deadline(const struct child *c)
{
	int64_t when = INT64_MAX;

	if (c->helper > 0)
		when = c->helper_ms;
	if (c->state == CS_BACKOFF && c->restart_ms < when)
		when = c->restart_ms;
	if (c->state == CS_STOPPING && c->kill_ms < when)
		when = c->kill_ms;
	return when;
}

const char *
child_state_name(const struct child *c)
{
	static const char *const names[] = { "down", "running", "backoff",
	    "stopping", "starting", "cleaning" };

	return (unsigned)c->state < sizeof(names) / sizeof(names[0]) ?
	    names[c->state] : "?";
}

int
child_idle(const struct child *c)
{
	return c->helper == 0 && (c->state == CS_DOWN ||
	    c->state == CS_BACKOFF);
}

void
child_tick(struct supervisor *sv, struct child *c, int64_t now)
{
	if (c->helper > 0 && now >= c->helper_ms) {
		log_warnx("%s: crun %s did not finish in %d ms, killing it",
		    c->label, c->helper_op, CRUN_TIMEOUT_MS);
		helper_abandon(c);
		helper_next(sv, c);
	}
	if (c->state == CS_BACKOFF && now >= c->restart_ms)
		child_start(sv, c);
	else if (c->state == CS_STOPPING && now >= c->kill_ms) {
		log_warnx("%s: did not stop in %d ms, killing", c->label,
		    STOP_TIMEOUT_MS);
		if (c->cname[0] != '\0' && c->helper == 0 &&
		    helper_start(sv, c, "kill") < 0)
			log_warn("%s: cannot kill its container: crun kill",
			    c->label);
		kill(c->pid, SIGKILL);
		c->kill_ms = now + STOP_TIMEOUT_MS;
	}
}

/*
 * A line without the time stamp its program put first (our log lines
 * carry one already): NSD's "[2026-11-28 03:45:26.371] ", BIRD's
 * "2026-11-28 03:45:26.371 ", and outpost-gate's "2026-11-28T03:45:26.371Z ".
 */
static const char *
unstamp(const char *line)
{
	const char *p = line;
	int spaces;

	if (*p == '[')
		return (p = strstr(p, "] ")) != NULL ? p + 2 : line;
	if (strlen(p) < 20 || p[4] != '-' || p[7] != '-')
		return line;
	spaces = p[10] == ' ' ? 2 : 1;
	while (spaces > 0 && (p = strchr(p, ' ')) != NULL) {
		p++;
		spaces--;
	}
	return p != NULL ? p : line;
}

/* Relays the child's output as log lines, each tagged with its label. */
void
child_read_log(struct child *c)
{
	char *nl;
	ssize_t n;

	if (c->logfd < 0)
		return;
	while ((n = read(c->logfd, c->logbuf + c->loglen,
	    sizeof(c->logbuf) - 1 - c->loglen)) > 0) {
		c->loglen += (size_t)n;
		c->logbuf[c->loglen] = '\0';
		while ((nl = strchr(c->logbuf, '\n')) != NULL ||
		    c->loglen == sizeof(c->logbuf) - 1) {
			if (nl == NULL)
				nl = c->logbuf + c->loglen - 1;
			*nl = '\0';
			log_info("%s: %s", c->label, unstamp(c->logbuf));
			if (c->on_line != NULL)
				c->on_line(c, unstamp(c->logbuf));
			c->loglen -= (size_t)(nl + 1 - c->logbuf);
			memmove(c->logbuf, nl + 1, c->loglen);
			c->logbuf[c->loglen] = '\0';
		}
	}
	if (n == 0) {
		close(c->logfd);
		c->logfd = -1;
	}
}

pid_t
crun_init_pid(pid_t crun)
{
	char path[64];
	long child;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/task/%ld/children",
	    (long)crun, (long)crun);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	if (fscanf(f, "%ld", &child) != 1)
		child = -1;
	fclose(f);
	return (pid_t)child;
}

void
node_sibling(const char *name, char *buf, size_t len)
{
	if (file_beside_self(name, buf, len) < 0)
		fatal("cannot find %s beside /proc/self/exe", name);
}

char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		fatal("cannot allocate");
	return p;
}
