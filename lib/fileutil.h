/* fileutil.h: small file-system helpers: atomic writes, directory creation. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_FILEUTIL_H
#define OUTPOST_FILEUTIL_H

#include <sys/types.h>
#include <stddef.h>

/* Writes path through a temporary file and rename(2); -1 with errno set. */
int	file_write_atomic(const char *path, const char *buf, size_t len,
	    mode_t mode, uid_t uid, gid_t gid);
/* Reads a whole file (up to max bytes) into a NUL-terminated buffer. */
char	*file_read(const char *path, size_t max, size_t *lenp);
/* Reads until len octets or end of file, retrying on EINTR: the count, or -1. */
ssize_t	read_full(int fd, void *buf, size_t len);
/* Writes all len octets, retrying on EINTR: 0, or -1 with errno set. */
int	write_full(int fd, const void *buf, size_t len);
/* fsync(2) of a directory (after a rename or unlink in it): 0, or -1. */
int	fsync_dir(const char *dir);
/*
 * The path of program name in the running program's own directory
 * (/proc/self/exe): 0, or -1 (errno set) when that cannot be read or the
 * path does not fit; buf then holds name alone.
 */
int	file_beside_self(const char *name, char *buf, size_t len);
/* mkdir -p with the mode and owner given for the last component. */
int	mkdir_p(const char *path, mode_t mode, uid_t uid, gid_t gid);
/*
 * Changes the owner of the directory path and of everything below it,
 * walking by descriptors (openat, O_NOFOLLOW) so that a symbolic link,
 * planted or swapped in while it walks, is never followed: safe in a
 * directory its new owner can write.  Directories, regular files with a
 * single link and symbolic links themselves change owner; anything else
 * is left alone.  -1 with errno set; ELOOP: a directory deeper than
 * CHOWN_TREE_DEPTH levels (path itself is level 1), where the walk
 * stopped; ENOTDIR: path is not a directory (or is a symbolic link).
 */
#define CHOWN_TREE_DEPTH	16
int	chown_tree(const char *path, uid_t uid, gid_t gid);

#endif
