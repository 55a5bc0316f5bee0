/* hwmatch.c: this machine's hardware profile (lib/hwprofile from DMI), kept as the little init needs of it. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hwprofile.h"
#include "init.h"

static void
keep(struct hwinfo *hw, const struct hwprofile *p)
{
	int i;

	snprintf(hw->name, sizeof(hw->name), "%s", p->name);
	snprintf(hw->xdp_mode, sizeof(hw->xdp_mode), "%s", p->xdp_mode);
	snprintf(hw->serial_console, sizeof(hw->serial_console), "%s",
	    p->serial_console);
	hw->serial_speed = p->serial_speed;
	snprintf(hw->boot_disk, sizeof(hw->boot_disk), "%s", p->boot_disk);
	snprintf(hw->uplink, sizeof(hw->uplink), "%s", p->uplink);
	if (p->nmodules == 0 ||
	    (hw->modules = calloc((size_t)p->nmodules, sizeof(char *))) == NULL)
		return;
	for (i = 0; i < p->nmodules; i++)
		if ((hw->modules[hw->nmodules] = strdup(p->modules[i])) != NULL)
			hw->nmodules++;
}

/*
 * No profile is no reason not to boot: the storage modules come from
 * modules.base, and outpost-node reports the missing profile.
 */
void
hwmatch(struct hwinfo *hw)
{
	struct hwprofiles *ps;
	const struct hwprofile *p;
	struct hwdmi dmi;

	memset(hw, 0, sizeof(*hw));
	snprintf(hw->name, sizeof(hw->name), "none");
	snprintf(hw->xdp_mode, sizeof(hw->xdp_mode), "generic");
	snprintf(hw->serial_console, sizeof(hw->serial_console), "ttyS0");
	hw->serial_speed = 115200;
	snprintf(hw->boot_disk, sizeof(hw->boot_disk), "any");
	snprintf(hw->uplink, sizeof(hw->uplink), "first-carrier");
	if (hwdmi_read(&dmi, "") == -1) {
		say_errno(errno, "cannot read DMI (no hardware profile)");
		snprintf(hw->why, sizeof(hw->why), "no DMI");
		return;
	}
	if ((ps = hwprofiles_load_dir(HWPROFILE_DIR, stderr)) == NULL) {
		say("cannot load the hardware profiles of " HWPROFILE_DIR
		    " (none used)");
		snprintf(hw->why, sizeof(hw->why), "profiles not loaded");
		return;
	}
	if ((p = hwprofile_match(ps, &dmi, hw->why, sizeof(hw->why))) == NULL)
		say("no hardware profile matches vendor \"%s\" product \"%s\" "
		    "board \"%s\"", dmi.vendor, dmi.product, dmi.board);
	else
		keep(hw, p);
	hwprofiles_free(ps);
	say("hardware profile %s: %s", hw->name, hw->why);
}
