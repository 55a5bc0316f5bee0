/* nsdverify.c: the DNSSEC guard's part of a tenant's nsd.conf: NSD runs the validator on every transferred zone before serving it. */
/* SPDX-License-Identifier: ISC */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileutil.h"
#include "nsdconf.h"
#include "nsdverify.h"

/*
 * The verifier.  The zone NSD feeds on stdin goes to a file on the
 * tenant's disk first: kzonecheck misreads zones of a megabyte or more
 * from a pipe (spurious "missing glue", "wrong NSEC bitmap"; Knot 3.2.6),
 * and the tenant's small /tmp could not hold a TLD.  One verifier runs
 * at a time (NSD's verifier-count: 1), so one file name serves; it is
 * removed on exit, and NSD's SIGTERM at the timeout ends the command
 * running too (each runs in the background and is waited for).  mawk reads the
 * file for the earliest RRSIG expiration (NSD's text: $ORIGIN lines,
 * owners relative to them and left out when repeated, an RRSIG on one line
 * with times as YYYYMMDDHHmmSS) and prints it with the record it covers;
 * the exit status is kzonecheck's, then (a tenant with trust anchors)
 * outpost-dscheck's, and a zone that cannot be written whole is refused.
 * NSD logs the output, which outpost-node reads (zoneguard.c).
 */
const char nsdverify_script[] =
    "# zoneverify.sh: the DNSSEC guard's verifier, run by NSD on each "
    "transferred zone (written by outpost-node: nsdverify.c).\n"
    "# usage: sh zoneverify.sh MARGIN_SECONDS [ZONE]   (the zone on stdin; "
    "ZONE: $VERIFY_ZONE by default)\n"
    "m=$1 z=${2:-$VERIFY_ZONE} f=" NSD_DATA_DIR "/zoneverify.tmp p=\n"
    "umask 077\n"
    "exec 3<&0\n"
    "trap 'rm -f \"$f\"' EXIT\n"
    "trap '[ -z \"$p\" ] || kill \"$p\"; exit 1' INT TERM\n"
    "# run CMD...: in the background (stdin: the zone, fd 3), waited for,\n"
    "# so that TERM ends it too\n"
    "run() { \"$@\" <&3 & p=$!; wait \"$p\"; }\n"
    "run /usr/bin/cat >\"$f\" || exit 1\n"
    "run /usr/bin/mawk '\n"
    "/^[$]ORIGIN[ \t]/ { origin = $2; next }\n"
    "/^[^ \t]/ { owner = $1 == \"@\" ? origin : $1 ~ /[.]$/ ? $1 : "
    "origin == \".\" ? $1 \".\" : $1 \".\" origin }\n"
    "{ for (i = 1; i <= 4 && i < NF; i++) if ($i == \"RRSIG\") break }\n"
    "i <= 4 && i + 5 <= NF && $i == \"RRSIG\" && length($(i + 5)) == 14 && "
    "$(i + 5) ~ /^[0-9]+$/ && (min == \"\" || $(i + 5) < min) {\n"
    "  min = $(i + 5); on = owner \" \" $(i + 1) }\n"
    "END { if (min != \"\") print \"earliest RRSIG expiry: \" min \" on \" "
    "on }' \"$f\"\n"
    "run /usr/bin/kzonecheck -d on -t +\"$m\" -o \"$z\" \"$f\" || exit\n"
    "a=" NSD_CONF_DIR "/" NSDVERIFY_ANCHORS "\n"
    "[ ! -e \"$a\" ] || run " NSDVERIFY_DSCHECK " \"$z\" \"$a\" \"$f\"\n";

const char *
nsdverify_dscheck(void)
{
	static char path[PATH_MAX];

	if (path[0] != '\0')
		return path;
	if (file_beside_self(NSDVERIFY_DSCHECK_NAME, path, sizeof(path)) < 0) {
		path[0] = '\0';
		return NULL;
	}
	return path;
}

const char *
nsdverify_missing(const struct nc_tenant *tn)
{
	static const char *const need[] = {
		"/bin/sh", "/usr/bin/cat", "/usr/bin/mawk", "/usr/bin/kzonecheck",
	};
	const char *dscheck;
	size_t i;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (access(need[i], X_OK) < 0)
			return need[i];
	if (tn->nanchors == 0)
		return NULL;
	if ((dscheck = nsdverify_dscheck()) == NULL)
		return NSDVERIFY_DSCHECK_NAME;
	return access(dscheck, X_OK) < 0 ? dscheck : NULL;
}

char *
nsdverify_anchors(const struct nc_tenant *tn)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int i;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	for (i = 0; i < tn->nanchors; i++)
		fprintf(f, "%s\n", tn->anchors[i]);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

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
    int slot, unsigned char addr[4])
{
	if (tn->dnssec != NC_DNSSEC_VALIDATE)
		return -1;
	addr[0] = 127;
	addr[1] = 0;
	addr[2] = (unsigned char)(1 + slot);
	addr[3] = (unsigned char)(tn - nc->tenants + 1);
	return 0;
}

void
nsdverify_render_clause(FILE *f, const struct nodeconf *nc,
    const struct nc_tenant *tn, int slot)
{
	unsigned char a[4];
	int i;

	/* NSD binds it without SO_REUSEPORT: a tenant's second container
	 * (handover.c) needs an address of its own. */
	if (nsdverify_addr(nc, tn, slot, a) < 0)
		return;
	fputs("\nverify:\n", f);
	/* The anchors' file is not NSD's: named here, a change of them is
	 * one of nsd.conf, which restarts the tenant with the new file. */
	for (i = 0; i < tn->nanchors; i++)
		fprintf(f, "\t# " NSDVERIFY_ANCHORS ": %s\n", tn->anchors[i]);
	fputs("\tenable: yes\n", f);
	fprintf(f, "\tip-address: %u.%u.%u.%u\n", a[0], a[1], a[2], a[3]);
	fprintf(f, "\tport: %d\n", NSDVERIFY_PORT);
	fputs("\tverify-zones: no\n", f);
	fprintf(f, "\tverifier-timeout: %d\n", NSDVERIFY_TIMEOUT);
	/*
	 * NSD 4.6 (built with RRL) clears a rate-limit table of rrl-size
	 * buckets for the verifying server at every verified reload, before
	 * the verifier starts: with NSD's default million, 0.3 to 1.3 s on
	 * the lab VM (tests/bench/dnssec).  The tenant's rrl-size (default
	 * 10000, the XDP guard in front) keeps that short.
	 */
}

void
nsdverify_render_zone(FILE *f, const struct nc_tenant *tn, const char *zone)
{
	if (tn->dnssec != NC_DNSSEC_VALIDATE)
		return;
	fputs("\tverify-zone: yes\n", f);
	fputs("\tverifier-feed-zone: yes\n", f);
	fprintf(f, "\tverifier-timeout: %d\n", NSDVERIFY_TIMEOUT);
	/* A pattern's zones: the name comes in the environment. */
	fprintf(f, "\tverifier: /bin/sh " NSD_CONF_DIR "/" NSDVERIFY_SCRIPT
	    " %u%s%s\n", tn->dnssec_margin, zone != NULL ? " " : "",
	    zone != NULL ? zone : "");
}
