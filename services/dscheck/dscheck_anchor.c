/* dscheck_anchor.c: the check: a trust anchor (DS) of the zone matches a zone key that signs the apex DNSKEY RRset. */
/* SPDX-License-Identifier: ISC */
#include <stdlib.h>
#include <string.h>

#include "dscheck.h"

/* Whether an RRSIG over the DNSKEY RRset names the key. */
static int
signs_keyset(const struct dsc_zone *z, const struct dsc_key *k)
{
	int i;

	for (i = 0; i < z->nsigs; i++)
		if (z->sigs[i].tag == k->tag && z->sigs[i].alg == k->rdata[3])
			return 1;
	return 0;
}

/*
 * One anchor against the apex keys: 0 when a zone key matching it signs
 * the DNSKEY RRset, 1 (why: the closest miss) when none does, -1 when a
 * digest cannot be computed.
 */
static int
check_one(const struct dsrec *ds, const struct dsc_zone *z, char *why,
    size_t len)
{
	const struct dsc_key *k;
	int i, m, found = 0;

	for (i = 0; i < z->nkeys; i++) {
		k = &z->keys[i];
		if ((m = dsc_ds_matches(ds, z->name, k)) < 0) {
			snprintf(why, len, "trust anchor: cannot compute the "
			    "digest of DS %u %u %u", ds->keytag, ds->alg,
			    ds->dtype);
			return -1;
		}
		if (m == 0)
			continue;
		if (((k->rdata[0] << 8 | k->rdata[1]) & DSC_ZONE_KEY) == 0) {
			found = found ? found : 1;
			continue;
		}
		if (signs_keyset(z, k))
			return 0;
		found = 2;
	}
	if (found == 2)
		snprintf(why, len, "trust anchor: DNSKEY %u of %s (DS %u %u "
		    "%u) signs no DNSKEY RRset", ds->keytag, z->name, ds->keytag,
		    ds->alg, ds->dtype);
	else if (found == 1)
		snprintf(why, len, "trust anchor: DNSKEY %u of %s (DS %u %u "
		    "%u) is not a zone key", ds->keytag, z->name, ds->keytag,
		    ds->alg, ds->dtype);
	else
		snprintf(why, len, "trust anchor: no DNSKEY of %s matches DS "
		    "%u %u %u", z->name, ds->keytag, ds->alg, ds->dtype);
	return 1;
}

int
dsc_check(FILE *anchors, const struct dsc_zone *z, char *why, size_t len)
{
	char first[DSC_ERR_MAX] = "", *line = NULL;
	const char *err;
	struct dsrec ds;
	size_t cap = 0, off;
	int n = 0, lineno = 0, rc = 1, one;

	while (rc != 0 && rc != -1 && getline(&line, &cap, anchors) != -1) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[strspn(line, " \t")] == '\0' || line[0] == '#')
			continue;
		if ((err = dsrec_parse(line, &ds, &off)) != NULL) {
			snprintf(why, len, "trust anchor: anchors line %d "
			    "column %zu: %s", lineno, off + 1, err);
			rc = -1;
			break;
		}
		if (strcmp(ds.zone, z->name) != 0)
			continue;
		n++;
		if ((one = check_one(&ds, z, why, len)) <= 0)
			rc = one;
		else if (first[0] == '\0')
			snprintf(first, sizeof(first), "%s", why);
	}
	free(line);
	if (rc == 1 && n == 0)
		return 0;	/* no anchor for this zone */
	if (rc == 1)
		snprintf(why, len, "%s", first);
	return rc;
}
