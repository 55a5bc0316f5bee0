/* dname.h: syntax checks for domain names written in configuration. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_DNAME_H
#define OUTPOST_DNAME_H

#define DNAME_STRLEN	256	/* presentation form with final dot and NUL */

/* Lower-cases and adds the final dot; NULL or what is wrong. */
const char *dname_normalise(const char *in, char out[DNAME_STRLEN]);

#endif
