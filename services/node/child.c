/* child.c: supervised children (containers through crun, or plain programs): start, crash back-off, stop, log relay. */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	for (i = 0; c->argv[i] != NULL; i++)
		free(c->argv[i]);
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
	execlp("crun", "crun", "--root", sv->crun_root, "run", "--bundle",
	    bundle, c->cname, (char *)NULL);
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

void
child_start(struct supervisor *sv, struct child *c)
{
	const char *const del[] = { "delete", "-f", c->cname, NULL };
	int p[2];
	pid_t pid;

	if (c->cname[0] != '\0')
		crun_cmd(sv, del);	/* a container left by a crash */
	if (c->prestart != NULL && c->prestart(sv, c) < 0) {
		child_retry(c);
		return;
	}
	if (pipe2(p, O_CLOEXEC) < 0) {
		log_warn("%s: cannot start: pipe", c->label);
		drop_join(c);
		return;
	}
	if ((pid = fork()) < 0) {
		log_warn("%s: cannot start: fork", c->label);
		drop_join(c);
		close(p[0]);
		close(p[1]);
		return;
	}
	if (pid == 0)
		exec_child(sv, c, p[1]);
	drop_join(c);
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	if (c->logfd >= 0)
		close(c->logfd);
	c->logfd = p[0];
	c->loglen = 0;
	c->pid = pid;
	c->state = CS_RUNNING;
	c->started_ms = now_ms();
	log_info("%s: started (pid %ld)", c->label, (long)pid);
}

void
child_stop(struct supervisor *sv, struct child *c)
{
	(void)sv;
	if (c->state == CS_BACKOFF)
		c->state = CS_DOWN;
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

void
child_exited(struct supervisor *sv, struct child *c, int status)
{
	const char *const del[] = { "delete", "-f", c->cname, NULL };
	char why[64];
	int64_t now = now_ms(), ran = now - c->started_ms;

	child_read_log(c);
	describe_status(status, why, sizeof(why));
	c->pid = 0;
	if (c->cname[0] != '\0')
		crun_cmd(sv, del);
	if (c->poststop != NULL)
		c->poststop(sv, c);
	if (c->state == CS_STOPPING && c->wanted) {
		log_info("%s: stopped (%s), starting with its new "
		    "configuration", c->label, why);
		c->backoff_ms = BACKOFF_MIN_MS;
		child_start(sv, c);
		return;
	}
	if (c->state == CS_STOPPING || !c->wanted) {
		c->state = CS_DOWN;
		log_info("%s: stopped (%s)", c->label, why);
		return;
	}
	if (ran >= BACKOFF_RESET_MS)
		c->backoff_ms = BACKOFF_MIN_MS;
	c->restarts++;
	log_warnx("%s: %s after %lld ms, restart %u in %u ms", c->label, why,
	    (long long)ran, c->restarts, c->backoff_ms);
	child_retry(c);
}

void
child_tick(struct supervisor *sv, struct child *c, int64_t now)
{
	const char *const kill9[] = { "kill", c->cname, "KILL", NULL };

	if (c->state == CS_BACKOFF && now >= c->restart_ms)
		child_start(sv, c);
	else if (c->state == CS_STOPPING && now >= c->kill_ms) {
		log_warnx("%s: did not stop in %d ms, killing", c->label,
		    STOP_TIMEOUT_MS);
		if (c->cname[0] != '\0')
			crun_cmd(sv, kill9);
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
