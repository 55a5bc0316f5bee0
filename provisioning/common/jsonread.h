/* jsonread.h: reading the small JSON objects of the provisioning API: string members by key, and a whole-text check. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_JSONREAD_H
#define OUTPOST_JSONREAD_H

#include <stddef.h>

#define JSONREAD_DEPTH	32	/* deepest nesting read */

/*
 * Reads buf (len octets) as one JSON object.  For each key of keys
 * (NULL-terminated), vals[i] gets its value, a string, decoded and
 * malloc'd, or NULL when the object lacks it.  Members of other keys may
 * hold any JSON value.  0, or -1 with what is wrong in err (and every
 * vals[i] NULL).
 */
int	jsonread_strings(const char *buf, size_t len, const char *const *keys,
	    char **vals, char *err, size_t errlen);
/* The same, a wanted member may also be a number: vals[i] is its text. */
int	jsonread_scalars(const char *buf, size_t len, const char *const *keys,
	    char **vals, char *err, size_t errlen);
/* Checks that buf is one JSON object: 0, or -1 with err. */
int	jsonread_object(const char *buf, size_t len, char *err, size_t errlen);

#endif
