/* dialogue.c: `outpost-netcfg setup`: the console dialogue for the person at the ISP. */
#include <stdio.h>

#include "netcfg.h"

int
netcfg_setup(const struct netcfg_opts *o)
{
	(void)o;
	return 2;
}
