/* dscheck.c: outpost-dscheck ZONE ANCHORS FILE: the DNSSEC guard's trust-anchor check of a transferred zone (run by zoneverify.sh after kzonecheck). */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dscheck.h"

/*
 * Exit 0: a DS of ANCHORS for ZONE matches an apex DNSKEY of the zone in
 * FILE that has the zone key flag and signs the DNSKEY RRset (kzonecheck
 * checks that signature), or ANCHORS has none for ZONE.  Exit 1 with one
 * line "trust anchor: ..." on stdout (NSD logs it; zoneguard.c takes it as
 * the reason of the refusal), also for a zone or anchors file it cannot
 * read or parse.  The zone is NSD's text; nothing else is trusted.
 */
int
main(int argc, char *argv[])
{
	char err[DSC_ERR_MAX];
	struct dsc_zone *z;
	FILE *zf, *af;
	int rc;

	if (argc != 4) {
		fprintf(stderr, "usage: outpost-dscheck ZONE ANCHORS FILE\n");
		return 2;
	}
	if ((z = calloc(1, sizeof(*z))) == NULL) {
		printf("trust anchor: out of memory\n");
		return 1;
	}
	if ((zf = fopen(argv[3], "r")) == NULL) {
		printf("trust anchor: cannot open the zone %s\n", argv[3]);
		return 1;
	}
	rc = dsc_zone_read(zf, argv[1], z, err, sizeof(err));
	fclose(zf);
	if (rc < 0) {
		printf("trust anchor: cannot read the zone %s: %s\n", argv[1],
		    err);
		return 1;
	}
	if ((af = fopen(argv[2], "r")) == NULL) {
		printf("trust anchor: cannot open the anchors %s\n", argv[2]);
		return 1;
	}
	rc = dsc_check(af, z, err, sizeof(err));
	fclose(af);
	free(z);
	if (rc != 0) {
		printf("%s\n", err);
		return 1;
	}
	return 0;
}
