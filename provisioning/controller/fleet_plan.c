/* fleet_plan.c: the plan: each node's rendered node.conf against the one last published, block by block, and the tenants not placed with why. */
/* SPDX-License-Identifier: ISC */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fileutil.h"
#include "fleet_plan.h"
#include "fleet_render.h"
#include "nodeconf.h"

#define PLAN_MAX_BLOCKS	(1 + 1 + NC_MAX_NEIGHBORS + NC_MAX_TENANTS)

/* One block of a normalised node.conf: "tenant root", "bgp", ... */
struct block {
	char		 what[96];
	char		*text;		/* its key: value lines, in buf */
	int		 seen;		/* matched in the other version */
};

struct version {
	char		*buf;		/* nodeconf_print's text, cut up */
	struct block	 blocks[PLAN_MAX_BLOCKS];
	int		 nblocks;
};

/* The value of the first "\tkey: " line of a block's text. */
static void
block_value(const char *text, const char *key, char *out, size_t len)
{
	const char *p = text, *e;
	size_t klen = strlen(key);

	*out = '\0';
	for (; p != NULL && *p != '\0'; p = (e = strchr(p, '\n')) ? e + 1 :
	    NULL) {
		if (p[0] != '\t' || strncmp(p + 1, key, klen) != 0 ||
		    p[1 + klen] != ':')
			continue;
		p += klen + 3;
		e = strchr(p, '\n');
		snprintf(out, len, "%.*s", e ? (int)(e - p) : (int)strlen(p),
		    p);
		return;
	}
}

/* Cuts the printed text into its blocks (printed blocks end in "\n\n"). */
static void
split(struct version *v)
{
	char *p = v->buf, *end, val[80];

	while (p != NULL && *p != '\0' && v->nblocks < PLAN_MAX_BLOCKS) {
		struct block *b = &v->blocks[v->nblocks++];

		if ((end = strstr(p, "\n\n")) != NULL)
			*end = '\0';
		b->text = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
		b->seen = 0;
		/* The last block keeps its newline, the others do not. */
		if (*b->text != '\0' && b->text[strlen(b->text) - 1] == '\n')
			b->text[strlen(b->text) - 1] = '\0';
		if (strncmp(p, "tenant:", 7) == 0) {
			block_value(b->text, "name", val, sizeof(val));
			snprintf(b->what, sizeof(b->what), "tenant %s", val);
		} else if (strncmp(p, "neighbor:", 9) == 0) {
			block_value(b->text, "address", val, sizeof(val));
			snprintf(b->what, sizeof(b->what), "bgp neighbor %s",
			    val);
		} else if (strncmp(p, "bgp:", 4) == 0)
			snprintf(b->what, sizeof(b->what), "bgp");
		else
			snprintf(b->what, sizeof(b->what), "node");
		p = end ? end + 2 : NULL;
	}
}

/* Loads text as node.conf and keeps its normalised print; -1 with err. */
static int
version_load(struct version *v, const char *name, const char *text,
    size_t len, char *err, size_t errlen)
{
	struct nodeconf *nc;
	char *msgs = NULL, *nl;
	size_t mlen = 0, blen = 0;
	FILE *f;

	memset(v, 0, sizeof(*v));
	if ((f = open_memstream(&msgs, &mlen)) == NULL)
		return -1;
	nc = nodeconf_load_buf(name, text, len, f);
	fclose(f);
	if (nc == NULL) {
		if (msgs != NULL && (nl = strchr(msgs, '\n')) != NULL)
			*nl = '\0';
		snprintf(err, errlen, "%s", msgs ? msgs : "out of memory");
		free(msgs);
		return -1;
	}
	free(msgs);
	if ((f = open_memstream(&v->buf, &blen)) == NULL) {
		nodeconf_free(nc);
		return -1;
	}
	nodeconf_print(f, nc);
	fclose(f);
	nodeconf_free(nc);
	split(v);
	return 0;
}

static struct block *
find_block(struct version *v, const char *what)
{
	int i;

	for (i = 0; i < v->nblocks; i++)
		if (strcmp(v->blocks[i].what, what) == 0)
			return &v->blocks[i];
	return NULL;
}

static int
is_secret(const char *line)
{
	return strncmp(line, "\ttsig-secret:", 13) == 0 ||
	    strncmp(line, "\tpassword:", 10) == 0;
}

/* Whether the line (up to its newline) is one of text's lines. */
static int
has_line(const char *text, const char *line, size_t len)
{
	const char *p = text, *e;

	for (; p != NULL && *p != '\0'; p = e ? e + 1 : NULL) {
		e = strchr(p, '\n');
		if ((size_t)(e ? e - p : (long)strlen(p)) == len &&
		    strncmp(p, line, len) == 0)
			return 1;
	}
	return 0;
}

/* Lines of a that b lacks, each after mark; secrets named, never shown. */
static void
print_lines(FILE *out, const char *a, const char *b, const char *mark)
{
	const char *p = a, *e, *colon;
	size_t len;

	for (; p != NULL && *p != '\0'; p = e ? e + 1 : NULL) {
		e = strchr(p, '\n');
		len = e ? (size_t)(e - p) : strlen(p);
		if (has_line(b, p, len))
			continue;
		if (is_secret(p)) {
			/* Said once, by the new version's line. */
			if (*mark == '+') {
				colon = strchr(p, ':');
				fprintf(out, "\t\t%.*s: changed\n",
				    (int)(colon - p - 1), p + 1);
			}
			continue;
		}
		fprintf(out, "\t\t%s %.*s\n", mark, (int)len - 1, p + 1);
	}
}

/* Blocks added, removed or changed from old to new; how many. */
static int
diff_versions(FILE *out, struct version *old, struct version *new)
{
	struct block *o, *n;
	int i, changes = 0;

	for (i = 0; i < new->nblocks; i++) {
		n = &new->blocks[i];
		if ((o = find_block(old, n->what)) == NULL) {
			fprintf(out, "\t%s: added\n", n->what);
			changes++;
			continue;
		}
		o->seen = 1;
		if (strcmp(o->text, n->text) == 0)
			continue;
		fprintf(out, "\t%s: changed\n", n->what);
		print_lines(out, o->text, n->text, "-");
		print_lines(out, n->text, o->text, "+");
		changes++;
	}
	for (i = 0; i < old->nblocks; i++)
		if (!old->blocks[i].seen) {
			fprintf(out, "\t%s: removed\n", old->blocks[i].what);
			changes++;
		}
	return changes;
}

/* Every tenant the node does not run, and why. */
static void
print_unplaced(FILE *out, const struct fleet *fl, const struct fleet_node *n)
{
	char why[512];
	int i;

	for (i = 0; i < fl->ntenants; i++)
		if (fleet_place(n, &fl->tenants[i], why, sizeof(why)) !=
		    FLEET_PLACED)
			fprintf(out, "\ttenant %s: not placed: %s\n",
			    fl->tenants[i].name, why);
}

/* The published node.conf of a node: its text, or NULL (none, or err). */
static char *
published(const char *dir, const char *name, size_t *len)
{
	char path[PATH_MAX];

	if (dir == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s.conf", dir, name);
	return file_read(path, 1 << 20, len);
}

static int
plan_node(FILE *out, const struct fleet *fl, const struct fleet_node *n,
    const char *dir)
{
	struct version old = { 0 }, new = { 0 };
	char err[600], state[700], pubname[64], *text, *pub, *body = NULL;
	size_t len, plen = 0, blen = 0;
	FILE *bf;
	int changes;

	if ((text = fleet_render(fl, n, err, sizeof(err))) == NULL) {
		fprintf(out, "node %s: cannot render: %s\n", n->name, err);
		return -1;
	}
	len = strlen(text);
	if (version_load(&new, "rendered", text, len, err, sizeof(err)) < 0) {
		fprintf(out, "node %s: cannot render: %s\n", n->name, err);
		free(text);
		return -1;
	}
	free(text);
	snprintf(state, sizeof(state), "new");
	snprintf(pubname, sizeof(pubname), "%s.conf", n->name);
	errno = 0;
	if ((pub = published(dir, n->name, &plen)) == NULL && dir != NULL &&
	    errno != ENOENT)
		snprintf(state, sizeof(state), "new (cannot read the published "
		    "%s: %s)", pubname, strerror(errno));
	if (pub != NULL) {
		if (version_load(&old, pubname, pub, plen, err,
		    sizeof(err)) < 0) {
			snprintf(state, sizeof(state), "new (the published "
			    "node.conf does not load: %s)", err);
			memset(&old, 0, sizeof(old));
		} else
			state[0] = '\0';
		free(pub);
	}
	if ((bf = open_memstream(&body, &blen)) == NULL)
		return -1;
	changes = diff_versions(bf, &old, &new);
	print_unplaced(bf, fl, n);
	fclose(bf);
	if (state[0] == '\0')
		snprintf(state, sizeof(state), "%s", changes ? "changed" :
		    "unchanged");
	fprintf(out, "node %s: %s\n%s", n->name, state, body);
	free(body);
	free(old.buf);
	free(new.buf);
	return 0;
}

static int
is_conf(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && strcmp(d->d_name + n - 5, ".conf") == 0;
}

/* Published node.conf files of nodes the fleet no longer has. */
static void
plan_removed(FILE *out, const struct fleet *fl, const char *dir)
{
	struct dirent **ents;
	char name[256];
	int i, n;

	if (dir == NULL || (n = scandir(dir, &ents, is_conf, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%.*s",
		    (int)strlen(ents[i]->d_name) - 5, ents[i]->d_name);
		if (fleet_node(fl, name) == NULL)
			fprintf(out, "node %s: removed (published, no longer "
			    "in the fleet)\n", name);
		free(ents[i]);
	}
	free(ents);
}

/* Tenants no node runs: said once more, at the end. */
static void
plan_nowhere(FILE *out, const struct fleet *fl)
{
	char why[512];
	int i, j, placed;

	for (i = 0; i < fl->ntenants; i++) {
		for (placed = 0, j = 0; j < fl->nnodes && !placed; j++)
			placed = fleet_place(&fl->nodes[j], &fl->tenants[i],
			    why, sizeof(why)) == FLEET_PLACED;
		if (!placed)
			fprintf(out, "tenant %s: placed on no node\n",
			    fl->tenants[i].name);
	}
}

int
fleet_plan(FILE *out, const struct fleet *fl, const char *dir)
{
	int i, rc = 0;

	for (i = 0; i < fl->nnodes; i++)
		if (plan_node(out, fl, &fl->nodes[i], dir) < 0)
			rc = -1;
	plan_removed(out, fl, dir);
	plan_nowhere(out, fl);
	return rc;
}
