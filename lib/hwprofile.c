/* hwprofile.c: the hwprofile grammar (keyword table, value checks, printer), loading a directory of profiles, DMI reading and matching. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "hwprofile.h"

/* The loader: the set being built, and positions its checks report at. */
struct hwload {
	struct hwprofiles *ps;
	int		 cap;
	int		 uplink_line;	/* of the current block's uplink: */
	int		 uplink_col;
	int		 nerrors;	/* of the checks across files */
	FILE		*err;
};

#define LOAD(ctx)	((struct hwload *)(ctx)->conf)
#define HWP(ctx)	((struct hwprofile *)(ctx)->block)
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const unsigned serial_speeds[] = {
	1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800,
	921600,
};
static const char *const serial_devs[] = { "hvc", "ttyAMA", "ttyS", "ttyUSB" };
static const char *const xdp_modes[] = { "generic", "native" };
static const char *const boot_disks[] = { "any", "removable", "usb" };

static void
bad(struct cfg_ctx *ctx, const struct cfg_tok *t, const char *why)
{
	cfg_error(ctx, t->line, t->vcol, "%s: '%s' %s", t->key, t->val, why);
}

static int
one_of(const char *s, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, v[i]) == 0)
			return 1;
	return 0;
}

static int
has(char *const *v, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/* Appends a copy of s to *v; -1 after reporting when full or out of memory. */
static int
push(struct cfg_ctx *ctx, const struct cfg_tok *t, char ***v, int *n,
    int max, const char *s)
{
	char **nv;

	if (*n >= max) {
		cfg_error(ctx, t->line, t->kcol, "%s: more than %d", t->key,
		    max);
		return -1;
	}
	if ((nv = realloc(*v, (size_t)(*n + 1) * sizeof(*nv))) == NULL ||
	    (nv[*n] = strdup(s)) == NULL) {
		if (nv != NULL)
			*v = nv;
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return -1;
	}
	*v = nv;
	(*n)++;
	return 0;
}

/* hwprofile: */

static void *
hw_open(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct hwload *ld = LOAD(ctx);
	struct hwprofiles *ps = ld->ps;
	struct hwprofile *p;

	if (ps->n >= HWP_MAX_PROFILES) {
		cfg_error(ctx, t->line, t->kcol, "more than %d profiles",
		    HWP_MAX_PROFILES);
		return NULL;
	}
	if (ps->n == ld->cap) {
		int cap = ld->cap ? ld->cap * 2 : 8;

		if ((p = realloc(ps->v, (size_t)cap * sizeof(*p))) == NULL) {
			cfg_error(ctx, t->line, t->kcol, "out of memory");
			return NULL;
		}
		ps->v = p;
		ld->cap = cap;
	}
	p = &ps->v[ps->n];
	memset(p, 0, sizeof(*p));
	if ((p->file = strdup(ctx->path)) == NULL) {
		cfg_error(ctx, t->line, t->kcol, "out of memory");
		return NULL;
	}
	p->line = t->line;
	ps->n++;
	ld->uplink_line = 0;
	return p;
}

static void
hw_name(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *s;

	if (strlen(t->val) == 0 || strlen(t->val) > 64) {
		bad(ctx, t, "must be 1 to 64 characters");
		return;
	}
	for (s = t->val; *s != '\0'; s++) {
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '-') {
			bad(ctx, t, "may hold only a-z, 0-9 and '-'");
			return;
		}
	}
	if (t->val[0] == '-') {
		bad(ctx, t, "must not begin with '-'");
		return;
	}
	cfg_string(ctx, t, 64, &HWP(ctx)->name);
}

/* A glob for fnmatch(3): printable, 1 to 127 bytes, given once. */
static void
hw_match(struct cfg_ctx *ctx, const struct cfg_tok *t, char ***v, int *n)
{
	const unsigned char *s;

	if (strlen(t->val) == 0 || strlen(t->val) > 127) {
		bad(ctx, t, "must be 1 to 127 characters");
		return;
	}
	for (s = (const unsigned char *)t->val; *s != '\0'; s++) {
		if (*s < 0x20 || *s == 0x7f) {
			cfg_error(ctx, t->line, t->vcol,
			    "%s: control character in value", t->key);
			return;
		}
	}
	if (has(*v, *n, t->val)) {
		bad(ctx, t, "is given twice");
		return;
	}
	push(ctx, t, v, n, HWP_MAX_GLOBS, t->val);
}

static void
hw_match_board(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	hw_match(ctx, t, &HWP(ctx)->match_board, &HWP(ctx)->nmatch_board);
}

static void
hw_match_product(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	hw_match(ctx, t, &HWP(ctx)->match_product,
	    &HWP(ctx)->nmatch_product);
}

static void
hw_match_vendor(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	hw_match(ctx, t, &HWP(ctx)->match_vendor, &HWP(ctx)->nmatch_vendor);
}

static void
hw_fallback(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	cfg_bool(ctx, t, &HWP(ctx)->fallback);
}

/*
 * A kernel module name (1 to 55 of a-z, 0-9, '_', '-'), with '-' turned
 * into '_' as the kernel does; NULL after reporting.
 */
static const char *
modname(struct cfg_ctx *ctx, const struct cfg_tok *t, const char *s,
    char *buf)
{
	size_t i, len = strlen(s);

	if (len == 0 || len > 55) {
		bad(ctx, t, "is not a module name (1 to 55 characters)");
		return NULL;
	}
	for (i = 0; i < len; i++) {
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '_' &&
		    s[i] != '-') {
			bad(ctx, t, "is not a module name (a-z, 0-9, '_', '-')");
			return NULL;
		}
		buf[i] = s[i] == '-' ? '_' : s[i];
	}
	buf[len] = '\0';
	return buf;
}

static void
hw_module_kind(struct cfg_ctx *ctx, const struct cfg_tok *t, int nic)
{
	struct hwprofile *p = HWP(ctx);
	unsigned char *nn;
	char buf[64];

	if (modname(ctx, t, t->val, buf) == NULL)
		return;
	if (has(p->modules, p->nmodules, buf)) {
		bad(ctx, t, "is named twice (nic-driver: or module:)");
		return;
	}
	if ((nn = realloc(p->nic, (size_t)p->nmodules + 1)) == NULL) {
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return;
	}
	p->nic = nn;
	if (push(ctx, t, &p->modules, &p->nmodules, HWP_MAX_MODULES, buf) == 0)
		p->nic[p->nmodules - 1] = (unsigned char)nic;
}

static void
hw_module(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	hw_module_kind(ctx, t, 0);
}

static void
hw_nic_driver(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	hw_module_kind(ctx, t, 1);
}

/* Debian policy 5.6.1: [a-z0-9][a-z0-9+.-]+ */
static void
hw_firmware_package(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct hwprofile *p = HWP(ctx);
	const char *s;

	if (strlen(t->val) < 2 || strlen(t->val) > 100 ||
	    !(islower((unsigned char)t->val[0]) ||
	    isdigit((unsigned char)t->val[0]))) {
		bad(ctx, t, "is not a Debian package name");
		return;
	}
	for (s = t->val; *s != '\0'; s++) {
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    strchr("+.-", *s) == NULL) {
			bad(ctx, t, "is not a Debian package name "
			    "(a-z, 0-9, '+', '.', '-')");
			return;
		}
	}
	if (has(p->firmware, p->nfirmware, t->val)) {
		bad(ctx, t, "is given twice");
		return;
	}
	push(ctx, t, &p->firmware, &p->nfirmware, HWP_MAX_FIRMWARE, t->val);
}

/* ttyS0, ttyS1, ttyUSB0, ttyAMA0, hvc0: a known prefix and 0 to 255. */
static void
hw_serial_console(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	const char *s;
	size_t i, len;
	char *end;
	long n;

	for (i = 0; i < NELEM(serial_devs); i++) {
		len = strlen(serial_devs[i]);
		if (strncmp(t->val, serial_devs[i], len) != 0)
			continue;
		s = t->val + len;
		if (!isdigit((unsigned char)*s) || (s[0] == '0' && s[1] != '\0'))
			continue;
		n = strtol(s, &end, 10);
		if (*end == '\0' && n <= 255) {
			cfg_string(ctx, t, 15, &HWP(ctx)->serial_console);
			return;
		}
	}
	bad(ctx, t, "is not a serial device (ttySN, ttyUSBN, ttyAMAN or "
	    "hvcN, N 0 to 255)");
}

static void
hw_serial_speed(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	uint64_t v;
	size_t i;

	if (cfg_uint(ctx, t, 1, 4000000, &v) < 0)
		return;
	for (i = 0; i < NELEM(serial_speeds); i++)
		if (serial_speeds[i] == v) {
			HWP(ctx)->serial_speed = (unsigned)v;
			return;
		}
	bad(ctx, t, "is not a standard rate (1200 2400 4800 9600 19200 "
	    "38400 57600 115200 230400 460800 921600)");
}

static int
ifname_ok(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 15 || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("-_.", *s) == NULL)
			return 0;
	return 1;
}

/* first-carrier | driver:MODULE | name:IFNAME */
static void
hw_uplink(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	struct hwprofile *p = HWP(ctx);
	char buf[80], mod[64];

	if (strcmp(t->val, "first-carrier") == 0) {
		snprintf(buf, sizeof(buf), "%s", t->val);
	} else if (strncmp(t->val, "driver:", 7) == 0) {
		if (modname(ctx, t, t->val + 7, mod) == NULL)
			return;
		snprintf(buf, sizeof(buf), "driver:%s", mod);
	} else if (strncmp(t->val, "name:", 5) == 0) {
		if (!ifname_ok(t->val + 5)) {
			bad(ctx, t, "does not name an interface (1 to 15 of "
			    "a-z, A-Z, 0-9, '-', '_', '.')");
			return;
		}
		snprintf(buf, sizeof(buf), "%s", t->val);
	} else {
		bad(ctx, t, "is not first-carrier, driver:MODULE or name:IFNAME");
		return;
	}
	free(p->uplink);
	if ((p->uplink = strdup(buf)) == NULL) {
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return;
	}
	LOAD(ctx)->uplink_line = t->line;
	LOAD(ctx)->uplink_col = t->vcol;
}

static void
hw_choice(struct cfg_ctx *ctx, const struct cfg_tok *t,
    const char *const *v, size_t n, const char *what, char **out)
{
	if (!one_of(t->val, v, n)) {
		bad(ctx, t, what);
		return;
	}
	cfg_string(ctx, t, 16, out);
}

static void
hw_xdp_mode(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	hw_choice(ctx, t, xdp_modes, NELEM(xdp_modes),
	    "is not native or generic", &HWP(ctx)->xdp_mode);
}

static void
hw_boot_disk(struct cfg_ctx *ctx, const struct cfg_tok *t)
{
	hw_choice(ctx, t, boot_disks, NELEM(boot_disks),
	    "is not any, removable or usb", &HWP(ctx)->boot_disk);
}

static int
set_default(struct cfg_ctx *ctx, char **s, const char *def)
{
	if (*s != NULL)
		return 0;
	if ((*s = strdup(def)) == NULL) {
		cfg_error(ctx, ctx->blockline, ctx->blockcol, "out of memory");
		return -1;
	}
	return 0;
}

/* The block as a whole: how it matches, the uplink's driver, defaults. */
static void
hw_close(struct cfg_ctx *ctx, int line)
{
	struct hwload *ld = LOAD(ctx);
	struct hwprofile *p = HWP(ctx);
	int i, nmatch;

	(void)line;
	nmatch = p->nmatch_vendor + p->nmatch_product + p->nmatch_board;
	if (p->fallback && nmatch > 0)
		cfg_error(ctx, ctx->blockline, ctx->blockcol, "hwprofile: "
		    "fallback: yes takes no match-vendor, match-product or "
		    "match-board");
	if (!p->fallback && nmatch == 0)
		cfg_error(ctx, ctx->blockline, ctx->blockcol, "hwprofile: "
		    "needs match-vendor, match-product or match-board (or "
		    "fallback: yes)");
	if (p->uplink != NULL && strncmp(p->uplink, "driver:", 7) == 0) {
		for (i = 0; i < p->nmodules; i++)
			if (p->nic[i] && strcmp(p->modules[i], p->uplink + 7) == 0)
				break;
		if (i == p->nmodules)
			cfg_error(ctx, ld->uplink_line, ld->uplink_col,
			    "uplink: '%s' is not a nic-driver of this profile",
			    p->uplink + 7);
	}
	if (p->serial_speed == 0)
		p->serial_speed = 115200;
	if (set_default(ctx, &p->serial_console, "ttyS0") < 0 ||
	    set_default(ctx, &p->uplink, "first-carrier") < 0 ||
	    set_default(ctx, &p->xdp_mode, "generic") < 0)
		return;
	set_default(ctx, &p->boot_disk, "any");
}

static const struct cfg_key hw_keys[] = {
	{ "boot-disk", 0, hw_boot_disk },
	{ "fallback", 0, hw_fallback },
	{ "firmware-package", CFG_MULTI, hw_firmware_package },
	{ "match-board", CFG_MULTI, hw_match_board },
	{ "match-product", CFG_MULTI, hw_match_product },
	{ "match-vendor", CFG_MULTI, hw_match_vendor },
	{ "module", CFG_MULTI, hw_module },
	{ "name", CFG_REQUIRED, hw_name },
	{ "nic-driver", CFG_MULTI, hw_nic_driver },
	{ "serial-console", 0, hw_serial_console },
	{ "serial-speed", 0, hw_serial_speed },
	{ "uplink", 0, hw_uplink },
	{ "xdp-mode", 0, hw_xdp_mode },
};

static const struct cfg_block hw_blocks[] = {
	{ "hwprofile", hw_keys, NELEM(hw_keys), hw_open, hw_close },
};

static const struct cfg_grammar hw_grammar = { hw_blocks, NELEM(hw_blocks) };

/* Loading */

static void
set_error(struct hwload *ld, const struct hwprofile *p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
set_error(struct hwload *ld, const struct hwprofile *p, const char *fmt, ...)
{
	va_list ap;

	ld->nerrors++;
	if (ld->err == NULL)
		return;
	fprintf(ld->err, "%s:%d:1: ", p->file, p->line);
	va_start(ap, fmt);
	vfprintf(ld->err, fmt, ap);
	va_end(ap);
	fputc('\n', ld->err);
}

/* The same globs, in any order. */
static int
same_globs(char *const *a, int na, char *const *b, int nb)
{
	int i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (!has(b, nb, a[i]))
			return 0;
	return 1;
}

static int
same_match(const struct hwprofile *a, const struct hwprofile *b)
{
	return same_globs(a->match_vendor, a->nmatch_vendor, b->match_vendor,
	    b->nmatch_vendor) && same_globs(a->match_product,
	    a->nmatch_product, b->match_product, b->nmatch_product) &&
	    same_globs(a->match_board, a->nmatch_board, b->match_board,
	    b->nmatch_board);
}

/* Across the set: names unique, one fallback at most, no two alike. */
static void
check_set(struct hwload *ld)
{
	const struct hwprofiles *ps = ld->ps;
	int i, j;

	for (i = 0; i < ps->n; i++) {
		const struct hwprofile *p = &ps->v[i];

		for (j = 0; j < i; j++) {
			const struct hwprofile *q = &ps->v[j];

			if (p->name && q->name && strcmp(p->name, q->name) == 0)
				set_error(ld, p, "hwprofile: name '%s' already "
				    "used at %s:%d", p->name, q->file, q->line);
			else if (p->fallback && q->fallback)
				set_error(ld, p, "hwprofile: a second "
				    "fallback (the first is '%s' at %s:%d)",
				    q->name ? q->name : "?", q->file, q->line);
			else if (!p->fallback && !q->fallback &&
			    same_match(p, q))
				set_error(ld, p, "hwprofile: matches the same "
				    "as '%s' at %s:%d", q->name ? q->name : "?",
				    q->file, q->line);
		}
	}
}

static void
free_strv(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
hwprofile_clear(struct hwprofile *p)
{
	free(p->name);
	free(p->file);
	free_strv(p->match_vendor, p->nmatch_vendor);
	free_strv(p->match_product, p->nmatch_product);
	free_strv(p->match_board, p->nmatch_board);
	free(p->serial_console);
	free_strv(p->modules, p->nmodules);
	free(p->nic);
	free_strv(p->firmware, p->nfirmware);
	free(p->uplink);
	free(p->xdp_mode);
	free(p->boot_disk);
}

void
hwprofiles_free(struct hwprofiles *ps)
{
	int i;

	if (ps == NULL)
		return;
	for (i = 0; i < ps->n; i++)
		hwprofile_clear(&ps->v[i]);
	free(ps->v);
	free(ps);
}

static int
load_begin(struct hwload *ld, FILE *err)
{
	memset(ld, 0, sizeof(*ld));
	ld->err = err;
	if ((ld->ps = calloc(1, sizeof(*ld->ps))) == NULL) {
		if (err != NULL)
			fprintf(err, "cannot load hardware profiles: %s\n",
			    strerror(errno));
		return -1;
	}
	return 0;
}

static struct hwprofiles *
load_end(struct hwload *ld, int nerrors)
{
	if (nerrors == 0)
		check_set(ld);
	if (nerrors > 0 || ld->nerrors > 0) {
		hwprofiles_free(ld->ps);
		return NULL;
	}
	return ld->ps;
}

struct hwprofiles *
hwprofiles_load_buf(const char *name, const char *buf, size_t len,
    FILE *err)
{
	struct cfg_ctx ctx = { .path = name, .errf = err };
	struct hwload ld;

	if (load_begin(&ld, err) < 0)
		return NULL;
	ctx.conf = &ld;
	cfg_parse_buf(&ctx, &hw_grammar, buf, len);
	return load_end(&ld, ctx.nerrors);
}

struct hwprofiles *
hwprofiles_load_files(char *const *paths, int npaths, FILE *err)
{
	struct hwload ld;
	int i, nerrors = 0;

	if (load_begin(&ld, err) < 0)
		return NULL;
	for (i = 0; i < npaths; i++) {
		struct cfg_ctx ctx = { .path = paths[i], .errf = err };

		ctx.conf = &ld;
		cfg_parse_file(&ctx, &hw_grammar, paths[i]);
		nerrors += ctx.nerrors;
	}
	return load_end(&ld, nerrors);
}

static int
is_conf(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 &&
	    strcmp(d->d_name + n - 5, ".conf") == 0;
}

struct hwprofiles *
hwprofiles_load_dir(const char *dir, FILE *err)
{
	struct hwprofiles *ps = NULL;
	struct dirent **ents;
	char **paths;
	int i, n;

	if ((n = scandir(dir, &ents, is_conf, alphasort)) < 0) {
		if (err != NULL)
			fprintf(err, "%s:0:0: cannot read directory: %s\n", dir,
			    strerror(errno));
		return NULL;
	}
	if (n == 0 && err != NULL)
		fprintf(err, "%s:0:0: no profile (NAME.conf) in the "
		    "directory\n", dir);
	if (n > 0 && (paths = calloc((size_t)n, sizeof(*paths))) != NULL) {
		for (i = 0; i < n; i++)
			if (asprintf(&paths[i], "%s/%s", dir,
			    ents[i]->d_name) < 0)
				paths[i] = NULL;
		for (i = 0; i < n && paths[i] != NULL; i++)
			;
		if (i == n)
			ps = hwprofiles_load_files(paths, n, err);
		else if (err != NULL)
			fprintf(err, "%s:0:0: cannot read directory: out of "
			    "memory\n", dir);
		for (i = 0; i < n; i++)
			free(paths[i]);
		free(paths);
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return ps;
}

/* Printing */

static void
print_strv(FILE *f, const char *key, char *const *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		cfg_print_kv(f, key, v[i]);
}

void
hwprofile_print(FILE *f, const struct hwprofile *p)
{
	char buf[16];
	int i;

	fputs("hwprofile:\n", f);
	cfg_print_kv(f, "name", p->name);
	print_strv(f, "match-vendor", p->match_vendor, p->nmatch_vendor);
	print_strv(f, "match-product", p->match_product, p->nmatch_product);
	print_strv(f, "match-board", p->match_board, p->nmatch_board);
	if (p->fallback)
		cfg_print_kv(f, "fallback", "yes");
	cfg_print_kv(f, "serial-console", p->serial_console);
	snprintf(buf, sizeof(buf), "%u", p->serial_speed);
	cfg_print_kv(f, "serial-speed", buf);
	for (i = 0; i < p->nmodules; i++)
		cfg_print_kv(f, p->nic[i] ? "nic-driver" : "module",
		    p->modules[i]);
	print_strv(f, "firmware-package", p->firmware, p->nfirmware);
	cfg_print_kv(f, "uplink", p->uplink);
	cfg_print_kv(f, "xdp-mode", p->xdp_mode);
	cfg_print_kv(f, "boot-disk", p->boot_disk);
}

void
hwprofiles_print(FILE *f, const struct hwprofiles *ps)
{
	int i;

	for (i = 0; i < ps->n; i++) {
		if (i > 0)
			fputc('\n', f);
		hwprofile_print(f, &ps->v[i]);
	}
}

/* DMI */

/* dir/name's first line, trailing white space removed; "" when missing. */
static void
read_dmi_file(const char *dir, const char *name, char *out, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	out[0] = '\0';
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	n = read(fd, out, len - 1);
	close(fd);
	if (n < 0)
		n = 0;
	out[n] = '\0';
	out[strcspn(out, "\n")] = '\0';
	n = (ssize_t)strlen(out);
	while (n > 0 && isspace((unsigned char)out[n - 1]))
		out[--n] = '\0';
}

int
hwdmi_read(struct hwdmi *d, const char *sysroot)
{
	char dir[PATH_MAX];
	struct stat st;

	memset(d, 0, sizeof(*d));
	if ((size_t)snprintf(dir, sizeof(dir), "%s/sys/class/dmi/id",
	    sysroot != NULL ? sysroot : "") >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (stat(dir, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	read_dmi_file(dir, "sys_vendor", d->vendor, sizeof(d->vendor));
	read_dmi_file(dir, "product_name", d->product, sizeof(d->product));
	read_dmi_file(dir, "board_name", d->board, sizeof(d->board));
	return 0;
}

/* Matching */

/* Appends to buf (always terminated, silently cut when full). */
static void
app(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
app(char *buf, size_t len, const char *fmt, ...)
{
	size_t used;
	va_list ap;

	if (len == 0)
		return;
	used = strlen(buf);
	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* A DMI value as shown in a message: unprintable bytes as '?'. */
static const char *
shown(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < len; i++)
		buf[i] = (s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
	buf[i] = '\0';
	return buf;
}

/* One field: 1 matched (or no globs: 0), -1 not matched; told in why. */
static int
match_field(const char *field, const char *val, char *const *globs, int n,
    char *why, size_t len)
{
	char sv[128];
	int i;

	if (n == 0)
		return 0;
	if (why[0] != '\0')
		app(why, len, ", ");
	shown(val, sv, sizeof(sv));
	for (i = 0; i < n; i++) {
		if (fnmatch(globs[i], val, 0) == 0) {
			app(why, len, "%s '%s' matches '%s'", field, sv,
			    globs[i]);
			return 1;
		}
	}
	app(why, len, "%s '%s' matches none of", field, sv);
	for (i = 0; i < n; i++)
		app(why, len, "%s '%s'", i ? "," : "", globs[i]);
	return -1;
}

int
hwprofile_explain(const struct hwprofile *p, const struct hwdmi *d,
    char *why, size_t len)
{
	int r[3], i, score = 0;

	if (len > 0)
		why[0] = '\0';
	if (p->fallback) {
		app(why, len, "fallback: taken when no other profile matches");
		return 0;
	}
	r[0] = match_field("sys_vendor", d->vendor, p->match_vendor,
	    p->nmatch_vendor, why, len);
	r[1] = match_field("product_name", d->product, p->match_product,
	    p->nmatch_product, why, len);
	r[2] = match_field("board_name", d->board, p->match_board,
	    p->nmatch_board, why, len);
	for (i = 0; i < 3; i++) {
		if (r[i] < 0)
			return -1;
		score += r[i];
	}
	return score;
}

/* Its number of matched fields, or -1 (never for the fallback). */
static int
score_of(const struct hwprofile *p, const struct hwdmi *d)
{
	char scratch[8];

	return p->fallback ? -1 : hwprofile_explain(p, d, scratch,
	    sizeof(scratch));
}

/* The most specific match (first by name on a tie), and who ties with it. */
static const struct hwprofile *
best_of(const struct hwprofiles *ps, const struct hwdmi *d, int *score,
    const struct hwprofile **tie)
{
	const struct hwprofile *best = NULL;
	int i, s;

	*score = 0;
	*tie = NULL;
	for (i = 0; i < ps->n; i++) {
		const struct hwprofile *p = &ps->v[i];

		if ((s = score_of(p, d)) <= 0)
			continue;
		if (best == NULL || s > *score ||
		    (s == *score && strcmp(p->name, best->name) < 0)) {
			best = p;
			*score = s;
		}
	}
	for (i = 0; best != NULL && i < ps->n; i++) {
		const struct hwprofile *p = &ps->v[i];

		if (p != best && score_of(p, d) == *score &&
		    (*tie == NULL || strcmp(p->name, (*tie)->name) < 0))
			*tie = p;
	}
	return best;
}

static const struct hwprofile *
fallback_of(const struct hwprofiles *ps)
{
	int i;

	for (i = 0; i < ps->n; i++)
		if (ps->v[i].fallback)
			return &ps->v[i];
	return NULL;
}

const struct hwprofile *
hwprofile_match(const struct hwprofiles *ps, const struct hwdmi *d,
    char *why, size_t len)
{
	const struct hwprofile *best, *tie;
	char sv[128], sp[128], sb[128];
	int score;

	if (len > 0)
		why[0] = '\0';
	if ((best = best_of(ps, d, &score, &tie)) != NULL) {
		hwprofile_explain(best, d, why, len);
		if (tie != NULL)
			app(why, len, "; '%s' matches as many fields (%d), the "
			    "first by name wins", tie->name, score);
		return best;
	}
	app(why, len, "no profile matches sys_vendor '%s', product_name '%s', "
	    "board_name '%s'", shown(d->vendor, sv, sizeof(sv)),
	    shown(d->product, sp, sizeof(sp)), shown(d->board, sb, sizeof(sb)));
	if ((best = fallback_of(ps)) != NULL)
		app(why, len, "; '%s' is the fallback", best->name);
	else
		app(why, len, " and no profile is the fallback");
	return best;
}
