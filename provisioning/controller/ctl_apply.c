/* ctl_apply.c: outpostctl apply: the fleet file checked and rendered whole, the plan shown, each changed node's bundle published, nodes gone from the file removed. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "ctl.h"
#include "db.h"
#include "fileutil.h"
#include "fleet.h"
#include "fleet_plan.h"
#include "fleet_render.h"
#include "publish.h"
#include "signkey.h"

/* Every node's node.conf, or NULL (all said) when any cannot be rendered. */
static char **
render_all(const struct fleet *f)
{
	char **texts, err[512];
	int i, bad = 0;

	if ((texts = calloc((size_t)f->nnodes + 1, sizeof(*texts))) == NULL)
		return NULL;
	for (i = 0; i < f->nnodes; i++)
		if ((texts[i] = fleet_render(f, &f->nodes[i], err,
		    sizeof(err))) == NULL) {
			fprintf(stderr, "outpostctl: cannot render node %s: "
			    "%s\n", f->nodes[i].name, err);
			bad = 1;
		}
	if (!bad)
		return texts;
	for (i = 0; i < f->nnodes; i++)
		free(texts[i]);
	free(texts);
	return NULL;
}

/* 1 when STATEDIR/published/NAME.conf holds text already. */
static int
unchanged(const struct publisher *p, const char *node, const char *text)
{
	char path[PATH_MAX + 80], *old;
	size_t len;
	int same;

	snprintf(path, sizeof(path), "%s/" PUBLISHED_DIR "/%s.conf",
	    p->statedir, node);
	if ((old = file_read(path, 1024 * 1024, &len)) == NULL)
		return 0;
	same = len == strlen(text) && memcmp(old, text, len) == 0;
	free(old);
	return same;
}

static int
publish_node(const struct publisher *p, const char *node, const char *text)
{
	char err[512];
	uint64_t serial;

	if (unchanged(p, node, text)) {
		printf("node %s: unchanged, nothing published\n", node);
		return 0;
	}
	if (publish_text(p, node, text, strlen(text), err, sizeof(err)) < 0 ||
	    publish_bundle(p, node, &serial, err, sizeof(err)) < 0) {
		fprintf(stderr, "outpostctl: cannot publish node %s: %s\n",
		    node, err);
		return -1;
	}
	if (serial == 0)
		printf("node %s: not enrolled yet: its bundle is made when it "
		    "enrols\n", node);
	else
		printf("node %s: bundle %llu published\n", node,
		    (unsigned long long)serial);
	return 0;
}

struct gone {
	const struct fleet	*f;
	const struct publisher	*p;
	int			 rc;
};

/* A node the database knows and the file no longer names: removed. */
static int
remove_gone(const struct db_node_row *r, void *arg)
{
	struct gone *g = arg;
	char err[512];

	if (fleet_node(g->f, r->name) != NULL || r->removed != 0)
		return 0;
	if (publish_remove(g->p, r->name, err, sizeof(err)) < 0) {
		fprintf(stderr, "outpostctl: cannot remove node %s: %s\n",
		    r->name, err);
		g->rc = -1;
	} else
		printf("node %s: removed from the fleet: its requests are "
		    "refused\n", r->name);
	return 0;
}

static int
publish_all(const struct fleet *f, char **texts, struct publisher *p)
{
	struct gone g = { f, p, 0 };
	char err[512];
	int i, rc = 0;

	for (i = 0; i < f->nnodes; i++)
		if (publish_node(p, f->nodes[i].name, texts[i]) < 0)
			rc = -1;
	if (db_nodes_each(p->db, remove_gone, &g, err, sizeof(err)) < 0) {
		fprintf(stderr, "outpostctl: cannot list nodes: %s\n", err);
		rc = -1;
	}
	return rc < 0 || g.rc < 0 ? -1 : 0;
}

static int
apply(const struct fleet *f, char **texts, const char *statedir)
{
	struct publisher p = { statedir, NULL, NULL, { 0 }, { 0 } };
	char bdir[PATH_MAX], pdir[PATH_MAX + 16], path[PATH_MAX + 16];
	char err[512];
	struct stat st;
	int rc;

	p.bundledir = fleet_ctl_bundle_dir(f, bdir, sizeof(bdir));
	snprintf(pdir, sizeof(pdir), "%s/" PUBLISHED_DIR, statedir);
	if (fleet_plan(stdout, f, stat(pdir, &st) == 0 ? pdir : NULL) < 0)
		return -1;
	if (signkey_load(statedir, p.ctl_pk, p.ctl_sk, err, sizeof(err)) < 0) {
		fprintf(stderr, "outpostctl: cannot load the signing key (has "
		    "outpost-controller started once?): %s\n", err);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", statedir, DB_FILE);
	if ((p.db = db_open(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "outpostctl: cannot open %s: %s\n", path, err);
		sodium_memzero(p.ctl_sk, sizeof(p.ctl_sk));
		return -1;
	}
	rc = publish_all(f, texts, &p);
	db_close(p.db);
	sodium_memzero(p.ctl_sk, sizeof(p.ctl_sk));
	return rc;
}

int
ctl_apply(int argc, char **argv)
{
	const char *statedir = NULL;
	struct fleet *f;
	char **texts;
	int ch, i, rc;

	optind = 1;
	while ((ch = getopt(argc, argv, "s:")) != -1) {
		if (ch != 's')
			ctl_usage(0);
		statedir = optarg;
	}
	if (optind != argc - 1)
		ctl_usage(0);
	if (sodium_init() < 0) {
		fprintf(stderr, "outpostctl: cannot initialise libsodium\n");
		return 1;
	}
	if ((f = fleet_load(argv[optind], stderr)) == NULL)
		return 1;
	if ((texts = render_all(f)) == NULL) {
		fprintf(stderr, "outpostctl: nothing published\n");
		fleet_free(f);
		return 1;
	}
	rc = apply(f, texts, statedir ? statedir : fleet_ctl_state_dir(f));
	for (i = 0; i < f->nnodes; i++)
		free(texts[i]);
	free(texts);
	fleet_free(f);
	return rc < 0;
}
