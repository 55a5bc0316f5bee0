/* uids.c: a stable uid per tenant, by name, kept in STATE/uids and never reused while the tenant's files exist. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileutil.h"
#include "log.h"
#include "uids.h"

static int
valid_name(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > NC_NAME_MAX)
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '-')
			return 0;
	return 1;
}

static int
in_range(unsigned long uid)
{
	return uid >= UIDS_BASE && uid < UIDS_BASE + UIDS_MAX;
}

static int
find_name(const struct uidmap *m, const char *name)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->e[i].name, name) == 0)
			return i;
	return -1;
}

static int
find_uid(const struct uidmap *m, uid_t uid)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (m->e[i].uid == uid)
			return i;
	return -1;
}

static int
add(struct uidmap *m, const char *name, uid_t uid)
{
	if (m->n == UIDS_MAX)
		return -1;
	snprintf(m->e[m->n].name, sizeof(m->e[m->n].name), "%s", name);
	m->e[m->n++].uid = uid;
	return 0;
}

int
uids_load(const char *state_dir, struct uidmap *m)
{
	char path[PATH_MAX], name[64], *buf, *line, *next;
	unsigned long uid;
	int lineno = 0;

	m->n = 0;
	snprintf(path, sizeof(path), "%s/" UIDS_FILE, state_dir);
	if ((buf = file_read(path, 64 * 1024, NULL)) == NULL)
		return errno == ENOENT ? 0 : -1;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		lineno++;
		if (sscanf(line, "%63s %lu", name, &uid) != 2 ||
		    !valid_name(name) || !in_range(uid) ||
		    find_name(m, name) >= 0 || find_uid(m, (uid_t)uid) >= 0 ||
		    add(m, name, (uid_t)uid) < 0) {
			log_warnx("cannot read %s:%d: want 'name uid', a "
			    "tenant name and a uid from %d to %d, each once",
			    path, lineno, UIDS_BASE, UIDS_BASE + UIDS_MAX - 1);
			free(buf);
			errno = EINVAL;
			return -1;
		}
	}
	free(buf);
	return 0;
}

/* Whether STATE/tenants/NAME exists; *owner: who owns its data. */
static int
tenant_dir(const char *state_dir, const char *name, uid_t *owner)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/tenants/%s", state_dir, name);
	if (lstat(path, &st) < 0)
		return 0;
	*owner = (uid_t)-1;
	snprintf(path, sizeof(path), "%s/tenants/%s/data", state_dir, name);
	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
		*owner = st.st_uid;
	return 1;
}

/* Directories left by tenants the map does not know (older state) keep
 * the uid that owns them. */
static int
adopt_dirs(struct uidmap *m, const char *state_dir)
{
	char path[PATH_MAX];
	struct dirent *de;
	int changed = 0;
	uid_t owner;
	DIR *d;

	snprintf(path, sizeof(path), "%s/tenants", state_dir);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (!valid_name(de->d_name) || find_name(m, de->d_name) >= 0 ||
		    !tenant_dir(state_dir, de->d_name, &owner) ||
		    !in_range(owner) || find_uid(m, owner) >= 0)
			continue;
		if (add(m, de->d_name, owner) == 0)
			changed = 1;
	}
	closedir(d);
	return changed;
}

static uid_t
lowest_free(const struct uidmap *m)
{
	uid_t uid;

	for (uid = UIDS_BASE; uid < UIDS_BASE + UIDS_MAX; uid++)
		if (find_uid(m, uid) < 0)
			return uid;
	return 0;
}

static int
wanted(const char *name, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

int
uids_assign(struct uidmap *m, const char *state_dir,
    const char *const *names, int n, uid_t *out)
{
	int i, j, changed;
	uid_t owner;

	changed = adopt_dirs(m, state_dir);
	for (i = 0, j = 0; i < m->n; i++) {
		if (!wanted(m->e[i].name, names, n) &&
		    !tenant_dir(state_dir, m->e[i].name, &owner)) {
			changed = 1;		/* gone: its uid is free */
			continue;
		}
		m->e[j++] = m->e[i];
	}
	m->n = j;
	for (i = 0; i < n; i++) {
		if ((j = find_name(m, names[i])) >= 0) {
			out[i] = m->e[j].uid;
			continue;
		}
		if ((out[i] = lowest_free(m)) != 0 &&
		    add(m, names[i], out[i]) == 0)
			changed = 1;
		else
			out[i] = 0;
	}
	return changed;
}

int
uids_save(const char *state_dir, const struct uidmap *m)
{
	char path[PATH_MAX], *buf = NULL;
	size_t len = 0;
	FILE *f;
	int i, rc;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return -1;
	for (i = 0; i < m->n; i++)
		fprintf(f, "%s %u\n", m->e[i].name, (unsigned)m->e[i].uid);
	if (fclose(f) != 0) {
		free(buf);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/" UIDS_FILE, state_dir);
	rc = file_write_atomic(path, buf, len, 0600, 0, 0);
	free(buf);
	return rc;
}

int
uids_for(const struct nodeconf *nc, uid_t *out)
{
	const char *names[NC_MAX_TENANTS];
	struct uidmap *m, *old;
	int i, k;

	if ((m = calloc(2, sizeof(*m))) == NULL)
		return -1;
	old = m + 1;
	if (uids_load(nc->state_dir, old) < 0) {
		if (errno != EINVAL)
			log_warn("cannot read %s/" UIDS_FILE, nc->state_dir);
		free(m);
		return -1;
	}
	*m = *old;
	for (i = 0; i < nc->ntenants; i++)
		names[i] = nc->tenants[i].name;
	if (uids_assign(m, nc->state_dir, names, nc->ntenants, out) == 1 &&
	    uids_save(nc->state_dir, m) < 0) {
		log_warn("cannot write %s/" UIDS_FILE ": tenants without a "
		    "uid there wait", nc->state_dir);
		for (i = 0; i < nc->ntenants; i++)
			if ((k = find_name(old, names[i])) < 0 ||
			    old->e[k].uid != out[i])
				out[i] = 0;
	} else
		for (i = 0; i < nc->ntenants; i++)
			if (out[i] == 0)
				log_warnx("tenant %s: no uid free to run as "
				    "(all %d taken)", names[i], UIDS_MAX);
	free(m);
	return 0;
}
