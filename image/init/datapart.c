/* datapart.c: the data partition: made on first boot, grown when the disk grew, mounted at /data; never reformatted. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "init.h"

#define SFDISK		"/usr/sbin/sfdisk"
#define MKFS		"/usr/sbin/mkfs.ext4"
#define RESIZE2FS	"/usr/sbin/resize2fs"
#define E2FSCK		"/usr/sbin/e2fsck"
#define DATA_MIN	(16ULL << 20)	/* smallest data partition made */
#define GROW_MIN	(8ULL << 20)	/* smaller growth is not worth it */
#define SFDISK_TIMEOUT	30
#define MKFS_TIMEOUT	600
#define LINUX_FS_TYPE	"0FC63DAF-8483-4772-8E79-3D69D8477DE4"

struct disk {
	const char	*name;		/* vda */
	char		 path[64];	/* /dev/vda */
	unsigned	 lbsize;
	struct gpt	 gpt;
};

static int
disk_read(struct disk *d)
{
	char err[128];

	if (gpt_read(d->path, d->lbsize, blk_disk_sectors(d->name) * 512,
	    &d->gpt, err, sizeof(err)) == -1) {
		say("cannot read the partition table of %s: %s", d->path, err);
		return -1;
	}
	return 0;
}

static int
sfdisk(const char *input, char *a1, char *a2, char *a3, char *a4)
{
	char *argv[] = { SFDISK, "--no-reread", "--no-tell-kernel", "-q",
	    a1, a2, a3, a4, NULL };

	return run_root(input, SFDISK_TIMEOUT, argv);
}

/* The backup GPT at the disk's end (it is not when the disk grew). */
static int
relocate_backup(struct disk *d)
{
	if (d->gpt.alt_lba == d->gpt.disk_lbas - 1)
		return 0;
	if (sfdisk(NULL, "--relocate", "gpt-bak-std", d->path, NULL) != 0 ||
	    disk_read(d) == -1)
		return -1;
	say("backup partition table moved to the end of %s", d->path);
	return 0;
}

/* The kernel's partition for p, told about it first if need be. */
static int
kernel_part(struct disk *d, const struct gptpart *p, struct blkpart *bp)
{
	uint64_t start = p->first * d->lbsize,
	    len = (p->last - p->first + 1) * d->lbsize;
	int had;

	had = blk_find_partno(d->name, p->partno, bp);
	if (had && bp->start * 512 == start && bp->size * 512 == len)
		return 0;
	if (blk_tell(d->path, p->partno, start, len, !had) == -1) {
		say_errno(errno, "cannot tell the kernel about partition %d "
		    "of %s", p->partno, d->path);
		return -1;
	}
	if (!blk_find_partno(d->name, p->partno, bp) ||
	    bp->start * 512 != start || bp->size * 512 != len) {
		say("cannot tell the kernel about partition %d of %s: it "
		    "still sees another size", p->partno, d->path);
		return -1;
	}
	return 0;
}

static uint64_t
last_used(const struct gpt *g)
{
	uint64_t last = 0;
	int i;

	for (i = 0; i < g->nparts; i++)
		if (g->part[i].last > last)
			last = g->part[i].last;
	return last;
}

/* First boot: appended as outpost-data-new, renamed once its ext4 is made. */
static const struct gptpart *
create(struct disk *d, struct blkpart *bp)
{
	const struct gptpart *p;
	char node[64], num[16];
	char *mkfs[] = { MKFS, "-q", "-F", "-L", DATA_LABEL, "-E",
	    "nodiscard", node, NULL };

	if ((p = gpt_find(&d->gpt, DATA_LABEL_NEW)) == NULL) {
		if ((d->gpt.last_usable - last_used(&d->gpt)) * d->lbsize <
		    DATA_MIN) {
			say("cannot make the data partition: less than %llu MiB "
			    "free on %s", DATA_MIN >> 20, d->path);
			return NULL;
		}
		if (sfdisk("size=+, type=" LINUX_FS_TYPE ", name="
		    DATA_LABEL_NEW "\n", "--append", d->path, NULL,
		    NULL) != 0 || disk_read(d) == -1)
			return NULL;
		if ((p = gpt_find(&d->gpt, DATA_LABEL_NEW)) == NULL) {
			say("cannot find the new partition " DATA_LABEL_NEW
			    " on %s", d->path);
			return NULL;
		}
	}
	if (kernel_part(d, p, bp) == -1 ||
	    blk_node(bp->name, bp->dev, node, sizeof(node)) == -1)
		return NULL;
	say("making ext4 on %s (%llu MiB)", node,
	    (unsigned long long)(bp->size >> 11));
	if (run_root(NULL, MKFS_TIMEOUT, mkfs) != 0)
		return NULL;
	snprintf(num, sizeof(num), "%d", p->partno);
	if (sfdisk(NULL, "--part-label", d->path, num, DATA_LABEL) != 0 ||
	    disk_read(d) == -1 || (p = gpt_find(&d->gpt, DATA_LABEL)) == NULL)
		return NULL;
	say("data partition made: %s", node);
	return p;
}

/* Later boots: the partition grows over the space the disk gained. */
static void
grow(struct disk *d, const struct gptpart **pp)
{
	const struct gptpart *p = *pp;
	char num[16];

	if (!gpt_is_last(&d->gpt, p) ||
	    (d->gpt.last_usable - p->last) * d->lbsize < GROW_MIN)
		return;
	snprintf(num, sizeof(num), "%d", p->partno);
	if (sfdisk(", +\n", "-N", num, d->path, NULL) != 0 ||
	    disk_read(d) == -1 || (p = gpt_find(&d->gpt, DATA_LABEL)) == NULL) {
		say("data partition not grown (going on)");
		return;
	}
	*pp = p;
	say("data partition grown to %llu MiB",
	    (unsigned long long)((p->last - p->first + 1) * d->lbsize >> 20));
}

struct ext4sb {
	uint64_t	 bytes;		/* the file system's own size */
	unsigned	 state;		/* s_state */
};
#define EXT4_VALID_FS	0x1
#define EXT4_ERROR_FS	0x2

static uint32_t
le32at(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* 0: an ext4 superblock read; -1: none there. */
static int
ext4_sb(const char *node, struct ext4sb *e)
{
	unsigned char sb[1024];
	uint64_t blocks;
	int fd;
	ssize_t n;

	if ((fd = open(node, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = pread(fd, sb, sizeof(sb), 1024);
	close(fd);
	if (n != (ssize_t)sizeof(sb) || sb[0x38] != 0x53 || sb[0x39] != 0xef)
		return -1;
	blocks = le32at(sb + 0x4);
	if (le32at(sb + 0x60) & 0x80)	/* INCOMPAT_64BIT */
		blocks |= (uint64_t)le32at(sb + 0x150) << 32;
	e->bytes = blocks << (10 + (sb[0x18] & 0x1f));
	e->state = (unsigned)sb[0x3a] | (unsigned)sb[0x3b] << 8;
	return 0;
}

/*
 * The kernel found errors in it, or it is marked unchecked: e2fsck -p
 * (preen: only what is safe without a person).  -1: errors are left.
 */
static int
check(const char *node, const struct ext4sb *e)
{
	char *argv[] = { E2FSCK, "-p", (char *)node, NULL };
	int r;

	if ((e->state & EXT4_VALID_FS) && !(e->state & EXT4_ERROR_FS))
		return 0;
	say("data file system %s is marked %s: e2fsck -p", node,
	    e->state & EXT4_ERROR_FS ? "with errors" : "unchecked");
	r = run_root(NULL, MKFS_TIMEOUT, argv);
	/* 1: errors fixed; 4 and up: some left, or e2fsck failed */
	return r == 0 || r == 1 ? 0 : -1;
}

static enum datamode
on_tmpfs(char *desc, size_t desclen, const char *why)
{
	if (mount_tmpfs(NEWROOT "/data", "mode=0755") == -1)
		init_fail_errno(errno, "cannot mount tmpfs on " NEWROOT "/data");
	snprintf(desc, desclen, "tmpfs (%s)", why);
	return DATA_TMPFS;
}

enum datamode
datapart_setup(const struct blkpart *root, char *desc, size_t desclen)
{
	struct disk d;
	struct blkpart bp;
	const struct gptpart *p;
	char node[64], *resize[] = { RESIZE2FS, node, NULL };
	struct ext4sb e;

	memset(&d, 0, sizeof(d));
	d.name = root->disk;
	d.lbsize = blk_sector_size(root->disk);
	if (blk_disk_node(d.name, d.path, sizeof(d.path)) == -1 ||
	    disk_read(&d) == -1)
		return on_tmpfs(desc, desclen, "no partition table");
	if (relocate_backup(&d) == -1)
		say("backup partition table not moved (going on)");
	if ((p = gpt_find(&d.gpt, DATA_LABEL)) == NULL) {
		if ((p = create(&d, &bp)) == NULL)
			return on_tmpfs(desc, desclen, "no data partition");
	} else if (d.gpt.alt_lba == d.gpt.disk_lbas - 1)
		grow(&d, &p);
	if (kernel_part(&d, p, &bp) == -1 ||
	    blk_node(bp.name, bp.dev, node, sizeof(node)) == -1)
		return on_tmpfs(desc, desclen, "data partition unknown to the "
		    "kernel");
	if (ext4_sb(node, &e) == -1) {
		say("cannot use the data partition %s: no ext4 file system on "
		    "it; it is NOT reformatted: /data is a tmpfs this boot",
		    node);
		return on_tmpfs(desc, desclen, "data partition damaged");
	}
	if (check(node, &e) == -1) {
		say("cannot use the data partition %s: e2fsck -p cannot repair "
		    "it; it is NOT reformatted: /data is a tmpfs this boot",
		    node);
		return on_tmpfs(desc, desclen, "data partition damaged");
	}
	if (mount(node, NEWROOT "/data", "ext4", MS_NOSUID | MS_NODEV,
	    "noinit_itable") == -1) {
		say_errno(errno, "cannot mount the data partition %s (it is NOT "
		    "reformatted: /data is a tmpfs this boot)", node);
		return on_tmpfs(desc, desclen, "data partition damaged");
	}
	if (bp.size * 512 >= e.bytes + GROW_MIN) {
		if (run_root(NULL, MKFS_TIMEOUT, resize) != 0)
			say("data file system not grown (going on)");
		else
			say("data file system grown to %llu MiB",
			    (unsigned long long)(bp.size >> 11));
	}
	snprintf(desc, desclen, "ext4 %s (%llu MiB)", node,
	    (unsigned long long)(bp.size >> 11));
	return DATA_EXT4;
}
