/* publish.h: publishing a node's node.conf: the text kept for the next plan, its signed bundle sealed to the node's key, the serial recorded. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_PUBLISH_H
#define OUTPOST_PUBLISH_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define PUBLISHED_DIR	"published"	/* in the state dir: NAME.conf */

struct publisher {
	const char	*statedir;
	const char	*bundledir;
	struct db	*db;
	uint8_t		 ctl_pk[32];
	uint8_t		 ctl_sk[64];
};

/* Keeps conf as STATEDIR/published/NAME.conf (0600: it holds secrets). */
int	publish_text(const struct publisher *, const char *node,
	    const char *conf, size_t len, char *err, size_t errlen);
/*
 * Makes the node's bundle from its published text, sealed to the key it
 * enrolled with, with the serial after the last recorded, and writes it as
 * BUNDLEDIR/NAME.bundle (through a rename: a poll sees the old or the new
 * one), then records the serial.  *serial = 0 when the node has not
 * enrolled yet or has no published text (nothing to do).  0, or -1.
 */
int	publish_bundle(const struct publisher *, const char *node,
	    uint64_t *serial, char *err, size_t errlen);
/*
 * The node left the fleet: its requests are refused from now on, its
 * bundle and published text removed.
 */
int	publish_remove(const struct publisher *, const char *node, char *err,
	    size_t errlen);

#endif
