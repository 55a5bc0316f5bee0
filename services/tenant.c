/* tenant.c: one tenant's NSD container: files, start, crash back-off, stop. */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "fileutil.h"
#include "log.h"
#include "nsdconf.h"
#include "supervisor.h"

struct tenant *
tenant_new(struct supervisor *sv, const char *name)
{
	struct tenant *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	snprintf(t->name, sizeof(t->name), "%s", name);
	snprintf(t->cname, sizeof(t->cname), "nsd-%s", name);
	snprintf(t->dir, sizeof(t->dir), "%s/tenants/%s", sv->nc->state_dir,
	    name);
	t->logfd = -1;
	t->backoff_ms = BACKOFF_MIN_MS;
	return t;
}

void
tenant_free(struct tenant *t)
{
	if (t->logfd >= 0)
		close(t->logfd);
	free(t->nsdconf);
	free(t->bundle);
	free(t);
}

static char *
render_nsdconf(const struct nodeconf *nc, const struct nc_tenant *tn)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	nsdconf_render(f, nc, tn);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void
tenant_spec(struct supervisor *sv, const struct tenant *t, uid_t uid,
    struct bundle_spec *s, struct bundle_mount *m, char *etc, char *data,
    char *cg, size_t len)
{
	static const char *const argv[] = {
		"/usr/sbin/nsd", "-d", "-c", NSD_CONF_PATH, NULL,
	};
	static const char *const caps[] = { "CAP_NET_BIND_SERVICE", NULL };

	snprintf(etc, len, "%s/etc", t->dir);
	snprintf(data, len, "%s/data", t->dir);
	snprintf(cg, len, "/outpost/%s/%s", sv->nc->identity, t->name);
	m[0] = (struct bundle_mount){ etc, NSD_CONF_DIR, 0, NULL };
	m[1] = (struct bundle_mount){ data, NSD_DATA_DIR, 1, NULL };
	m[2] = (struct bundle_mount){ NULL, "/tmp", 1, "16m" };
	m[3] = (struct bundle_mount){ NULL, "/run", 1, "1m" };
	*s = (struct bundle_spec){
		.hostname = t->name, .argv = argv, .uid = uid, .gid = uid,
		.caps = caps, .mounts = m, .nmounts = 4,
		.memory_mb = sv->nc->memory_mb,
		.pids_limit = sv->nc->pids_limit, .nofile = 4096,
		.cgroup_path = cg,
	};
}

static int
tenant_write_files(struct tenant *t, uid_t uid, const char *nsdconf,
    const struct bundle_spec *spec)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/etc", t->dir);
	if (mkdir_p(path, 0500, uid, uid) < 0) {
		log_warn("cannot create %s", path);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/etc/nsd.conf", t->dir);
	if (file_write_atomic(path, nsdconf, strlen(nsdconf), 0400, uid,
	    uid) < 0) {
		log_warn("cannot write %s", path);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/data", t->dir);
	if (mkdir_p(path, 0700, uid, uid) < 0 || chown_tree(path, uid, uid) < 0) {
		log_warn("cannot prepare %s", path);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/bundle", t->dir);
	if (bundle_write(path, spec) < 0) {
		log_warn("cannot write bundle %s", path);
		return -1;
	}
	return 0;
}

/*
 * Renders the tenant's nsd.conf and bundle.  Returns 1 when they differ
 * from those in force (a restart is needed), 0 when equal, -1 on error.
 */
int
tenant_configure(struct supervisor *sv, struct tenant *t,
    const struct nc_tenant *tn, uid_t uid)
{
	struct bundle_spec spec;
	struct bundle_mount m[4];
	char etc[PATH_MAX], data[PATH_MAX], cg[PATH_MAX];
	char *nsdconf, *bundle;
	size_t len;

	tenant_spec(sv, t, uid, &spec, m, etc, data, cg, sizeof(etc));
	nsdconf = render_nsdconf(sv->nc, tn);
	bundle = bundle_config(&spec, &len);
	if (nsdconf == NULL || bundle == NULL) {
		log_warn("tenant %s: cannot render configuration", t->name);
		free(nsdconf);
		free(bundle);
		return -1;
	}
	if (t->nsdconf != NULL && strcmp(t->nsdconf, nsdconf) == 0 &&
	    strcmp(t->bundle, bundle) == 0 && t->uid == uid) {
		free(nsdconf);
		free(bundle);
		return 0;
	}
	if (tenant_write_files(t, uid, nsdconf, &spec) < 0) {
		free(nsdconf);
		free(bundle);
		return -1;
	}
	free(t->nsdconf);
	free(t->bundle);
	t->nsdconf = nsdconf;
	t->bundle = bundle;
	t->uid = uid;
	return 1;
}

static void
exec_child(struct supervisor *sv, struct tenant *t, int out)
{
	char bundle[PATH_MAX];
	int null;

	snprintf(bundle, sizeof(bundle), "%s/bundle", t->dir);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if ((null = open("/dev/null", O_RDONLY)) >= 0)
		dup2(null, 0);
	dup2(out, 1);
	dup2(out, 2);
	execlp("crun", "crun", "--root", sv->crun_root, "run", "--bundle",
	    bundle, t->cname, (char *)NULL);
	fprintf(stderr, "cannot execute crun: %s\n", strerror(errno));
	_exit(127);
}

void
tenant_start(struct supervisor *sv, struct tenant *t)
{
	const char *const del[] = { "delete", "-f", t->cname, NULL };
	int p[2];
	pid_t pid;

	crun_cmd(sv, del);	/* a container left by a crash */
	if (pipe2(p, O_CLOEXEC) < 0) {
		log_warn("tenant %s: cannot start: pipe", t->name);
		return;
	}
	if ((pid = fork()) < 0) {
		log_warn("tenant %s: cannot start: fork", t->name);
		close(p[0]);
		close(p[1]);
		return;
	}
	if (pid == 0)
		exec_child(sv, t, p[1]);
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	if (t->logfd >= 0)
		close(t->logfd);
	t->logfd = p[0];
	t->loglen = 0;
	t->pid = pid;
	t->state = TS_RUNNING;
	t->started_ms = now_ms();
	log_info("tenant %s: started (crun pid %ld)", t->name, (long)pid);
}

void
tenant_stop(struct supervisor *sv, struct tenant *t)
{
	(void)sv;
	if (t->state == TS_BACKOFF)
		t->state = TS_DOWN;
	if (t->state != TS_RUNNING)
		return;
	log_info("tenant %s: stopping", t->name);
	kill(t->pid, SIGTERM);	/* crun passes it to NSD */
	t->state = TS_STOPPING;
	t->kill_ms = now_ms() + STOP_TIMEOUT_MS;
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
tenant_exited(struct supervisor *sv, struct tenant *t, int status)
{
	const char *const del[] = { "delete", "-f", t->cname, NULL };
	char why[64];
	int64_t now = now_ms(), ran = now - t->started_ms;

	tenant_read_log(t);
	describe_status(status, why, sizeof(why));
	t->pid = 0;
	crun_cmd(sv, del);
	if (t->state == TS_STOPPING && t->wanted) {
		log_info("tenant %s: stopped (%s), starting with its new "
		    "configuration", t->name, why);
		t->backoff_ms = BACKOFF_MIN_MS;
		tenant_start(sv, t);
		return;
	}
	if (t->state == TS_STOPPING || !t->wanted) {
		t->state = TS_DOWN;
		log_info("tenant %s: stopped (%s)", t->name, why);
		return;
	}
	if (ran >= BACKOFF_RESET_MS)
		t->backoff_ms = BACKOFF_MIN_MS;
	t->state = TS_BACKOFF;
	t->restart_ms = now + t->backoff_ms;
	t->restarts++;
	log_warnx("tenant %s: nsd %s after %lld ms, restart %u in %u ms",
	    t->name, why, (long long)ran, t->restarts, t->backoff_ms);
	t->backoff_ms = t->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS :
	    t->backoff_ms * 2;
}

void
tenant_tick(struct supervisor *sv, struct tenant *t, int64_t now)
{
	const char *const kill9[] = { "kill", t->cname, "KILL", NULL };

	if (t->state == TS_BACKOFF && now >= t->restart_ms)
		tenant_start(sv, t);
	else if (t->state == TS_STOPPING && now >= t->kill_ms) {
		log_warnx("tenant %s: did not stop in %d ms, killing",
		    t->name, STOP_TIMEOUT_MS);
		crun_cmd(sv, kill9);
		kill(t->pid, SIGKILL);
		t->kill_ms = now + STOP_TIMEOUT_MS;
	}
}

/* Relays the container's output as log lines, without NSD's own stamp. */
void
tenant_read_log(struct tenant *t)
{
	char *nl, *line;
	ssize_t n;

	if (t->logfd < 0)
		return;
	while ((n = read(t->logfd, t->logbuf + t->loglen,
	    sizeof(t->logbuf) - 1 - t->loglen)) > 0) {
		t->loglen += (size_t)n;
		t->logbuf[t->loglen] = '\0';
		while ((nl = strchr(t->logbuf, '\n')) != NULL ||
		    t->loglen == sizeof(t->logbuf) - 1) {
			if (nl == NULL)
				nl = t->logbuf + t->loglen - 1;
			*nl = '\0';
			line = t->logbuf;
			if (line[0] == '[' && (line = strstr(line, "] ")) != NULL)
				line += 2;
			else
				line = t->logbuf;
			log_info("tenant %s: %s", t->name, line);
			t->loglen -= (size_t)(nl + 1 - t->logbuf);
			memmove(t->logbuf, nl + 1, t->loglen);
			t->logbuf[t->loglen] = '\0';
		}
	}
	if (n == 0) {
		close(t->logfd);
		t->logfd = -1;
	}
}
