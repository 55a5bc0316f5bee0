/* update_install.c: writes a verified update into the inactive slot, then its kernel, initramfs and boot entry on the ESP, in an order a power cut cannot make unbootable. */
/* SPDX-License-Identifier: ISC */
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <linux/fs.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bootentry.h"
#include "fileutil.h"
#include "update_esp.h"
#include "update_header.h"
#include "update_install.h"
#include "update_verify.h"

#define CHUNK		(1 << 20)
#define MIB		(1024.0 * 1024.0)
#define DEFAULT_CONSOLES "console=tty0 console=ttyS0,115200"

struct install {
	const struct update_opts *o;
	char		 esp[PATH_MAX];
	int		 mounted;	/* we mounted the ESP */
	char		 slotdev[PATH_MAX];
	int		 running;	/* 'a' or 'b' */
	int		 target;
	struct bootentry running_entry;
	char		 consoles[256];
	struct update_header h;
	int		 fd;		/* the update file */
	unsigned char	 pk[UPDATE_PK_LEN];
};

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
fail(const char *fmt, ...)
{
	va_list ap;

	fputs("outpost update: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int quiet;

static void
progress(const char *what, uint64_t done, uint64_t total)
{
	if (!quiet)
		printf("%s: %.0f of %.0f MiB\n", what, done / MIB, total / MIB);
	fflush(stdout);
}

static int
mount_esp(struct install *in)
{
	char err[512];
	int rc;

	if (in->o->esp != NULL) {
		snprintf(in->esp, sizeof(in->esp), "%s", in->o->esp);
		return 0;
	}
	if ((rc = update_esp_mount(in->o->sysblock, in->running, in->esp,
	    sizeof(in->esp), err, sizeof(err))) < 0)
		return fail("%s", err);
	in->mounted = 1;
	return 0;
}

static void
umount_esp(struct install *in)
{
	char err[512];

	if (in->mounted && update_esp_umount(in->esp, err, sizeof(err)) < 0)
		fail("%s", err);
	in->mounted = 0;
}

/* ---- checks before anything is written */

/* The running slot's entry (the one that booted), and its consoles. */
static int
find_running_entry(struct install *in)
{
	struct bootentry v[BOOTENTRY_MAX];
	char path[PATH_MAX * 2], *text;
	int i, n;

	if ((n = bootentry_list(in->esp, v, BOOTENTRY_MAX)) < 0)
		return fail("cannot list the boot entries in %s: %s", in->esp,
		    strerror(errno));
	for (i = 0; i < n && v[i].slot != in->running; i++)
		;
	if (i == n)
		return fail("cannot find the running slot %c's boot entry in "
		    "%s/" BOOTENTRY_DIR, in->running, in->esp);
	in->running_entry = v[i];
	snprintf(path, sizeof(path), "%s/" BOOTENTRY_DIR "/%s", in->esp,
	    v[i].name);
	snprintf(in->consoles, sizeof(in->consoles), DEFAULT_CONSOLES);
	if ((text = file_read(path, 16384, NULL)) != NULL) {
		bootentry_consoles(text, in->consoles, sizeof(in->consoles));
		if (in->consoles[0] == '\0')
			snprintf(in->consoles, sizeof(in->consoles),
			    DEFAULT_CONSOLES);
		free(text);
	}
	if (in->running_entry.version[0] == '\0') {
		text = file_read(UPDATE_IMAGE_VERSION, 256, NULL);
		snprintf(in->running_entry.version,
		    sizeof(in->running_entry.version), "%s",
		    text ? text : "");
		in->running_entry.version[strcspn(in->running_entry.version,
		    "\n")] = '\0';
		free(text);
	}
	return 0;
}

static int
check_versions(struct install *in)
{
	const struct bootentry *r = &in->running_entry;

	if (r->tries_left >= 0 && !in->o->force)
		return fail("refused: the running slot %c (%s) is on trial "
		    "(%s), not yet marked good; wait for it (or --force)",
		    in->running, r->version, r->name);
	if (bootentry_vercmp(in->h.version, r->version) <= 0) {
		if (!in->o->force)
			return fail("refused: version %s is not newer than "
			    "the running %s (--force to install it anyway)",
			    in->h.version, r->version);
		fprintf(stderr, "outpost update: warning: version %s is not "
		    "newer than the running %s: the loader boots it only "
		    "once the running slot's entry is gone\n", in->h.version,
		    r->version);
	}
	return 0;
}

static int
slot_size(int fd, uint64_t *size)
{
	struct stat sb;

	if (fstat(fd, &sb) < 0)
		return -1;
	if (S_ISBLK(sb.st_mode))
		return ioctl(fd, BLKGETSIZE64, size);
	*size = (uint64_t)sb.st_size;
	return 0;
}

static int
check_slot(struct install *in, int *slotfd)
{
	uint64_t size;
	char label[32], near[32], err[512];

	snprintf(label, sizeof(label), "outpost-%c", in->target);
	snprintf(near, sizeof(near), "outpost-%c", in->running);
	if (in->o->slot_device != NULL)
		snprintf(in->slotdev, sizeof(in->slotdev), "%s",
		    in->o->slot_device);
	else if (update_find_part(in->o->sysblock, label, near, in->slotdev,
	    sizeof(in->slotdev), err, sizeof(err)) < 0)
		return fail("%s", err);
	if ((*slotfd = open(in->slotdev, O_RDWR | O_CLOEXEC)) < 0)
		return fail("cannot open slot %c (%s): %s", in->target,
		    in->slotdev, strerror(errno));
	if (slot_size(*slotfd, &size) < 0)
		return fail("cannot tell the size of %s: %s", in->slotdev,
		    strerror(errno));
	if (in->h.part[UP_SLOT].size > size)
		return fail("refused: the slot payload (%" PRIu64 " octets) "
		    "is larger than %s (%" PRIu64 ")", in->h.part[UP_SLOT].size,
		    in->slotdev, size);
	return 0;
}

/* ---- writing */

/*
 * Copies a part of the update file to fd (at its offset 0), hashing what
 * it writes: the file might have changed since it was verified.
 */
static int
copy_part(struct install *in, enum update_part part, int fd, const char *to)
{
	crypto_hash_sha256_state st;
	unsigned char *buf, sha[32];
	uint64_t left = in->h.part[part].size, done = 0, next = 0, killmb = 0;
	const char *kill_env = getenv(UPDATE_KILL_ENV);
	ssize_t n;
	int rc = -1;

	if (part == UP_SLOT && kill_env != NULL)
		killmb = strtoull(kill_env, NULL, 10);
	if ((buf = malloc(CHUNK)) == NULL)
		return fail("cannot write %s: out of memory", to);
	crypto_hash_sha256_init(&st);
	if (lseek(in->fd, (off_t)update_part_offset(&in->h, part),
	    SEEK_SET) < 0 || lseek(fd, 0, SEEK_SET) < 0)
		goto out;
	while (left > 0) {
		n = read_full(in->fd, buf, left < CHUNK ? left : CHUNK);
		if (n <= 0 || write_full(fd, buf, (size_t)n) < 0)
			goto out;
		crypto_hash_sha256_update(&st, buf, (size_t)n);
		left -= (uint64_t)n;
		done += (uint64_t)n;
		if (killmb != 0 && done >= killmb << 20) {
			fsync(fd);
			raise(SIGKILL);
		}
		if (part == UP_SLOT && done >= next && left > 0) {
			progress("writing slot", done, in->h.part[part].size);
			next = done + (16 << 20);
		}
	}
	if (part == UP_SLOT)
		progress("writing slot", done, in->h.part[part].size);
	crypto_hash_sha256_final(&st, sha);
	if (memcmp(sha, in->h.part[part].sha256, 32) != 0) {
		errno = EBADMSG;	/* the file changed since verified */
		goto out;
	}
	rc = fsync(fd);
out:
	if (rc < 0)
		fail("cannot write %s to %s: %s", update_part_name[part], to,
		    errno == EBADMSG ? "the update file changed after it was "
		    "verified" : strerror(errno ? errno : EIO));
	free(buf);
	return rc;
}

/* Reads the slot back from the device (its cache dropped) and hashes. */
static int
verify_slot(struct install *in, int fd)
{
	crypto_hash_sha256_state st;
	unsigned char *buf, sha[32];
	uint64_t left = in->h.part[UP_SLOT].size;
	ssize_t n;

	if ((buf = malloc(CHUNK)) == NULL)
		return fail("cannot read back %s: out of memory", in->slotdev);
	ioctl(fd, BLKFLSBUF, 0);	/* a block device: read the disk */
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	crypto_hash_sha256_init(&st);
	if (lseek(fd, 0, SEEK_SET) < 0)
		left = 1;
	while (left > 0 && (n = read_full(fd, buf, left < CHUNK ? left :
	    CHUNK)) > 0) {
		crypto_hash_sha256_update(&st, buf, (size_t)n);
		left -= (uint64_t)n;
	}
	free(buf);
	crypto_hash_sha256_final(&st, sha);
	if (left != 0 || memcmp(sha, in->h.part[UP_SLOT].sha256, 32) != 0)
		return fail("cannot verify slot %c (%s): what was read back "
		    "differs from what was written", in->target, in->slotdev);
	if (!quiet)
		printf("slot %c: read back, sha256 matches\n", in->target);
	return 0;
}

/* ESP/outpost/SLOT/NAME from the part: a temporary name, synced,
 * renamed, the directory synced. */
static int
write_esp_file(struct install *in, enum update_part part, const char *name)
{
	char dir[PATH_MAX + 32], tmp[PATH_MAX + 64], path[PATH_MAX + 64];
	int fd, rc;

	snprintf(dir, sizeof(dir), "%s/outpost/%c", in->esp, in->target);
	snprintf(tmp, sizeof(tmp), "%s/%s.tmp", dir, name);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (mkdir_p(dir, 0755, 0, 0) < 0)
		return fail("cannot create %s: %s", dir, strerror(errno));
	if ((fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) < 0)
		return fail("cannot create %s: %s", tmp, strerror(errno));
	rc = copy_part(in, part, fd, tmp);
	if (close(fd) < 0 && rc == 0)
		rc = fail("cannot write %s: %s", tmp, strerror(errno));
	if (rc == 0 && rename(tmp, path) < 0)
		rc = fail("cannot rename %s: %s", tmp, strerror(errno));
	if (rc < 0) {
		unlink(tmp);
		return -1;
	}
	if (fsync_dir(dir) < 0)
		return fail("cannot sync %s: %s", dir, strerror(errno));
	return 0;
}

static int
install_entry(struct install *in)
{
	char text[2048], verity[600];

	update_verity_string(&in->h, verity, sizeof(verity));
	snprintf(text, sizeof(text),
	    "title Outpost %s (slot %c)\n"
	    "version %s\n"
	    "sort-key outpost\n"
	    "linux /outpost/%c/vmlinuz\n"
	    "initrd /outpost/%c/initrd.img\n"
	    "options outpost.slot=%c outpost.verity=%s %s "
	    "usb-storage.delay_use=0 panic=10\n",
	    in->h.version, in->target, in->h.version, in->target, in->target,
	    in->target, verity, in->consoles);
	if (bootentry_install(in->esp, (char)in->target, text) < 0)
		return fail("cannot install the boot entry of slot %c in %s: "
		    "%s", in->target, in->esp, strerror(errno));
	return 0;
}

/*
 * The order (docs/updates.md): the target slot's old entries go first
 * (nothing may name a slot being overwritten), then the slot is written,
 * synced and read back, then the kernel and initramfs, and last the new
 * entry: until that rename the loader only knows the running slot.
 */
static int
write_update(struct install *in, int slotfd)
{
	if (bootentry_remove_slot(in->esp, (char)in->target) < 0)
		return fail("cannot remove slot %c's old boot entries: %s",
		    in->target, strerror(errno));
	if (copy_part(in, UP_SLOT, slotfd, in->slotdev) < 0 ||
	    verify_slot(in, slotfd) < 0)
		return -1;
	if (write_esp_file(in, UP_KERNEL, "vmlinuz") < 0 ||
	    write_esp_file(in, UP_INITRD, "initrd.img") < 0)
		return -1;
	if (!quiet)
		printf("kernel and initramfs: %s/outpost/%c/\n", in->esp,
		    in->target);
	return install_entry(in);
}

static int
prepare(struct install *in, int *slotfd)
{
	static char hdr[UPDATE_HDR_MAX];
	char err[512];
	ssize_t n;

	if ((in->running = bootentry_running_slot(in->o->cmdline)) < 0)
		return fail("cannot tell the running slot: no outpost.slot=a "
		    "or b in %s", in->o->cmdline);
	in->target = in->running == 'a' ? 'b' : 'a';
	if (update_read_key(in->o->pubkey, in->pk, sizeof(in->pk), err,
	    sizeof(err)) < 0)
		return fail("%s", err);
	if ((in->fd = open(in->o->file, O_RDONLY | O_CLOEXEC)) < 0)
		return fail("cannot open %s: %s", in->o->file, strerror(errno));
	if ((n = read_full(in->fd, hdr, sizeof(hdr))) < 0)
		return fail("cannot read %s: %s", in->o->file, strerror(errno));
	if (update_header_parse(hdr, (size_t)n, in->o->file, &in->h, err,
	    sizeof(err)) < 0)
		return fail("refused: %s", err);
	if (mount_esp(in) < 0 || find_running_entry(in) < 0 ||
	    check_versions(in) < 0 || check_slot(in, slotfd) < 0)
		return -1;
	if (!quiet)
		printf("update %s: version %s, running slot %c (%s), writing "
		    "slot %c (%s)\n", in->o->file, in->h.version, in->running,
		    in->running_entry.version, in->target, in->slotdev);
	if (update_verify_fd(in->fd, in->o->file, in->pk, &in->h, progress,
	    err, sizeof(err)) < 0)
		return fail("refused: %s; nothing written", err);
	if (!quiet)
		printf("signature and sha256 of every part: good\n");
	return 0;
}

int
update_install(const struct update_opts *o)
{
	struct install in = { .o = o, .fd = -1 };
	int slotfd = -1, rc = -1;

	quiet = o->quiet;
	if (sodium_init() < 0)
		return fail("cannot initialise libsodium"), 1;
	if (prepare(&in, &slotfd) == 0 && write_update(&in, slotfd) == 0)
		rc = 0;
	if (slotfd >= 0)
		close(slotfd);
	if (in.fd >= 0)
		close(in.fd);
	umount_esp(&in);
	if (rc == 0 && !quiet)
		printf("slot %c holds %s and boots next (reboot to start it): "
		    "%d tries, marked good once healthy, else back to slot "
		    "%c\n", in.target, in.h.version, BOOTENTRY_TRIES,
		    in.running);
	return rc == 0 ? 0 : 1;
}
