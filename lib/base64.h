/* base64.h: checking base64 text such as TSIG secrets, and decoding it. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_BASE64_H
#define OUTPOST_BASE64_H

#include <stddef.h>
#include <stdint.h>

/* NULL when s is valid base64 of at least minbytes, else what is wrong. */
const char *base64_check(const char *s, size_t minbytes);
/* s (blanks between the digits allowed, as in a zone file) decoded into
 * out: its length, or -1 when it is not base64 or longer than max. */
long	base64_decode(const char *s, uint8_t *out, size_t max);

#endif
