/* files.c: reading and writing the files around network.conf, always atomically. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "files.h"
#include "log.h"
#include "nodeconf.h"

static int
write_atomic(const char *path, const char *buf, size_t len, mode_t mode)
{
	char tmp[PATH_MAX];
	int fd, saved;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid()) >=
	    (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    mode)) == -1)
		return -1;
	if (write(fd, buf, len) != (ssize_t)len || fsync(fd) == -1 ||
	    close(fd) == -1 || rename(tmp, path) == -1) {
		saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		return -1;
	}
	return 0;
}

static char *
printed(const struct netconf *nc, size_t *len)
{
	char *buf = NULL;
	FILE *f;

	if ((f = open_memstream(&buf, len)) == NULL)
		return NULL;
	fputs("# network.conf: written by outpost-netcfg; see "
	    "docs/netcfg.md.\n", f);
	netconf_print(f, nc);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

int
files_write_netconf(const char *path, const struct netconf *nc)
{
	char *buf;
	size_t len;
	int rc;

	if ((buf = printed(nc, &len)) == NULL)
		return -1;
	rc = write_atomic(path, buf, len, 0600);
	explicit_bzero(buf, len);
	free(buf);
	return rc;
}

int
files_same(const struct netconf *a, const struct netconf *b)
{
	char *pa, *pb;
	size_t la, lb;
	int same;

	pa = printed(a, &la);
	pb = printed(b, &lb);
	same = pa != NULL && pb != NULL && la == lb && memcmp(pa, pb, la) == 0;
	free(pa);
	free(pb);
	return same;
}

static void
last_good_path(const char *path, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", path, LAST_GOOD_SUFFIX);
}

struct netconf *
files_last_good(const char *path)
{
	char lg[PATH_MAX];
	struct netconf *nc;

	last_good_path(path, lg, sizeof(lg));
	if (access(lg, F_OK) == -1)
		return NULL;
	if ((nc = netconf_load(lg, stderr)) == NULL)
		log_warnx("cannot use %s: it does not parse; ignoring it", lg);
	return nc;
}

int
files_save_last_good(const char *path, const struct netconf *nc)
{
	char lg[PATH_MAX];

	last_good_path(path, lg, sizeof(lg));
	if (files_write_netconf(lg, nc) == -1) {
		log_warn("cannot write %s", lg);
		return -1;
	}
	return 0;
}

int
files_write_resolvconf(const char *path, const struct netconf *nc)
{
	char buf[512], a[ADDR_STRLEN];
	size_t n;
	int i;

	n = (size_t)snprintf(buf, sizeof(buf),
	    "# written by outpost-netcfg from network.conf\n");
	for (i = 0; i < nc->nresolvers; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
		    "nameserver %s\n", addr_fmt(&nc->resolvers[i], a, 0));
	if (write_atomic(path, buf, n, 0644) == -1) {
		log_warn("cannot write %s", path);
		return -1;
	}
	return 0;
}

int
files_nodeconf(const struct netcfg_opts *o, struct nodeconf **out)
{
	*out = NULL;
	if (o->nodeconf == NULL ||
	    (!o->nodeconf_given && access(o->nodeconf, F_OK) == -1))
		return 0;
	if ((*out = nodeconf_load(o->nodeconf, stderr)) == NULL) {
		log_warnx("cannot read service addresses from %s",
		    o->nodeconf);
		return -1;
	}
	return 0;
}
