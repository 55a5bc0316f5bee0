/* dsrec.c: a DS record in presentation form (a trust anchor): parsed, checked and printed. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsrec.h"

size_t
dsrec_digest_len(unsigned dtype)
{
	switch (dtype) {
	case 1:
		return 20;
	case 2:
		return 32;
	case 4:
		return 48;
	default:
		return 0;
	}
}

size_t
dsrec_field(const char **p, const char **start)
{
	const char *s = *p;
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strcspn(s, " \t");
	*start = s;
	*p = s + n;
	return n;
}

/* A decimal field from 0 to max. */
static int
number(const char *s, size_t n, unsigned long max, unsigned long *v)
{
	size_t i;

	if (n == 0 || n > 10)
		return -1;
	for (*v = 0, i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (unsigned long)(s[i] - '0');
	}
	return *v <= max ? 0 : -1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The digest's hex from p to the end, blanks allowed between digits. */
static const char *
digest(const char *p, struct dsrec *ds)
{
	size_t want = dsrec_digest_len(ds->dtype), nd = 0;
	int hi = -1, v;

	for (; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if ((v = hexval((unsigned char)*p)) < 0)
			return "has a digest that is not hex";
		if (nd == want)
			return "has a digest too long for its digest type";
		if (hi < 0)
			hi = v;
		else {
			ds->digest[nd++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0 || nd != want)
		return ds->dtype == 1 ? "needs a digest of 40 hex digits "
		    "(SHA-1)" : ds->dtype == 2 ? "needs a digest of 64 hex "
		    "digits (SHA-256)" : "needs a digest of 96 hex digits "
		    "(SHA-384)";
	ds->dlen = nd;
	return NULL;
}

const char *
dsrec_parse(const char *s, struct dsrec *ds, size_t *off)
{
	char name[DNAME_STRLEN];
	const char *p = s, *f, *err;
	unsigned long v;
	size_t n;

	memset(ds, 0, sizeof(*ds));
	*off = 0;
	if ((n = dsrec_field(&p, &f)) == 0 || n >= sizeof(name))
		return n == 0 ? "is not ZONE DS KEYTAG ALGORITHM DIGESTTYPE "
		    "DIGEST" : "has a zone name too long";
	memcpy(name, f, n);
	name[n] = '\0';
	*off = (size_t)(f - s);
	if ((err = dname_normalise(name, ds->zone)) != NULL)
		return "has a zone name that is not valid";
	n = dsrec_field(&p, &f);
	*off = (size_t)(f - s);
	if (n == 2 && strncasecmp(f, "IN", 2) == 0) {
		n = dsrec_field(&p, &f);
		*off = (size_t)(f - s);
	}
	if (n != 2 || strncasecmp(f, "DS", 2) != 0)
		return "is not ZONE DS KEYTAG ALGORITHM DIGESTTYPE DIGEST";
	n = dsrec_field(&p, &f);
	*off = (size_t)(f - s);
	if (number(f, n, 65535, &v) < 0)
		return "has a key tag that is not 0 to 65535";
	ds->keytag = (uint16_t)v;
	n = dsrec_field(&p, &f);
	*off = (size_t)(f - s);
	if (number(f, n, 255, &v) < 0 || v == 0)
		return "has an algorithm that is not 1 to 255";
	ds->alg = (uint8_t)v;
	n = dsrec_field(&p, &f);
	*off = (size_t)(f - s);
	if (number(f, n, 255, &v) < 0 || dsrec_digest_len((unsigned)v) == 0)
		return "has a digest type that is not 1 (SHA-1), 2 (SHA-256) "
		    "or 4 (SHA-384)";
	ds->dtype = (uint8_t)v;
	while (*p == ' ' || *p == '\t')
		p++;
	*off = (size_t)(p - s);
	return digest(p, ds);
}

char *
dsrec_fmt(const struct dsrec *ds, char *buf, size_t len)
{
	size_t i, n;

	n = (size_t)snprintf(buf, len, "%s DS %u %u %u ", ds->zone,
	    ds->keytag, ds->alg, ds->dtype);
	for (i = 0; i < ds->dlen && n + 2 < len; i++, n += 2)
		snprintf(buf + n, len - n, "%02X", ds->digest[i]);
	return buf;
}
