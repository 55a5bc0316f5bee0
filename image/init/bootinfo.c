/* bootinfo.c: /run/outpost/boot in the new root: what init found, for outpost-node (key: value lines). */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "fileutil.h"
#include "init.h"

#define RUN_DIR		NEWROOT "/run"
#define BOOT_FILE	RUN_DIR "/outpost/boot"

/* One line per value: no newline may split it. */
static const char *
oneline(const char *s, char *buf, size_t len)
{
	size_t i;

	snprintf(buf, len, "%s", s != NULL && *s != '\0' ? s : "none");
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '\n' || buf[i] == '\r')
			buf[i] = ' ';
	return buf;
}

void
bootinfo_write(const struct bootinfo *bi)
{
	char text[2048], b1[128], b2[300], b3[64], b4[32], b5[64], b6[256];
	char b7[80];
	int n;

	if (mount_tmpfs(RUN_DIR, "mode=0755") == -1)
		init_fail_errno(errno, "cannot mount tmpfs on %s", RUN_DIR);
	if (mkdir(RUN_DIR "/outpost", 0755) == -1 && errno != EEXIST)
		init_fail_errno(errno, "cannot make %s/outpost", RUN_DIR);
	n = snprintf(text, sizeof(text),
	    "slot: %c\n"
	    "version: %s\n"
	    "hwprofile: %s\n"
	    "hwprofile-why: %s\n"
	    "init-start-ms: %lld\n"
	    "init-end-ms: %lld\n"
	    "xdp-mode: %s\n"
	    "serial-console: %s\n"
	    "serial-speed: %u\n"
	    "uplink: %s\n"
	    "data: %s\n",
	    bi->slot, oneline(bi->version, b1, sizeof(b1)),
	    oneline(bi->hw->name, b5, sizeof(b5)),
	    oneline(bi->hw->why, b2, sizeof(b2)),
	    (long long)bi->start_ms, (long long)now_ms(),
	    oneline(bi->hw->xdp_mode, b3, sizeof(b3)),
	    oneline(bi->hw->serial_console, b4, sizeof(b4)),
	    bi->hw->serial_speed, oneline(bi->hw->uplink, b7, sizeof(b7)),
	    oneline(bi->data, b6, sizeof(b6)));
	if (n < 0 || (size_t)n >= sizeof(text))
		init_fail("cannot write %s: too long", BOOT_FILE);
	if (file_write_atomic(BOOT_FILE, text, (size_t)n, 0644, 0, 0) == -1)
		init_fail_errno(errno, "cannot write %s", BOOT_FILE);
}
