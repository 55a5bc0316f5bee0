/* crockford.h: Crockford base32 symbols, as the enrolment token is written and read. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CROCKFORD_H
#define OUTPOST_CROCKFORD_H

/* The 32 symbols, in value order. */
extern const char crockford_alphabet[];

/* A symbol's value, 0 to 31 (case-insensitive; O read as 0, I and L as 1), or -1. */
int	crockford_value(char c);

#endif
