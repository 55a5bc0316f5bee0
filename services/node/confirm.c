/* confirm.c: outpost-node marks the root slot it booted on trial good once every tenant is healthy and BGP established, or records why not and reboots; reports a failed update. */
/* SPDX-License-Identifier: ISC */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "confirm.h"
#include "fileutil.h"
#include "gatelink.h"
#include "log.h"
#include "node.h"
#include "pid1.h"
#include "update_esp.h"

static void
path_from_env(char *buf, size_t len, const char *env, const char *dflt)
{
	const char *v = getenv(env);

	snprintf(buf, len, "%s", v != NULL && *v != '\0' ? v : dflt);
}

/* The ESP's entries, mounted for the time of the listing unless a test
 * gave a directory: the count, or -1 after logging. */
static int
list_entries(struct confirm *c, struct bootentry *v)
{
	char err[512], dir[4096];
	int n, mounted = 0;

	if (c->esp[0] != '\0')
		snprintf(dir, sizeof(dir), "%s", c->esp);
	else if (update_esp_mount(UPDATE_SYSBLOCK, c->running, dir,
	    sizeof(dir), err, sizeof(err)) < 0) {
		log_warnx("update: %s", err);
		return -1;
	} else
		mounted = 1;
	if ((n = bootentry_list(dir, v, BOOTENTRY_MAX)) < 0)
		log_warn("update: cannot list the boot entries in %s", dir);
	if (mounted && update_esp_umount(dir, err, sizeof(err)) < 0)
		log_warnx("update: %s", err);
	return n;
}

static int
mark_good(struct confirm *c)
{
	char err[512], dir[4096];
	int rc, mounted = 0;

	if (c->esp[0] != '\0')
		snprintf(dir, sizeof(dir), "%s", c->esp);
	else if (update_esp_mount(UPDATE_SYSBLOCK, c->running, dir,
	    sizeof(dir), err, sizeof(err)) < 0) {
		log_warnx("update: cannot mark slot %c good: %s", c->running,
		    err);
		return -1;
	} else
		mounted = 1;
	if ((rc = bootentry_mark_good(dir, c->entry)) < 0)
		log_warn("update: cannot mark slot %c good (rename %s)",
		    c->running, c->entry);
	if (mounted && update_esp_umount(dir, err, sizeof(err)) < 0)
		log_warnx("update: %s", err);
	if (rc == 0) {
		log_info("update: slot %c (%s) marked good: outpost-%c.conf",
		    c->running, c->version, c->running);
		c->on_trial = 0;
		c->marked = 1;
	}
	return rc;
}

/* /data/update/last-attempt: "key: value" lines; the reason read back. */
static void
read_last_attempt(struct confirm *c)
{
	char path[4200], *text, *p, *v;
	int same = 0;

	snprintf(path, sizeof(path), "%s/" CONFIRM_LAST_ATTEMPT, c->updatedir);
	if ((text = file_read(path, 8192, NULL)) == NULL) {
		snprintf(c->failed_reason, sizeof(c->failed_reason),
		    "no record in %.300s", path);
		return;
	}
	for (p = strtok(text, "\n"); p != NULL; p = strtok(NULL, "\n")) {
		if ((v = strstr(p, ": ")) == NULL)
			continue;
		*v = '\0';
		v += 2;
		if (strcmp(p, "version") == 0)
			same = strcmp(v, c->failed_version) == 0;
		else if (strcmp(p, "reason") == 0)
			snprintf(c->failed_reason, sizeof(c->failed_reason),
			    "%s", v);
	}
	if (!same)
		snprintf(c->failed_reason, sizeof(c->failed_reason),
		    "no record of version %s in %.300s", c->failed_version, path);
	free(text);
}

static void
read_running_version(struct confirm *c, const struct bootentry *v, int n)
{
	char *text;
	int i;

	for (i = 0; i < n; i++)
		if (v[i].slot == c->running && v[i].version[0] != '\0') {
			snprintf(c->version, sizeof(c->version), "%s",
			    v[i].version);
			return;
		}
	if ((text = file_read("/etc/outpost-image/version", 256, NULL)) !=
	    NULL) {
		text[strcspn(text, "\n")] = '\0';
		snprintf(c->version, sizeof(c->version), "%s", text);
		free(text);
	}
}

void
confirm_start(struct supervisor *sv)
{
	struct bootentry v[BOOTENTRY_MAX];
	struct confirm *c;
	char trial[512];
	int n, slot;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		fatal("cannot allocate");
	sv->confirm = c;
	path_from_env(c->cmdline, sizeof(c->cmdline), "OUTPOST_CMDLINE",
	    "/proc/cmdline");
	path_from_env(c->efivars, sizeof(c->efivars), "OUTPOST_EFIVARS",
	    EFIVARS_DIR);
	path_from_env(c->esp, sizeof(c->esp), "OUTPOST_ESP", "");
	path_from_env(c->updatedir, sizeof(c->updatedir),
	    "OUTPOST_UPDATE_DIR", "/data/update");
	if ((slot = bootentry_running_slot(c->cmdline)) < 0)
		return;		/* not the appliance */
	c->enabled = 1;
	c->running = (char)slot;
	if ((n = list_entries(c, v)) < 0)
		return;
	read_running_version(c, v, n);
	confirm_failed(v, n, slot, c->version, c->failed_version,
	    sizeof(c->failed_version));
	if (c->failed_version[0] != '\0') {
		read_last_attempt(c);
		log_warnx("update: version %s failed, slot %c (%s) runs "
		    "again: %s", c->failed_version, slot, c->version,
		    c->failed_reason);
	}
	if (efivar_read(c->efivars, "LoaderEntrySelected", trial,
	    sizeof(trial)) == 0)
		log_info("update: the loader booted entry %s", trial);
	trial[0] = '\0';
	if (efivar_read(c->efivars, "LoaderBootCountPath", trial,
	    sizeof(trial)) < 0 && errno != ENOENT)
		log_warn("update: cannot read LoaderBootCountPath");
	snprintf(c->entry, sizeof(c->entry), "%s", bootentry_basename(trial));
	switch (confirm_plan(v, n, slot, c->entry)) {
	case CONFIRM_NONE:
		log_info("update: slot %c (%s) runs, not on trial", slot,
		    c->version);
		break;
	case CONFIRM_NOW:
		log_info("update: slot %c (%s) on trial with no other slot "
		    "to fall back to: marking it good now", slot, c->version);
		c->on_trial = 1;
		if (mark_good(c) < 0)
			c->on_trial = 0;	/* no reboot: nothing else boots */
		break;
	case CONFIRM_WAIT:
		c->on_trial = 1;
		c->deadline = now_ms() +
		    (int64_t)sv->nc->update_confirm_timeout * 1000;
		log_info("update: slot %c (%s) on trial (%s): marked good once "
		    "every tenant is healthy and BGP established, within %u s",
		    slot, c->version, c->entry, sv->nc->update_confirm_timeout);
		break;
	}
}

/*
 * Without a bgp: block no gate runs: every tenant's container running,
 * for CONFIRM_STABLE_MS at least (a container that cannot start is
 * "running" for a moment after each spawn).
 */
int
confirm_tenants_running(struct supervisor *sv, int64_t now, char *why,
    size_t len)
{
	const struct child *t;
	int i;

	why[0] = '\0';
	for (i = 0; i < sv->ntenants; i++) {
		t = sv->tenants[i];
		if (!t->wanted)
			continue;
		if (t->state != CS_RUNNING) {
			snprintf(why, len, "%s: not running", t->label);
			return 0;
		}
		if (t->outgoing != NULL) {
			snprintf(why, len, "%s: its new NSD not serving yet",
			    t->label);
			return 0;
		}
		if (now - t->started_ms < CONFIRM_STABLE_MS) {
			snprintf(why, len, "%s: running for less than %d s",
			    t->label, CONFIRM_STABLE_MS / 1000);
			return 0;
		}
	}
	return 1;
}

static void
write_last_attempt(struct confirm *c)
{
	char path[4200], text[1024], when[32];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(path, sizeof(path), "%s/" CONFIRM_LAST_ATTEMPT, c->updatedir);
	snprintf(text, sizeof(text), "version: %s\nslot: %c\nentry: %s\n"
	    "time: %s\nreason: %s\n", c->version, c->running, c->entry, when,
	    c->why[0] ? c->why : "no answer from the health gate");
	if (mkdir_p(c->updatedir, 0755, 0, 0) < 0 ||
	    file_write_atomic(path, text, strlen(text), 0644, 0, 0) < 0)
		log_warn("update: cannot write %s", path);
}

void
confirm_tick(struct supervisor *sv, int64_t now)
{
	struct confirm *c = sv->confirm;

	if (c == NULL || !c->on_trial || sv->quit)
		return;
	if (now >= c->deadline) {
		log_warnx("update: slot %c (%s) not healthy within %u s: %s",
		    c->running, c->version, sv->nc->update_confirm_timeout,
		    c->why[0] ? c->why : "no answer from the health gate");
		c->on_trial = 0;
		write_last_attempt(c);
		confirm_reboot(sv, c->why);
		return;
	}
	if (now < c->next_look)
		return;
	c->next_look = now + CONFIRM_ASK_MS;
	if (sv->nc->ntenants == 0) {
		mark_good(c);		/* no tenant configured */
		return;
	}
	if (!sv->nc->bgp.present) {
		if (confirm_tenants_running(sv, now, c->why, sizeof(c->why)))
			mark_good(c);
		return;
	}
	if (confirm_ask(sv, now) < 0)
		snprintf(c->why, sizeof(c->why), "no health gate running");
}

int
confirm_ask(struct supervisor *sv, int64_t now)
{
	struct confirm *c = sv->confirm;

	if (c == NULL || now < c->next_ask)
		return 0;
	c->next_ask = now + CONFIRM_ASK_MS;
	return gatelink_ask_status(sv) < 0 ? -1 : 1;
}

void
confirm_gate_status(struct supervisor *sv, const char *text, size_t len)
{
	struct confirm *c = sv->confirm;

	if (c == NULL || !c->on_trial || sv->quit)
		return;
	if (confirm_health(sv->nc, text, len, c->why, sizeof(c->why)))
		mark_good(c);
	else
		log_debug("update: not healthy yet: %s", c->why);
}

void
confirm_status(const struct supervisor *sv, FILE *f)
{
	const struct confirm *c = sv->confirm;
	int64_t left;

	if (c == NULL || !c->enabled)
		return;
	fprintf(f, "update: slot %c, version %s", c->running,
	    c->version[0] ? c->version : "unknown");
	if (c->on_trial) {
		left = (c->deadline - now_ms() + 999) / 1000;
		fprintf(f, ", on trial (%s): marked good once healthy, %lld s "
		    "left%s%s\n", c->entry, (long long)(left > 0 ? left : 0),
		    c->why[0] ? "; not yet: " : "", c->why);
	} else
		fprintf(f, ", good%s\n", c->marked ? " (marked by this boot)" :
		    "");
	if (c->failed_version[0] != '\0')
		fprintf(f, "update: FAILED: version %s did not get healthy, "
		    "back on slot %c: %s\n", c->failed_version, c->running,
		    c->failed_reason);
}

void
confirm_reboot(struct supervisor *sv, const char *why)
{
	char msg[160];

	log_warnx("update: rebooting for the boot loader's next try (%s)",
	    why[0] ? why : "not healthy");
	/* As PID 1: the orderly reboot (tenants stopped, /data unmounted). */
	if (pid1_request(sv, PID1_REBOOT, msg, sizeof(msg)) == 0)
		return;
	/* Not PID 1 (a test): the node stops. */
	sync();
	sv->quit = 1;
}
