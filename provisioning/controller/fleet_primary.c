/* fleet_primary.c: the distribution primary's NSD keys and per-tenant patterns (notify:, provide-xfr:) for the nodes each tenant is placed on. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <string.h>

#include "errbuf.h"
#include "fleet.h"
#include "fleet_primary.h"
#include "fleet_render.h"

static int
wanted(const struct fleet_tenant *tn, const char *tenant)
{
	return tenant == NULL || strcmp(tn->name, tenant) == 0;
}

/* Tenant i's key name was printed for an earlier tenant: -1 (and the
 * other tenant in *prev) when with another algorithm or secret. */
static int
key_seen(const struct fleet *fl, int i, const char *tenant,
    const struct fleet_tenant **prev)
{
	const struct fleet_tenant *tn = &fl->tenants[i], *o;
	const char *alg = tn->tsig_alg ? tn->tsig_alg : "hmac-sha256";
	int j;

	for (j = 0; j < i; j++) {
		o = &fl->tenants[j];
		if (!wanted(o, tenant) || strcmp(o->tsig_name, tn->tsig_name))
			continue;
		*prev = o;
		if (strcmp(o->tsig_secret, tn->tsig_secret) != 0 ||
		    strcmp(o->tsig_alg ? o->tsig_alg : "hmac-sha256", alg))
			return -1;
		return 1;
	}
	return 0;
}

static void
print_key(FILE *out, const struct fleet_tenant *tn)
{
	fputs("\nkey:\n", out);
	fprintf(out, "\tname: \"%s\"\n", tn->tsig_name);
	fprintf(out, "\talgorithm: %s\n", tn->tsig_alg ? tn->tsig_alg :
	    "hmac-sha256");
	fprintf(out, "\tsecret: \"%s\"\n", tn->tsig_secret);
}

static void
print_zones(FILE *out, const struct fleet_tenant *tn)
{
	int i;

	fprintf(out, "\n# tenant %s:", tn->name);
	if (tn->catalog != NULL)
		fprintf(out, " catalog %s", tn->catalog);
	for (i = 0; i < tn->nzones; i++)
		fprintf(out, " %s", tn->zones[i]);
	fputc('\n', out);
}

/*
 * One node's lines: NOTIFY to its uplink addresses of the primary's
 * family (the node admits NOTIFY from the primary's address only),
 * transfers from each of its uplink addresses.  How many NOTIFY
 * targets it has.
 */
static int
print_node(FILE *out, const struct fleet_tenant *tn,
    const struct fleet_node *n)
{
	char buf[ADDR_STRLEN];
	int i, found = 0;

	if (n->nuplink_addrs > 0)
		fprintf(out, "\t# node %s\n", n->name);
	for (i = 0; i < n->nuplink_addrs; i++) {
		addr_fmt(&n->uplink_addrs[i], buf, 0);
		if (n->uplink_addrs[i].af == tn->primary.af) {
			found++;
			if (tn->opt[FT_NOTIFY_PORT] != 0)
				fprintf(out, "\tnotify: %s@%u %s\n", buf,
				    tn->opt[FT_NOTIFY_PORT], tn->tsig_name);
		}
		fprintf(out, "\tprovide-xfr: %s %s\n", buf, tn->tsig_name);
	}
	return found;
}

static void
print_pattern(FILE *out, const struct fleet *fl,
    const struct fleet_tenant *tn, FILE *warnf)
{
	const char *fam = tn->primary.af == AF_INET ? "IPv4" : "IPv6";
	char buf[ADDR_STRLEN], why[256];
	int i;

	print_zones(out, tn);
	fputs("pattern:\n", out);
	fprintf(out, "\tname: \"" FLEET_PRIMARY_PATTERN "%s\"\n", tn->name);
	/* The nodes accept NOTIFY only from the tenant's primary: */
	fprintf(out, "\toutgoing-interface: %s\n",
	    addr_fmt(&tn->primary, buf, 0));
	if (tn->opt[FT_NOTIFY_PORT] == 0)
		fputs("\t# no notify-port: the nodes learn of a change at the "
		    "SOA refresh\n", out);
	for (i = 0; i < fl->nnodes; i++) {
		const struct fleet_node *n = &fl->nodes[i];

		if (fleet_place(n, tn, why, sizeof(why)) != FLEET_PLACED) {
			fprintf(out, "\t# not node %s: %s\n", n->name, why);
			continue;
		}
		if (print_node(out, tn, n) > 0)
			continue;
		fprintf(out, "\t# node %s: no %s uplink-address: no NOTIFY%s\n",
		    n->name, fam, n->nuplink_addrs ? "" : ", no transfer");
		if (warnf != NULL)
			fprintf(warnf, "outpostctl: tenant %s: node %s has no "
			    "%s uplink-address: it gets no NOTIFY from %s%s\n",
			    tn->name, n->name, fam, buf, n->nuplink_addrs ?
			    "" : " and may not transfer");
	}
}

int
fleet_primary(FILE *out, const struct fleet *fl, const char *tenant,
    FILE *warnf, char *err, size_t errlen)
{
	const struct fleet_tenant *prev;
	int i;

	if (tenant != NULL && fleet_tenant(fl, tenant) == NULL)
		return errorf(err, errlen, "no tenant %s", tenant);
	/* Nothing is written when the keys disagree. */
	for (i = 0; i < fl->ntenants; i++)
		if (wanted(&fl->tenants[i], tenant) &&
		    key_seen(fl, i, tenant, &prev) < 0)
			return errorf(err, errlen, "tenants '%s' and '%s' "
			    "name TSIG key %s with different secrets",
			    prev->name, fl->tenants[i].name,
			    fl->tenants[i].tsig_name);
	fputs("# The distribution primary's TSIG keys and NOTIFY and transfer "
	    "lists, rendered\n# from the fleet file by outpostctl primary: "
	    "change the fleet file, not this.\n# A zone of tenant NAME "
	    "includes pattern \"" FLEET_PRIMARY_PATTERN "NAME\" (zone: "
	    "include-pattern:,\n# or nsd-control addzone ZONE "
	    FLEET_PRIMARY_PATTERN "NAME).\n", out);
	for (i = 0; i < fl->ntenants; i++)
		if (wanted(&fl->tenants[i], tenant) &&
		    key_seen(fl, i, tenant, &prev) == 0)
			print_key(out, &fl->tenants[i]);
	for (i = 0; i < fl->ntenants; i++)
		if (wanted(&fl->tenants[i], tenant))
			print_pattern(out, fl, &fl->tenants[i], warnf);
	return 0;
}
