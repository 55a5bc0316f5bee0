/* dscheck.h: outpost-dscheck's parts: a zone's apex DNSKEYs, their key tags and DS digests, the check against trust anchors. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_DSCHECK_H
#define OUTPOST_DSCHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dsrec.h"

#define DSC_MAX_KEYS	64	/* apex DNSKEYs, and RRSIGs over them */
#define DSC_RDATA_MAX	2048	/* a DNSKEY's RDATA: 4 + a 16384-bit key */
#define DSC_ZONE_KEY	0x0100	/* DNSKEY flags: the zone key bit */
#define DSC_ERR_MAX	256

struct dsc_key {
	uint8_t		 rdata[DSC_RDATA_MAX];	/* flags, protocol, alg, key */
	size_t		 len;
	uint16_t	 tag;
	int		 line;
};

struct dsc_sig {		/* an RRSIG over the apex DNSKEY RRset */
	uint16_t	 tag;
	uint8_t		 alg;
};

struct dsc_zone {
	char		 name[DNAME_STRLEN];	/* the apex, lower case */
	struct dsc_key	 keys[DSC_MAX_KEYS];
	int		 nkeys;
	struct dsc_sig	 sigs[DSC_MAX_KEYS];
	int		 nsigs;
};

/* dscheck_key.c */
/* The key tag of a DNSKEY's RDATA (RFC 4034 appendix B). */
uint16_t dsc_keytag(const uint8_t *rdata, size_t len);
/* The DNSKEY RDATA of "FLAGS PROTOCOL ALG BASE64..." into k: NULL or
 * what is wrong. */
const char *dsc_key_parse(const char *text, struct dsc_key *k);
/* Whether the DS matches the key of zone (owner name, RFC 4034 5.1.4;
 * normalised as dname_normalise() makes it: lower case, final dot); -1
 * when the digest cannot be computed. */
int	dsc_ds_matches(const struct dsrec *, const char *zone,
	    const struct dsc_key *);

/* dscheck_zone.c */
/*
 * Reads a zone as NSD writes it ($ORIGIN lines, relative owners, owners
 * left out when repeated, one record a line) for the apex DNSKEYs and
 * the RRSIGs over them.  0, or -1 with err ("line N: ...").
 */
int	dsc_zone_read(FILE *, const char *zone, struct dsc_zone *,
	    char *err, size_t errlen);

/* dscheck_anchor.c */
/*
 * Checks the zone against the trust anchors for it in anchors (lines of
 * dsrec.h's form; others' zones ignored): 0 when one matches a zone key
 * that signs the DNSKEY RRset or none is for this zone, 1 with why when
 * none does, -1 with why on a bad anchors file.
 */
int	dsc_check(FILE *anchors, const struct dsc_zone *, char *why,
	    size_t len);

#endif
