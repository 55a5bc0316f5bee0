/* reconfig.c: `outpost configure`: a configuration installed on trial, kept once every tenant is healthy within its time, else the one before it back. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "confirm.h"
#include "control.h"
#include "fileutil.h"
#include "log.h"
#include "node.h"
#include "reconfig.h"

static struct reconfig *
get(struct supervisor *sv)
{
	if (sv->reconfig == NULL &&
	    (sv->reconfig = calloc(1, sizeof(*sv->reconfig))) == NULL)
		fatal("cannot allocate");
	return sv->reconfig;
}

static int
answer(char **ans, size_t *lenp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
answer(char **ans, size_t *lenp, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(ans, fmt, ap);
	va_end(ap);
	if (n < 0) {
		*ans = NULL;
		*lenp = 0;
	} else
		*lenp = (size_t)n;
	return 0;
}

/* conf_path written atomically, keeping its mode and owner. */
static int
write_conf(struct supervisor *sv, const char *text, size_t len)
{
	struct stat st;
	mode_t mode = 0600;
	uid_t uid = 0;
	gid_t gid = 0;

	if (stat(sv->conf_path, &st) == 0) {
		mode = st.st_mode & 0777;
		uid = st.st_uid;
		gid = st.st_gid;
	}
	return file_write_atomic(sv->conf_path, text, len, mode, uid, gid);
}

/* Parsed and checked: nc, or NULL with the answer. */
static struct nodeconf *
candidate(struct supervisor *sv, const char *file, const char *text,
    size_t len, char **ans, size_t *alen)
{
	struct nodeconf *nc;
	char *errs = NULL, why[160];
	size_t elen = 0;
	FILE *f;

	if ((f = open_memstream(&errs, &elen)) == NULL) {
		answer(ans, alen, "error: out of memory\n");
		return NULL;
	}
	nc = nodeconf_load_buf(file, text, len, f);
	fclose(f);
	if (nc == NULL) {
		*ans = reconfig_errors_answer(file, errs, elen, alen);
		free(errs);
		return NULL;
	}
	free(errs);
	if (node_install(sv, nc, 0, why, sizeof(why)) < 0) {
		answer(ans, alen, "error: cannot configure %s: %s; nothing "
		    "changed\n", file, why);
		nodeconf_free(nc);
		return NULL;
	}
	return nc;
}

/* Installs text (nc parsed from it) on trial: 0, or -1 with the answer. */
static int
start_trial(struct supervisor *sv, struct reconfig *r, const char *file,
    unsigned timeout_s, const char *text, size_t len, struct nodeconf *nc,
    char **ans, size_t *alen)
{
	char *ondisk, why[160];
	size_t dlen = 0;

	ondisk = file_read(sv->conf_path, RECONFIG_FILE_MAX, &dlen);
	free(r->prev);
	r->prev = reconfig_previous(sv->conf_path, ondisk, dlen, sv->nc,
	    &r->prevlen);
	free(ondisk);
	if (r->prev == NULL) {
		answer(ans, alen, "error: out of memory; nothing changed\n");
		return -1;
	}
	if (write_conf(sv, text, len) < 0) {
		answer(ans, alen, "error: cannot write %s: %s; nothing "
		    "changed\n", sv->conf_path, strerror(errno));
		return -1;
	}
	if (timeout_s == 0)
		timeout_s = nc->configure_timeout;
	log_info("configure: %s on trial for %u s (written to %s)", file,
	    timeout_s, sv->conf_path);
	node_install(sv, nc, 1, why, sizeof(why));	/* checked */
	snprintf(r->file, sizeof(r->file), "%s", file);
	r->timeout_s = timeout_s;
	r->started = now_ms();
	r->deadline = r->started + (int64_t)timeout_s * 1000;
	r->why[0] = '\0';
	r->on_trial = 1;
	return 0;
}

int
reconfig_request(struct supervisor *sv, const char *args, char **ans,
    size_t *alen)
{
	struct reconfig *r = get(sv);
	struct nodeconf *nc;
	char file[PATH_MAX], why[512], *text;
	unsigned timeout_s;
	size_t len;

	if (reconfig_parse_args(args, file, sizeof(file), &timeout_s, why,
	    sizeof(why)) < 0)
		return answer(ans, alen, "error: %s\n", why);
	if (r->on_trial)
		return answer(ans, alen, "busy: a configuration is on trial "
		    "(%s)\n", r->file);
	if ((text = file_read(file, RECONFIG_FILE_MAX, &len)) == NULL)
		return answer(ans, alen, "error: cannot read %s: %s; nothing "
		    "changed\n", file, strerror(errno));
	if ((nc = candidate(sv, file, text, len, ans, alen)) == NULL) {
		free(text);
		return 0;
	}
	if (start_trial(sv, r, file, timeout_s, text, len, nc, ans,
	    alen) < 0) {
		nodeconf_free(nc);
		free(text);
		return 0;
	}
	free(text);
	return 1;
}

static void
finish(struct supervisor *sv, struct reconfig *r, enum reconfig_outcome o,
    const char *why, const char *text)
{
	r->on_trial = 0;
	r->outcome = o;
	r->done_at = time(NULL);
	snprintf(r->done_file, sizeof(r->done_file), "%s", r->file);
	snprintf(r->done_why, sizeof(r->done_why), "%s", why);
	free(r->prev);
	r->prev = NULL;
	control_answer(sv, CW_CONFIGURE, text, strlen(text));
}

static void
confirm(struct supervisor *sv, struct reconfig *r, int64_t now)
{
	char text[128];

	snprintf(text, sizeof(text), "confirmed: every tenant healthy after "
	    "%lld ms\n", (long long)(now - r->started));
	log_info("configure: %s %.*s", r->file,
	    (int)strlen(text) - 1, text);
	finish(sv, r, RECONFIG_CONFIRMED, "", text);
}

/*
 * The configuration before back on disk and installed as a SIGHUP does;
 * should the disk refuse it, installed from memory all the same.
 */
static void
restore(struct supervisor *sv, struct reconfig *r, int install)
{
	struct nodeconf *nc;
	char why[160];

	if (write_conf(sv, r->prev, r->prevlen) == 0) {
		if (install)
			node_reload(sv);
		return;
	}
	log_warn("configure: cannot write %s back", sv->conf_path);
	if (!install)
		return;
	if ((nc = nodeconf_load_buf(sv->conf_path, r->prev, r->prevlen,
	    stderr)) == NULL || node_install(sv, nc, 1, why,
	    sizeof(why)) < 0) {
		log_warnx("configure: cannot return to the configuration "
		    "before");
		nodeconf_free(nc);
	}
}

static void
rollback(struct supervisor *sv, struct reconfig *r, const char *why)
{
	char text[700];

	snprintf(text, sizeof(text), "rolled back: %s\n", why);
	log_warnx("configure: %s rolled back: %s", r->file, why);
	restore(sv, r, !sv->quit);
	finish(sv, r, RECONFIG_ROLLED_BACK, why, text);
}

/*
 * The node stops (power off, reboot) during the trial: an unconfirmed
 * configuration never outlives the node, but nothing was found wrong with
 * it either.  The answer says "interrupted", not "rolled back", so the
 * agent does not record the bundle as failed and applies it again when
 * the node is back.
 */
static void
interrupt(struct supervisor *sv, struct reconfig *r)
{
	const char *why = "the node stopped during the trial";
	char text[160];

	snprintf(text, sizeof(text), "interrupted: %s; the configuration "
	    "before is back on disk\n", why);
	log_warnx("configure: %s interrupted: %s; the configuration before is "
	    "back on disk", r->file, why);
	restore(sv, r, 0);
	finish(sv, r, RECONFIG_ROLLED_BACK, why, text);
}

static void
decide(struct supervisor *sv, struct reconfig *r, int64_t now, int healthy)
{
	char why[600];

	switch (reconfig_step(r->started, r->deadline, now, healthy)) {
	case RECONFIG_WAIT:
		break;
	case RECONFIG_CONFIRM:
		confirm(sv, r, now);
		break;
	case RECONFIG_ROLLBACK:
		snprintf(why, sizeof(why), "not healthy within %u s: %s",
		    r->timeout_s, r->why[0] ? r->why :
		    "no answer from the health gate");
		rollback(sv, r, why);
		break;
	}
}

void
reconfig_tick(struct supervisor *sv, int64_t now)
{
	struct reconfig *r = sv->reconfig;
	int healthy = 0;

	if (r == NULL || !r->on_trial)
		return;
	if (sv->quit) {
		interrupt(sv, r);
		return;
	}
	if (sv->nc->ntenants == 0)
		healthy = 1;
	else if (!sv->nc->bgp.present)
		healthy = confirm_tenants_running(sv, now, r->why,
		    sizeof(r->why));
	else if (confirm_ask(sv, now) < 0)
		snprintf(r->why, sizeof(r->why), "no health gate running");
	decide(sv, r, now, healthy);
}

/*
 * Every tenant's container running: a tenant the configuration changed
 * may still be stopping while the gate sees its old NSD answer.
 */
static int
tenants_up(struct supervisor *sv, char *why, size_t len)
{
	const struct child *t;
	int i;

	for (i = 0; i < sv->ntenants; i++) {
		t = sv->tenants[i];
		if (t->wanted && t->state != CS_RUNNING) {
			snprintf(why, len, "%s: container not running", t->label);
			return 0;
		}
	}
	return 1;
}

void
reconfig_gate_status(struct supervisor *sv, const char *text, size_t len)
{
	struct reconfig *r = sv->reconfig;
	int healthy;

	if (r == NULL || !r->on_trial || sv->quit)
		return;
	healthy = confirm_health(sv->nc, text, len, r->why, sizeof(r->why)) &&
	    tenants_up(sv, r->why, sizeof(r->why));
	if (!healthy)
		log_debug("configure: not healthy yet: %s", r->why);
	decide(sv, r, now_ms(), healthy);
}

void
reconfig_sighup(struct supervisor *sv)
{
	struct reconfig *r = sv->reconfig;
	char why[PATH_MAX + 64], text[PATH_MAX + 96];

	if (r == NULL || !r->on_trial)
		return;
	snprintf(why, sizeof(why), "a SIGHUP reloaded %s during the trial; "
	    "no rollback", sv->conf_path);
	snprintf(text, sizeof(text), "abandoned: %s\n", why);
	log_warnx("configure: %s abandoned: %s", r->file, why);
	finish(sv, r, RECONFIG_ABANDONED, why, text);
}

void
reconfig_status(const struct supervisor *sv, FILE *f)
{
	if (sv->reconfig != NULL)
		reconfig_status_line(f, sv->reconfig, now_ms());
}
