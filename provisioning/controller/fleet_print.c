/* fleet_print.c: the fleet file's printer: the normalised file, which parses again to the same print. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>

#include "cfgval.h"
#include "fleet.h"

static void
print_label(FILE *f, const char *key, const struct fleet_label *l)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%s=%s", l->key, l->value);
	cfg_print_kv(f, key, buf);
}

void
fleet_print_tenant_addrs(FILE *f, const struct fleet_tenant *tn)
{
	int i;

	for (i = 0; i < tn->nprefixes; i++)
		cfgval_print_addr(f, "prefix", &tn->prefixes[i], 1);
	for (i = 0; i < tn->naddrs; i++)
		cfgval_print_addr(f, "address", &tn->addrs[i], 0);
}

void
fleet_print_tenant_opts(FILE *f, const struct fleet_tenant *tn)
{
	char buf[32];
	int i;

	for (i = 0; i < tn->ncommunities; i++)
		cfg_print_kv(f, "community", tn->communities[i]);
	for (i = FT_PRIMARY_PORT + 1; i < FT_NOPTS; i++) {
		if (tn->opt[i] == 0)
			continue;
		fleet_tenant_opt_fmt(i, tn->opt[i], buf, sizeof(buf));
		cfg_print_kv(f, fleet_tenant_opt_name(i), buf);
	}
	if (tn->dnssec != NC_DNSSEC_UNSET)
		cfg_print_kv(f, "dnssec", tn->dnssec == NC_DNSSEC_VALIDATE ?
		    "validate" : "unsigned");
	if (tn->dnssec_margin != 0)
		cfgval_print_duration(f, "dnssec-margin", tn->dnssec_margin);
	for (i = 0; i < tn->ndnssec_warnings; i++)
		cfgval_print_duration(f, "dnssec-warning",
		    tn->dnssec_warnings[i]);
	for (i = 0; i < tn->nanchors; i++)
		cfg_print_kv(f, "trust-anchor", tn->anchors[i]);
}

void
fleet_print_node_net(FILE *f, const struct fleet_node *n)
{
	int i;

	if (n->nsid != NULL)
		cfg_print_kv(f, "nsid", n->nsid);
	cfg_print_kv(f, "uplink", n->uplink);
	for (i = 0; i < n->nuplink_addrs; i++)
		cfgval_print_addr(f, "uplink-address", &n->uplink_addrs[i], 1);
	if (n->state_dir != NULL)
		cfg_print_kv(f, "state-dir", n->state_dir);
	if (n->rrl >= 0)
		cfg_print_kv(f, "rrl", n->rrl ? "yes" : "no");
}

void
fleet_print_node_opts(FILE *f, const struct fleet_node *n, int bgp)
{
	char buf[16];
	int o;

	for (o = 0; o < FN_NOPTS; o++) {
		if (!n->has_opt[o] || (bgp >= 0 && fleet_node_opt_bgp(o) != bgp))
			continue;
		fleet_node_opt_fmt(o, n->opt[o], buf, sizeof(buf));
		cfg_print_kv(f, fleet_node_opt_name(o), buf);
	}
}

static void
print_controller(FILE *f, const struct fleet_controller *c)
{
	fputs("controller:\n", f);
	cfgval_print_addr(f, "listen", &c->listen, 0);
	if (c->port != 0)
		cfgval_print_uint(f, "port", c->port);
	if (c->has_public_addr)
		cfgval_print_addr(f, "public-address", &c->public_addr, 0);
	if (c->public_port != 0)
		cfgval_print_uint(f, "public-port", c->public_port);
	if (c->state_dir != NULL)
		cfg_print_kv(f, "state-dir", c->state_dir);
	if (c->bundle_dir != NULL)
		cfg_print_kv(f, "bundle-dir", c->bundle_dir);
}

static void
print_tenant(FILE *f, const struct fleet_tenant *tn)
{
	int i;

	fputs("tenant:\n", f);
	cfg_print_kv(f, "name", tn->name);
	for (i = 0; i < tn->nplace; i++)
		print_label(f, "place", &tn->place[i]);
	fleet_print_tenant_addrs(f, tn);
	for (i = 0; i < tn->nzones; i++)
		cfg_print_kv(f, "zone", tn->zones[i]);
	if (tn->catalog != NULL)
		cfg_print_kv(f, "catalog", tn->catalog);
	cfgval_print_addr(f, "primary", &tn->primary, 0);
	if (tn->opt[FT_PRIMARY_PORT] != 0)
		cfgval_print_uint(f, "primary-port", tn->opt[FT_PRIMARY_PORT]);
	cfg_print_kv(f, "tsig-name", tn->tsig_name);
	if (tn->tsig_alg != NULL)
		cfg_print_kv(f, "tsig-algorithm", tn->tsig_alg);
	cfg_print_kv(f, "tsig-secret", tn->tsig_secret);
	fleet_print_tenant_opts(f, tn);
}

static void
print_neighbor(FILE *f, const struct nc_neighbor *nb)
{
	fputs("\nneighbor:\n", f);
	cfgval_print_addr(f, "address", &nb->addr, 0);
	cfgval_print_uint(f, "asn", nb->asn);
	if (nb->password != NULL)
		cfg_print_kv(f, "password", nb->password);
	if (nb->bfd >= 0)
		cfg_print_kv(f, "bfd", nb->bfd ? "yes" : "no");
	if (nb->has_hold_time)
		cfgval_print_uint(f, "hold-time", nb->hold_time);
	if (nb->default_route >= 0)
		cfg_print_kv(f, "default-route", nb->default_route ? "yes" :
		    "no");
}

static void
print_node(FILE *f, const struct fleet_node *n)
{
	char buf[300];
	int i;

	fputs("node:\n", f);
	cfg_print_kv(f, "name", n->name);
	for (i = 0; i < n->nlabels; i++)
		print_label(f, "label", &n->labels[i]);
	if (n->identity != NULL)
		cfg_print_kv(f, "identity", n->identity);
	fleet_print_node_net(f, n);
	if (n->asn != 0)
		cfgval_print_uint(f, "asn", n->asn);
	if (n->has_router_id)
		cfgval_print_addr(f, "router-id", &n->router_id, 0);
	fleet_print_node_opts(f, n, -1);
	for (i = 0; i < n->nrefuse; i++) {
		snprintf(buf, sizeof(buf), "%s %s", n->refuse[i].tenant,
		    n->refuse[i].reason);
		cfg_print_kv(f, "refuse", buf);
	}
	for (i = 0; i < n->nneighbors; i++)
		print_neighbor(f, &n->neighbors[i]);
}

void
fleet_print(FILE *f, const struct fleet *fl)
{
	const char *sep = "";
	int i;

	if (fl->ctl.present) {
		print_controller(f, &fl->ctl);
		sep = "\n";
	}
	for (i = 0; i < fl->ntenants; i++, sep = "\n") {
		fputs(sep, f);
		print_tenant(f, &fl->tenants[i]);
	}
	for (i = 0; i < fl->nnodes; i++, sep = "\n") {
		fputs(sep, f);
		print_node(f, &fl->nodes[i]);
	}
}
