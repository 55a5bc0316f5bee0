/* update_esp.c: the appliance's partitions found by PARTLABEL (sysfs uevent PARTNAME=), the ESP mounted read-write only while it is used. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errbuf.h"
#include "fileutil.h"
#include "update_esp.h"

/* The value of KEY= in /sys/class/block/NAME/uevent, into buf. */
static int
uevent(const char *sysblock, const char *name, const char *key, char *buf,
    size_t len)
{
	char path[PATH_MAX], *text, *p;
	size_t klen = strlen(key);
	int rc = -1;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s/uevent", sysblock,
	    name) >= sizeof(path) ||
	    (text = file_read(path, 8192, NULL)) == NULL)
		return -1;
	for (p = text; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p ? p + 1 : NULL)
		if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
			snprintf(buf, len, "%.*s", (int)strcspn(p + klen + 1,
			    "\n"), p + klen + 1);
			rc = 0;
			break;
		}
	free(text);
	return rc;
}

/* The disk a partition is on: the directory above it in sysfs. */
static void
disk_of(const char *sysblock, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX], real[PATH_MAX], *slash;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/%s", sysblock, name);
	if (realpath(path, real) == NULL || (slash = strrchr(real, '/')) ==
	    NULL)
		return;
	*slash = '\0';
	snprintf(buf, len, "%s", real);
}

int
update_find_part(const char *sysblock, const char *label, const char *near,
    char *dev, size_t len, char *err, size_t errlen)
{
	char names[8][NAME_MAX + 1], v[256], disk[PATH_MAX], want[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int i, n = 0, nearn = -1;

	if ((d = opendir(sysblock)) == NULL)
		return errorf(err, errlen, "cannot open %s: %s", sysblock,
		    strerror(errno));
	want[0] = '\0';
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    uevent(sysblock, de->d_name, "PARTNAME", v, sizeof(v)) < 0)
			continue;
		if (strcmp(v, label) == 0 && n < 8)
			snprintf(names[n++], sizeof(names[0]), "%s",
			    de->d_name);
		else if (near != NULL && strcmp(v, near) == 0) {
			disk_of(sysblock, de->d_name, want, sizeof(want));
			nearn++;
		}
	}
	closedir(d);
	if (n == 0)
		return errorf(err, errlen, "cannot find the partition labelled %s",
		    label);
	for (i = 0; i < n && n > 1 && nearn == 0; i++) {
		disk_of(sysblock, names[i], disk, sizeof(disk));
		if (strcmp(disk, want) == 0)
			break;
	}
	if (n > 1 && (nearn != 0 || i == n))
		return errorf(err, errlen, "cannot tell which of %d partitions "
		    "labelled %s to use", n, label);
	if (n == 1)
		i = 0;
	snprintf(dev, len, "/dev/%s", names[i]);
	return 0;
}

int
update_esp_mount(const char *sysblock, int running, char *dir, size_t len,
    char *err, size_t errlen)
{
	char dev[PATH_MAX], near[32];

	snprintf(near, sizeof(near), "outpost-%c", running);
	if (update_find_part(sysblock, UPDATE_ESP_LABEL, near, dev, sizeof(dev),
	    err, errlen) < 0)
		return -1;
	if (mkdir_p(UPDATE_ESP_MOUNT, 0700, 0, 0) < 0 ||
	    mount(dev, UPDATE_ESP_MOUNT, "vfat", MS_NOSUID | MS_NODEV |
	    MS_NOEXEC, "") < 0)
		return errorf(err, errlen, "cannot mount %s (the ESP) on "
		    UPDATE_ESP_MOUNT ": %s", dev, strerror(errno));
	snprintf(dir, len, "%s", UPDATE_ESP_MOUNT);
	return 0;
}

int
update_esp_umount(const char *dir, char *err, size_t errlen)
{
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		syncfs(fd);
		close(fd);
	}
	if (umount(dir) < 0)
		return errorf(err, errlen, "cannot unmount %s: %s", dir,
		    strerror(errno));
	return 0;
}
