/* dsrec.h: a DS record in presentation form (a trust anchor): parsed, checked and printed. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_DSREC_H
#define OUTPOST_DSREC_H

#include <stddef.h>
#include <stdint.h>

#include "dname.h"

#define DSREC_DIGEST_MAX	48	/* SHA-384 */
#define DSREC_STRLEN		(DNAME_STRLEN + 40 + 2 * DSREC_DIGEST_MAX)

struct dsrec {
	char		 zone[DNAME_STRLEN];	/* normalised, final dot */
	uint16_t	 keytag;
	uint8_t		 alg;
	uint8_t		 dtype;		/* 1 SHA-1, 2 SHA-256, 4 SHA-384 */
	uint8_t		 digest[DSREC_DIGEST_MAX];
	size_t		 dlen;
};

/*
 * "ZONE [IN] DS KEYTAG ALG DIGESTTYPE HEXDIGEST" (the digest may be split
 * by blanks, as in a zone file): NULL, or what is wrong with *off the
 * offset in s of the field at fault.
 */
const char *dsrec_parse(const char *s, struct dsrec *, size_t *off);
/* The next blank-separated field of *p (moved past it): its start and
 * length, 0 for none.  Zone text too (services/dscheck). */
size_t	dsrec_field(const char **p, const char **start);
/* The octets of a digest type (20, 32, 48); 0 for one not supported. */
size_t	dsrec_digest_len(unsigned dtype);
/* "ZONE DS KEYTAG ALG DIGESTTYPE HEX" (upper-case hex), DSREC_STRLEN. */
char	*dsrec_fmt(const struct dsrec *, char *buf, size_t len);

#endif
