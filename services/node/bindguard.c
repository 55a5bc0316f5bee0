/* bindguard.c: loads the bind guard (bindguard.bpf.c) and attaches it to a tenant's v2 cgroup. */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bindguard.h"
#include "bpfmsg.h"
#include "nsdverify.h"
#include "bindguard.skel.h"
#include "log.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC	0x63677270
#endif

#define CGROOT		"/sys/fs/cgroup"
#define MAXPROGS	64

static int	v2fd = -1;	/* the v2 cgroup tree */
static int	v2own;		/* a private mount of it: not crun's (hybrid) */
static int	v2tried;
/*
 * The v2 tree: /sys/fs/cgroup where it is v2 (crun's own, which puts
 * the container in its cgroupsPath).  Else (a hybrid host, whose v2 tree
 * cgroups.c hid from crun) a private mount of it, kept open and
 * unmounted at once, into which a starting container moves itself.
 */
static int
v2_open(void)
{
	char dir[] = "/tmp/outpost-cgroup2.XXXXXX";
	struct statfs sfs;

	if (v2tried)
		return v2fd;
	v2tried = 1;
	bpfmsg_init();
	if (statfs(CGROOT, &sfs) == 0 && sfs.f_type == CGROUP2_SUPER_MAGIC)
		return v2fd = open(CGROOT, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (mkdtemp(dir) == NULL)
		return -1;
	if (mount("cgroup2", dir, "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	    NULL) == 0) {
		v2fd = open(dir, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
		v2own = 1;
		umount2(dir, MNT_DETACH);
	}
	rmdir(dir);
	return v2fd;
}

/* mkdir -p of path below the v2 tree; an open fd of it, or -1. */
static int
v2_mkdir(const char *path)
{
	char buf[PATH_MAX], *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf; (p = strchr(p + 1, '/')) != NULL; ) {
		*p = '\0';
		if (mkdirat(v2fd, buf, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdirat(v2fd, buf, 0755) < 0 && errno != EEXIST)
		return -1;
	return openat(v2fd, buf, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
}

static void
add_key(struct bindguard_key *k, int af, const void *addr, unsigned port)
{
	memset(k, 0, sizeof(*k));
	k->family = af == AF_INET ? BINDGUARD_AF_INET : BINDGUARD_AF_INET6;
	k->port = port;
	if (addr != NULL)
		memcpy(k->addr, addr, af == AF_INET ? 4 : 16);
}

int
bindguard_keys(const struct nodeconf *nc, const struct nc_tenant *tn,
    struct bindguard_key *keys, int max)
{
	unsigned char va[4];
	int i, n = 0;

	if (max < 2)
		return 0;
	add_key(&keys[n++], AF_INET, NULL, 0);
	add_key(&keys[n++], AF_INET6, NULL, 0);
	for (i = 0; i < tn->naddrs && n + 2 <= max; i++) {
		add_key(&keys[n++], tn->addrs[i].af, tn->addrs[i].a,
		    BINDGUARD_DNS_PORT);
		add_key(&keys[n++], tn->addrs[i].af, tn->addrs[i].a, 0);
	}
	/* The NOTIFY port on each uplink address (nsdconf.c), nothing
	 * else there: not port 53, not another tenant's port. */
	for (i = 0; tn->notify_port != 0 && i < nc->nuplink_addrs &&
	    n < max; i++)
		add_key(&keys[n++], nc->uplink_addrs[i].af,
		    nc->uplink_addrs[i].a, tn->notify_port);
	/* The DNSSEC guard's verify: address on loopback (nsdverify.c),
	 * one for each of the tenant's two containers (handover.c). */
	for (i = 0; i < 2 && nsdverify_addr(nc, tn, i, va) == 0 && n < max;
	    i++)
		add_key(&keys[n++], AF_INET, va, NSDVERIFY_PORT);
	return n;
}

static int
detach_type(int cgfd, enum bpf_attach_type type)
{
	__u32 ids[MAXPROGS], cnt = MAXPROGS, flags;
	int fd;
	__u32 i;

	if (bpf_prog_query(cgfd, type, 0, &flags, ids, &cnt) < 0)
		return -1;
	for (i = 0; i < cnt; i++) {
		if ((fd = bpf_prog_get_fd_by_id(ids[i])) < 0)
			continue;
		bpf_prog_detach2(fd, cgfd, type);
		close(fd);
	}
	return (int)cnt;
}

/*
 * Attached without flags, a program replaces the one attached the same
 * way (one left by a crashed node); others (attached to allow several)
 * are detached first.  Never two guards on one cgroup.
 */
static int
attach_type(int progfd, int cgfd, enum bpf_attach_type type)
{
	if (bpf_prog_attach(progfd, cgfd, type, 0) == 0)
		return 0;
	if (errno != EPERM || detach_type(cgfd, type) < 0)
		return -1;
	return bpf_prog_attach(progfd, cgfd, type, 0);
}

int
bindguard_attach(int cgfd, const struct bindguard_key *keys, int n,
    char *why, size_t len)
{
	struct bindguard_bpf *skel;
	__u8 one = 1;
	int i, rc = -1;

	bpfmsg_init();
	bpfmsg_reset();
	if ((skel = bindguard_bpf__open_and_load()) == NULL) {
		snprintf(why, len, "%s", bpfmsg_last()[0] != '\0' ?
		    bpfmsg_last() : strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++)
		if (bpf_map__update_elem(skel->maps.allowed, &keys[i],
		    sizeof(keys[i]), &one, sizeof(one), BPF_ANY) < 0) {
			snprintf(why, len, "map: %s", strerror(errno));
			goto out;
		}
	if (attach_type(bpf_program__fd(skel->progs.bind4), cgfd,
	    BPF_CGROUP_INET4_BIND) < 0 ||
	    attach_type(bpf_program__fd(skel->progs.bind6), cgfd,
	    BPF_CGROUP_INET6_BIND) < 0) {
		snprintf(why, len, "attach: %s", strerror(errno));
		bindguard_detach(cgfd);
		goto out;
	}
	rc = 0;
 out:
	bindguard_bpf__destroy(skel);	/* attached, the programs stay */
	return rc;
}

int
bindguard_detach(int cgfd)
{
	int a, b;

	a = detach_type(cgfd, BPF_CGROUP_INET4_BIND);
	b = detach_type(cgfd, BPF_CGROUP_INET6_BIND);
	return (a < 0 ? 0 : a) + (b < 0 ? 0 : b);
}

int
bindguard_count(int cgfd)
{
	__u32 ids[MAXPROGS], cnt, flags;
	int n = 0;

	cnt = MAXPROGS;
	if (bpf_prog_query(cgfd, BPF_CGROUP_INET4_BIND, 0, &flags, ids,
	    &cnt) == 0)
		n += (int)cnt;
	cnt = MAXPROGS;
	if (bpf_prog_query(cgfd, BPF_CGROUP_INET6_BIND, 0, &flags, ids,
	    &cnt) == 0)
		n += (int)cnt;
	return n;
}

int
bindguard_start(const char *label, const char *path,
    const struct nodeconf *nc, const struct nc_tenant *tn)
{
	struct bindguard_key keys[BINDGUARD_MAX_ENTRIES];
	char why[256];
	int cg, n, procs = -1;

	if (v2_open() < 0) {
		log_warnx("%s: cannot load bind guard: no cgroup v2 tree; "
		    "the tenant runs without it", label);
		return -1;
	}
	if ((cg = v2_mkdir(path)) < 0) {
		log_warn("%s: cannot load bind guard: cgroup %s", label, path);
		return -1;
	}
	n = bindguard_keys(nc, tn, keys, BINDGUARD_MAX_ENTRIES);
	if (bindguard_attach(cg, keys, n, why, sizeof(why)) < 0) {
		log_warnx("%s: cannot load bind guard: %s; the tenant runs "
		    "without it", label, why);
		close(cg);
		return -1;
	}
	if (v2own && (procs = openat(cg, "cgroup.procs",
	    O_WRONLY | O_CLOEXEC)) < 0)
		log_warn("%s: cannot open cgroup.procs of %s", label, path);
	close(cg);
	log_debug("%s: bind guard on cgroup %s: %d entries", label, path, n);
	return procs;
}

void
bindguard_stop(const char *path)
{
	char buf[PATH_MAX], *p;
	int cg;

	if (v2fd < 0)
		return;
	if ((cg = openat(v2fd, path, O_DIRECTORY | O_RDONLY |
	    O_CLOEXEC)) >= 0) {
		bindguard_detach(cg);
		close(cg);
	}
	if (!v2own)
		return;		/* crun removes its cgroups */
	snprintf(buf, sizeof(buf), "%s", path);
	/* The cgroup, then its parents while empty (no other tenant). */
	while (unlinkat(v2fd, buf, AT_REMOVEDIR) == 0 &&
	    (p = strrchr(buf, '/')) != NULL)
		*p = '\0';
}
