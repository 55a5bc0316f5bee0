/* show.c: `outpost-netcfg show`: the live state next to the file's, differences marked. */
#include <stdio.h>

#include "netcfg.h"

int
netcfg_show(const struct netcfg_opts *o)
{
	(void)o;
	return 2;
}
