/* jsonread.c: a strict JSON reader for the provisioning API's small objects: nesting bounded, strings decoded to UTF-8. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "jsonread.h"

struct jr {
	const char	*p, *end, *start;
	char		*err;
	size_t		 errlen;
	int		 numbers;	/* wanted members may be numbers */
};

static int
fail(struct jr *j, const char *what)
{
	return errorf(j->err, j->errlen, "JSON at octet %zu: %s",
	    (size_t)(j->p - j->start), what);
}

static void
blanks(struct jr *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int
hex4(struct jr *j, unsigned *v)
{
	int i;

	*v = 0;
	if (j->end - j->p < 4)
		return fail(j, "\\u escape cut short");
	for (i = 0; i < 4; i++, j->p++) {
		char c = *j->p;

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return fail(j, "\\u escape is not 4 hex digits");
	}
	return 0;
}

static size_t
utf8(unsigned cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* A \u escape (after the "\u"), a surrogate pair whole, into o. */
static int
unicode(struct jr *j, char *o, size_t *n)
{
	unsigned cp, lo;

	if (hex4(j, &cp) < 0)
		return -1;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return fail(j, "lone low surrogate");
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u')
			return fail(j, "high surrogate without its low one");
		j->p += 2;
		if (hex4(j, &lo) < 0)
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return fail(j, "high surrogate without its low one");
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return fail(j, "\\u0000 in a string");
	*n = utf8(cp, o);
	return 0;
}

static int
escape(struct jr *j, char *o, size_t *n)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *k;

	if (j->p == j->end)
		return fail(j, "string not closed");
	if (*j->p == 'u') {
		j->p++;
		return unicode(j, o, n);
	}
	if ((k = memchr(from, *j->p, sizeof(from) - 1)) == NULL)
		return fail(j, "unknown escape in a string");
	j->p++;
	o[0] = to[k - from];
	*n = 1;
	return 0;
}

/* A string at j->p (its opening quote); decoded into *out if out. */
static int
string(struct jr *j, char **out)
{
	char *s = NULL, tmp[4];
	size_t len = 0, n = 0;

	j->p++;
	if (out != NULL && (s = malloc((size_t)(j->end - j->p) + 1)) == NULL)
		return fail(j, "out of memory");
	for (;;) {
		if (j->p == j->end) {
			free(s);
			return fail(j, "string not closed");
		}
		if (*j->p == '"')
			break;
		if ((unsigned char)*j->p < 0x20) {
			free(s);
			return fail(j, "control character in a string");
		}
		if (*j->p == '\\') {
			j->p++;
			if (escape(j, tmp, &n) < 0) {
				free(s);
				return -1;
			}
		} else {
			tmp[0] = *j->p++;
			n = 1;
		}
		if (s != NULL)
			memcpy(s + len, tmp, n);
		len += n;
	}
	j->p++;
	if (s != NULL) {
		s[len] = '\0';
		*out = s;
	}
	return 0;
}

static int
digits(struct jr *j)
{
	const char *from = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > from ? 0 : fail(j, "number without digits");
}

static int
number(struct jr *j)
{
	if (*j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (digits(j) < 0)
		return -1;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (digits(j) < 0)
			return -1;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (digits(j) < 0)
			return -1;
	}
	return 0;
}

/* A number at j->p, its text malloc'd into *out. */
static int
number_text(struct jr *j, char **out)
{
	const char *from = j->p;

	if (number(j) < 0)
		return -1;
	if ((*out = strndup(from, (size_t)(j->p - from))) == NULL)
		return fail(j, "out of memory");
	return 0;
}

static int
literal(struct jr *j)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t i, n;

	for (i = 0; i < 3; i++) {
		n = strlen(words[i]);
		if ((size_t)(j->end - j->p) >= n && memcmp(j->p, words[i],
		    n) == 0) {
			j->p += n;
			return 0;
		}
	}
	return fail(j, "not a JSON value");
}

static int value(struct jr *, int, const char *const *, char **);

/* An array or an object (keys and vals: the members wanted, or NULL). */
static int
compound(struct jr *j, int depth, const char *const *keys, char **vals)
{
	char close = *j->p == '[' ? ']' : '}', *key;
	int first = 1, i, rc;

	if (depth >= JSONREAD_DEPTH)
		return fail(j, "nested too deep");
	for (j->p++;; first = 0) {
		blanks(j);
		if (j->p < j->end && *j->p == close && first) {
			j->p++;
			return 0;
		}
		if (close == '}') {
			if (j->p == j->end || *j->p != '"')
				return fail(j, "member name is not a string");
			if (string(j, &key) < 0)
				return -1;
			blanks(j);
			if (j->p == j->end || *j->p++ != ':') {
				free(key);
				return fail(j, "':' missing after a name");
			}
			for (i = 0; keys != NULL && keys[i] != NULL &&
			    strcmp(keys[i], key) != 0; i++)
				;
			free(key);
			if (keys != NULL && keys[i] != NULL) {
				blanks(j);
				if (vals[i] != NULL)
					return fail(j, "member given twice");
				if (j->numbers && j->p < j->end &&
				    (*j->p == '-' || (*j->p >= '0' &&
				    *j->p <= '9')))
					rc = number_text(j, &vals[i]);
				else if (j->p == j->end || *j->p != '"')
					return fail(j, "member is not a string");
				else
					rc = string(j, &vals[i]);
			} else
				rc = value(j, depth + 1, NULL, NULL);
		} else
			rc = value(j, depth + 1, NULL, NULL);
		if (rc < 0)
			return -1;
		blanks(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 0;
		}
		if (j->p == j->end || *j->p++ != ',')
			return fail(j, close == '}' ? "',' or '}' missing" :
			    "',' or ']' missing");
	}
}

static int
value(struct jr *j, int depth, const char *const *keys, char **vals)
{
	blanks(j);
	if (j->p == j->end)
		return fail(j, "value missing");
	if (*j->p == '{' || *j->p == '[')
		return compound(j, depth, keys, vals);
	if (*j->p == '"')
		return string(j, NULL);
	if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))
		return number(j);
	return literal(j);
}

static int
read_object(struct jr *jp, const char *const *keys, char **vals)
{
	struct jr j = *jp;
	size_t i, n;

	for (n = 0; keys[n] != NULL; n++)
		vals[n] = NULL;
	blanks(&j);
	if (j.p == j.end || *j.p != '{')
		(void)fail(&j, "not an object");
	else if (compound(&j, 0, keys, vals) == 0) {
		blanks(&j);
		if (j.p == j.end)
			return 0;
		(void)fail(&j, "text after the object");
	}
	for (i = 0; i < n; i++) {
		free(vals[i]);
		vals[i] = NULL;
	}
	return -1;
}

int
jsonread_strings(const char *buf, size_t len, const char *const *keys,
    char **vals, char *err, size_t errlen)
{
	struct jr j = { buf, buf + len, buf, err, errlen, 0 };

	return read_object(&j, keys, vals);
}

int
jsonread_scalars(const char *buf, size_t len, const char *const *keys,
    char **vals, char *err, size_t errlen)
{
	struct jr j = { buf, buf + len, buf, err, errlen, 1 };

	return read_object(&j, keys, vals);
}

int
jsonread_object(const char *buf, size_t len, char *err, size_t errlen)
{
	const char *none[] = { NULL };

	return jsonread_strings(buf, len, none, NULL, err, errlen);
}
