/* sysctl.c: writes per-interface knobs under /proc/sys/net: no router advertisements on the uplink. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "sysctl.h"

static int
knob(const char *ifname, const char *name, const char *val)
{
	char path[128];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/%s", ifname,
	    name);
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)	/* no IPv6 in this kernel */
			return 0;
		log_warn("cannot open %s", path);
		return -1;
	}
	n = write(fd, val, strlen(val));
	close(fd);
	if (n != (ssize_t)strlen(val)) {
		log_warn("cannot set %s", path);
		return -1;
	}
	return 0;
}

int
sysctl_no_ra(const char *ifname)
{
	int rc = 0;

	rc |= knob(ifname, "accept_ra", "0");
	rc |= knob(ifname, "autoconf", "0");
	return rc;
}
