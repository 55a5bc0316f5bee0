/* firstboot.h: the image's first boot: network.conf and node.conf from the OUTPOST-CFG partition, else the setup dialogue on two consoles at once. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_FIRSTBOOT_H
#define OUTPOST_FIRSTBOOT_H

#include <sys/types.h>
#include <stddef.h>

#define FB_NETWORK	0x1		/* network.conf */
#define FB_NODE		0x2		/* node.conf */
#define FB_CFG_LABEL	"OUTPOST-CFG"	/* the partition a person drops them on */
#define FB_MAX_TTYS	4

struct firstboot {
	const char	*etc;		/* /data/etc: where they belong */
	const char	*sysblock;	/* /sys/class/block */
	const char	*cfgdir;	/* /run/outpost/cfg: OUTPOST-CFG mounted */
	const char	*netcfg;	/* outpost-netcfg */
	const char	*resolvconf;	/* /run/outpost/resolv.conf */
	const char	*ttys[FB_MAX_TTYS + 1];	/* the dialogue's, NULL-ended */
	const char	*uplink_rule;	/* the hardware profile's, or NULL */
};

/* Which of FB_NETWORK, FB_NODE etc lacks. */
int	 firstboot_missing(const char *etc);
/*
 * Copies those of missing found in dir to etc (0600), each only when it
 * passes its check (errors on stderr, precise): the ones copied.
 */
int	 firstboot_copy(const struct firstboot *, const char *dir, int missing);
/*
 * argv run on every tty at once, each its controlling terminal; the
 * first to exit 0, or to end with result (a file; may be NULL) there,
 * wins and the others are ended: its index, or -1 when none could (each
 * that fails is run again while it failed after a while).
 */
int	 firstboot_race(const char *const *ttys, char *const argv[],
	    const char *result);
/* OUTPOST-CFG mounted read-only on fb->cfgdir: 0, or -1 (logged). */
int	 firstboot_mount_cfg(const struct firstboot *);
/* The whole first boot (a no-op on later boots): 0, or -1 with no network.conf. */
int	 firstboot_run(const struct firstboot *);

#endif
