/* base64.h: checking base64 text such as TSIG secrets. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_BASE64_H
#define OUTPOST_BASE64_H

#include <stddef.h>

/* NULL when s is valid base64 of at least minbytes, else what is wrong. */
const char *base64_check(const char *s, size_t minbytes);

#endif
