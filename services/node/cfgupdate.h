/* cfgupdate.h: an update file a person dropped on OUTPOST-CFG, installed at boot. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CFGUPDATE_H
#define OUTPOST_CFGUPDATE_H

#define CFGUPDATE_TRIED	"tried"		/* in the update dir: versions tried */

struct supervisor;

/*
 * In the image, before the tenants start: the newest *.update on
 * OUTPOST-CFG that is newer than the running version and was never tried
 * is installed with `outpost update` (which checks its signature before it
 * writes anything); then the node reboots into it.  Nothing while the
 * running slot is on trial.  1 when a reboot was asked, else 0.
 */
int	 cfgupdate_boot(struct supervisor *);

#endif
