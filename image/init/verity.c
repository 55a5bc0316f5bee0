/* verity.c: the root slot checked against its root hash and mapped through dm-verity by device-mapper ioctls. */
/* SPDX-License-Identifier: ISC */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <linux/dm-ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "init.h"

#define VBLOCK		4096
#define HASH_PER_BLOCK_BITS 7		/* 4096 / 32-byte sha256 digests */
#define DM_CONTROL	"/dev/mapper/control"
#define DM_BUF		4096

/* The tree's height as dm-verity computes it. */
static int
levels(uint64_t data_blocks)
{
	int l = 0;

	while (HASH_PER_BLOCK_BITS * l < 64 &&
	    (data_blocks - 1) >> (HASH_PER_BLOCK_BITS * l))
		l++;
	return l;
}

static uint64_t
hash_blocks(uint64_t data_blocks)
{
	uint64_t n = 0, per;
	int i, l = levels(data_blocks);

	for (i = 0; i < l; i++) {
		per = (uint64_t)1 << ((i + 1) * HASH_PER_BLOCK_BITS);
		n += (data_blocks + per - 1) >> ((i + 1) * HASH_PER_BLOCK_BITS);
	}
	return n;
}

static int
unhex(const char *s, unsigned char *out)
{
	size_t i, n = strlen(s);
	unsigned v;

	for (i = 0; i + 1 < n; i += 2) {
		if (sscanf(s + i, "%2x", &v) != 1)
			return -1;
		out[i / 2] = (unsigned char)v;
	}
	return (int)(n / 2);
}

/*
 * The hash tree must lie inside the partition, and sha256(salt, top
 * block) must be the root hash: a wrong root hash on the command line is
 * told here, before dm-verity would reboot at the first read.
 */
int
verity_check(const char *devpath, uint64_t part_sectors,
    const struct bootargs *ba, char *err, size_t errlen)
{
	unsigned char blk[VBLOCK], salt[VERITY_SALT_MAX], md[32];
	char hex[2 * sizeof(md) + 1];
	struct sha256 s;
	uint64_t total, top;
	int fd, nsalt = 0, i;
	ssize_t n;

	total = ba->data_blocks + hash_blocks(ba->data_blocks);
	if (total > part_sectors / (VBLOCK / 512))
		return errorf(err, errlen, "its data (%llu blocks) and hash "
		    "tree (%llu blocks) do not fit in the partition (%llu "
		    "blocks)", (unsigned long long)ba->data_blocks,
		    (unsigned long long)(total - ba->data_blocks),
		    (unsigned long long)(part_sectors / (VBLOCK / 512)));
	top = levels(ba->data_blocks) > 0 ? ba->data_blocks : 0;
	if ((fd = open(devpath, O_RDONLY | O_CLOEXEC)) == -1)
		return errorf(err, errlen, "%s", strerror(errno));
	n = pread(fd, blk, sizeof(blk), (off_t)(top * VBLOCK));
	close(fd);
	if (n != (ssize_t)sizeof(blk))
		return errorf(err, errlen, "cannot read its top hash block: %s",
		    n < 0 ? strerror(errno) : "short read");
	if (strcmp(ba->salt, "-") != 0 && (nsalt = unhex(ba->salt, salt)) < 0)
		return errorf(err, errlen, "bad salt");
	sha256_init(&s);
	sha256_update(&s, salt, (size_t)nsalt);
	sha256_update(&s, blk, sizeof(blk));
	sha256_final(&s, md);
	for (i = 0; i < (int)sizeof(md); i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	if (strcmp(hex, ba->roothash) != 0)
		return errorf(err, errlen, "the root hash of the command line "
		    "(%.16s...) is not the slot's (%.16s...)", ba->roothash,
		    hex);
	return 0;
}

/* /dev/mapper/control, made from sysfs when devtmpfs lacks it. */
static int
dm_open(char *err, size_t errlen)
{
	char buf[32];
	unsigned maj, min;
	int fd;
	FILE *f;

	if ((fd = open(DM_CONTROL, O_RDWR | O_CLOEXEC)) != -1)
		return fd;
	(void)mkdir("/dev/mapper", 0755);
	if ((f = fopen("/sys/class/misc/device-mapper/dev", "re")) == NULL)
		return errorf(err, errlen, "no device-mapper in the kernel "
		    "(dm_mod not loaded?)");
	if (fgets(buf, sizeof(buf), f) == NULL ||
	    sscanf(buf, "%u:%u", &maj, &min) != 2) {
		fclose(f);
		return errorf(err, errlen, "cannot read the device-mapper "
		    "control device number");
	}
	fclose(f);
	if (mknod(DM_CONTROL, S_IFCHR | 0600, makedev(maj, min)) == -1 &&
	    errno != EEXIST)
		return errorf(err, errlen, "cannot make " DM_CONTROL ": %s",
		    strerror(errno));
	if ((fd = open(DM_CONTROL, O_RDWR | O_CLOEXEC)) == -1)
		return errorf(err, errlen, "cannot open " DM_CONTROL ": %s",
		    strerror(errno));
	return fd;
}

static void
dm_init(struct dm_ioctl *io, size_t size, uint32_t flags)
{
	memset(io, 0, size);
	io->version[0] = DM_VERSION_MAJOR;
	io->data_size = (uint32_t)size;
	io->data_start = sizeof(*io);
	io->flags = flags;
	snprintf(io->name, sizeof(io->name), "%s", ROOT_DM_NAME);
}

static int
dm_load(int fd, const struct blkpart *bp, const struct bootargs *ba,
    char *err, size_t errlen)
{
	union {
		struct dm_ioctl io;
		unsigned char	b[DM_BUF];
	} u;
	struct dm_target_spec *ts;
	char *params;
	size_t room;
	int n;

	dm_init(&u.io, sizeof(u), DM_READONLY_FLAG);
	u.io.target_count = 1;
	ts = (struct dm_target_spec *)(u.b + sizeof(u.io));
	ts->sector_start = 0;
	ts->length = ba->data_blocks * (VBLOCK / 512);
	snprintf(ts->target_type, sizeof(ts->target_type), "verity");
	params = (char *)(ts + 1);
	room = sizeof(u) - (size_t)(params - (char *)u.b);
	n = snprintf(params, room, "1 %u:%u %u:%u %d %d %llu %llu sha256 %s "
	    "%s 1 restart_on_corruption", major(bp->dev), minor(bp->dev),
	    major(bp->dev), minor(bp->dev), VBLOCK, VBLOCK,
	    (unsigned long long)ba->data_blocks,
	    (unsigned long long)ba->data_blocks, ba->roothash, ba->salt);
	if (n < 0 || (size_t)n >= room)
		return errorf(err, errlen, "verity table too long");
	ts->next = 0;
	if (ioctl(fd, DM_TABLE_LOAD, &u.io) == -1)
		return errorf(err, errlen, "cannot load the verity table: %s",
		    strerror(errno));
	return 0;
}

/* Maps the slot as /dev/mapper/outpost-root; its path into path. */
int
verity_create(const struct blkpart *bp, const struct bootargs *ba,
    char *path, size_t pathlen, char *err, size_t errlen)
{
	struct dm_ioctl io;
	unsigned maj, min;
	int fd;

	if ((fd = dm_open(err, errlen)) == -1)
		return -1;
	dm_init(&io, sizeof(io), DM_READONLY_FLAG);
	if (ioctl(fd, DM_DEV_CREATE, &io) == -1) {
		errorf(err, errlen, "cannot create device %s: %s", ROOT_DM_NAME,
		    strerror(errno));
		goto bad;
	}
	if (dm_load(fd, bp, ba, err, errlen) == -1)
		goto bad;
	dm_init(&io, sizeof(io), 0);	/* DM_DEV_SUSPEND without flag: resume */
	if (ioctl(fd, DM_DEV_SUSPEND, &io) == -1) {
		errorf(err, errlen, "cannot activate device %s: %s",
		    ROOT_DM_NAME, strerror(errno));
		goto bad;
	}
	close(fd);
	/* the kernel's dev_t encoding (huge_encode_dev) */
	maj = (unsigned)((io.dev >> 8) & 0xfff);
	min = (unsigned)((io.dev & 0xff) | ((io.dev >> 12) & 0xfff00));
	snprintf(path, pathlen, "/dev/mapper/%s", ROOT_DM_NAME);
	(void)unlink(path);
	if (mknod(path, S_IFBLK | 0400, makedev(maj, min)) == -1)
		return errorf(err, errlen, "cannot make %s: %s", path,
		    strerror(errno));
	return 0;
bad:
	close(fd);
	return -1;
}
