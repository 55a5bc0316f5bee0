/* bundle.h: OCI runtime bundles (config.json and a read-only rootfs) for crun. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_BUNDLE_H
#define OUTPOST_BUNDLE_H

#include <sys/types.h>
#include <stddef.h>

#define BUNDLE_CPU_PERIOD	100000	/* us: the CFS period of a quota */

struct bundle_mount {
	const char	*src;		/* host path, or NULL for a tmpfs */
	const char	*dst;		/* path inside the container */
	int		 rw;		/* writable (bind) */
	const char	*tmpfs_size;	/* for a tmpfs, e.g. "4m" */
};

struct bundle_spec {
	const char	*hostname;
	const char	*const *argv;	/* NULL-terminated */
	uid_t		 uid;
	gid_t		 gid;
	const char	*const *caps;	/* NULL-terminated, e.g. CAP_NET_BIND_SERVICE */
	const struct bundle_mount *mounts;
	size_t		 nmounts;
	unsigned	 memory_mb;
	unsigned	 pids_limit;
	unsigned	 nofile;
	unsigned	 cpu_shares;	/* relative CPU weight (1024: default) */
	unsigned	 cpu_quota;	/* % of one CPU per period; 0: none */
	const char	*cpus;		/* cpuset list, "0-3"; NULL or "": any */
	const char	*cgroup_path;
	/* A host program bind-mounted read-only, executable (the other
	 * mounts are noexec) at prog_dst; NULL: none. */
	const char	*prog;
	const char	*prog_dst;
};

/* Writes dir/config.json and the rootfs skeleton; -1 with errno set. */
int	bundle_write(const char *dir, const struct bundle_spec *);
/* Renders only the config.json text (malloc'd), for tests. */
char	*bundle_config(const struct bundle_spec *, size_t *lenp);

#endif
