/* init.c: outpost-init's main sequence: from the kernel's start of /init to outpost-node as PID 1 on the verified root. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "fileutil.h"
#include "init.h"

#define VERSION_FILE	NEWROOT "/etc/outpost-image/version"

static void
read_cmdline(struct bootargs *ba)
{
	char *line, err[512];

	if ((line = file_read("/proc/cmdline", 4096, NULL)) == NULL)
		init_fail_errno(errno, "cannot read /proc/cmdline");
	if (cmdline_parse(line, ba, err, sizeof(err)) == -1)
		init_fail("%s", err);
	free(line);
}

/* The slot's partition, checked against the root hash, mapped by dm-verity. */
static void
open_slot(const struct bootargs *ba, const char *bootdisk,
    struct blkpart *root, struct modjobs *mods, char *dm, size_t dmlen)
{
	char label[16], dev[64], err[512];

	snprintf(label, sizeof(label), "outpost-%c", ba->slot);
	/* efivarfs (the loader's disk), dm_mod, dm_verity: modules.root */
	modules_wait(&mods->root, "root");
	/* Without the loader's word every disk must be there to see a slot
	 * on two of them: the storage drivers first. */
	if (!blk_loader_known())
		modules_wait(&mods->base, "storage");
	if (!blk_wait(label, bootdisk, PART_WAIT_MS, root))
		init_fail("cannot find partition %s: no disk shows it after %d s "
		    "(boot disk: %s)", label, PART_WAIT_MS / 1000, bootdisk);
	if (blk_node(root->name, root->dev, dev, sizeof(dev)) == -1)
		init_fail_errno(errno, "cannot make /dev/%s", root->name);
	say("found %s on %s", label, dev);
	/* a list without modules.root has them with the storage drivers */
	if (access("/sys/module/dm_verity", F_OK) == -1)
		modules_wait(&mods->base, "storage");
	if (verity_check(dev, root->size, ba, err, sizeof(err)) == -1)
		init_fail("cannot verify root slot %s (%s): %s", label, dev, err);
	if (verity_create(root, ba, dm, dmlen, err, sizeof(err)) == -1)
		init_fail("cannot set up dm-verity on %s (%s): %s", label, dev, err);
	say("dm-verity ready: %s", dm);
}

static char *
mount_root(const char *dm, char slot)
{
	char *version;

	(void)mkdir(NEWROOT, 0755);
	if (mount(dm, NEWROOT, "squashfs", MS_RDONLY, NULL) == -1)
		init_fail_errno(errno, "cannot mount root slot %c (%s)", slot, dm);
	if ((version = file_read(VERSION_FILE, 128, NULL)) == NULL)
		init_fail_errno(errno, "cannot read %s of slot %c", VERSION_FILE,
		    slot);
	version[strcspn(version, "\r\n")] = '\0';
	say("root mounted (slot %c, version %s)", slot, version);
	return version;
}

int
main(void)
{
	struct bootargs ba;
	struct hwinfo hw;
	struct blkpart root;
	struct bootinfo bi;
	char dm[64], data[256];
	int64_t start = init_start_ms();
	struct modjobs mods;

	if (getpid() != 1) {
		fprintf(stderr, "outpost-init: runs only as PID 1 (the "
		    "initramfs's /init)\n");
		return 2;
	}
	mounts_early();
	say("init started at %lld ms", (long long)start);
	read_cmdline(&ba);
	hwmatch(&hw);
	modules_load(NULL, hw.modules, hw.nmodules, &mods);
	open_slot(&ba, hw.boot_disk, &root, &mods, dm, sizeof(dm));
	bi.version = mount_root(dm, ba.slot);
	if (efi_on_trial())
		verity_read_all(dm);
	datapart_setup(&root, data, sizeof(data));
	say("data mounted: %s", data);
	if (access(NEWROOT NODE_PATH, X_OK) == -1)
		init_fail_errno(errno, "cannot run " NODE_PATH " of slot %c",
		    ba.slot);
	modules_wait(&mods.base, "storage");
	modules_wait(&mods.late, "late and profile");
	bi.slot = ba.slot;
	bi.hw = &hw;
	bi.start_ms = start;
	bi.data = data;
	bootinfo_write(&bi);
	say("boot info written; switching root after %lld ms",
	    (long long)(now_ms() - start));
	switchroot_exec();
}
