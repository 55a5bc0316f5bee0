/* nsdconf.c: renders a tenant's nsd.conf: secondary zones with TSIG, identity, NSID, RRL, servers per CPU. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <stdio.h>
#include <string.h>

#include "nsdconf.h"
#include "nsdverify.h"

/*
 * With a notify-port, NSD listens on each uplink address at that port
 * too: the primary's NOTIFY reaches this node there, not only the node
 * the anycast routing prefers.  allow-notify still admits only the
 * primary.  Transfers need nothing more: request-xfr's socket is bound
 * to no address, so the kernel sends it from the uplink address on the
 * route to the primary, which the primary's provide-xfr admits.
 */
static void
render_notify_addrs(FILE *f, const struct nodeconf *nc,
    const struct nc_tenant *tn)
{
	char buf[ADDR_STRLEN];
	int i;

	if (tn->notify_port == 0)
		return;
	for (i = 0; i < nc->nuplink_addrs; i++)
		fprintf(f, "\tip-address: %s@%u\n",
		    addr_fmt(&nc->uplink_addrs[i], buf, 0), tn->notify_port);
}

/*
 * A catalog tenant's NSD takes addzone and delzone from the catalog worker
 * (catalog.c) on a local socket in its data directory, without TLS;
 * others have no remote control.
 */
static void
render_control(FILE *f, const struct nc_tenant *tn)
{
	fputs("\nremote-control:\n", f);
	if (tn->catalog == NULL) {
		fputs("\tcontrol-enable: no\n", f);
		return;
	}
	fputs("\tcontrol-enable: yes\n", f);
	fputs("\tcontrol-interface: \"" NSD_DATA_DIR "/" NSD_CONTROL_SOCK
	    "\"\n", f);
}

/*
 * One server process per CPU of the tenant's, each with its own sockets
 * (reuseport: the kernel spreads queries over them) and pinned to its
 * CPU; with fewer servers than CPUs (a cpu-quota), the servers share the
 * set.  xfrd and the main process may run on any CPU of the set.
 */
static void
render_cpus(FILE *f, const struct tenant_cpus *tc)
{
	int i, n = cpuset_count(&tc->set);

	fprintf(f, "\tserver-count: %d\n", tc->nservers);
	fputs("\treuseport: yes\n", f);
	if (n == 0)
		return;
	fputs("\tcpu-affinity:", f);
	for (i = 0; i < n; i++)
		fprintf(f, " %d", cpuset_nth(&tc->set, i));
	fputc('\n', f);
	if (tc->nservers != n)
		return;
	for (i = 0; i < n; i++)
		fprintf(f, "\tserver-%d-cpu-affinity: %d\n", i + 1,
		    cpuset_nth(&tc->set, i));
}

/*
 * Memory: NSD's RRL table is a shared mapping per server process of
 * rrl-size buckets (NSD's default of 1,000,000 is 32 MB each, most of a
 * small tenant's memory); the node.conf default is 10,000, the XDP guard
 * in front rate-limiting per source already.  xfrd's outgoing transfer
 * sockets, 32 instead of 128, as nsd.conf(5) suggests for a small
 * footprint.
 */
static void
render_memory(FILE *f, const struct nc_tenant *tn)
{
	fprintf(f, "\trrl-size: %u\n", tn->rrl_size);
	fputs("\txfrd-tcp-max: 32\n", f);
}

static void
render_server(FILE *f, const struct nodeconf *nc, const struct nc_tenant *tn,
    const struct tenant_cpus *tc)
{
	char buf[ADDR_STRLEN], nsid[2 * 129 + 1];
	int i;

	nodeconf_nsid_hex(nc, nsid, sizeof(nsid));
	fputs("server:\n", f);
	for (i = 0; i < tn->naddrs; i++)
		fprintf(f, "\tip-address: %s\n", addr_fmt(&tn->addrs[i], buf, 0));
	render_notify_addrs(f, nc, tn);
	/* Bind even while an address is not configured yet (DAD, netcfg). */
	fputs("\tip-freebind: yes\n", f);
	render_cpus(f, tc);
	fputs("\tusername: \"\"\n", f);
	fputs("\tchroot: \"\"\n", f);
	fputs("\tpidfile: \"\"\n", f);
	fputs("\tzonesdir: \"" NSD_DATA_DIR "\"\n", f);
	/* No nsd.db: it does not survive a SIGKILL.  Transferred zones go
	 * to their zone files within a second, so that a restarted tenant
	 * serves its last zone before (or without) its primary answering. */
	fputs("\tdatabase: \"\"\n", f);
	fputs("\tzonefiles-write: 1\n", f);
	fputs("\txfrdfile: \"" NSD_DATA_DIR "/xfrd.state\"\n", f);
	fputs("\tzonelistfile: \"" NSD_DATA_DIR "/zone.list\"\n", f);
	/* Transfers are staged on the tenant's own disk, not in a small
	 * tmpfs: a TLD's AXFR is hundreds of MB.  NSD makes the directory
	 * (mode 0750, the tenant's uid) and its nsd-xfr-PID below it. */
	fputs("\txfrdir: \"" NSD_DATA_DIR "/xfr\"\n", f);
	/* Serve a transferred zone at once (NSD waits 1 s by default). */
	fputs("\txfrd-reload-timeout: 0\n", f);
	fprintf(f, "\tidentity: \"%s\"\n", nc->identity);
	fprintf(f, "\tnsid: \"%s\"\n", nsid);
	fputs("\thide-identity: no\n", f);
	fputs("\thide-version: yes\n", f);
	fputs("\trefuse-any: yes\n", f);
	fputs("\tverbosity: 1\n", f);
	fputs("\ttcp-count: 256\n", f);
	if (nc->rrl)
		fprintf(f, "\trrl-ratelimit: %u\n", nc->rrl_rate);
	else
		fputs("\trrl-ratelimit: 0\n", f);
	render_memory(f, tn);
	render_control(f, tn);
}

static void
render_key(FILE *f, const struct nc_tenant *tn)
{
	fputs("\nkey:\n", f);
	fprintf(f, "\tname: \"%s\"\n", tn->tsig_name);
	fprintf(f, "\talgorithm: %s\n", tn->tsig_alg);
	fprintf(f, "\tsecret: \"%s\"\n", tn->tsig_secret);
}

/* File name of a zone's data under NSD_DATA_DIR: "root" for ".". */
static void
zone_file(const char *zone, char *buf, size_t len)
{
	if (strcmp(zone, ".") == 0)
		snprintf(buf, len, "root.zone");
	else
		snprintf(buf, len, "%.*szone", (int)strlen(zone), zone);
}

static void
render_zone(FILE *f, const struct nc_tenant *tn, const char *zone)
{
	char prim[ADDR_STRLEN], file[300];

	addr_fmt(&tn->primary, prim, 0);
	zone_file(zone, file, sizeof(file));
	fputs("\nzone:\n", f);
	fprintf(f, "\tname: \"%s\"\n", zone);
	fprintf(f, "\tzonefile: \"%s\"\n", file);
	fprintf(f, "\trequest-xfr: %s@%u %s\n", prim, tn->primary_port,
	    tn->tsig_name);
	fprintf(f, "\tallow-notify: %s %s\n", prim, tn->tsig_name);
	if (zone != tn->catalog)
		nsdverify_render_zone(f, tn, zone);
}

/*
 * A catalog tenant: its members come from the primary as its zones do
 * (the pattern the worker's addzone names), and the catalog zone itself
 * may be transferred from loopback only, where the worker reads it.
 */
static void
render_catalog(FILE *f, const struct nc_tenant *tn)
{
	char prim[ADDR_STRLEN];

	addr_fmt(&tn->primary, prim, 0);
	fprintf(f, "\tprovide-xfr: 127.0.0.1 %s\n", tn->tsig_name);
	fprintf(f, "\tprovide-xfr: ::1 %s\n", tn->tsig_name);
	fputs("\npattern:\n", f);
	fprintf(f, "\tname: \"%s\"\n", NSD_MEMBER_PATTERN);
	fputs("\tzonefile: \"%szone\"\n", f);
	fprintf(f, "\trequest-xfr: %s@%u %s\n", prim, tn->primary_port,
	    tn->tsig_name);
	fprintf(f, "\tallow-notify: %s %s\n", prim, tn->tsig_name);
	nsdverify_render_zone(f, tn, NULL);
}

void
nsdconf_render(FILE *f, const struct nodeconf *nc, const struct nc_tenant *tn,
    const struct tenant_cpus *tc, int slot)
{
	int i;

	fprintf(f, "# nsd.conf of tenant %s, written by outpost-node: "
	    "edit node.conf instead\n", tn->name);
	render_server(f, nc, tn, tc);
	nsdverify_render_clause(f, nc, tn, slot);
	render_key(f, tn);
	for (i = 0; i < tn->nzones; i++) {
		render_zone(f, tn, tn->zones[i]);
		if (tn->zones[i] == tn->catalog)
			render_catalog(f, tn);
	}
}
