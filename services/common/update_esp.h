/* update_esp.h: finding the appliance's partitions by PARTLABEL, and the ESP mounted only while it is read or written. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_UPDATE_ESP_H
#define OUTPOST_UPDATE_ESP_H

#include <stddef.h>

#define UPDATE_ESP_MOUNT	"/run/outpost/esp"
#define UPDATE_ESP_LABEL	"OUTPOST-ESP"
#define UPDATE_SYSBLOCK		"/sys/class/block"

/*
 * /dev/NAME of the partition labelled label (uevent PARTNAME=) among
 * sysblock's devices; with several, the one on the disk that holds the
 * partition labelled near.  0, or -1 with why in err.
 */
int	 update_find_part(const char *sysblock, const char *label,
	    const char *near, char *dev, size_t len, char *err, size_t errlen);
/*
 * Mounts the ESP (the OUTPOST-ESP beside outpost-RUNNING) read-write at
 * UPDATE_ESP_MOUNT, its path into dir: 0, or -1 with why in err.
 */
int	 update_esp_mount(const char *sysblock, int running, char *dir,
	    size_t len, char *err, size_t errlen);
int	 update_esp_umount(const char *dir, char *err, size_t errlen);

#endif
