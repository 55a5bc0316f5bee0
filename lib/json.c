/* json.c: minimal JSON text writer with correct string escaping. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>

#include "json.h"

void
json_str(FILE *f, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

void
json_key(FILE *f, int *first, const char *key)
{
	if (!*first)
		fputc(',', f);
	*first = 0;
	json_str(f, key);
	fputc(':', f);
}

void
json_kv(FILE *f, int *first, const char *key, const char *val)
{
	json_key(f, first, key);
	json_str(f, val);
}

void
json_ki(FILE *f, int *first, const char *key, long long val)
{
	json_key(f, first, key);
	fprintf(f, "%lld", val);
}

void
json_kn(FILE *f, int *first, const char *key, int known, long long val)
{
	if (known)
		json_ki(f, first, key, val);
	else
		json_kv(f, first, key, NULL);
}
