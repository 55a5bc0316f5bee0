/* modules.c: kernel modules: modules.dep parsed, dependencies first, loaded with finit_module. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "fileutil.h"
#include "init.h"

#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE	4
#endif
#define MODDEP_MAX	(4 * 1024 * 1024)
#define MODNAME_MAX	64
#define DEPTH_MAX	64

enum modstate { MOD_NEW, MOD_VISITING, MOD_DONE };

struct mod {
	char		 name[MODNAME_MAX];	/* '-' made '_' */
	const char	*path;			/* relative to the module dir */
	int		*deps;			/* indexes, in modules.dep order */
	int		 ndeps;
	char		*deptext;		/* until resolved */
	enum modstate	 state;
	int		 result;
};

struct moddb {
	char		*text;
	struct mod	*v;
	int		 n;
};

/* "kernel/fs/ext4/ext4.ko" -> "ext4"; "dm-mod" -> "dm_mod". */
static void
modname(const char *s, size_t len, char *out)
{
	const char *b, *e;
	size_t n, i;

	for (b = s + len; b > s && b[-1] != '/'; b--)
		;
	for (e = b; e < s + len && *e != '.'; e++)
		;
	n = (size_t)(e - b);
	if (n >= MODNAME_MAX)
		n = MODNAME_MAX - 1;
	for (i = 0; i < n; i++)
		out[i] = b[i] == '-' ? '_' : b[i];
	out[n] = '\0';
}

static int
find_name(const struct moddb *db, const char *name)
{
	char norm[MODNAME_MAX];
	int i;

	modname(name, strlen(name), norm);
	for (i = 0; i < db->n; i++)
		if (strcmp(db->v[i].name, norm) == 0)
			return i;
	return -1;
}

static int
find_path(const struct moddb *db, const char *path)
{
	int i;

	for (i = 0; i < db->n; i++)
		if (strcmp(db->v[i].path, path) == 0)
			return i;
	return -1;
}

static int
resolve_deps(struct moddb *db, struct mod *m)
{
	char *p, *tok, *save = NULL;
	int d;

	if (m->deptext == NULL)
		return 0;
	for (p = m->deptext; *p != '\0'; p++)
		if (*p == ' ' || *p == '\t')
			m->ndeps++;
	if ((m->deps = calloc((size_t)m->ndeps + 1, sizeof(int))) == NULL)
		return -1;
	m->ndeps = 0;
	for (tok = strtok_r(m->deptext, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save))
		if ((d = find_path(db, tok)) != -1)
			m->deps[m->ndeps++] = d;
	/* a dependency without a line of its own: the load will say it */
	return 0;
}

/* Parses the standard depmod text format; NULL: out of memory. */
struct moddb *
moddb_parse(char *text)
{
	struct moddb *db;
	struct mod *m;
	char *line, *next, *colon;
	int cap = 0, i;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	db->text = text;
	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*line == '#' || (colon = strchr(line, ':')) == NULL)
			continue;
		*colon = '\0';
		if (db->n == cap) {
			cap = cap ? 2 * cap : 64;
			if ((m = reallocarray(db->v, (size_t)cap,
			    sizeof(*m))) == NULL)
				goto nomem;
			db->v = m;
		}
		m = &db->v[db->n++];
		memset(m, 0, sizeof(*m));
		m->path = line;
		modname(line, strlen(line), m->name);
		m->deptext = colon + 1;
	}
	for (i = 0; i < db->n; i++)
		if (resolve_deps(db, &db->v[i]) == -1)
			goto nomem;
	return db;
nomem:
	moddb_free(db);
	return NULL;
}

void
moddb_free(struct moddb *db)
{
	int i;

	if (db == NULL)
		return;
	for (i = 0; i < db->n; i++)
		free(db->v[i].deps);
	free(db->v);
	free(db->text);
	free(db);
}

/*
 * depmod lists every dependency, the deepest last: loading them from the
 * last to the first, each after its own, works whatever the list's order.
 */
static int
load_index(struct moddb *db, int i, int depth, modload_fn fn, void *arg)
{
	struct mod *m = &db->v[i];
	int j;

	if (m->state == MOD_DONE)
		return m->result;
	if (m->state == MOD_VISITING || depth > DEPTH_MAX)
		return 0;	/* a cycle: the kernel will refuse what it must */
	m->state = MOD_VISITING;
	for (j = m->ndeps - 1; j >= 0; j--)
		(void)load_index(db, m->deps[j], depth + 1, fn, arg);
	m->result = fn(m->path, arg);
	m->state = MOD_DONE;
	return m->result;
}

int
moddb_load(struct moddb *db, const char *name, modload_fn fn, void *arg)
{
	int i;

	if ((i = find_name(db, name)) == -1) {
		errno = ENOENT;
		return -1;
	}
	return load_index(db, i, 0, fn, arg);
}

struct loadctx {
	const char	*dir;
	const char	*cmdline;	/* for NAME.PARAM=VALUE, or NULL */
	int		 loaded, present, failed, nodev;
};

/*
 * The parameters the kernel command line gives module name (as modprobe
 * passes them: words "name.param=value", '-' and '_' alike in the name),
 * space-separated into out.  Quotes are not supported: a word with one is
 * skipped.
 */
void
modparams(const char *cmdline, const char *name, char *out, size_t len)
{
	char want[MODNAME_MAX], have[MODNAME_MAX];
	const char *w, *dot, *end;
	size_t used = 0, n;

	*out = '\0';
	if (cmdline == NULL)
		return;
	modname(name, strlen(name), want);
	for (w = cmdline; *w != '\0'; w = end) {
		w += strspn(w, " \t\n");
		end = w + strcspn(w, " \t\n");
		dot = memchr(w, '.', (size_t)(end - w));
		if (dot == NULL || dot == w || memchr(w, '"', (size_t)(end - w)) ||
		    memchr(dot, '=', (size_t)(end - dot)) == NULL ||
		    (size_t)(dot - w) >= MODNAME_MAX)
			continue;
		/* modname() stops at the first '.': the module part */
		modname(w, (size_t)(dot - w), have);
		if (strcmp(have, want) != 0)
			continue;
		n = (size_t)(end - dot - 1);
		if (used + n + 2 > len)
			break;
		if (used > 0)
			out[used++] = ' ';
		memcpy(out + used, dot + 1, n);
		used += n;
		out[used] = '\0';
	}
}

static int
finit(const char *path, void *arg)
{
	struct loadctx *c = arg;
	char full[PATH_MAX], params[256];
	size_t n = strlen(path);
	int fd, flags = 0, r, e;

	snprintf(full, sizeof(full), "%s/%s", c->dir, path);
	if ((fd = open(full, O_RDONLY | O_CLOEXEC)) == -1) {
		e = errno;
		say_errno(e, "cannot open module %s", full);
		c->failed++;
		return -1;
	}
	if ((n > 3 && strcmp(path + n - 3, ".xz") == 0) ||
	    (n > 4 && strcmp(path + n - 4, ".zst") == 0) ||
	    (n > 3 && strcmp(path + n - 3, ".gz") == 0))
		flags |= MODULE_INIT_COMPRESSED_FILE;
	modparams(c->cmdline, path, params, sizeof(params));
	r = (int)syscall(SYS_finit_module, fd, params, flags);
	e = errno;
	close(fd);
	if (r == 0)
		c->loaded++;
	else if (e == EEXIST)
		c->present++;
	else if (e == ENODEV)
		c->nodev++;	/* its hardware is absent (efivarfs off UEFI) */
	else {
		say_errno(e, "cannot load module %s", path);
		c->failed++;
		return -1;
	}
	return 0;
}

/* Built into the kernel (or loaded already): nothing to load. */
static int
builtin(const char *dir, const char *name)
{
	char path[PATH_MAX], norm[MODNAME_MAX], *text, *line, *next;
	struct stat st;
	int found = 0;

	modname(name, strlen(name), norm);
	snprintf(path, sizeof(path), "/sys/module/%s", norm);
	if (stat(path, &st) == 0)
		return 1;
	snprintf(path, sizeof(path), "%s/modules.builtin", dir);
	if ((text = file_read(path, MODDEP_MAX, NULL)) == NULL)
		return 0;
	for (line = text; line != NULL && !found; line = next) {
		char n2[MODNAME_MAX];

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		modname(line, strlen(line), n2);
		found = strcmp(n2, norm) == 0;
	}
	free(text);
	return found;
}

static void
load_one(struct moddb *db, struct loadctx *c, const char *name)
{
	if (moddb_load(db, name, finit, c) == -1 && errno == ENOENT &&
	    !builtin(c->dir, name)) {
		say("cannot load module %s: not in modules.dep (going on)",
		    name);
		c->failed++;
	}
}

/* Loads each module named by a line of text (comments after '#'). */
static void
load_lines(struct moddb *db, struct loadctx *c, char *text)
{
	char *line, *next;

	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line[strcspn(line, " \t#")] = '\0';
		if (*line != '\0')
			load_one(db, c, line);
	}
}

/*
 * A child that loads the modules named by the lines of text, then the
 * names[] ones, and says so: its pid, or -1 when it loaded them itself
 * (fork failed) or had nothing to load.
 */
static pid_t
load_async(struct moddb *db, struct loadctx *c, const char *what,
    char *text, char **names, int n)
{
	pid_t pid;
	int i;

	if (n == 0 && text == NULL)
		return -1;
	if ((pid = fork()) == -1)
		say_errno(errno, "cannot fork to load modules (loading them now)");
	else if (pid != 0)
		return pid;
	c->loaded = c->present = c->failed = c->nodev = 0;
	load_lines(db, c, text);
	for (i = 0; i < n; i++)
		load_one(db, c, names[i]);
	say("%s modules loaded (%d loaded, %d present already, %d without "
	    "their device, %d failed)", what, c->loaded, c->present, c->nodev,
	    c->failed);
	if (pid == 0)
		_exit(0);
	return -1;
}

/* DIR/NAME's text, or NULL (said unless it does not exist). */
static char *
read_list(const char *dir, const char *name)
{
	char path[PATH_MAX + 32], *text;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((text = file_read(path, MODDEP_MAX, NULL)) == NULL &&
	    errno != ENOENT)
		say_errno(errno, "cannot read %s", path);
	return text;
}

/*
 * Three lists, each loaded by a child of its own, side by side, while init
 * waits for the boot disk: modules.base (the storage drivers that find
 * it), j->base; modules.root (squashfs, device mapper, ext4, efivarfs),
 * j->root, waited for before dm-verity is set up; modules.late (what PID 1
 * needs, init not) with the extra ones (the hardware profile's), j->late.
 * Failures are warnings.
 */
void
modules_load(const char *moddir, char **extra, int nextra,
    struct modjobs *j)
{
	struct loadctx c = { NULL, NULL, 0, 0, 0, 0 };
	char dir[PATH_MAX], path[PATH_MAX + 32], *dep, *text, *cmdline;
	struct utsname u;
	struct moddb *db;

	j->base = j->root = j->late = -1;
	if (moddir == NULL) {
		if (uname(&u) == -1)
			init_fail_errno(errno, "cannot learn the kernel release");
		snprintf(dir, sizeof(dir), "/lib/modules/%s", u.release);
	} else
		snprintf(dir, sizeof(dir), "%s", moddir);
	c.dir = dir;
	snprintf(path, sizeof(path), "%s/modules.dep", dir);
	if ((dep = file_read(path, MODDEP_MAX, NULL)) == NULL) {
		say_errno(errno, "cannot read %s (no modules loaded)", path);
		return;
	}
	if ((db = moddb_parse(dep)) == NULL)
		init_fail("cannot parse %s: out of memory", path);
	c.cmdline = cmdline = file_read("/proc/cmdline", 4096, NULL);
	if ((text = read_list(dir, "modules.base")) == NULL && errno == ENOENT)
		say("cannot read %s/modules.base: it does not exist", dir);
	j->base = load_async(db, &c, "storage", text, NULL, 0);
	free(text);
	text = read_list(dir, "modules.root");
	j->root = load_async(db, &c, "root", text, NULL, 0);
	free(text);
	text = read_list(dir, "modules.late");
	j->late = load_async(db, &c, "late and profile", text, extra, nextra);
	free(text);
	free(cmdline);
	moddb_free(db);
}

/* Waits for a child of modules_load (what: its list, for the message). */
void
modules_wait(pid_t *pid, const char *what)
{
	int64_t t0 = now_ms();
	int status;

	if (*pid == -1)
		return;
	while (waitpid(*pid, &status, 0) == -1 && errno == EINTR)
		;
	*pid = -1;
	if (now_ms() - t0 > 1)
		say("waited %lld ms for the %s modules",
		    (long long)(now_ms() - t0), what);
}
