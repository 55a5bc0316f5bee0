/* fleet_render.c: placement of tenants on nodes by labels and refusals, and each node's node.conf text. */
/* SPDX-License-Identifier: ISC */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "cfgval.h"
#include "errbuf.h"
#include "fleet_render.h"
#include "nodeconf.h"

enum fleet_fit
fleet_place(const struct fleet_node *n, const struct fleet_tenant *tn,
    char *why, size_t len)
{
	const struct fleet_label *p;
	const char *v, *reason;
	int i;

	for (i = 0; i < tn->nplace; i++) {
		p = &tn->place[i];
		v = fleet_label(n, p->key);
		if (v != NULL && fnmatch(p->value, v, 0) == 0)
			continue;
		if (v == NULL)
			snprintf(why, len, "labels do not match: place: %s=%s "
			    "(the node has no label %s)", p->key, p->value,
			    p->key);
		else
			snprintf(why, len, "labels do not match: place: %s=%s "
			    "(the node has %s=%s)", p->key, p->value, p->key, v);
		return FLEET_LABELS;
	}
	if ((reason = fleet_refusal(n, tn->name)) != NULL) {
		snprintf(why, len, "refused by the host: %s", reason);
		return FLEET_REFUSED;
	}
	snprintf(why, len, "placed");
	return FLEET_PLACED;
}

static void
render_node(FILE *f, const struct fleet_node *n)
{
	fputs("node:\n", f);
	cfg_print_kv(f, "identity", n->identity ? n->identity : n->name);
	fleet_print_node_net(f, n);
	fleet_print_node_opts(f, n, 0);
}

static void
render_neighbor(FILE *f, const struct nc_neighbor *nb)
{
	fputs("\nneighbor:\n", f);
	cfgval_print_addr(f, "address", &nb->addr, 0);
	cfgval_print_uint(f, "asn", nb->asn);
	if (nb->password != NULL)
		cfg_print_kv(f, "password", nb->password);
	if (nb->has_hold_time)
		cfgval_print_uint(f, "hold-time", nb->hold_time);
	if (nb->bfd >= 0)
		cfg_print_kv(f, "bfd", nb->bfd ? "yes" : "no");
	if (nb->default_route >= 0)
		cfg_print_kv(f, "default-route", nb->default_route ? "yes" :
		    "no");
}

static void
render_bgp(FILE *f, const struct fleet_node *n)
{
	int i;

	if (n->asn == 0)
		return;
	fputs("\nbgp:\n", f);
	cfgval_print_uint(f, "asn", n->asn);
	if (n->has_router_id)
		cfgval_print_addr(f, "router-id", &n->router_id, 0);
	fleet_print_node_opts(f, n, 1);
	for (i = 0; i < n->nneighbors; i++)
		render_neighbor(f, &n->neighbors[i]);
}

/* A catalog tenant: catalog: in node.conf (the node's catalog worker
 * serves its members). */
static void
render_tenant_catalog(FILE *f, const struct fleet_tenant *tn)
{
	if (tn->catalog != NULL)
		cfg_print_kv(f, "catalog", tn->catalog);
}

static void
render_tenant(FILE *f, const struct fleet_tenant *tn)
{
	int i;

	fputs("\ntenant:\n", f);
	cfg_print_kv(f, "name", tn->name);
	fleet_print_tenant_addrs(f, tn);
	for (i = 0; i < tn->nzones; i++)
		cfg_print_kv(f, "zone", tn->zones[i]);
	render_tenant_catalog(f, tn);
	cfgval_print_addr(f, "primary", &tn->primary, 0);
	if (tn->opt[FT_PRIMARY_PORT] != 0)
		cfgval_print_uint(f, "primary-port", tn->opt[FT_PRIMARY_PORT]);
	cfg_print_kv(f, "tsig-name", tn->tsig_name);
	cfg_print_kv(f, "tsig-algorithm", tn->tsig_alg ? tn->tsig_alg :
	    "hmac-sha256");
	cfg_print_kv(f, "tsig-secret", tn->tsig_secret);
	fleet_print_tenant_opts(f, tn);
}

/* The text as it is written; NULL with err when a tenant cannot be. */
static char *
render_text(const struct fleet *fl, const struct fleet_node *n, size_t *len,
    char *err, size_t errlen)
{
	char why[256];
	char *buf = NULL;
	FILE *f;
	int i;

	if ((f = open_memstream(&buf, len)) == NULL) {
		errorf(err, errlen, "out of memory");
		return NULL;
	}
	fprintf(f, "# node.conf of node %s, rendered from the fleet file by "
	    "outpostctl: change the fleet file, not this.\n\n", n->name);
	render_node(f, n);
	render_bgp(f, n);
	for (i = 0; i < fl->ntenants; i++)
		if (fleet_place(n, &fl->tenants[i], why, sizeof(why)) ==
		    FLEET_PLACED)
			render_tenant(f, &fl->tenants[i]);
	if (fclose(f) != 0) {
		free(buf);
		errorf(err, errlen, "out of memory");
		return NULL;
	}
	return buf;
}

char *
fleet_render(const struct fleet *fl, const struct fleet_node *n, char *err,
    size_t errlen)
{
	struct nodeconf *nc;
	char *text, *msgs = NULL, *nl;
	size_t len, mlen = 0;
	FILE *ef;

	if ((text = render_text(fl, n, &len, err, errlen)) == NULL)
		return NULL;
	/* What goes out must load on the node: the node's own parser says. */
	if ((ef = open_memstream(&msgs, &mlen)) == NULL) {
		free(text);
		errorf(err, errlen, "out of memory");
		return NULL;
	}
	nc = nodeconf_load_buf("node.conf", text, len, ef);
	fclose(ef);
	if (nc == NULL) {
		if (msgs != NULL && (nl = strchr(msgs, '\n')) != NULL)
			*nl = '\0';
		errorf(err, errlen, "its node.conf would not load: %s",
		    msgs && *msgs ? msgs : "out of memory");
		free(msgs);
		free(text);
		return NULL;
	}
	nodeconf_free(nc);
	free(msgs);
	return text;
}

int
fleet_render_all(const struct fleet *fl, const char *path, FILE *errf)
{
	char err[600], *text;
	int i, bad = 0;

	for (i = 0; i < fl->nnodes; i++) {
		const struct fleet_node *n = &fl->nodes[i];

		if ((text = fleet_render(fl, n, err, sizeof(err))) == NULL) {
			bad++;
			if (errf != NULL)
				fprintf(errf, "%s:%d:1: node '%s': cannot "
				    "render node.conf: %s\n", path, n->line,
				    n->name, err);
		}
		free(text);
	}
	return bad;
}
