/* cfgupdate.c: an update file a person dropped on OUTPOST-CFG, installed at boot by outpost update. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bootentry.h"
#include "cfgupdate.h"
#include "confirm.h"
#include "firstboot.h"
#include "log.h"
#include "node.h"
#include "pid1.h"
#include "runwait.h"
#include "update_header.h"

#define CFGDIR		"/run/outpost/cfg"
#define OUTPOST_CLI	"/usr/bin/outpost"

/* The version in the header of dir/name, or -1 (logged: a bad file is skipped). */
static int
file_version(const char *path, char *version, size_t len)
{
	struct update_header h;
	char buf[UPDATE_HDR_MAX], err[256];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		log_warn("update: cannot open %s", path);
		return -1;
	}
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0 || update_header_parse(buf, (size_t)n, path, &h, err,
	    sizeof(err)) < 0) {
		log_warnx("update: cannot use %s: %s", path,
		    n < 0 ? "unreadable" : err);
		return -1;
	}
	snprintf(version, len, "%s", h.version);
	return 0;
}

/* The newest *.update in dir newer than running: its path, or "" . */
static void
newest(const char *dir, const char *running, char *path, size_t len,
    char *version, size_t vlen)
{
	char p[PATH_MAX], v[UPDATE_VERSION_MAX];
	struct dirent *de;
	size_t l;
	DIR *d;

	path[0] = version[0] = '\0';
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		l = strlen(de->d_name);
		if (l < 8 || strcasecmp(de->d_name + l - 7, ".update") != 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		if (file_version(p, v, sizeof(v)) < 0 ||
		    bootentry_vercmp(v, running) <= 0 ||
		    (version[0] && bootentry_vercmp(v, version) <= 0))
			continue;
		snprintf(path, len, "%s", p);
		snprintf(version, vlen, "%s", v);
	}
	closedir(d);
}

/* Was version tried before (listed in the update dir's "tried")? */
static int
tried(const char *updatedir, const char *version)
{
	char path[PATH_MAX + 16], line[128];
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/" CFGUPDATE_TRIED, updatedir);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		found = strcmp(line, version) == 0;
	}
	fclose(f);
	return found;
}

/* Lists version as tried, on disk before the slot is written. */
static int
mark_tried(const char *updatedir, const char *version)
{
	char path[PATH_MAX + 16];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/" CFGUPDATE_TRIED, updatedir);
	if ((f = fopen(path, "a")) == NULL) {
		log_warn("update: cannot open %s", path);
		return -1;
	}
	fprintf(f, "%s\n", version);
	rc = fflush(f) == 0 && fsync(fileno(f)) == 0 ? 0 : -1;
	if (fclose(f) != 0 || rc < 0) {
		log_warn("update: cannot write %s", path);
		return -1;
	}
	return 0;
}

/*
 * Takes version off the list again: outpost update refused the file (a
 * bad signature, say) before it wrote anything, and a good file of that
 * version may come later.
 */
static void
unmark_tried(const char *updatedir, const char *version)
{
	char path[PATH_MAX + 16], tmp[PATH_MAX + 32], line[128];
	FILE *in, *out;

	snprintf(path, sizeof(path), "%s/" CFGUPDATE_TRIED, updatedir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((in = fopen(path, "r")) == NULL)
		return;
	if ((out = fopen(tmp, "w")) == NULL) {
		log_warn("update: cannot write %s", tmp);
		fclose(in);
		return;
	}
	while (fgets(line, sizeof(line), in) != NULL)
		if (strncmp(line, version, strlen(version)) != 0 ||
		    line[strlen(version)] != '\n')
			fputs(line, out);
	fclose(in);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0 || fclose(out) != 0 ||
	    rename(tmp, path) < 0)
		log_warn("update: cannot rewrite %s", path);
}

/* outpost update FILE: 0 when installed. */
static int
install(const char *path)
{
	char *argv[] = { OUTPOST_CLI, "update", (char *)path, NULL };
	int status;

	return run_wait(argv, &status) == 0 ? 0 : -1;
}

int
cfgupdate_boot(struct supervisor *sv)
{
	struct firstboot fb = { .sysblock = "/sys/class/block",
	    .cfgdir = CFGDIR };
	struct confirm *c = sv->confirm;
	char path[PATH_MAX], version[UPDATE_VERSION_MAX], why[160];
	int rc = -1;

	if (!pid1_image() || c == NULL || !c->enabled || c->on_trial ||
	    c->version[0] == '\0')
		return 0;
	if (firstboot_mount_cfg(&fb) < 0)
		return 0;
	newest(CFGDIR, c->version, path, sizeof(path), version,
	    sizeof(version));
	if (path[0] == '\0')
		log_debug("update: nothing newer than %s on OUTPOST-CFG",
		    c->version);
	else if (tried(c->updatedir, version))
		log_info("update: %s on OUTPOST-CFG was tried before; not "
		    "again (outpost status tells how it went)", version);
	else if (mark_tried(c->updatedir, version) == 0) {
		log_info("update: installing %s from OUTPOST-CFG (running %s)",
		    version, c->version);
		if ((rc = install(path)) < 0) {
			log_warnx("cannot install update %s: outpost update "
			    "failed (above); %s keeps running", version,
			    c->version);
			unmark_tried(c->updatedir, version);
		}
	}
	if (umount2(CFGDIR, 0) < 0)
		log_warn("cannot unmount %s", CFGDIR);
	if (rc < 0)
		return 0;
	log_info("update: %s installed; rebooting into it", version);
	return pid1_request(sv, PID1_REBOOT, why, sizeof(why)) == 0;
}
