/* dscheck_zone.c: reads a zone as NSD writes it for the apex DNSKEY RRset and the RRSIGs over it. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dscheck.h"
#include "dsrec.h"

struct reader {
	struct dsc_zone	*z;
	char		 origin[DNAME_STRLEN];
	int		 at_apex;	/* the current owner is the apex */
	int		 line;
	char		*err;
	size_t		 errlen;
};

static int
fail(struct reader *r, const char *why)
{
	snprintf(r->err, r->errlen, "line %d: %s", r->line, why);
	return -1;
}

/* name (n chars) made absolute against the origin, lower case. */
static int
absolute(struct reader *r, const char *name, size_t n, char *out)
{
	size_t i, olen = strlen(r->origin);

	if (n == 1 && name[0] == '@') {
		memcpy(out, r->origin, olen + 1);
		return 0;
	}
	if (n == 0 || n + 1 + olen >= DNAME_STRLEN)
		return -1;
	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)name[i]);
	out[n] = '\0';
	if (name[n - 1] == '.' && (n < 2 || name[n - 2] != '\\'))
		return 0;
	if (strcmp(r->origin, ".") == 0)
		memcpy(out + n, ".", 2);
	else {
		out[n] = '.';
		memcpy(out + n + 1, r->origin, olen + 1);
	}
	return 0;
}

static int
on_origin(struct reader *r, const char *p)
{
	const char *f;
	size_t n;

	r->origin[0] = '\0';
	if ((n = dsrec_field(&p, &f)) == 0 || f[n - 1] != '.' || n >= DNAME_STRLEN)
		return fail(r, "$ORIGIN is not an absolute name");
	r->origin[0] = '.';	/* absolute() needs one */
	r->origin[1] = '\0';
	return absolute(r, f, n, r->origin) < 0 ?
	    fail(r, "$ORIGIN is too long") : 0;
}

/* An RRSIG at the apex: one over the DNSKEY RRset is noted. */
static int
on_rrsig(struct reader *r, const char *p)
{
	struct dsc_sig *s;
	const char *f;
	char *end;
	unsigned long alg, tag;
	size_t n;
	int i;

	if ((n = dsrec_field(&p, &f)) == 0)
		return fail(r, "RRSIG without a type covered");
	if (n != 6 || strncasecmp(f, "DNSKEY", 6) != 0)
		return 0;
	n = dsrec_field(&p, &f);
	alg = strtoul(f, &end, 10);
	if (n == 0 || end != f + n || alg > 255)
		return fail(r, "RRSIG DNSKEY with a bad algorithm");
	for (i = 0; i < 4; i++)	/* labels, TTL, expiration, inception */
		if (dsrec_field(&p, &f) == 0)
			return fail(r, "RRSIG DNSKEY is too short");
	n = dsrec_field(&p, &f);
	tag = strtoul(f, &end, 10);
	if (n == 0 || end != f + n || tag > 65535)
		return fail(r, "RRSIG DNSKEY with a bad key tag");
	if (r->z->nsigs == DSC_MAX_KEYS)
		return fail(r, "more than 64 RRSIGs over the DNSKEY RRset");
	s = &r->z->sigs[r->z->nsigs++];
	s->alg = (uint8_t)alg;
	s->tag = (uint16_t)tag;
	return 0;
}

static int
on_dnskey(struct reader *r, const char *p)
{
	struct dsc_key *k;
	const char *why;

	if (r->z->nkeys == DSC_MAX_KEYS)
		return fail(r, "more than 64 DNSKEYs at the apex");
	k = &r->z->keys[r->z->nkeys];
	if ((why = dsc_key_parse(p, k)) != NULL)
		return fail(r, why);
	k->line = r->line;
	r->z->nkeys++;
	return 0;
}

/* Whether the field is a TTL or a class (before the type). */
static int
ttl_or_class(const char *f, size_t n)
{
	size_t i;

	if ((n == 2 && (strncasecmp(f, "IN", 2) == 0 ||
	    strncasecmp(f, "CH", 2) == 0 || strncasecmp(f, "HS", 2) == 0)) ||
	    (n > 5 && strncasecmp(f, "CLASS", 5) == 0))
		return 1;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)f[i]))
			return 0;
	return n > 0;
}

/* A record: [OWNER] [TTL] [CLASS] TYPE RDATA. */
static int
on_record(struct reader *r, const char *p)
{
	char owner[DNAME_STRLEN];
	const char *f;
	size_t n;
	int i;

	if (*p != ' ' && *p != '\t') {
		n = dsrec_field(&p, &f);
		if (r->origin[0] == '\0' && !(n > 0 && f[n - 1] == '.'))
			return fail(r, "a relative owner before any $ORIGIN");
		if (absolute(r, f, n, owner) < 0)
			return fail(r, "owner name too long");
		r->at_apex = strcmp(owner, r->z->name) == 0;
	} else if (r->at_apex < 0)
		return fail(r, "a record without an owner");
	for (i = 0; i < 3; i++) {
		if ((n = dsrec_field(&p, &f)) == 0)
			return fail(r, "a record without a type");
		if (!ttl_or_class(f, n))
			break;
	}
	if (i == 3)
		return fail(r, "a record without a type");
	if (!r->at_apex)
		return 0;
	if (n == 6 && strncasecmp(f, "DNSKEY", 6) == 0)
		return on_dnskey(r, p);
	if (n == 5 && strncasecmp(f, "RRSIG", 5) == 0)
		return on_rrsig(r, p);
	return 0;
}

/*
 * One record's text: $ORIGIN, $TTL or a record, its parentheses and
 * comment already blanked out.
 */
static int
on_text(struct reader *r, char *s)
{
	char *p;

	for (p = s; *p == ' ' || *p == '\t'; p++)
		;
	if (*p == '\0')
		return 0;
	if (strncasecmp(s, "$ORIGIN", 7) == 0 && (s[7] == ' ' || s[7] == '\t'))
		return on_origin(r, s + 7);
	if (strncasecmp(s, "$TTL", 4) == 0)
		return 0;
	if (s[0] == '$')
		return fail(r, "an unknown directive");
	return on_record(r, s);
}

/*
 * A line's part of a record: its comment cut, its parentheses (outside
 * quotes) blanked and counted in *depth (NSD writes an SOA over two lines).
 */
static void
clean(char *s, int *depth)
{
	int inq = 0;

	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0')
			s++;
		else if (*s == '"')
			inq = !inq;
		else if (inq)
			continue;
		else if (*s == ';' || *s == '\r' || *s == '\n') {
			*s = '\0';
			break;
		} else if (*s == '(' || *s == ')') {
			*depth += *s == '(' ? 1 : -1;
			*s = ' ';
		}
	}
}

/* Appends a line to the record's text. */
static int
append(char **rec, size_t *len, const char *line)
{
	size_t n = strlen(line);
	char *p;

	if ((p = realloc(*rec, *len + n + 2)) == NULL)
		return -1;
	if (*len > 0)
		p[(*len)++] = ' ';
	memcpy(p + *len, line, n + 1);
	*len += n;
	*rec = p;
	return 0;
}

int
dsc_zone_read(FILE *f, const char *zone, struct dsc_zone *z, char *err,
    size_t errlen)
{
	struct reader r = { .z = z, .at_apex = -1, .err = err,
	    .errlen = errlen };
	const char *why;
	char *line = NULL, *rec = NULL;
	size_t cap = 0, len = 0;
	int rc = 0, depth = 0, lineno = 0;

	memset(z, 0, sizeof(*z));
	if ((why = dname_normalise(zone, z->name)) != NULL) {
		snprintf(err, errlen, "zone %s %s", zone, why);
		return -1;
	}
	while (rc == 0 && getline(&line, &cap, f) != -1) {
		if (len == 0)
			r.line = lineno + 1;	/* a record's first line */
		lineno++;
		clean(line, &depth);
		if (depth < 0)
			rc = fail(&r, "a ')' without its '('");
		else if (append(&rec, &len, line) < 0)
			rc = fail(&r, "out of memory");
		else if (len > 65536)
			rc = fail(&r, "a record longer than 64 KiB");
		else if (depth == 0) {
			rc = on_text(&r, rec);
			len = 0;
		}
	}
	if (rc == 0 && depth > 0)
		rc = fail(&r, "a '(' never closed");
	free(line);
	free(rec);
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "cannot read the zone");
		rc = -1;
	}
	return rc;
}
