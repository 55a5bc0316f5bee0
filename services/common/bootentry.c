/* bootentry.c: the root slots' Boot Loader Spec entries on the ESP (boot counting names, atomic install, mark good), systemd-boot's order, its EFI variables. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bootentry.h"
#include "fileutil.h"

#define PREFIX	"outpost-"

static int pathf(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* A path into buf (PATH_MAX): 0, or -1 with ENAMETOOLONG. */
static int
pathf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* A decimal counter of 1 to 4 digits at *p: its value, p moved past. */
static int
counter(const char **p)
{
	int v = 0, n = 0;

	while (isdigit((unsigned char)**p) && n < 4) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n == 0 || isdigit((unsigned char)**p) ? -1 : v;
}

int
bootentry_parse_name(const char *name, struct bootentry *e)
{
	const char *p = name;

	memset(e, 0, sizeof(*e));
	e->tries_left = e->tries_done = -1;
	if (strlen(name) >= sizeof(e->name) ||
	    strncmp(p, PREFIX, strlen(PREFIX)) != 0)
		return -1;
	p += strlen(PREFIX);
	if (*p != 'a' && *p != 'b')
		return -1;
	e->slot = *p++;
	if (*p == '+') {
		p++;
		if ((e->tries_left = counter(&p)) < 0)
			return -1;
		if (*p == '-') {
			p++;
			if ((e->tries_done = counter(&p)) < 0)
				return -1;
		}
	}
	if (strcmp(p, ".conf") != 0)
		return -1;
	strcpy(e->name, name);
	return 0;
}

static int
version_char(int c)
{
	return isalnum(c) || c == '~' || c == '-' || c == '^' || c == '.';
}

static int
sign(long v)
{
	return (v > 0) - (v < 0);
}

/*
 * A separator c at this point of either string: the one that has it
 * where the other has not is older (-1: a is); 0 when both had it (both
 * moved past) or neither.
 */
static int
separator(const char **a, const char **b, char c)
{
	int r;

	if (**a != c && **b != c)
		return 0;
	if ((r = sign((long)(**a != c) - (long)(**b != c))) != 0)
		return r;
	(*a)++;
	(*b)++;
	return 0;
}

static int
segment(const char **a, const char **b)
{
	const char *aa, *bb;
	int r;

	if (isdigit((unsigned char)**a) || isdigit((unsigned char)**b)) {
		for (aa = *a; isdigit((unsigned char)*aa); aa++)
			;
		for (bb = *b; isdigit((unsigned char)*bb); bb++)
			;
		if ((r = sign((long)(aa != *a) - (long)(bb != *b))) != 0)
			return r;
		while (**a == '0' && *a < aa)
			(*a)++;
		while (**b == '0' && *b < bb)
			(*b)++;
		if ((r = sign((long)(aa - *a) - (long)(bb - *b))) != 0)
			return r;
		r = sign(strncmp(*a, *b, (size_t)(aa - *a)));
	} else {
		for (aa = *a; isalpha((unsigned char)*aa); aa++)
			;
		for (bb = *b; isalpha((unsigned char)*bb); bb++)
			;
		r = sign(strncmp(*a, *b, (size_t)(aa - *a < bb - *b ?
		    aa - *a : bb - *b)));
		if (r == 0)
			r = sign((long)(aa - *a) - (long)(bb - *b));
	}
	*a = aa;
	*b = bb;
	return r;
}

/*
 * Segments of digits or letters, compared one by one: numbers by value,
 * letters as strings; a version with more segments is newer, except
 * that '~' marks a pre-release (older than the version without it);
 * where only one has a separator, the one with '-' is older, then '^',
 * then '.'.  Characters other than these are skipped.
 */
int
bootentry_vercmp(const char *a, const char *b)
{
	int r;

	if (*a == '\0' || *b == '\0')
		return sign((long)(*a != '\0') - (long)(*b != '\0'));
	for (;;) {
		while (*a != '\0' && !version_char((unsigned char)*a))
			a++;
		while (*b != '\0' && !version_char((unsigned char)*b))
			b++;
		if ((r = separator(&a, &b, '~')) != 0)
			return r;
		if (*a == '\0' || *b == '\0')
			return sign((long)(unsigned char)*a -
			    (long)(unsigned char)*b);
		if ((r = separator(&a, &b, '-')) != 0 ||
		    (r = separator(&a, &b, '^')) != 0 ||
		    (r = separator(&a, &b, '.')) != 0 ||
		    (r = segment(&a, &b)) != 0)
			return r;
	}
}

/*
 * As systemd-boot orders them (src/boot/efi/boot.c): entries with no
 * tries left last; then by sort-key (all ours have `outpost`), newer
 * version first, then the id (file name) downwards; then more tries left
 * first, fewer done first.
 */
int
bootentry_compare(const struct bootentry *a, const struct bootentry *b)
{
	int r;

	if ((r = (a->tries_left == 0) - (b->tries_left == 0)) != 0)
		return r;
	if ((r = -bootentry_vercmp(a->version, b->version)) != 0)
		return r;
	if ((r = -bootentry_vercmp(a->name, b->name)) != 0)
		return r;
	if (a->tries_left < 0 || b->tries_left < 0)
		return 0;
	if ((r = b->tries_left - a->tries_left) != 0)
		return r;
	return a->tries_done - b->tries_done;
}

static int
compare_qsort(const void *a, const void *b)
{
	return bootentry_compare(a, b);
}

/* The `version` line of the entry (as the loader reads it: key, spaces,
 * value to the end of the line). */
static void
read_version(const char *dir, struct bootentry *e)
{
	char path[PATH_MAX], *text, *line, *save = NULL, *v;

	if (pathf(path, sizeof(path), "%s/%s", dir, e->name) < 0)
		return;
	if ((text = file_read(path, 16384, NULL)) == NULL)
		return;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "version", 7) != 0 ||
		    (line[7] != ' ' && line[7] != '\t'))
			continue;
		for (v = line + 7; *v == ' ' || *v == '\t'; v++)
			;
		v[strcspn(v, "\r")] = '\0';
		snprintf(e->version, sizeof(e->version), "%s", v);
	}
	free(text);
}

int
bootentry_list(const char *esp, struct bootentry *v, int max)
{
	char dir[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int n = 0;

	if (pathf(dir, sizeof(dir), "%s/" BOOTENTRY_DIR, esp) < 0)
		return -1;
	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(d)) != NULL && n < max) {
		if (bootentry_parse_name(de->d_name, &v[n]) < 0)
			continue;
		read_version(dir, &v[n]);
		n++;
	}
	closedir(d);
	qsort(v, (size_t)n, sizeof(*v), compare_qsort);
	return n;
}

/* Removes the slot's entries but keep (may be NULL); syncs the dir. */
static int
remove_others(const char *esp, char slot, const char *keep)
{
	struct bootentry v[BOOTENTRY_MAX];
	char dir[PATH_MAX], path[PATH_MAX];
	int i, n, rc = 0;

	if ((n = bootentry_list(esp, v, BOOTENTRY_MAX)) < 0)
		return -1;
	if (pathf(dir, sizeof(dir), "%s/" BOOTENTRY_DIR, esp) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (v[i].slot != slot ||
		    (keep != NULL && strcmp(v[i].name, keep) == 0))
			continue;
		if (pathf(path, sizeof(path), "%s/%s", dir, v[i].name) < 0 ||
		    (unlink(path) < 0 && errno != ENOENT))
			rc = -1;
	}
	if (fsync_dir(dir) < 0)
		rc = -1;
	return rc;
}

int
bootentry_remove_slot(const char *esp, char slot)
{
	return remove_others(esp, slot, NULL);
}

static int
write_synced(const char *path, const char *text)
{
	size_t len = strlen(text), off = 0;
	ssize_t n;
	int fd, saved;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) < 0)
		return -1;
	while (off < len) {
		if ((n = write(fd, text + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0)
		goto fail;
	return close(fd);
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

int
bootentry_install(const char *esp, char slot, const char *text)
{
	char dir[PATH_MAX], tmp[PATH_MAX], path[PATH_MAX], name[32];
	int saved;

	if (slot != 'a' && slot != 'b') {
		errno = EINVAL;
		return -1;
	}
	snprintf(name, sizeof(name), PREFIX "%c+%d.conf", slot,
	    BOOTENTRY_TRIES);
	/* Not a name the loader takes as an entry: it ends in .tmp. */
	if (pathf(dir, sizeof(dir), "%s/" BOOTENTRY_DIR, esp) < 0 ||
	    pathf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, name) < 0 ||
	    pathf(path, sizeof(path), "%s/%s", dir, name) < 0)
		return -1;
	if (mkdir_p(dir, 0755, 0, 0) < 0)
		return -1;
	if (write_synced(tmp, text) < 0 || rename(tmp, path) < 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		return -1;
	}
	if (fsync_dir(dir) < 0)
		return -1;
	return remove_others(esp, slot, name);
}

int
bootentry_mark_good(const char *esp, const char *name)
{
	struct bootentry e;
	char dir[PATH_MAX], from[PATH_MAX], to[PATH_MAX];

	if (bootentry_parse_name(name, &e) < 0) {
		errno = EINVAL;
		return -1;
	}
	if (e.tries_left < 0)
		return 0;		/* good already */
	if (pathf(dir, sizeof(dir), "%s/" BOOTENTRY_DIR, esp) < 0 ||
	    pathf(from, sizeof(from), "%s/%s", dir, name) < 0 ||
	    pathf(to, sizeof(to), "%s/" PREFIX "%c.conf", dir, e.slot) < 0)
		return -1;
	if (rename(from, to) < 0)
		return -1;
	return fsync_dir(dir);
}

int
efivar_read(const char *dir, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX];
	unsigned char raw[4 + 2 * 512];
	ssize_t n;
	size_t i, o = 0;
	int fd;

	if (pathf(path, sizeof(path), "%s/%s-" LOADER_GUID, dir, name) < 0)
		return -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, raw, sizeof(raw));
	close(fd);
	if (n < 4 || len == 0) {
		errno = n < 0 ? errno : EILSEQ;
		return -1;
	}
	for (i = 4; i + 1 < (size_t)n; i += 2) {
		if (raw[i] == 0 && raw[i + 1] == 0)
			break;
		if (raw[i + 1] != 0 || raw[i] >= 0x80 || raw[i] < 0x20 ||
		    o + 1 >= len) {
			errno = EILSEQ;
			return -1;
		}
		buf[o++] = (char)raw[i];
	}
	buf[o] = '\0';
	return 0;
}

const char *
bootentry_basename(const char *path)
{
	const char *p = strrchr(path, '\\'), *q = strrchr(path, '/');

	if (q != NULL && (p == NULL || q > p))
		p = q;
	return p != NULL ? p + 1 : path;
}

int
bootentry_running_slot(const char *cmdline_path)
{
	char *text, *p;
	int slot = -1;

	if ((text = file_read(cmdline_path, 65536, NULL)) == NULL)
		return -1;
	for (p = text; (p = strstr(p, "outpost.slot=")) != NULL; p++) {
		if (p != text && p[-1] != ' ')
			continue;
		p += strlen("outpost.slot=");
		if ((*p == 'a' || *p == 'b') && (p[1] == '\0' || p[1] == ' ' ||
		    p[1] == '\n'))
			slot = *p;
		else
			slot = -1;
	}
	free(text);
	return slot;
}

void
bootentry_consoles(const char *text, char *buf, size_t len)
{
	const char *line, *end, *w, *we;
	size_t o = 0;

	buf[0] = '\0';
	for (line = text; *line != '\0'; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		if (strncmp(line, "options", 7) != 0 ||
		    (line[7] != ' ' && line[7] != '\t'))
			continue;
		for (w = line + 7; w < end; w = we) {
			while (w < end && (*w == ' ' || *w == '\t'))
				w++;
			for (we = w; we < end && *we != ' ' && *we != '\t';)
				we++;
			if (we - w <= 8 || strncmp(w, "console=", 8) != 0 ||
			    o + (size_t)(we - w) + 2 > len)
				continue;
			o += (size_t)snprintf(buf + o, len - o, "%s%.*s",
			    o ? " " : "", (int)(we - w), w);
		}
	}
}
