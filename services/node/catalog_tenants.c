/* catalog_tenants.c: outpost-node's side of catalog tenants: one outpost-catalog worker per tenant with a catalog:, started as root, dropping to the tenant's uid; its zones to refuse handed over on fd 3. */
/* SPDX-License-Identifier: ISC */
#include <sys/mman.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog_tenants.h"
#include "log.h"

#define WORKER_ARGS	11

struct worker {
	struct child	*c;
	char		 tenant[NC_NAME_MAX + 1];
	char		 summary[160];	/* its last "catalog Z serial N: ..." */
};

static struct worker workers[NODE_MAX_TENANTS];
static int nworkers;

static struct worker *
worker_of(const struct child *c)
{
	int i;

	for (i = 0; i < nworkers; i++)
		if (workers[i].c == c)
			return &workers[i];
	return NULL;
}

static void
worker_line(struct child *c, const char *line)
{
	struct worker *w = worker_of(c);
	const char *p = strstr(line, "catalog ");

	if (w != NULL && p != NULL && strstr(p, " members (") != NULL)
		snprintf(w->summary, sizeof(w->summary), "%s", p);
}

/* The zones of node.conf, one a line: no tenant's catalog may take them. */
static char *
excluded_text(const struct nodeconf *nc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int i, j;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	for (i = 0; i < nc->ntenants; i++)
		for (j = 0; j < nc->tenants[i].nzones; j++)
			fprintf(f, "%s\n", nc->tenants[i].zones[j]);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Before each start: the tenant's TSIG key and the excluded zones in a
 * sealed memfd as its fd 3 (never on its command line). */
static int
worker_prestart(struct supervisor *sv, struct child *c)
{
	size_t len = strlen(c->bundle);
	int fd;

	(void)sv;
	if ((fd = memfd_create("catalog-excluded", MFD_CLOEXEC |
	    MFD_ALLOW_SEALING)) < 0 || write(fd, c->bundle, len) !=
	    (ssize_t)len || lseek(fd, 0, SEEK_SET) < 0 ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW |
	    F_SEAL_SHRINK | F_SEAL_SEAL) < 0) {
		log_warn("%s: cannot hand over the excluded zones", c->label);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (c->passfd >= 0)
		close(c->passfd);
	c->passfd = fd;
	return 0;
}

/* Its command line for tenant tn of uid; the text compared on reloads. */
static char *
worker_argv(struct supervisor *sv, struct child *c,
    const struct nc_tenant *tn, uid_t uid)
{
	char path[PATH_MAX], addr[ADDR_STRLEN], *buf = NULL;
	size_t len = 0;
	FILE *f;
	int i;

	for (i = 0; c->argv[i] != NULL; i++) {
		free(c->argv[i]);
		c->argv[i] = NULL;
	}
	node_sibling("outpost-catalog", path, sizeof(path));
	c->argv[0] = xstrdup(path);
	c->argv[1] = xstrdup("-z");
	c->argv[2] = xstrdup(tn->catalog);
	c->argv[3] = xstrdup("-a");
	c->argv[4] = xstrdup(addr_fmt(&tn->addrs[0], addr, 0));
	c->argv[5] = xstrdup("-d");
	snprintf(path, sizeof(path), "%s/tenants/%s/data", sv->nc->state_dir,
	    tn->name);
	c->argv[6] = xstrdup(path);
	c->argv[7] = xstrdup("-u");
	snprintf(path, sizeof(path), "%u", (unsigned)uid);
	c->argv[8] = xstrdup(path);
	c->argv[9] = xstrdup("-x");
	c->argv[10] = xstrdup("3");
	if ((f = open_memstream(&buf, &len)) == NULL)
		fatal("cannot allocate");
	for (i = 0; i < WORKER_ARGS; i++)
		fprintf(f, "%s\n", c->argv[i]);
	if (fclose(f) != 0)
		fatal("cannot allocate");
	return buf;
}

static struct worker *
worker_find(const char *tenant)
{
	int i;

	for (i = 0; i < nworkers; i++)
		if (strcmp(workers[i].tenant, tenant) == 0)
			return &workers[i];
	return NULL;
}

static struct worker *
worker_new(const char *tenant)
{
	char label[48];
	struct worker *w;

	if (nworkers == NODE_MAX_TENANTS)
		return NULL;
	w = &workers[nworkers];
	memset(w, 0, sizeof(*w));
	snprintf(w->tenant, sizeof(w->tenant), "%s", tenant);
	snprintf(label, sizeof(label), "catalog %s", tenant);
	if ((w->c = child_new(label, NULL, NULL)) == NULL)
		fatal("cannot allocate");
	w->c->prestart = worker_prestart;
	w->c->on_line = worker_line;
	nworkers++;
	return w;
}

static const struct child *
tenant_child(struct supervisor *sv, const char *name)
{
	int i;

	for (i = 0; i < sv->ntenants; i++)
		if (strcmp(sv->tenants[i]->cname + 4, name) == 0)
			return sv->tenants[i];
	return NULL;
}

/* The worker of tenant tn, in line with it. */
static void
worker_apply(struct supervisor *sv, const struct nc_tenant *tn,
    const char *excluded)
{
	const struct child *t = tenant_child(sv, tn->name);
	struct worker *w;
	char *conf, *fd3;

	if (t == NULL || t->uid == 0 || tn->naddrs == 0)
		return;		/* no uid: the tenant does not run either */
	if ((w = worker_find(tn->name)) == NULL &&
	    (w = worker_new(tn->name)) == NULL)
		return;
	w->c->wanted = 1;
	conf = worker_argv(sv, w->c, tn, t->uid);
	if (asprintf(&fd3, "key %s %s %s\n%s", tn->tsig_name, tn->tsig_alg,
	    tn->tsig_secret, excluded) < 0)
		fatal("cannot allocate");
	if (child_changes(w->c, conf, fd3) == 0) {
		free(conf);
		free(fd3);
		if (w->c->state == CS_DOWN)
			child_start(sv, w->c);
		return;
	}
	child_adopt(w->c, conf, fd3);
	if (w->c->state == CS_RUNNING) {
		log_info("%s: configuration changed", w->c->label);
		child_stop(sv, w->c);	/* starts again once stopped */
	} else if (w->c->state == CS_DOWN || w->c->state == CS_BACKOFF)
		child_start(sv, w->c);
}

void
catalog_apply(struct supervisor *sv)
{
	char *excluded;
	int i;

	for (i = 0; i < nworkers; i++)
		workers[i].c->wanted = 0;
	if ((excluded = excluded_text(sv->nc)) == NULL)
		fatal("cannot allocate");
	for (i = 0; i < sv->nc->ntenants; i++)
		if (sv->nc->tenants[i].catalog != NULL)
			worker_apply(sv, &sv->nc->tenants[i], excluded);
	free(excluded);
	for (i = 0; i < nworkers; i++)
		if (!workers[i].c->wanted)
			child_stop(sv, workers[i].c);
	catalog_forget(sv);
}

void
catalog_forget(struct supervisor *sv)
{
	int i, n = 0;

	for (i = 0; i < nworkers; i++) {
		struct worker *w = &workers[i];

		if (!w->c->wanted && w->c->state == CS_DOWN && !sv->quit) {
			log_info("%s: removed", w->c->label);
			child_free(w->c);
		} else
			workers[n++] = *w;
	}
	nworkers = n;
}

int
catalog_children(struct child **all)
{
	int i;

	for (i = 0; i < nworkers; i++)
		all[i] = workers[i].c;
	return nworkers;
}

void
catalog_status(FILE *f)
{
	int i;

	for (i = 0; i < nworkers; i++)
		fprintf(f, "tenant %s: %s\n", workers[i].tenant,
		    workers[i].summary[0] ? workers[i].summary :
		    "catalog not read yet");
}
