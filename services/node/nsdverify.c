/* nsdverify.c: the DNSSEC guard's part of a tenant's nsd.conf: NSD runs the validator on every transferred zone before serving it. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>

#include "nsdverify.h"

/*
 * NSD 4.6 verifies a zone received by transfer (not a zone file it
 * reloads) before serving it: it feeds the new version to the verifier on
 * stdin and serves it only when the verifier exits 0; otherwise, and when
 * it runs past verifier-timeout (it is killed), the update is discarded
 * and the last good version keeps being served.  kzonecheck -d on checks
 * every signature against the zone's DNSKEY set and the NSEC/NSEC3 chain;
 * with -t +MARGIN it checks them at now + margin, so that a signature
 * expiring within the margin fails as an expired one.
 *
 * NSD also serves the zone under verification on the verify: addresses,
 * for verifiers that query it.  Containers share the node's network
 * namespace: each tenant gets an address of its own on loopback, never
 * reachable from outside, and no tenant can see another's unverified zone
 * by a port clash.
 */
int
nsdverify_addr(const struct nodeconf *nc, const struct nc_tenant *tn,
    unsigned char addr[4])
{
	if (tn->dnssec != NC_DNSSEC_VALIDATE)
		return -1;
	addr[0] = 127;
	addr[1] = 0;
	addr[2] = 1;
	addr[3] = (unsigned char)(tn - nc->tenants + 1);
	return 0;
}

void
nsdverify_render_clause(FILE *f, const struct nodeconf *nc,
    const struct nc_tenant *tn)
{
	unsigned char a[4];

	if (nsdverify_addr(nc, tn, a) < 0)
		return;
	fputs("\nverify:\n", f);
	fputs("\tenable: yes\n", f);
	fprintf(f, "\tip-address: %u.%u.%u.%u\n", a[0], a[1], a[2], a[3]);
	fprintf(f, "\tport: %d\n", NSDVERIFY_PORT);
	fputs("\tverify-zones: no\n", f);
	fprintf(f, "\tverifier-timeout: %d\n", NSDVERIFY_TIMEOUT);
}

void
nsdverify_render_zone(FILE *f, const struct nc_tenant *tn, const char *zone)
{
	if (tn->dnssec != NC_DNSSEC_VALIDATE)
		return;
	fputs("\tverify-zone: yes\n", f);
	fputs("\tverifier-feed-zone: yes\n", f);
	fprintf(f, "\tverifier-timeout: %d\n", NSDVERIFY_TIMEOUT);
	if (zone != NULL)
		fprintf(f, "\tverifier: " NSDVERIFY_VALIDATOR " -d on -t +%u "
		    "-o %s -\n", tn->dnssec_margin, zone);
	else	/* a pattern: the zone's name comes in the environment */
		fprintf(f, "\tverifier: /bin/sh -c \"exec " NSDVERIFY_VALIDATOR
		    " -d on -t +%u -o $VERIFY_ZONE -\"\n", tn->dnssec_margin);
}
