/* hwprofile.c: `outpost hwprofile`: which hardware profile this machine matches and why; checks and prints profiles, lists their modules. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileutil.h"
#include "hwprofile.h"

#define PROFILES_DIR	"/etc/outpost-image/hwprofiles"
#define BOOT_FILE	"/run/outpost/boot"

int	cmd_hwprofile(int, char **);

static void __attribute__((noreturn))
hw_usage(void)
{
	fprintf(stderr,
	    "usage: outpost hwprofile [--sysroot DIR] [--profiles DIR]\n"
	    "       outpost hwprofile --modules | --firmware [--profiles DIR]\n"
	    "       outpost hwprofile -n FILE ...\n"
	    "       outpost hwprofile print FILE ...\n");
	exit(2);
}

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every module (or firmware package) of every profile: sorted, once each. */
static int
list_names(const struct hwprofiles *ps, int firmware)
{
	char **v;
	int i, j, n = 0;

	for (i = 0; i < ps->n; i++)
		n += firmware ? ps->v[i].nfirmware : ps->v[i].nmodules;
	if ((v = calloc((size_t)n + 1, sizeof(*v))) == NULL) {
		fprintf(stderr, "outpost: cannot list modules: %s\n",
		    strerror(errno));
		return 1;
	}
	for (n = 0, i = 0; i < ps->n; i++) {
		const struct hwprofile *p = &ps->v[i];

		for (j = 0; j < (firmware ? p->nfirmware : p->nmodules); j++)
			v[n++] = firmware ? p->firmware[j] : p->modules[j];
	}
	qsort(v, (size_t)n, sizeof(*v), by_string);
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0)
			printf("%s\n", v[i]);
	free(v);
	return 0;
}

/* A value of init's key: value file, or NULL (static buffer). */
static const char *
boot_value(const char *text, const char *key)
{
	static char val[1024];
	const char *p = text;
	size_t klen = strlen(key);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, klen) == 0 && p[klen] == ':') {
			p += klen + 1;
			p += strspn(p, " \t");
			snprintf(val, sizeof(val), "%.*s", (int)strcspn(p, "\n"),
			    p);
			return val;
		}
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return NULL;
}

/* What init matched at boot, when it left SYSROOT/run/outpost/boot. */
static void
show_boot(const char *sysroot, const struct hwprofile *now)
{
	char path[PATH_MAX], *text;
	const char *v;

	snprintf(path, sizeof(path), "%s%s", sysroot, BOOT_FILE);
	if ((text = file_read(path, 1 << 16, NULL)) == NULL)
		return;
	if ((v = boot_value(text, "hwprofile")) != NULL) {
		printf("init-hwprofile: %s (%s)\n", v, path);
		if (now != NULL && strcmp(v, now->name) != 0)
			printf("note: init matched '%s' at boot; the profiles "
			    "now match '%s'\n", v, now->name);
	}
	if ((v = boot_value(text, "hwprofile-why")) != NULL)
		printf("init-why: %s\n", v);
	free(text);
}

static void
show_dmi(const char *sysroot, struct hwdmi *d)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s/sys/class/dmi/id", sysroot);
	if (hwdmi_read(d, sysroot) < 0)
		fprintf(stderr, "outpost: cannot read DMI from %s: %s (taken "
		    "as empty)\n", dir, strerror(errno));
	printf("dmi: %s\n", dir);
	printf("\tsys_vendor: '%s'\n", d->vendor);
	printf("\tproduct_name: '%s'\n", d->product);
	printf("\tboard_name: '%s'\n", d->board);
}

/* Each profile's verdict, then the one that wins and why. */
static int
show_match(const struct hwprofiles *ps, const char *dir, const char *sysroot)
{
	const struct hwprofile *p;
	struct hwdmi d;
	char why[1024];
	int i, s;

	show_dmi(sysroot, &d);
	printf("profiles: %s (%d)\n", dir, ps->n);
	for (i = 0; i < ps->n; i++) {
		s = hwprofile_explain(&ps->v[i], &d, why, sizeof(why));
		if (ps->v[i].fallback)
			printf("\t%s: %s\n", ps->v[i].name, why);
		else if (s < 0)
			printf("\t%s: no match: %s\n", ps->v[i].name, why);
		else
			printf("\t%s: matches %d field%s: %s\n",
			    ps->v[i].name, s, s == 1 ? "" : "s", why);
	}
	p = hwprofile_match(ps, &d, why, sizeof(why));
	if (p != NULL)
		printf("hwprofile: %s (%s:%d)\n", p->name, p->file, p->line);
	else
		printf("hwprofile: none\n");
	printf("why: %s\n", why);
	show_boot(sysroot, p);
	return p != NULL ? 0 : 1;
}

static int
check_files(int argc, char **argv, int print)
{
	struct hwprofiles *ps;

	if (argc < 1)
		hw_usage();
	if ((ps = hwprofiles_load_files(argv, argc, stderr)) == NULL)
		return 1;
	if (print)
		hwprofiles_print(stdout, ps);
	hwprofiles_free(ps);
	return 0;
}

int
cmd_hwprofile(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "firmware", no_argument, NULL, 'F' },
		{ "modules", no_argument, NULL, 'M' },
		{ "profiles", required_argument, NULL, 'P' },
		{ "sysroot", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = PROFILES_DIR, *sysroot = "";
	struct hwprofiles *ps;
	int ch, list = 0, check = 0, rc;

	if (argc >= 2 && strcmp(argv[1], "print") == 0)
		return check_files(argc - 2, argv + 2, 1);
	while ((ch = getopt_long(argc, argv, "n", opts, NULL)) != -1) {
		switch (ch) {
		case 'F':
		case 'M':
			if (list != 0 && list != ch)
				hw_usage();
			list = ch;
			break;
		case 'P':
			dir = optarg;
			break;
		case 'S':
			sysroot = optarg;
			break;
		case 'n':
			check = 1;
			break;
		default:
			hw_usage();
		}
	}
	if (check) {
		if (list || sysroot[0] != '\0' || strcmp(dir, PROFILES_DIR) != 0)
			hw_usage();
		return check_files(argc - optind, argv + optind, 0);
	}
	if (optind != argc || (list && sysroot[0] != '\0'))
		hw_usage();
	if ((ps = hwprofiles_load_dir(dir, stderr)) == NULL)
		return 1;
	if (list)
		rc = list_names(ps, list == 'F');
	else
		rc = show_match(ps, dir, sysroot);
	hwprofiles_free(ps);
	return rc;
}
