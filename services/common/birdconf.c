/* birdconf.c: renders bird.conf from node.conf's bgp:, neighbor: and tenant blocks, deterministically. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "birdconf.h"

/* Seconds: how soon BGP retries after a failed or broken session. */
#define CONNECT_DELAY	1
#define CONNECT_RETRY	5
#define ERROR_WAIT_MIN	1
#define ERROR_WAIT_MAX	10
/* BFD on the uplink: 100 ms x 3 detects a dead peer in about 0.3 s. */
#define BFD_INTERVAL_MS	100
#define BFD_MULTIPLIER	3

/* prefix ("anycast4_") + address with every non-alphanumeric as "_". */
static void
symbol(const char *prefix, const struct addr *a, int with_len,
    char out[BIRDCONF_NAME_MAX])
{
	char buf[ADDR_STRLEN];
	size_t i, n;

	addr_fmt(a, buf, with_len);
	n = (size_t)snprintf(out, BIRDCONF_NAME_MAX, "%s%c_%s", prefix,
	    a->af == AF_INET ? '4' : '6', buf);
	for (i = strlen(prefix) + 2; i < n && out[i] != '\0'; i++)
		if (!isalnum((unsigned char)out[i]))
			out[i] = '_';
}

void
birdconf_neighbor_name(const struct nc_neighbor *n,
    char out[BIRDCONF_NAME_MAX])
{
	symbol("peer", &n->addr, 0, out);
}

static struct birdconf_prefix *
find_prefix(struct birdconf_prefix *v, int n, const struct addr *a)
{
	int i;

	for (i = 0; i < n; i++)
		if (addr_eq(&v[i].prefix, a) && v[i].prefix.plen == a->plen)
			return &v[i];
	return NULL;
}

static void
add_communities(struct birdconf_prefix *p, const struct nc_tenant *tn)
{
	int i, j;

	for (i = 0; i < tn->ncommunities; i++) {
		for (j = 0; j < p->ncommunities; j++)
			if (p->communities[j] == tn->communities[i])
				break;
		if (j == p->ncommunities &&
		    p->ncommunities < BIRDCONF_MAX_COMMUNITIES)
			p->communities[p->ncommunities++] = tn->communities[i];
	}
}

int
birdconf_prefixes(const struct nodeconf *nc, struct birdconf_prefix *out,
    int max)
{
	struct birdconf_prefix *p;
	int i, j, n = 0;

	for (i = 0; i < nc->ntenants; i++) {
		const struct nc_tenant *tn = &nc->tenants[i];

		for (j = 0; j < tn->nprefixes; j++) {
			p = find_prefix(out, n, &tn->prefixes[j]);
			if (p == NULL && n == max)
				continue;
			if (p == NULL) {
				p = &out[n++];
				memset(p, 0, sizeof(*p));
				p->prefix = tn->prefixes[j];
				symbol("anycast", &p->prefix, 1, p->proto);
			}
			if (p->ntenants > 0 &&
			    p->tenants[p->ntenants - 1] == i)
				continue;
			p->tenants[p->ntenants++] = i;
			add_communities(p, tn);
		}
	}
	return n;
}

static int
has_family(const struct birdconf_prefix *v, int n, int af)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i].prefix.af == af)
			return 1;
	return 0;
}

static int
has_neighbor(const struct nc_bgp *b, int af, int default_route)
{
	int i;

	for (i = 0; i < b->nneighbors; i++)
		if (b->neighbors[i].addr.af == af &&
		    (!default_route || b->neighbors[i].default_route))
			return 1;
	return 0;
}

static void
render_header(FILE *f, const struct nodeconf *nc, const char *ctl_dir,
    int live)
{
	char buf[ADDR_STRLEN];

	fprintf(f, "# bird.conf for %s, rendered by outpost from node.conf: "
	    "do not edit.\n", nc->identity);
	if (live)
		fprintf(f, "# Live: by outpost-gate, each anycast protocol "
		    "enabled or disabled as it is now.\n");
	if (ctl_dir != NULL)
		fprintf(f, "# Control socket: %s/%s (bird -s); outpost-gate "
		    "enables and disables the anycast protocols there.\n",
		    ctl_dir, BIRDCONF_CTL_SOCK);
	fprintf(f, "\nlog stderr all;\n");
	fprintf(f, "timeformat protocol iso long;\n");
	if (nc->bgp.has_router_id)
		fprintf(f, "router id %s;\n", addr_fmt(&nc->bgp.router_id,
		    buf, 0));
	fprintf(f, "\nprotocol device {\n\tscan time 10;\n}\n");
}

static void
render_set(FILE *f, const struct birdconf_prefix *v, int n, int af)
{
	char buf[ADDR_STRLEN];
	const char *sep = "";
	int i;

	if (!has_family(v, n, af))
		return;
	fprintf(f, "\tif net.type = %s then return net ~ [ ",
	    af == AF_INET ? "NET_IP4" : "NET_IP6");
	for (i = 0; i < n; i++)
		if (v[i].prefix.af == af) {
			fprintf(f, "%s%s", sep, addr_fmt(&v[i].prefix, buf, 1));
			sep = ", ";
		}
	fprintf(f, " ];\n");
}

/*
 * The only routes BGP may carry out: the anycast prefixes, exactly, as
 * originated by the anycast static protocols.  Nothing else reaches the
 * tables (no kernel protocol imports), and this rejects it all the same.
 */
static void
render_filter(FILE *f, const struct birdconf_prefix *v, int n)
{
	fprintf(f, "\n# The configured anycast prefixes, exactly.\n"
	    "function outpost_anycast()\n{\n");
	render_set(f, v, n, AF_INET);
	render_set(f, v, n, AF_INET6);
	fprintf(f, "\treturn false;\n}\n");
	fprintf(f, "\nfilter outpost_export\n{\n"
	    "\tif source != RTS_STATIC then reject;\n"
	    "\tif proto !~ \"anycast*\" then reject;\n"
	    "\tif !outpost_anycast() then reject;\n"
	    "\taccept;\n}\n");
}

static void
render_static(FILE *f, const struct nodeconf *nc,
    const struct birdconf_prefix *p, int enabled)
{
	char buf[ADDR_STRLEN];
	int i;

	fprintf(f, "\n# Tenant%s", p->ntenants > 1 ? "s" : "");
	for (i = 0; i < p->ntenants; i++)
		fprintf(f, "%s %s", i ? "," : "",
		    nc->tenants[p->tenants[i]].name);
	fprintf(f, ": outpost-gate enables it while %s healthy.\n",
	    p->ntenants > 1 ? "all are" : "it is");
	fprintf(f, "protocol static %s {\n%s\t%s;\n", p->proto,
	    enabled ? "" : "\tdisabled;\n",
	    p->prefix.af == AF_INET ? "ipv4" : "ipv6");
	fprintf(f, "\troute %s blackhole", addr_fmt(&p->prefix, buf, 1));
	if (p->ncommunities == 0) {
		fprintf(f, ";\n}\n");
		return;
	}
	fprintf(f, " {\n");
	for (i = 0; i < p->ncommunities; i++)
		fprintf(f, "\t\tbgp_community.add((%u, %u));\n",
		    p->communities[i] >> 16, p->communities[i] & 0xffff);
	fprintf(f, "\t};\n}\n");
}

static void
render_bfd(FILE *f, const struct nodeconf *nc)
{
	char buf[ADDR_STRLEN];
	int i;

	for (i = 0; i < nc->bgp.nneighbors; i++)
		if (nc->bgp.neighbors[i].bfd)
			break;
	if (i == nc->bgp.nneighbors)
		return;
	fprintf(f, "\nprotocol bfd outpost_bfd {\n"
	    "\tinterface \"%s\" {\n"
	    "\t\tmin rx interval %d ms;\n"
	    "\t\tmin tx interval %d ms;\n"
	    "\t\tidle tx interval 1 s;\n"
	    "\t\tmultiplier %d;\n"
	    "\t};\n", nc->uplink, BFD_INTERVAL_MS, BFD_INTERVAL_MS,
	    BFD_MULTIPLIER);
	/*
	 * A session of BIRD's BGP lives only as long as that protocol: each
	 * restart after a Cease gave a new discriminator, which the router,
	 * still Up on the old one, drops until it times out, and drops the
	 * BGP session again. Sessions declared here outlive BGP restarts.
	 */
	fprintf(f, "\t# Held here, so a BGP restart keeps the session's "
	    "discriminator.\n");
	for (i = 0; i < nc->bgp.nneighbors; i++)
		if (nc->bgp.neighbors[i].bfd)
			fprintf(f, "\tneighbor %s dev \"%s\";\n",
			    addr_fmt(&nc->bgp.neighbors[i].addr, buf, 0),
			    nc->uplink);
	fprintf(f, "}\n");
}

/* Only where a neighbour gives a default route: that route, nothing else. */
static void
render_kernel(FILE *f, const struct nodeconf *nc, int af)
{
	int v4 = af == AF_INET;

	if (!has_neighbor(&nc->bgp, af, 1))
		return;
	fprintf(f, "\nprotocol kernel kernel%c {\n"
	    "\t%s {\n"
	    "\t\timport none;\n"
	    "\t\texport where source = RTS_BGP && net = %s;\n"
	    "\t};\n}\n", v4 ? '4' : '6', v4 ? "ipv4" : "ipv6",
	    v4 ? "0.0.0.0/0" : "::/0");
}

static void
render_neighbor(FILE *f, const struct nodeconf *nc,
    const struct nc_neighbor *n)
{
	char name[BIRDCONF_NAME_MAX], buf[ADDR_STRLEN];
	int v4 = n->addr.af == AF_INET;

	birdconf_neighbor_name(n, name);
	fprintf(f, "\nprotocol bgp %s {\n", name);
	fprintf(f, "\tlocal as %u;\n", nc->bgp.asn);
	fprintf(f, "\tneighbor %s as %u;\n", addr_fmt(&n->addr, buf, 0),
	    n->asn);
	if (n->password != NULL)
		fprintf(f, "\tpassword \"%s\";\n", n->password);
	if (n->bfd)
		fprintf(f, "\tbfd on;\n");
	fprintf(f, "\thold time %u;\n", n->hold_time);
	fprintf(f, "\tconnect delay time %d;\n", CONNECT_DELAY);
	fprintf(f, "\tconnect retry time %d;\n", CONNECT_RETRY);
	fprintf(f, "\terror wait time %d, %d;\n", ERROR_WAIT_MIN,
	    ERROR_WAIT_MAX);
	fprintf(f, "\tgraceful restart off;\n");
	fprintf(f, "\t%s {\n", v4 ? "ipv4" : "ipv6");
	if (n->default_route)
		fprintf(f, "\t\timport where net = %s;\n",
		    v4 ? "0.0.0.0/0" : "::/0");
	else
		fprintf(f, "\t\timport none;\n");
	fprintf(f, "\t\texport filter outpost_export;\n\t};\n}\n");
}

static void
render_unreachable(FILE *f, const struct nodeconf *nc,
    const struct birdconf_prefix *v, int n)
{
	if (has_family(v, n, AF_INET) && !has_neighbor(&nc->bgp, AF_INET, 0))
		fprintf(f, "\n# No IPv4 neighbor: the IPv4 prefixes are "
		    "announced to nobody.\n");
	if (has_family(v, n, AF_INET6) && !has_neighbor(&nc->bgp, AF_INET6, 0))
		fprintf(f, "\n# No IPv6 neighbor: the IPv6 prefixes are "
		    "announced to nobody.\n");
}

int
birdconf_render(FILE *f, const struct nodeconf *nc, const char *ctl_dir)
{
	return birdconf_render_live(f, nc, ctl_dir, NULL, NULL);
}

int
birdconf_render_live(FILE *f, const struct nodeconf *nc, const char *ctl_dir,
    int (*enabled)(const char *proto, void *arg), void *arg)
{
	struct birdconf_prefix *v;
	int i, n;

	if ((v = calloc(BIRDCONF_MAX_PREFIXES, sizeof(*v))) == NULL)
		return -1;
	n = birdconf_prefixes(nc, v, BIRDCONF_MAX_PREFIXES);
	render_header(f, nc, ctl_dir, enabled != NULL);
	render_filter(f, v, n);
	for (i = 0; i < n; i++)
		render_static(f, nc, &v[i],
		    enabled != NULL && enabled(v[i].proto, arg));
	render_bfd(f, nc);
	render_kernel(f, nc, AF_INET);
	render_kernel(f, nc, AF_INET6);
	for (i = 0; i < nc->bgp.nneighbors; i++)
		render_neighbor(f, nc, &nc->bgp.neighbors[i]);
	render_unreachable(f, nc, v, n);
	free(v);
	fflush(f);
	return ferror(f) ? -1 : 0;
}
