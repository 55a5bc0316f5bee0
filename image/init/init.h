/* init.h: the parts of outpost-init, the image's early-boot init (one concern per file). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_INIT_H
#define OUTPOST_INIT_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#define NEWROOT		"/newroot"
#define NODE_PATH	"/usr/sbin/outpost-node"
#define HWPROFILE_DIR	"/etc/outpost/hwprofiles"
#define ROOT_DM_NAME	"outpost-root"
#define DATA_LABEL	"outpost-data"
/* The name of a data partition whose file system is not made yet. */
#define DATA_LABEL_NEW	"outpost-data-new"
#define PART_WAIT_MS	10000

/* cmdline.c: outpost.slot= and outpost.verity= from /proc/cmdline. */
#define VERITY_HASH_HEX	64		/* sha256 */
#define VERITY_SALT_MAX	256		/* bytes, as dm-verity allows */
struct bootargs {
	char		 slot;			/* 'a' or 'b' */
	uint64_t	 data_blocks;		/* 4096-byte blocks */
	char		 roothash[VERITY_HASH_HEX + 1];
	char		 salt[2 * VERITY_SALT_MAX + 1];	/* hex, "-": none */
};
int	cmdline_parse(const char *line, struct bootargs *, char *err,
	    size_t errlen);

/* console.c: fds 0-2 on the console, timestamped progress lines. */
void	console_setup(void);
void	say(const char *, ...) __attribute__((format(printf, 1, 2)));
void	say_errno(int, const char *, ...) __attribute__((format(printf, 2, 3)));
int64_t	init_start_ms(void);

/* fail.c: the end of every failed boot. */
void	init_fail(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
void	init_fail_errno(int, const char *, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));

/* mounts.c */
void	mounts_early(void);
int	mount_tmpfs(const char *path, const char *opts);

/* hwmatch.c: the hardware profile, reduced to what init needs. */
struct hwinfo {
	char		 name[64];
	char		 why[256];
	char		 xdp_mode[16];
	char		 serial_console[32];
	unsigned	 serial_speed;
	char		 boot_disk[16];	/* any, removable, usb */
	char		 uplink[64];	/* hwprofile uplink: rule */
	char		**modules;
	int		 nmodules;
};
void	hwmatch(struct hwinfo *);

/* modules.c: modules.dep, dependency order, finit_module. */
struct moddb;
typedef int (*modload_fn)(const char *path, void *arg);
struct moddb *moddb_parse(char *text);	/* takes text over */
void	moddb_free(struct moddb *);
/* Loads name after its dependencies: 0, or -1 (name unknown: ENOENT). */
int	moddb_load(struct moddb *, const char *name, modload_fn, void *arg);
/* NAME.PARAM=VALUE words of cmdline for module name, as "PARAM=VALUE ...". */
void	modparams(const char *cmdline, const char *name, char *out, size_t len);
/* The children loading modules.base, .root and .late (-1: none). */
struct modjobs {
	pid_t	base;
	pid_t	root;
	pid_t	late;
};
void	modules_load(const char *moddir, char **extra, int nextra,
	    struct modjobs *);
/* Waits for *pid (once: -1 after), what names its list in messages. */
void	modules_wait(pid_t *pid, const char *what);

/* blockdev.c: block devices as sysfs shows them. */
struct blkpart {
	char		 name[32];	/* vda2 */
	char		 disk[32];	/* vda */
	int		 partno;	/* 2 */
	dev_t		 dev;
	uint64_t	 start, size;	/* 512-byte sectors */
};
/* The boot loader named the disk it came from (an EFI variable). */
int	blk_loader_known(void);
int	blk_wait(const char *partname, const char *bootdisk, int timeout_ms,
	    struct blkpart *);
int	blk_find_partno(const char *disk, int partno, struct blkpart *);
uint64_t blk_disk_sectors(const char *disk);
unsigned blk_sector_size(const char *disk);
int	blk_node(const char *name, dev_t, char *path, size_t);
int	blk_disk_node(const char *disk, char *path, size_t);
int	blk_tell(const char *diskpath, int partno, uint64_t start,
	    uint64_t len, int add);

/* gpt.c: the partition table as it is on the disk. */
#define GPT_MAXPARTS	128
struct gptpart {
	int		 partno;
	uint64_t	 first, last;	/* logical blocks */
	char		 name[37];
	char		 uuid[37];	/* the partition's own GUID */
};
struct gpt {
	unsigned	 lbsize;
	uint64_t	 disk_lbas;
	uint64_t	 alt_lba, first_usable, last_usable;
	int		 nparts;
	struct gptpart	 part[GPT_MAXPARTS];
};
int	gpt_read(const char *devpath, unsigned lbsize, uint64_t disk_bytes,
	    struct gpt *, char *err, size_t errlen);
const struct gptpart *gpt_find(const struct gpt *, const char *name);
const struct gptpart *gpt_find_uuid(const struct gpt *, const char *uuid);
int	gpt_is_last(const struct gpt *, const struct gptpart *);

/* sha256.c */
struct sha256 {
	uint32_t	 h[8];
	uint64_t	 len;
	unsigned char	 buf[64];
	size_t		 nbuf;
};
void	sha256_init(struct sha256 *);
void	sha256_update(struct sha256 *, const void *, size_t);
void	sha256_final(struct sha256 *, unsigned char out[32]);

/* verity.c: the root slot through dm-verity. */
int	verity_check(const char *devpath, uint64_t part_sectors,
	    const struct bootargs *, char *err, size_t errlen);
int	verity_create(const struct blkpart *, const struct bootargs *,
	    char *path, size_t pathlen, char *err, size_t errlen);

/* run.c: a program of the new root, run chrooted there. */
int	run_root(const char *input, int timeout_s, char *const argv[]);

/* datapart.c */
enum datamode { DATA_EXT4, DATA_TMPFS };
enum datamode datapart_setup(const struct blkpart *root, char *desc,
	    size_t desclen);

/* efivar.c */
int	efi_on_trial(void);
int	efivar_string(const char *name, char *out, size_t len);
void	verity_read_all(const char *path);

/* bootinfo.c */
struct bootinfo {
	char		 slot;
	const char	*version;
	const struct hwinfo *hw;
	const char	*data;		/* "ext4 /dev/sda5 (N MiB)", "tmpfs (why)" */
	int64_t		 start_ms;
};
void	bootinfo_write(const struct bootinfo *);

/* switchroot.c */
void	switchroot_exec(void) __attribute__((noreturn));

#endif
