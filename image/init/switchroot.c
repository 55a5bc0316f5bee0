/* switchroot.c: /dev, /proc, /sys moved into the new root, the initramfs emptied, the new root made / and outpost-node exec'd. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "init.h"

#define RAMFS_MAGIC_	0x858458f6
#define TMPFS_MAGIC_	0x01021994
#define DEPTH_MAX	32

/* Everything below dfd on device dev; other file systems are left alone. */
static void
empty_dir(int dfd, dev_t dev, int depth)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd;

	if ((d = fdopendir(dfd)) == NULL) {
		close(dfd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    st.st_dev != dev)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (depth < DEPTH_MAX && (fd = openat(dirfd(d),
			    de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC)) != -1)
				empty_dir(fd, dev, depth + 1);
			(void)unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR);
		} else
			(void)unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

/* The initramfs's memory back, as the kernel never frees rootfs. */
static void
empty_initramfs(void)
{
	struct statfs sfs;
	struct stat st;
	int fd;

	if (statfs("/", &sfs) == -1 || (sfs.f_type != (long)RAMFS_MAGIC_ &&
	    sfs.f_type != (long)TMPFS_MAGIC_) || stat("/", &st) == -1) {
		say("not emptying /: not an initramfs");
		return;
	}
	if ((fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1)
		empty_dir(fd, st.st_dev, 0);
}

void
switchroot_exec(void)
{
	static const char *const moved[] = { "/dev", "/proc", "/sys" };
	static char *const argv[] = { "outpost-node", NULL };
	static char *const envp[] = {
		"PATH=/usr/sbin:/usr/bin", "HOME=/", "TERM=linux", NULL
	};
	char where[64];
	size_t i;

	for (i = 0; i < sizeof(moved) / sizeof(moved[0]); i++) {
		snprintf(where, sizeof(where), NEWROOT "%s", moved[i]);
		if (mount(moved[i], where, NULL, MS_MOVE, NULL) == -1)
			init_fail_errno(errno, "cannot move %s to %s", moved[i],
			    where);
	}
	empty_initramfs();
	if (chdir(NEWROOT) == -1)
		init_fail_errno(errno, "cannot change directory to " NEWROOT);
	if (mount(".", "/", NULL, MS_MOVE, NULL) == -1)
		init_fail_errno(errno, "cannot move " NEWROOT " to /");
	if (chroot(".") == -1 || chdir("/") == -1)
		init_fail_errno(errno, "cannot change root to " NEWROOT);
	say("exec " NODE_PATH);
	execve(NODE_PATH, argv, envp);
	init_fail_errno(errno, "cannot run " NODE_PATH);
}
