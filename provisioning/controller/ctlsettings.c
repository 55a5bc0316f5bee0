/* ctlsettings.c: the controller's own settings as options give them: a port number (outpost-controller -p, outpostctl token -p). */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <stdlib.h>

#include "ctlsettings.h"

int
ctl_port_parse(const char *s, uint16_t *port)
{
	char *e;
	long v;

	errno = 0;
	v = strtol(s, &e, 10);
	if (*s == '\0' || *e != '\0' || errno != 0 || v < 1 || v > 65535)
		return -1;
	*port = (uint16_t)v;
	return 0;
}
