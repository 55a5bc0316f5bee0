/* efivar.c: is the booted entry on trial (LoaderBootCountPath set)? Then the whole root slot is read once through dm-verity. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "clock.h"
#include "init.h"

#define EFI_DIR		"/sys/firmware/efi"
#define EFIVARS		EFI_DIR "/efivars"
#define READ_CHUNK	(1 << 20)

#define VENDOR_LOADER	"4a67b082-0a4c-41cf-b6c7-440b29bb8c4f"

/* efivarfs mounted for a moment: 1 if init mounted it, 0 if it was, -1. */
static int
efivars_up(void)
{
	struct stat st;

	if (stat(EFI_DIR, &st) == -1)
		return -1;	/* not booted by UEFI */
	if (mount("efivarfs", EFIVARS, "efivarfs",
	    MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL) == 0)
		return 1;
	if (errno == EBUSY)
		return 0;
	say_errno(errno, "cannot mount efivarfs");
	return -1;
}

static void
efivars_down(int mounted)
{
	if (mounted == 1)
		(void)umount(EFIVARS);	/* outpost-node mounts it again */
}

/* The systemd-boot variable NAME, a UTF-16 string, as ASCII. */
int
efivar_string(const char *name, char *out, size_t len)
{
	unsigned char buf[512];
	char path[256];
	size_t i, k = 0;
	ssize_t n;
	int fd, m;

	if ((m = efivars_up()) == -1)
		return -1;
	snprintf(path, sizeof(path), EFIVARS "/%s-" VENDOR_LOADER, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd == -1 ? -1 : read(fd, buf, sizeof(buf));
	if (fd != -1)
		close(fd);
	efivars_down(m);
	if (n < 6 || len == 0)
		return -1;
	/* 4 bytes of attributes, then UTF-16LE */
	for (i = 4; i + 1 < (size_t)n && k + 1 < len; i += 2) {
		unsigned c = (unsigned)buf[i] | (unsigned)buf[i + 1] << 8;

		if (c == 0)
			break;
		out[k++] = c < 0x80 ? (char)c : '?';
	}
	out[k] = '\0';
	return k > 0 ? 0 : -1;
}

/* 1: systemd-boot counts this boot's tries (the entry is not marked good yet). */
int
efi_on_trial(void)
{
	char path[256];

	return efivar_string("LoaderBootCountPath", path, sizeof(path)) == 0;
}

/*
 * Every block once: a corrupted one makes dm-verity restart the machine
 * now, before the entry can be marked good.
 */
void
verity_read_all(const char *path)
{
	int64_t t0 = now_ms();
	uint64_t total = 0;
	char *buf;
	ssize_t n;
	int fd;

	if ((buf = malloc(READ_CHUNK)) == NULL)
		init_fail("cannot read %s in full: out of memory", path);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		init_fail_errno(errno, "cannot open %s", path);
	while ((n = read(fd, buf, READ_CHUNK)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			init_fail_errno(errno, "cannot read %s in full (at %llu "
			    "MiB)", path, (unsigned long long)(total >> 20));
		}
		total += (uint64_t)n;
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	}
	close(fd);
	free(buf);
	say("entry on trial: root slot read in full (%llu MiB in %lld ms)",
	    (unsigned long long)(total >> 20), (long long)(now_ms() - t0));
}
