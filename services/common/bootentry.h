/* bootentry.h: Boot Loader Spec entries of the root slots on the ESP, with systemd-boot's boot counting, and the loader's EFI variables. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_BOOTENTRY_H
#define OUTPOST_BOOTENTRY_H

#include <stddef.h>

#define BOOTENTRY_DIR		"loader/entries"	/* below the ESP */
#define BOOTENTRY_TRIES		3	/* a new entry's tries */
#define BOOTENTRY_MAX		16	/* entries listed at most */
#define BOOTENTRY_NAME_MAX	64
#define BOOTENTRY_VERSION_MAX	64
/* systemd-boot's vendor GUID of its variables (LoaderBootCountPath, ...) */
#define LOADER_GUID		"4a67b082-0a4c-41cf-b6c7-440b29bb8c4f"
#define EFIVARS_DIR		"/sys/firmware/efi/efivars"

struct bootentry {
	char	 name[BOOTENTRY_NAME_MAX];	/* file name: outpost-a+2-1.conf */
	char	 slot;				/* 'a' or 'b' */
	int	 tries_left;			/* -1: no counter (good) */
	int	 tries_done;			/* -1: not given */
	char	 version[BOOTENTRY_VERSION_MAX]; /* its `version` line, or "" */
};

/*
 * Takes a file name outpost-SLOT[+LEFT[-DONE]].conf apart: 0, or -1 when
 * it is not one of ours (another name, another slot, a bad counter).
 */
int	 bootentry_parse_name(const char *name, struct bootentry *);
/* The entries in ESP/loader/entries, in systemd-boot's order (the one it
 * boots first): the count, or -1 with errno. */
int	 bootentry_list(const char *esp, struct bootentry *, int max);
/*
 * Puts text as ESP/loader/entries/outpost-SLOT+3.conf: written to a
 * temporary name, synced, renamed, the directory synced; only then the
 * slot's other entries are removed.  0, or -1 with errno.
 */
int	 bootentry_install(const char *esp, char slot, const char *text);
/* Removes every entry of slot (the directory synced after): 0 or -1. */
int	 bootentry_remove_slot(const char *esp, char slot);
/* Renames the entry name to its counter-less name (marks it good). */
int	 bootentry_mark_good(const char *esp, const char *name);
/* systemd-boot's order of two entries (<0: a boots before b). */
int	 bootentry_compare(const struct bootentry *, const struct bootentry *);
/* Versions compared as systemd's strverscmp_improved (<0: a older). */
int	 bootentry_vercmp(const char *a, const char *b);
/*
 * Reads the loader's variable NAME from an efivarfs directory (4 octets
 * of attributes, then UTF-16LE) as ASCII into buf: 0, or -1 with errno
 * (ENOENT: not set; EILSEQ: not ASCII).
 */
int	 efivar_read(const char *dir, const char *name, char *buf, size_t len);
/* The entry's file name in a LoaderBootCountPath value
 * (\loader\entries\outpost-a+2-1.conf): a pointer into path. */
const char *bootentry_basename(const char *path);
/*
 * The slot running: `outpost.slot=` of the kernel command line in path
 * (/proc/cmdline): 'a' or 'b', or -1 when it names none.
 */
int	 bootentry_running_slot(const char *cmdline_path);
/* Every console= option of the entry text's `options` line, space
 * separated, into buf ("" when none). */
void	 bootentry_consoles(const char *text, char *buf, size_t len);

#endif
