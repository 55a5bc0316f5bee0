/* json.h: writing JSON text (OCI bundle configs, status output). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_JSON_H
#define OUTPOST_JSON_H

#include <stdio.h>

/* Writes s as a JSON string literal, escaped; NULL as null. */
void	json_str(FILE *, const char *s);
/* Writes "key": "value" (null for NULL) with a leading comma when *first is 0. */
void	json_kv(FILE *, int *first, const char *key, const char *val);
void	json_ki(FILE *, int *first, const char *key, long long val);
/* Writes "key": val, or "key": null when !known. */
void	json_kn(FILE *, int *first, const char *key, int known, long long val);
/* Writes the leading comma/key part only, for nested values. */
void	json_key(FILE *, int *first, const char *key);

#endif
