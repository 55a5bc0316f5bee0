/* guard.c: loads the XDP guard (guard.bpf.c), fills its maps from node.conf and attaches it to the uplink, replacing a stale one. */
/* SPDX-License-Identifier: ISC */
#include <linux/if_link.h>
#include <net/if.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpfmsg.h"
#include "guard.h"
#include "guard.skel.h"

struct guard {
	struct guard_bpf *skel;
	int		 ifindex;	/* attached there; 0: not attached */
	char		 ifname[IF_NAMESIZE];
	enum nc_xdp_mode mode;
	uint32_t	 prog_id;
	uint32_t	 gen;		/* of the last config filled */
};

struct guard *
guard_load(char *why, size_t len)
{
	struct guard *g;

	if ((g = calloc(1, sizeof(*g))) == NULL) {
		snprintf(why, len, "%s", strerror(errno));
		return NULL;
	}
	bpfmsg_init();
	bpfmsg_reset();
	if ((g->skel = guard_bpf__open()) == NULL) {
		snprintf(why, len, "cannot open: %s", strerror(errno));
		free(g);
		return NULL;
	}
	/*
	 * Test hook (tests/integration/xdp-guard): loaded as a socket
	 * filter, the program's packet pointers are plain numbers, and the
	 * kernel's verifier rejects it, as it would a program it cannot
	 * prove safe: the node's path for a rejected guard, with a real
	 * verdict.
	 */
	if (getenv("OUTPOST_TEST_XDP_REJECT") != NULL)
		bpf_program__set_type(g->skel->progs.xdp_guard,
		    BPF_PROG_TYPE_SOCKET_FILTER);
	if (guard_bpf__load(g->skel) < 0) {
		snprintf(why, len, "%s%s%s", strerror(errno),
		    bpfmsg_last()[0] != '\0' ? ": " : "", bpfmsg_last());
		guard_bpf__destroy(g->skel);
		free(g);
		return NULL;
	}
	g->mode = NC_XDP_OFF;
	return g;
}

void
guard_free(struct guard *g)
{
	if (g == NULL)
		return;
	guard_detach(g);
	guard_bpf__destroy(g->skel);
	free(g);
}

int
guard_prog_fd(const struct guard *g)
{
	return bpf_program__fd(g->skel->progs.xdp_guard);
}

void
guard_key(struct guard_addr *k, const struct addr *a)
{
	memset(k, 0, sizeof(*k));
	if (a->af == AF_INET) {
		k->a[10] = k->a[11] = 0xff;
		memcpy(k->a + 12, a->a, 4);
	} else
		memcpy(k->a, a->a, 16);
}

/* A map's wanted keys and values: each in, then every other key out. */
static int
sync_map(struct bpf_map *m, const void *keys, const void *vals, int n,
    char *why, size_t len)
{
	size_t ks = bpf_map__key_size(m), vs = bpf_map__value_size(m);
	unsigned char cur[64], next[64];
	const unsigned char *k = keys, *v = vals;
	int i, fd = bpf_map__fd(m), more;

	for (i = 0; i < n; i++)
		if (bpf_map_update_elem(fd, k + i * ks, v + i * vs,
		    BPF_ANY) < 0) {
			snprintf(why, len, "cannot fill map %s: %s",
			    bpf_map__name(m), strerror(errno));
			return -1;
		}
	more = bpf_map_get_next_key(fd, NULL, next) == 0;
	while (more) {
		memcpy(cur, next, ks);
		more = bpf_map_get_next_key(fd, cur, next) == 0;
		for (i = 0; i < n; i++)
			if (memcmp(cur, k + i * ks, ks) == 0)
				break;
		if (i == n)
			bpf_map_delete_elem(fd, cur);
	}
	return 0;
}

static int
fill_services(struct guard *g, const struct nodeconf *nc, char *why,
    size_t len)
{
	struct guard_addr keys[GUARD_MAX_ADDRS];
	__u32 vals[GUARD_MAX_ADDRS];
	int i, j, n = 0;

	for (i = 0; i < nc->ntenants; i++)
		for (j = 0; j < nc->tenants[i].naddrs &&
		    n < GUARD_MAX_ADDRS; j++) {
			guard_key(&keys[n], &nc->tenants[i].addrs[j]);
			vals[n++] = (__u32)i;
		}
	return sync_map(g->skel->maps.services, keys, vals, n, why, len);
}

static int
fill_tenants(struct guard *g, const struct nodeconf *nc, char *why,
    size_t len)
{
	struct guard_tenant t;
	struct guard_addr pa;
	__u32 ports[GUARD_MAX_TENANTS], idx[GUARD_MAX_TENANTS], i;
	int n = 0;

	for (i = 0; i < GUARD_MAX_TENANTS; i++) {
		memset(&t, 0, sizeof(t));
		if ((int)i < nc->ntenants) {
			const struct nc_tenant *tn = &nc->tenants[i];

			if (tn->has_primary) {
				guard_key(&pa, &tn->primary);
				memcpy(t.primary, pa.a, 16);
				t.has_primary = 1;
			}
			t.notify_port = tn->notify_port;
			if (tn->notify_port != 0) {
				ports[n] = tn->notify_port;
				idx[n++] = i;
			}
		}
		if (bpf_map_update_elem(bpf_map__fd(g->skel->maps.tenants),
		    &i, &t, BPF_ANY) < 0) {
			snprintf(why, len, "cannot fill map tenants: %s",
			    strerror(errno));
			return -1;
		}
	}
	return sync_map(g->skel->maps.notify, ports, idx, n, why, len);
}

static int
fill_hosts(struct guard *g, const struct nodeconf *nc, char *why,
    size_t len)
{
	struct guard_addr keys[GUARD_MAX_ADDRS];
	__u8 vals[GUARD_MAX_ADDRS];
	int i, n;

	memset(vals, 1, sizeof(vals));
	for (i = n = 0; i < nc->nuplink_addrs; i++)
		guard_key(&keys[n++], &nc->uplink_addrs[i]);
	if (sync_map(g->skel->maps.uplink, keys, vals, n, why, len) < 0)
		return -1;
	for (i = n = 0; i < nc->bgp.nneighbors; i++)
		guard_key(&keys[n++], &nc->bgp.neighbors[i].addr);
	return sync_map(g->skel->maps.neighbors, keys, vals, n, why, len);
}

static int
fill_exempt(struct guard *g, const struct nodeconf *nc, char *why,
    size_t len)
{
	struct guard_lpm_key keys[NC_MAX_EXEMPT];
	struct guard_addr a;
	__u8 vals[NC_MAX_EXEMPT];
	int i;

	memset(vals, 1, sizeof(vals));
	for (i = 0; i < nc->xdp.nexempt; i++) {
		const struct addr *p = &nc->xdp.exempt[i];

		guard_key(&a, p);
		memset(&keys[i], 0, sizeof(keys[i]));
		keys[i].prefixlen = p->af == AF_INET ? 96u + p->plen : p->plen;
		memcpy(keys[i].a, a.a, 16);
	}
	return sync_map(g->skel->maps.exempt, keys, vals, nc->xdp.nexempt,
	    why, len);
}

uint32_t
guard_batch(uint64_t burst, int ncpu)
{
	uint64_t b;

	if (ncpu < 1)
		ncpu = 1;
	b = burst / (4 * (uint64_t)ncpu);
	if (b < 1)
		return 1;
	return b > GUARD_BATCH_MAX ? GUARD_BATCH_MAX : (uint32_t)b;
}

static int
fill_config(struct guard *g, const struct nodeconf *nc, uint64_t now_ns,
    char *why, size_t len)
{
	struct guard_config c, was;
	__u32 zero = 0;
	int fd = bpf_map__fd(g->skel->maps.config);

	memset(&c, 0, sizeof(c));
	c.rate = nc->xdp.rate;
	c.burst = nc->xdp.burst;
	c.slip = nc->xdp.slip;
	c.now_ns = now_ns;
	c.batch = guard_batch(c.burst, libbpf_num_possible_cpus());
	/* What the CPUs hold stays good while the limits stay the same. */
	if (g->gen != 0 && bpf_map_lookup_elem(fd, &zero, &was) == 0 &&
	    was.rate == c.rate && was.burst == c.burst && was.batch == c.batch)
		c.gen = was.gen;
	else
		c.gen = ++g->gen;
	if (bpf_map_update_elem(fd, &zero, &c, BPF_ANY) < 0) {
		snprintf(why, len, "cannot fill map config: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
guard_configure(struct guard *g, const struct nodeconf *nc, char *why,
    size_t len)
{
	if (fill_config(g, nc, 0, why, len) < 0 ||
	    fill_tenants(g, nc, why, len) < 0 ||
	    fill_services(g, nc, why, len) < 0 ||
	    fill_hosts(g, nc, why, len) < 0 ||
	    fill_exempt(g, nc, why, len) < 0)
		return -1;
	return 0;
}

int
guard_set_clock(struct guard *g, uint64_t now_ns)
{
	struct guard_config c;
	__u32 zero = 0;
	int fd = bpf_map__fd(g->skel->maps.config);

	if (bpf_map_lookup_elem(fd, &zero, &c) < 0)
		return -1;
	c.now_ns = now_ns;
	return bpf_map_update_elem(fd, &zero, &c, BPF_ANY);
}

static uint32_t
prog_id(int fd)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &len) < 0)
		return 0;
	return info.id;
}

uint32_t
guard_attached_id(const char *ifname)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, q);
	int ifindex;

	if ((ifindex = (int)if_nametoindex(ifname)) == 0 ||
	    bpf_xdp_query(ifindex, 0, &q) < 0)
		return 0;
	return q.drv_prog_id != 0 ? q.drv_prog_id : q.skb_prog_id;
}

int
guard_attach(struct guard *g, const char *ifname, enum nc_xdp_mode mode,
    char *why, size_t len)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, q);
	__u32 flags, other;
	int ifindex;

	if (mode != NC_XDP_NATIVE && mode != NC_XDP_GENERIC) {
		snprintf(why, len, "mode %s", nodeconf_xdp_mode_name(mode));
		return -1;
	}
	if ((ifindex = (int)if_nametoindex(ifname)) == 0) {
		snprintf(why, len, "no interface %s", ifname);
		return -1;
	}
	flags = mode == NC_XDP_NATIVE ? XDP_FLAGS_DRV_MODE : XDP_FLAGS_SKB_MODE;
	other = mode == NC_XDP_NATIVE ? XDP_FLAGS_SKB_MODE : XDP_FLAGS_DRV_MODE;
	/* Whatever is there in the other mode goes first: one program. */
	if (bpf_xdp_query(ifindex, 0, &q) == 0 &&
	    (mode == NC_XDP_NATIVE ? q.skb_prog_id : q.drv_prog_id) != 0 &&
	    bpf_xdp_detach(ifindex, other, NULL) < 0) {
		snprintf(why, len, "cannot detach the XDP program on %s: %s",
		    ifname, strerror(errno));
		return -1;
	}
	/* Without XDP_FLAGS_UPDATE_IF_NOEXIST: replaces one in this mode. */
	if (bpf_xdp_attach(ifindex, guard_prog_fd(g), flags, NULL) < 0) {
		snprintf(why, len, "cannot attach %s XDP to %s: %s",
		    nodeconf_xdp_mode_name(mode), ifname, errno == EOPNOTSUPP ?
		    "the driver has no native XDP" : strerror(errno));
		return -1;
	}
	if (g->ifindex != 0 && g->ifindex != ifindex)
		guard_detach(g);
	g->ifindex = ifindex;
	g->mode = mode;
	g->prog_id = prog_id(guard_prog_fd(g));
	snprintf(g->ifname, sizeof(g->ifname), "%s", ifname);
	return 0;
}

void
guard_detach(struct guard *g)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, q);

	if (g->ifindex == 0)
		return;
	/* Only our own program: another may have replaced it since. */
	if (bpf_xdp_query(g->ifindex, 0, &q) == 0) {
		if (q.drv_prog_id == g->prog_id)
			bpf_xdp_detach(g->ifindex, XDP_FLAGS_DRV_MODE, NULL);
		if (q.skb_prog_id == g->prog_id)
			bpf_xdp_detach(g->ifindex, XDP_FLAGS_SKB_MODE, NULL);
	}
	g->ifindex = 0;
	g->mode = NC_XDP_OFF;
}

enum nc_xdp_mode
guard_mode(const struct guard *g)
{
	return g == NULL || g->ifindex == 0 ? NC_XDP_OFF : g->mode;
}

const char *
guard_ifname(const struct guard *g)
{
	return g->ifname;
}

int
guard_read_reasons(struct guard *g, struct guard_count *out)
{
	int ncpu = libbpf_num_possible_cpus(), fd, c;
	struct guard_count *v;
	__u32 r;

	if (ncpu <= 0 || (v = calloc((size_t)ncpu, sizeof(*v))) == NULL)
		return -1;
	fd = bpf_map__fd(g->skel->maps.reasons);
	for (r = 0; r < GR_NREASONS; r++) {
		out[r].packets = out[r].bytes = 0;
		if (bpf_map_lookup_elem(fd, &r, v) < 0)
			continue;
		for (c = 0; c < ncpu; c++) {
			out[r].packets += v[c].packets;
			out[r].bytes += v[c].bytes;
		}
	}
	free(v);
	return 0;
}

int
guard_queries_fd(const struct guard *g)
{
	return bpf_map__fd(g->skel->maps.queries);
}

int
guard_qcommon_fd(const struct guard *g)
{
	return bpf_map__fd(g->skel->maps.qcommon);
}
