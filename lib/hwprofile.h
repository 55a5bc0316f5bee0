/* hwprofile.h: hardware profiles (the files of hwprofiles/): how a server model is recognised from DMI and what it needs at boot. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_HWPROFILE_H
#define OUTPOST_HWPROFILE_H

#include <stddef.h>
#include <stdio.h>

#define HWP_MAX_GLOBS		16	/* per match- field */
#define HWP_MAX_MODULES		64	/* nic-driver: and module: together */
#define HWP_MAX_FIRMWARE	16
#define HWP_MAX_PROFILES	256	/* per directory */

/*
 * One hwprofile: block.  After a successful load every string is set:
 * omitted keys take their defaults (serial-console ttyS0, serial-speed
 * 115200, uplink first-carrier, xdp-mode generic, boot-disk any).
 */
struct hwprofile {
	char	 *name;            /* `name:` */
	char	 *file;  int line; /* where it was defined */
	char	**match_vendor;  int nmatch_vendor;   /* globs on DMI sys_vendor */
	char	**match_product; int nmatch_product;  /* globs on DMI product_name */
	char	**match_board;   int nmatch_board;    /* globs on DMI board_name */
	int	  fallback;        /* `fallback: yes`: matches anything, only when none else does */
	char	 *serial_console;  /* e.g. "ttyS0" */
	unsigned  serial_speed;    /* e.g. 115200 */
	char	**modules; int nmodules;   /* `nic-driver:` and `module:` entries, file order */
	char	**firmware; int nfirmware; /* `firmware-package:` Debian package names */
	char	 *uplink;          /* "first-carrier", "driver:MODULE" or "name:IFNAME" */
	char	 *xdp_mode;        /* "native" or "generic" */
	char	 *boot_disk;       /* "any", "removable" or "usb" */
	/* Beyond the pinned API: nic[i] is 1 when modules[i] came from nic-driver:. */
	unsigned char *nic;
};
struct hwprofiles { struct hwprofile *v; int n; };
struct hwdmi { char vendor[128], product[128], board[128]; };

/* Every DIR/NAME.conf, in name order.  NULL after reporting every error to err. */
struct hwprofiles *hwprofiles_load_dir(const char *dir, FILE *err);
/* The given files, in that order, checked as one set.  NULL after errors. */
struct hwprofiles *hwprofiles_load_files(char *const *paths, int npaths,
	    FILE *err);
/* From memory; name stands for the file in messages. */
struct hwprofiles *hwprofiles_load_buf(const char *name, const char *buf,
	    size_t len, FILE *err);
void	hwprofiles_free(struct hwprofiles *);

/* The canonical text: parses again to the same profiles. */
void	hwprofile_print(FILE *, const struct hwprofile *);
void	hwprofiles_print(FILE *, const struct hwprofiles *);

/*
 * "" = live; reads SYSROOT/sys/class/dmi/id/{sys_vendor,product_name,
 * board_name}, trailing white space removed; a missing file reads as "".
 * 0, or -1 with errno when the directory itself cannot be opened.
 */
int	hwdmi_read(struct hwdmi *, const char *sysroot);

/*
 * The profile for this hardware: of the profiles whose every given match-
 * field matches (any of its globs), the one with the most such fields; on
 * a tie the first by name; else the fallback; else NULL.  why (one line)
 * says what matched.
 */
const struct hwprofile *hwprofile_match(const struct hwprofiles *,
	    const struct hwdmi *, char *why, size_t whylen);
/*
 * How one profile fares: the number of match- fields it matches (0 for
 * the fallback), or -1 when one of them does not match; why (one line)
 * names each field, its value and the glob that matched or that none did.
 */
int	hwprofile_explain(const struct hwprofile *, const struct hwdmi *,
	    char *why, size_t whylen);

#endif
