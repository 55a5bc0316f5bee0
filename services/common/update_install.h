/* update_install.h: `outpost update FILE`: verify an update file, write the inactive root slot, its kernel and initramfs, and its boot entry. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_UPDATE_INSTALL_H
#define OUTPOST_UPDATE_INSTALL_H

#define UPDATE_PUBKEY		"/etc/outpost-image/release.pub"
#define UPDATE_IMAGE_VERSION	"/etc/outpost-image/version"
#include "update_esp.h"

/* Test hook: the process kills itself (SIGKILL) after this many MiB of
 * the slot are written. */
#define UPDATE_KILL_ENV		"OUTPOST_UPDATE_TEST_KILL_AFTER_MB"

struct update_opts {
	const char	*file;
	const char	*pubkey;	/* UPDATE_PUBKEY */
	const char	*slot_device;	/* NULL: PARTLABEL outpost-SLOT */
	const char	*esp;		/* NULL: mounted at UPDATE_ESP_MOUNT */
	const char	*cmdline;	/* /proc/cmdline */
	const char	*sysblock;	/* UPDATE_SYSBLOCK */
	int		 force;		/* a version not newer, a slot on trial */
	int		 quiet;		/* no progress */
};

/*
 * Installs the update: 0, or 1 after printing why not on stderr (then
 * nothing was written when the file or the versions were refused).
 */
int	 update_install(const struct update_opts *);

#endif
