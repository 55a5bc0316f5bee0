/* fileutil.c: atomic file writes, whole-file reads, mkdir -p, recursive chown. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileutil.h"

int
file_write_atomic(const char *path, const char *buf, size_t len, mode_t mode,
    uid_t uid, gid_t gid)
{
	char tmp[PATH_MAX];
	size_t off = 0;
	ssize_t n;
	int fd, saved;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >=
	    (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)) < 0)
		return -1;
	while (off < len) {
		if ((n = write(fd, buf + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (fchmod(fd, mode) < 0 || fchown(fd, uid, gid) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
	return -1;
}

char *
file_read(const char *path, size_t max, size_t *lenp)
{
	char *buf;
	size_t len = 0;
	ssize_t n = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	if ((buf = malloc(max + 1)) == NULL) {
		close(fd);
		return NULL;
	}
	while (len < max) {
		n = read(fd, buf + len, max - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	if (n < 0) {
		int saved = errno;

		free(buf);
		close(fd);
		errno = saved;
		return NULL;
	}
	close(fd);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
}

int
mkdir_p(const char *path, mode_t mode, uid_t uid, gid_t gid)
{
	char buf[PATH_MAX], *p;
	int fd, rc;

	if (strlen(path) >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(buf, path);
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, mode) < 0 && errno != EEXIST)
		return -1;
	/*
	 * Through the directory itself: a link the read-only root of the
	 * image has (/var/lib/outpost -> /data/state) names the directory
	 * to set, not a link to change.
	 */
	if ((fd = open(buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	rc = fchmod(fd, mode) < 0 || fchown(fd, uid, gid) < 0 ? -1 : 0;
	close(fd);
	return rc;
}

/*
 * One directory, already open (dfd, O_NOFOLLOW): its entries are opened
 * relative to it, never by path, without following a symbolic link, and
 * changed through the descriptor: what is changed is what was looked at,
 * whatever is renamed or swapped meanwhile.
 */
static int
chown_dir(int dfd, uid_t uid, gid_t gid, int depth)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd, rc = 0, saved;

	if ((d = fdopendir(dfd)) == NULL) {
		close(dfd);
		return -1;
	}
	while (rc == 0 && (errno = 0, de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if ((fd = openat(dirfd(d), de->d_name, O_PATH | O_NOFOLLOW |
		    O_CLOEXEC)) < 0) {
			if (errno == ENOENT)
				continue;	/* gone meanwhile */
			rc = -1;
			break;
		}
		if (fstat(fd, &st) < 0)
			rc = -1;
		else if (S_ISDIR(st.st_mode)) {
			close(fd);
			if (depth >= CHOWN_TREE_DEPTH) {
				errno = ELOOP;
				rc = -1;
				break;
			}
			if ((fd = openat(dirfd(d), de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
				rc = errno == ENOENT ? 0 : -1;
			else if (fchown(fd, uid, gid) < 0) {
				saved = errno;
				close(fd);
				errno = saved;
				rc = -1;
			} else
				rc = chown_dir(fd, uid, gid, depth + 1);
			continue;
		} else if ((S_ISREG(st.st_mode) && st.st_nlink == 1) ||
		    S_ISLNK(st.st_mode)) {
			/* A link's own owner; a hard-linked file may be
			 * anybody's and is left alone. */
			if ((st.st_uid != uid || st.st_gid != gid) &&
			    fchownat(fd, "", uid, gid, AT_EMPTY_PATH) < 0)
				rc = -1;
		}
		saved = errno;
		close(fd);
		errno = saved;
	}
	if (rc == 0 && errno != 0)
		rc = -1;
	saved = errno;
	closedir(d);
	errno = saved;
	return rc;
}

int
chown_tree(const char *path, uid_t uid, gid_t gid)
{
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		return -1;
	if (fchown(fd, uid, gid) < 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return chown_dir(fd, uid, gid, 1);
}

ssize_t
read_full(int fd, void *buf, size_t len)
{
	size_t off = 0;
	ssize_t n;

	while (off < len) {
		if ((n = read(fd, (char *)buf + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		off += (size_t)n;
	}
	return (ssize_t)off;
}

int
write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
fsync_dir(const char *dir)
{
	int fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
file_beside_self(const char *name, char *buf, size_t len)
{
	char self[PATH_MAX], *slash;
	ssize_t n;

	snprintf(buf, len, "%s", name);
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) < 0)
		return -1;
	self[n] = '\0';
	if ((slash = strrchr(self, '/')) != NULL)
		*slash = '\0';
	if (snprintf(buf, len, "%s/%s", self, name) >= (int)len) {
		snprintf(buf, len, "%s", name);
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}
