/* mounts.c: the kernel file systems init needs (proc, sysfs, devtmpfs) and tmpfs mounts. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/stat.h>

#include <errno.h>

#include "init.h"

static const struct early_mount {
	const char	*what, *where, *type, *opts;
	unsigned long	 flags;
} early[] = {
	{ "devtmpfs", "/dev", "devtmpfs", "mode=0755", MS_NOSUID },
	{ "proc", "/proc", "proc", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC },
	{ "sysfs", "/sys", "sysfs", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC },
};

/*
 * devtmpfs first: the console is there, so that a failure mounting the
 * others can be told.  EBUSY: the kernel mounted it already.
 */
void
mounts_early(void)
{
	size_t i;

	for (i = 0; i < sizeof(early) / sizeof(early[0]); i++) {
		(void)mkdir(early[i].where, 0755);
		if (mount(early[i].what, early[i].where, early[i].type,
		    early[i].flags, early[i].opts) == -1 && errno != EBUSY) {
			console_setup();
			init_fail_errno(errno, "cannot mount %s on %s",
			    early[i].type, early[i].where);
		}
		if (i == 0)
			console_setup();
	}
}

int
mount_tmpfs(const char *path, const char *opts)
{
	(void)mkdir(path, 0755);
	return mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, opts);
}
