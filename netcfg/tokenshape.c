/* tokenshape.c: the enrolment token's shape checked offline (prefix, alphabet, length, the controller it names); the check digits need BLAKE2b and are outpost-agent's. */
/* SPDX-License-Identifier: ISC */
#include <arpa/inet.h>

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "crockford.h"
#include "tokenshape.h"

/*
 * The octets (provisioning/common/token.c): kind (1 IPv4, 2 IPv6, 3 host
 * name), the address (4 or 16 octets, or a length octet and the name),
 * the port, 16 octets of certificate hash, 10 of secret, 2 check digits.
 */
enum { KIND_IPV4 = 1, KIND_IPV6 = 2, KIND_HOST = 3 };
#define TAIL_LEN	(2 + 16 + 10 + 2)
#define RAW_MAX		(2 + TOKENSHAPE_HOST_MAX + TAIL_LEN)
#define SYM_MAX		((RAW_MAX * 8 + 4) / 5)


static char	 why[160];

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The symbols after the prefix into sym: NULL, or what is wrong. */
static const char *
read_symbols(const char *s, uint8_t *sym, size_t *nsym)
{
	size_t i = 0, n = 0;
	int v;

	while (blank(s[i]))
		i++;
	if (crockford_value(s[i]) != 0 || toupper((unsigned char)s[i + 1]) != 'P' ||
	    crockford_value(s[i + 2]) != 1)
		return "does not start with " TOKENSHAPE_PREFIX " (an enrolment "
		    "token from `outpostctl token` does)";
	for (i += 3; s[i] != '\0'; i++) {
		if (s[i] == '-' || blank(s[i]))
			continue;
		if ((v = crockford_value(s[i])) < 0) {
			if (isprint((unsigned char)s[i]))
				snprintf(why, sizeof(why), "has '%c' at position "
				    "%zu, a character no token has (U is "
				    "never one)", s[i], i + 1);
			else
				snprintf(why, sizeof(why), "has a character no "
				    "token has at position %zu", i + 1);
			return why;
		}
		if (n == SYM_MAX)
			return "is too long to be an enrolment token";
		sym[n++] = (uint8_t)v;
	}
	*nsym = n;
	return NULL;
}

static size_t
unpack(const uint8_t *sym, size_t nsym, uint8_t *raw)
{
	size_t bit, n = nsym * 5 / 8;

	memset(raw, 0, RAW_MAX);
	for (bit = 0; bit < n * 8; bit++)
		raw[bit / 8] |= (uint8_t)(((sym[bit / 5] >> (4 - bit % 5)) & 1) <<
		    (7 - bit % 8));
	return n;
}

/* The octet count the token's kind needs, its address into out; 0: no kind. */
static size_t
needed(const uint8_t *raw, size_t n, struct tokenshape *out)
{
	size_t i, hl;

	switch (raw[0]) {
	case KIND_IPV4:
		out->af = AF_INET;
		return 1 + 4 + TAIL_LEN;
	case KIND_IPV6:
		out->af = AF_INET6;
		return 1 + 16 + TAIL_LEN;
	case KIND_HOST:
		out->af = 0;
		if (n < 2 || (hl = raw[1]) == 0 || hl > TOKENSHAPE_HOST_MAX)
			return 0;
		for (i = 0; i < hl && 2 + i < n; i++)
			if (!isalnum(raw[2 + i]) && raw[2 + i] != '-' &&
			    raw[2 + i] != '.')
				return 0;
		return 2 + hl + TAIL_LEN;
	}
	return 0;
}

static const char *
length_error(size_t have, size_t want)
{
	snprintf(why, sizeof(why), "has %zu characters after " TOKENSHAPE_PREFIX
	    " (dashes not counted) where it should have %zu: %s", have, want,
	    have < want ? "some are missing" : "some are too many");
	return why;
}

const char *
tokenshape_check(const char *s, struct tokenshape *out)
{
	uint8_t sym[SYM_MAX], raw[RAW_MAX];
	struct tokenshape ts;
	const char *err;
	size_t nsym, n, want, wsym;

	memset(&ts, 0, sizeof(ts));
	if ((err = read_symbols(s, sym, &nsym)) != NULL)
		return err;
	if (nsym < 2)
		return length_error(nsym, 56);
	n = unpack(sym, nsym, raw);
	if ((want = needed(raw, n, &ts)) == 0)
		return "is mistyped near its start (it names no controller)";
	wsym = (want * 8 + 4) / 5;
	if (nsym != wsym)
		return length_error(nsym, wsym);
	if (ts.af == 0)
		memcpy(ts.host, raw + 2, raw[1]);
	else if (inet_ntop(ts.af, raw + 1, ts.host, sizeof(ts.host)) == NULL)
		return "is mistyped near its start (it names no controller)";
	ts.port = (unsigned)raw[want - TAIL_LEN] << 8 | raw[want - TAIL_LEN + 1];
	if (ts.port == 0)
		return "is mistyped near its start (it names port 0)";
	if (out != NULL)
		*out = ts;
	return NULL;
}
