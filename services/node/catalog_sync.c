/* catalog_sync.c: the catalog worker's changes to its tenant's NSD: the members it has (zone.list) against the catalog's, addzone and delzone on NSD's control socket. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <sys/un.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog_worker.h"
#include "fileutil.h"
#include "log.h"
#include "nsdconf.h"

#define ZONE_LIST	"zone.list"	/* NSD's, in its data directory */
#define ZONE_LIST_MAX	(4 << 20)
#define CONTROL_VERSION	1		/* NSD 4's "NSDCT1" */

struct names {
	char		**v;
	int		 n;
};

static void
names_free(struct names *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static int
names_has(char *const *v, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return 1;
	return 0;
}

/* Lower case with the final dot, as the catalog's names are. */
static void
normalise(char *name, char out[DNAME_STRLEN])
{
	size_t i, n = strlen(name);

	for (i = 0; i < n && i < DNAME_STRLEN - 2; i++)
		out[i] = (char)tolower((unsigned char)name[i]);
	if (i == 0 || out[i - 1] != '.')
		out[i++] = '.';
	out[i] = '\0';
}

/*
 * The zones NSD holds from the catalog: the lines "add NAME PATTERN" of
 * its zone.list with our pattern (deleted ones read "del ...").
 */
static int
current_members(struct names *cur)
{
	char *buf, *line, *save, *name, *pat, norm[DNAME_STRLEN], **v;
	size_t len;

	memset(cur, 0, sizeof(*cur));
	if ((buf = file_read(ZONE_LIST, ZONE_LIST_MAX, &len)) == NULL)
		return errno == ENOENT ? 0 : -1;
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "add ", 4) != 0 ||
		    (name = strtok(line + 4, " ")) == NULL ||
		    (pat = strtok(NULL, " ")) == NULL ||
		    strcmp(pat, NSD_MEMBER_PATTERN) != 0)
			continue;
		normalise(name, norm);
		if (names_has(cur->v, cur->n, norm))
			continue;
		if ((v = realloc(cur->v, (cur->n + 1) * sizeof(*v))) == NULL ||
		    (v[cur->n] = strdup(norm)) == NULL) {
			if (v != NULL)
				cur->v = v;
			free(buf);
			return -1;
		}
		cur->v = v;
		cur->n++;
	}
	free(buf);
	return 0;
}

/* "NSDCT1 CMD ARGS\n" on NSD's control socket; what it answers. */
static int
control(const char *cmd, char *reply, size_t len)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char req[2 * DNAME_STRLEN + 64];
	size_t got = 0;
	ssize_t n;
	int fd;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", NSD_CONTROL_SOCK);
	snprintf(req, sizeof(req), "NSDCT%d %s\n", CONTROL_VERSION, cmd);
	reply[0] = '\0';
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    write_full(fd, req, strlen(req)) < 0) {
		close(fd);
		return -1;
	}
	while (got + 1 < len && (n = read(fd, reply + got, len - 1 - got)) > 0)
		got += (size_t)n;
	reply[got] = '\0';
	close(fd);
	return 0;
}

/* One addzone or delzone; its failure logged. */
static int
change(const char *verb, const char *zone)
{
	char cmd[DNAME_STRLEN + 64], reply[512], *nl;

	if (strcmp(verb, "addzone") == 0)
		snprintf(cmd, sizeof(cmd), "addzone %s %s", zone,
		    NSD_MEMBER_PATTERN);
	else
		snprintf(cmd, sizeof(cmd), "delzone %s", zone);
	if (control(cmd, reply, sizeof(reply)) < 0) {
		log_warn("cannot %s %s: control socket", verb, zone);
		return -1;
	}
	if (strncmp(reply, "error", 5) == 0 || strstr(reply, "\nerror")) {
		if ((nl = strchr(reply, '\n')) != NULL)
			*nl = '\0';
		log_warnx("cannot %s %s: NSD says %s", verb, zone, reply);
		return -1;
	}
	log_debug("%s %s", verb, zone);
	return 0;
}

/* The members the tenant may serve: the catalog's, less the excluded. */
static int
wanted(struct catw *w, const struct catalog *c, struct names *want)
{
	int i;

	memset(want, 0, sizeof(*want));
	if ((want->v = calloc((size_t)c->nmembers + 1, sizeof(char *))) == NULL)
		return -1;
	for (i = 0; i < c->nmembers; i++) {
		const char *m = c->members[i].name;

		if (names_has(w->excluded, w->nexcluded, m)) {
			log_warnx("catalog %s: member %s refused: served by "
			    "another tenant or by node.conf", w->zone, m);
			continue;
		}
		if ((want->v[want->n] = strdup(m)) == NULL)
			return -1;
		want->n++;
	}
	return 0;
}

int
catw_sync(struct catw *w, const struct catalog *c)
{
	struct names cur, want;
	int i, rc = 0, added = 0, removed = 0;

	if (current_members(&cur) < 0) {
		log_warn("cannot read %s", ZONE_LIST);
		return -1;
	}
	if (wanted(w, c, &want) < 0) {
		log_warnx("cannot sync catalog %s: out of memory", w->zone);
		names_free(&cur);
		names_free(&want);
		return -1;
	}
	for (i = 0; i < want.n; i++) {
		if (names_has(cur.v, cur.n, want.v[i]))
			continue;
		if (change("addzone", want.v[i]) < 0)
			rc = -1;
		else
			added++;
	}
	for (i = 0; i < cur.n; i++) {
		if (names_has(want.v, want.n, cur.v[i]))
			continue;
		if (change("delzone", cur.v[i]) < 0)
			rc = -1;
		else
			removed++;
	}
	w->nmembers = want.n;
	log_info("catalog %s serial %u: %d members (%d added, %d removed)",
	    w->zone, c->serial, want.n, added, removed);
	names_free(&cur);
	names_free(&want);
	return rc;
}
