/* cgroups.c: gives outpost-node a cgroup tree that crun can use, in a mount namespace of its own. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "node.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC	0x63677270
#endif
#ifndef CGROUP_SUPER_MAGIC
#define CGROUP_SUPER_MAGIC	0x27e0eb
#endif

#define CGROOT	"/sys/fs/cgroup"
#define UNIFIED	CGROOT "/unified"
#define MAXHIER	32

static unsigned long
fstype(const char *path)
{
	struct statfs sfs;

	if (statfs(path, &sfs) < 0)
		return 0;
	return (unsigned long)sfs.f_type;
}

/* Reads /proc/cgroups: the v1 hierarchies in use, as "ctl1,ctl2" lists. */
static int
v1_hierarchies(char names[MAXHIER][128])
{
	char line[256], name[64];
	int hier, ncg, enabled, n = 0;
	FILE *f;

	memset(names, 0, MAXHIER * 128);
	if ((f = fopen("/proc/cgroups", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%63s %d %d %d", name, &hier, &ncg,
		    &enabled) != 4 || name[0] == '#' || hier <= 0 ||
		    hier >= MAXHIER || !enabled)
			continue;
		if (names[hier][0] != '\0')
			strncat(names[hier], ",", 127 - strlen(names[hier]));
		else
			n++;
		strncat(names[hier], name, 127 - strlen(names[hier]));
	}
	fclose(f);
	return n;
}

/* Mounts the host's v1 hierarchies again below a fresh tmpfs. */
static int
mount_v1(char names[MAXHIER][128])
{
	char path[256];
	int i;

	if (mount("cgroup", CGROOT, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	    "mode=755") < 0) {
		log_warn("cannot mount tmpfs on %s", CGROOT);
		return -1;
	}
	for (i = 1; i < MAXHIER; i++) {
		if (names[i][0] == '\0')
			continue;
		snprintf(path, sizeof(path), CGROOT "/%s", names[i]);
		if (mkdir(path, 0755) < 0 ||
		    mount("cgroup", path, "cgroup", MS_NOSUID | MS_NODEV |
		    MS_NOEXEC, names[i]) < 0) {
			log_warn("cannot mount cgroup %s", names[i]);
			return -1;
		}
	}
	log_info("cgroups: v1 controllers mounted in a private namespace");
	return 0;
}

/* Where no cgroup tree is mounted (a fresh sysfs, as in "ip netns exec"). */
static int
mount_tree(void)
{
	char names[MAXHIER][128];

	if (v1_hierarchies(names) > 0)
		return mount_v1(names);
	if (mount("cgroup2", CGROOT, "cgroup2", MS_NOSUID | MS_NODEV |
	    MS_NOEXEC, NULL) < 0) {
		log_warn("cannot mount cgroup2 on %s", CGROOT);
		return -1;
	}
	return 0;
}

/*
 * crun refuses a "hybrid" host (v1 controllers plus a v2 "unified" tree
 * for systemd), and finds nothing under a freshly mounted sysfs.  In a
 * mount namespace of outpost-node's own, hide the v2 tree of a hybrid
 * host (limits then apply through the v1 memory and pids controllers) or
 * mount the tree that is missing.  The host's own mounts stay as they
 * were; a pure v2 host (the image) is used as it is.
 */
int
cgroups_prepare(void)
{
	/*
	 * PID 1 on a pure v2 tree (the image, cgroups_v2_root) is the host:
	 * its mounts stay the machine's, so that /data, unmounted at power
	 * off, is unmounted for good.
	 */
	if (getpid() == 1 && fstype(CGROOT) == CGROUP2_SUPER_MAGIC)
		return 0;
	if (unshare(CLONE_NEWNS) < 0) {
		log_warn("cannot unshare mount namespace");
		return -1;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		log_warn("cannot make mounts private");
		return -1;
	}
	if (fstype(CGROOT) == CGROUP2_SUPER_MAGIC)
		return 0;
	if (fstype(UNIFIED) == CGROUP2_SUPER_MAGIC) {
		if (umount2(UNIFIED, MNT_DETACH) < 0) {
			log_warn("cannot unmount %s", UNIFIED);
			return -1;
		}
		log_info("cgroups: hybrid host, containers use the v1 "
		    "controllers");
		return 0;
	}
	if (fstype(CGROOT "/memory") == CGROUP_SUPER_MAGIC)
		return 0;
	return mount_tree();
}

static int
write_knob(const char *path, const char *val)
{
	ssize_t n;
	int fd;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

/*
 * PID 1 of the image, on a pure v2 tree it mounted itself: outpost-node
 * moves into a leaf of its own, CGROOT/outpost-node (a cgroup with
 * processes cannot give controllers to children), and the root hands
 * the containers' controllers down.  crun then makes each container's
 * cgroup from the absolute cgroupsPath in its bundle (/outpost/NODE/NAME,
 * bundle.c), a sibling of outpost-node's, and enables the controllers on
 * the way down.
 */
int
cgroups_v2_root(void)
{
	static const char *const ctl[] = {
		"+cpu", "+cpuset", "+io", "+memory", "+pids",
	};
	size_t i;
	int rc = 0;

	if (fstype(CGROOT) != CGROUP2_SUPER_MAGIC) {
		log_warnx("cgroups: %s is not a cgroup2 tree", CGROOT);
		return -1;
	}
	if ((mkdir(CGROOT "/outpost-node", 0755) < 0 && errno != EEXIST) ||
	    write_knob(CGROOT "/outpost-node/cgroup.procs", "0") < 0) {
		log_warn("cannot move outpost-node into %s/outpost-node",
		    CGROOT);
		rc = -1;
	}
	for (i = 0; i < sizeof(ctl) / sizeof(ctl[0]); i++)
		if (write_knob(CGROOT "/cgroup.subtree_control", ctl[i]) < 0) {
			log_warn("cannot enable cgroup controller %s",
			    ctl[i] + 1);
			rc = -1;
		}
	return rc;
}

/*
 * The parent of this node's cgroups: the identity, and a hash of the
 * state dir so that two nodes on one host (the lab) never share one.
 */
void
cgroups_name(const struct nodeconf *nc, char *buf, size_t len)
{
	const unsigned char *p;
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (p = (const unsigned char *)nc->state_dir; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	snprintf(buf, len, "outpost/%.64s.%08x", nc->identity, h);
}

/* Removes the (empty) parent cgroups crun left: outpost/IDENTITY.HASH, outpost. */
void
cgroups_cleanup(const char *cgroup)
{
	char path[512];
	struct dirent *de;
	DIR *d;

	if (fstype(CGROOT) == CGROUP2_SUPER_MAGIC) {
		snprintf(path, sizeof(path), CGROOT "/%s", cgroup);
		rmdir(path);
		rmdir(CGROOT "/outpost");
		return;
	}
	if ((d = opendir(CGROOT)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), CGROOT "/%s/%s", de->d_name,
		    cgroup);
		rmdir(path);
		snprintf(path, sizeof(path), CGROOT "/%s/outpost", de->d_name);
		rmdir(path);
	}
	closedir(d);
}
