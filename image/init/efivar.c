/* efivar.c: is the booted entry on trial (LoaderBootCountPath set)? Then the whole root slot is read once through dm-verity. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "clock.h"
#include "init.h"

#define EFI_DIR		"/sys/firmware/efi"
#define EFIVARS		EFI_DIR "/efivars"
#define BOOT_COUNT_VAR	EFIVARS "/LoaderBootCountPath-4a67b082-0a4c-41cf-b6c7-440b29bb8c4f"
#define READ_CHUNK	(1 << 20)

/* 1: systemd-boot counts this boot's tries (the entry is not marked good yet). */
int
efi_on_trial(void)
{
	struct stat st;
	int mounted = 0, trial;

	if (stat(EFI_DIR, &st) == -1)
		return 0;	/* not booted by UEFI */
	if (stat(BOOT_COUNT_VAR, &st) == -1) {
		if (mount("efivarfs", EFIVARS, "efivarfs",
		    MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL) == -1) {
			say_errno(errno, "cannot mount efivarfs (boot counting "
			    "not seen)");
			return 0;
		}
		mounted = 1;
	}
	/* 4 bytes of attributes, then the entry's path in UTF-16 */
	trial = stat(BOOT_COUNT_VAR, &st) == 0 && st.st_size > 4;
	if (mounted)
		(void)umount(EFIVARS);	/* outpost-node mounts it again */
	return trial;
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
