/* blockdev.c: partitions by PARTNAME in /sys/class/block, the disk they are on, their /dev nodes. */
/* SPDX-License-Identifier: ISC */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <linux/blkpg.h>
#include <linux/fs.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "init.h"

#define SYSBLOCK	"/sys/class/block"

/* A small sysfs file, NUL-terminated, trailing newline removed. */
static int
sysread(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

static uint64_t
sysnum(const char *name, const char *attr)
{
	char path[PATH_MAX], buf[32];

	snprintf(path, sizeof(path), SYSBLOCK "/%s/%s", name, attr);
	if (sysread(path, buf, sizeof(buf)) == -1)
		return 0;
	return strtoull(buf, NULL, 10);
}

static const char *
uevent_get(const char *text, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);
	const char *p, *e;

	for (p = text; p != NULL && *p != '\0'; p = e ? e + 1 : NULL) {
		e = strchr(p, '\n');
		if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
			size_t n = e ? (size_t)(e - p - klen - 1) :
			    strlen(p + klen + 1);

			if (n >= outlen)
				n = outlen - 1;
			memcpy(out, p + klen + 1, n);
			out[n] = '\0';
			return out;
		}
	}
	return NULL;
}

/* The partition name of sysfs, its disk from the link's parent directory. */
static int
blk_fill(const char *name, struct blkpart *bp, char *partname, size_t pnlen)
{
	char path[PATH_MAX], link[PATH_MAX], text[1024], v[64], *slash;
	unsigned maj, min;
	ssize_t n;

	snprintf(path, sizeof(path), SYSBLOCK "/%s/uevent", name);
	if (sysread(path, text, sizeof(text)) == -1)
		return -1;
	if (uevent_get(text, "DEVTYPE", v, sizeof(v)) == NULL ||
	    strcmp(v, "partition") != 0)
		return -1;
	if (uevent_get(text, "PARTNAME", partname, pnlen) == NULL)
		partname[0] = '\0';
	memset(bp, 0, sizeof(*bp));
	snprintf(bp->name, sizeof(bp->name), "%s", name);
	if (uevent_get(text, "MAJOR", v, sizeof(v)) == NULL)
		return -1;
	maj = (unsigned)strtoul(v, NULL, 10);
	if (uevent_get(text, "MINOR", v, sizeof(v)) == NULL)
		return -1;
	min = (unsigned)strtoul(v, NULL, 10);
	bp->dev = makedev(maj, min);
	if (uevent_get(text, "PARTN", v, sizeof(v)) != NULL)
		bp->partno = atoi(v);
	snprintf(path, sizeof(path), SYSBLOCK "/%s", name);
	if ((n = readlink(path, link, sizeof(link) - 1)) == -1)
		return -1;
	link[n] = '\0';
	if ((slash = strrchr(link, '/')) == NULL)
		return -1;
	*slash = '\0';
	slash = strrchr(link, '/');
	if ((size_t)snprintf(bp->disk, sizeof(bp->disk), "%s",
	    slash ? slash + 1 : link) >= sizeof(bp->disk))
		return -1;
	bp->start = sysnum(name, "start");
	bp->size = sysnum(name, "size");
	return 0;
}

/* The disk suits the profile's boot-disk: any, removable or usb. */
static int
disk_suits(const char *disk, const char *bootdisk)
{
	char path[PATH_MAX], link[PATH_MAX];
	ssize_t n;

	if (bootdisk == NULL || strcmp(bootdisk, "any") == 0)
		return 1;
	if (strcmp(bootdisk, "removable") == 0)
		return sysnum(disk, "removable") == 1;
	snprintf(path, sizeof(path), SYSBLOCK "/%s", disk);
	if ((n = readlink(path, link, sizeof(link) - 1)) == -1)
		return 0;
	link[n] = '\0';
	return strstr(link, "/usb") != NULL;
}

/* The candidate on the disk of the boot loader's ESP (GUID esp), or -1. */
static int
loader_disk(const struct blkpart *cand, int n, const char *esp)
{
	char path[64], err[128];
	struct gpt *g;
	int i, found = -1;

	if (esp[0] == '\0' || (g = malloc(sizeof(*g))) == NULL)
		return -1;
	for (i = 0; i < n && found == -1; i++)
		if (blk_disk_node(cand[i].disk, path, sizeof(path)) == 0 &&
		    gpt_read(path, blk_sector_size(cand[i].disk),
		    blk_disk_sectors(cand[i].disk) * 512, g, err,
		    sizeof(err)) == 0 && gpt_find_uuid(g, esp) != NULL)
			found = i;
	free(g);
	return found;
}

#define CANDMAX	8

/*
 * 1: found; 0: not (yet) there.  When the boot loader said which ESP it
 * came from (esp, LoaderDevicePartUUID), only that disk's partition
 * counts (other Outpost disks may show up first).  Without it, a name on
 * two disks stops the boot: which one booted is not known.
 */
static int
find(const char *partname, const char *bootdisk, const char *esp,
    struct blkpart *bp)
{
	struct blkpart cand[CANDMAX];
	char pn[64];
	struct dirent *de;
	DIR *d;
	int n = 0, i;

	if ((d = opendir(SYSBLOCK)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL && n < CANDMAX)
		if (de->d_name[0] != '.' &&
		    blk_fill(de->d_name, &cand[n], pn, sizeof(pn)) == 0 &&
		    strcmp(pn, partname) == 0 &&
		    disk_suits(cand[n].disk, bootdisk))
			n++;
	closedir(d);
	if (n == 0)
		return 0;
	if (esp[0] != '\0') {
		if ((i = loader_disk(cand, n, esp)) == -1)
			return 0;
		*bp = cand[i];
		return 1;
	}
	if (n > 1)
		init_fail("cannot choose partition %s: it is on both %s and %s "
		    "(unplug the other Outpost disk)", partname, cand[0].disk,
		    cand[1].disk);
	*bp = cand[0];
	return 1;
}

/* The boot loader said which ESP it came from (LoaderDevicePartUUID). */
int
blk_loader_known(void)
{
	char esp[64];

	return efivar_string("LoaderDevicePartUUID", esp, sizeof(esp)) == 0;
}

/*
 * Polls until the partition shows up or timeout_ms pass: 1 or 0.  On the
 * boot loader's disk; if that never shows it, on any (one) disk.
 */
int
blk_wait(const char *partname, const char *bootdisk, int timeout_ms,
    struct blkpart *bp)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int64_t end = now_ms() + timeout_ms;
	char esp[64];

	if (efivar_string("LoaderDevicePartUUID", esp, sizeof(esp)) == -1)
		esp[0] = '\0';
	for (;;) {
		if (find(partname, bootdisk, esp, bp))
			return 1;
		if (now_ms() >= end)
			break;
		nanosleep(&ts, NULL);
	}
	if (esp[0] != '\0' && find(partname, bootdisk, "", bp)) {
		say("%s is not on the boot loader's disk (ESP %s): taking "
		    "the one on %s", partname, esp, bp->disk);
		return 1;
	}
	return 0;
}

/* Partition partno of disk as the kernel knows it: 1 or 0. */
int
blk_find_partno(const char *disk, int partno, struct blkpart *bp)
{
	struct blkpart cand;
	char pn[64];
	struct dirent *de;
	DIR *d;
	int found = 0;

	if ((d = opendir(SYSBLOCK)) == NULL)
		return 0;
	while (!found && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    blk_fill(de->d_name, &cand, pn, sizeof(pn)) == -1)
			continue;
		if (strcmp(cand.disk, disk) == 0 && cand.partno == partno) {
			*bp = cand;
			found = 1;
		}
	}
	closedir(d);
	return found;
}

/* In 512-byte sectors, as sysfs counts; 0 when unknown. */
uint64_t
blk_disk_sectors(const char *disk)
{
	return sysnum(disk, "size");
}

unsigned
blk_sector_size(const char *disk)
{
	uint64_t n = sysnum(disk, "queue/logical_block_size");

	return n >= 512 && n <= 65536 ? (unsigned)n : 512;
}

/* /dev/NAME for dev, made when devtmpfs has not (yet). */
int
blk_node(const char *name, dev_t dev, char *path, size_t len)
{
	struct stat st;

	snprintf(path, len, "/dev/%s", name);
	if (stat(path, &st) == 0 && S_ISBLK(st.st_mode) && st.st_rdev == dev)
		return 0;
	(void)unlink(path);
	return mknod(path, S_IFBLK | 0600, dev);
}

/* /dev/DISK for the whole disk. */
int
blk_disk_node(const char *disk, char *path, size_t len)
{
	char p[PATH_MAX], buf[32];
	unsigned maj, min;

	snprintf(p, sizeof(p), SYSBLOCK "/%s/dev", disk);
	if (sysread(p, buf, sizeof(buf)) == -1)
		return -1;
	if (sscanf(buf, "%u:%u", &maj, &min) != 2) {
		errno = EINVAL;
		return -1;
	}
	return blk_node(disk, makedev(maj, min), path, len);
}

/*
 * Tells the kernel about partition partno of the disk at diskpath (added
 * or resized), as sfdisk cannot while the disk is in use.
 */
int
blk_tell(const char *diskpath, int partno, uint64_t start, uint64_t len,
    int add)
{
	struct blkpg_partition part;
	struct blkpg_ioctl_arg arg;
	int fd, r, e;

	memset(&part, 0, sizeof(part));
	part.start = (long long)start;
	part.length = (long long)len;
	part.pno = partno;
	memset(&arg, 0, sizeof(arg));
	arg.op = add ? BLKPG_ADD_PARTITION : BLKPG_RESIZE_PARTITION;
	arg.datalen = sizeof(part);
	arg.data = &part;
	if ((fd = open(diskpath, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	r = ioctl(fd, BLKPG, &arg);
	e = errno;
	close(fd);
	errno = e;
	return r;
}
