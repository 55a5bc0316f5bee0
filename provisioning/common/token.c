/* token.c: the enrolment token: its octets, their check digits and their Crockford base32 text. */
/* SPDX-License-Identifier: ISC */
#include <arpa/inet.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "crockford.h"
#include "errbuf.h"
#include "token.h"

/*
 * Octets: kind (1 IPv4, 2 IPv6, 3 host name), the address (4 or 16 octets,
 * or a length octet and the name), the port (big endian), the certificate
 * hash, the secret, then TOKEN_CHECK_LEN octets of BLAKE2b over all before.
 */
enum { KIND_IPV4 = 1, KIND_IPV6 = 2, KIND_HOST = 3 };
#define FIXED_LEN	(1 + 2 + TOKEN_CERTHASH_LEN + TOKEN_SECRET_LEN + \
			    TOKEN_CHECK_LEN)
#define RAW_MAX		(FIXED_LEN + 1 + TOKEN_HOST_MAX)
#define GROUP		4


static void
check_digits(const uint8_t *raw, size_t len, uint8_t out[TOKEN_CHECK_LEN])
{
	uint8_t h[crypto_generichash_BYTES_MIN];

	crypto_generichash(h, sizeof(h), raw, len, NULL, 0);
	memcpy(out, h, TOKEN_CHECK_LEN);
}

static int
host_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > TOKEN_HOST_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '.')
			return 0;
	return 1;
}

/* The token's octets into raw: their count, or 0 for a bad address. */
static size_t
token_pack(const struct token *t, uint8_t raw[RAW_MAX])
{
	size_t n = 0, hl;

	if (inet_pton(AF_INET, t->addr, raw + 1) == 1) {
		raw[0] = KIND_IPV4;
		n = 1 + 4;
	} else if (inet_pton(AF_INET6, t->addr, raw + 1) == 1) {
		raw[0] = KIND_IPV6;
		n = 1 + 16;
	} else if (host_valid(t->addr)) {
		hl = strlen(t->addr);
		raw[0] = KIND_HOST;
		raw[1] = (uint8_t)hl;
		memcpy(raw + 2, t->addr, hl);
		n = 2 + hl;
	} else
		return 0;
	raw[n++] = t->port >> 8;
	raw[n++] = t->port & 0xff;
	memcpy(raw + n, t->certhash, TOKEN_CERTHASH_LEN);
	n += TOKEN_CERTHASH_LEN;
	memcpy(raw + n, t->secret, TOKEN_SECRET_LEN);
	n += TOKEN_SECRET_LEN;
	check_digits(raw, n, raw + n);
	return n + TOKEN_CHECK_LEN;
}

int
token_encode(const struct token *t, char *buf, size_t len)
{
	uint8_t raw[RAW_MAX];
	size_t n, nsym, i, o, bit;
	unsigned v;

	if (t->port == 0 || (n = token_pack(t, raw)) == 0)
		return -1;
	nsym = (n * 8 + 4) / 5;
	if (len < strlen(TOKEN_PREFIX) + nsym + nsym / GROUP + 1)
		return -1;
	o = (size_t)snprintf(buf, len, "%s", TOKEN_PREFIX);
	for (i = 0; i < nsym; i++) {
		if (i > 0 && i % GROUP == 0)
			buf[o++] = '-';
		v = 0;
		for (bit = i * 5; bit < i * 5 + 5; bit++) {
			v <<= 1;
			if (bit < n * 8)
				v |= (raw[bit / 8] >> (7 - bit % 8)) & 1;
		}
		buf[o++] = crockford_alphabet[v];
	}
	buf[o] = '\0';
	return (int)o;
}

/* A typed character's value (O as 0, I and L as 1), or -1. */
static int
ignored(char c)
{
	return c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The symbols' values into sym, their count in *nsym; pos: 1-based. */
static int
read_symbols(const char *text, size_t from, uint8_t *sym, size_t max,
    size_t *nsym, char *err, size_t errlen)
{
	size_t n = 0, pos;
	int v;

	for (pos = from; text[pos] != '\0'; pos++) {
		if (ignored(text[pos]))
			continue;
		if ((v = crockford_value(text[pos])) < 0) {
			if (isprint((unsigned char)text[pos]))
				return errorf(err, errlen, "token has a character"
				    " that cannot be in it: '%c' at position %zu",
				    text[pos], pos + 1);
			return errorf(err, errlen, "token has a character that"
			    " cannot be in it: octet 0x%02x at position %zu",
			    (unsigned char)text[pos], pos + 1);
		}
		if (n == max)
			return errorf(err, errlen, "token is too long: more than"
			    " %zu characters", max);
		sym[n++] = (uint8_t)v;
	}
	*nsym = n;
	return 0;
}

/* Where the symbols start after blanks and "OP1" (0P1, OPI, OPL...), or -1. */
static int
read_prefix(const char *s, char *err, size_t errlen)
{
	size_t i = 0;

	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	if (crockford_value(s[i]) != 0 || toupper((unsigned char)s[i + 1]) != 'P' ||
	    crockford_value(s[i + 2]) != 1)
		return errorf(err, errlen, "token does not start with \"%s\"",
		    TOKEN_PREFIX);
	return (int)(i + 3);
}

/* The symbols' bits as octets into raw; 1 if a bit left over is set. */
static int
unpack_bits(const uint8_t *sym, size_t nsym, uint8_t *raw, size_t *nraw)
{
	size_t nbits = nsym * 5, n = nbits / 8, bit;
	int extra = 0;

	memset(raw, 0, RAW_MAX);
	for (bit = 0; bit < nbits; bit++) {
		unsigned b = (sym[bit / 5] >> (4 - bit % 5)) & 1;

		if (bit >= n * 8)
			extra |= (int)b;
		else
			raw[bit / 8] |= (uint8_t)(b << (7 - bit % 8));
	}
	*nraw = n;
	return extra;
}

static const char *
kind_name(uint8_t kind)
{
	return kind == KIND_IPV4 ? "an IPv4" : kind == KIND_IPV6 ? "an IPv6" :
	    "a host name";
}

/* The octet count a token of raw's kind needs, or 0 for an unknown kind. */
static size_t
want_len(const uint8_t *raw)
{
	switch (raw[0]) {
	case KIND_IPV4:
		return FIXED_LEN + 4;
	case KIND_IPV6:
		return FIXED_LEN + 16;
	case KIND_HOST:
		return FIXED_LEN + 1 + raw[1];
	}
	return 0;
}

static int
token_unpack(const uint8_t *raw, struct token *t, char *err, size_t errlen)
{
	size_t o;

	memset(t, 0, sizeof(*t));
	if (raw[0] == KIND_IPV4) {
		inet_ntop(AF_INET, raw + 1, t->addr, sizeof(t->addr));
		o = 5;
	} else if (raw[0] == KIND_IPV6) {
		inet_ntop(AF_INET6, raw + 1, t->addr, sizeof(t->addr));
		o = 17;
	} else {
		if (raw[1] > TOKEN_HOST_MAX)
			return errorf(err, errlen, "token's controller host "
			    "name is too long");
		memcpy(t->addr, raw + 2, raw[1]);
		t->addr[raw[1]] = '\0';
		o = 2 + (size_t)raw[1];
		if (!host_valid(t->addr))
			return errorf(err, errlen, "token's controller host "
			    "name is not valid");
	}
	t->port = (uint16_t)(raw[o] << 8 | raw[o + 1]);
	o += 2;
	memcpy(t->certhash, raw + o, TOKEN_CERTHASH_LEN);
	o += TOKEN_CERTHASH_LEN;
	memcpy(t->secret, raw + o, TOKEN_SECRET_LEN);
	if (t->port == 0)
		return errorf(err, errlen, "token's controller port is 0");
	return 0;
}

int
token_decode(const char *text, struct token *t, char *err, size_t errlen)
{
	uint8_t sym[(RAW_MAX * 8 + 4) / 5], raw[RAW_MAX];
	uint8_t check[TOKEN_CHECK_LEN];
	size_t nsym = 0, nraw, want;
	int from, extra;

	if ((from = read_prefix(text, err, errlen)) < 0 ||
	    read_symbols(text, (size_t)from, sym, sizeof(sym), &nsym, err,
	    errlen) < 0)
		return -1;
	if (nsym == 0)
		return errorf(err, errlen, "token is empty after \"%s\"",
		    TOKEN_PREFIX);
	extra = unpack_bits(sym, nsym, raw, &nraw);
	want = nraw > 1 ? want_len(raw) : 0;
	if (want != 0 && (want != nraw || nsym * 5 % 8 >= 5))
		return errorf(err, errlen, "token has %zu characters where one "
		    "for %s controller has %zu: one missing or one too many?",
		    nsym, kind_name(raw[0]), (want * 8 + 4) / 5);
	if (nraw < FIXED_LEN || nsym * 5 % 8 >= 5)
		return errorf(err, errlen, "token has %zu characters, which no "
		    "token has: one missing or one too many?", nsym);
	check_digits(raw, nraw - TOKEN_CHECK_LEN, check);
	if (extra || memcmp(check, raw + nraw - TOKEN_CHECK_LEN,
	    TOKEN_CHECK_LEN) != 0)
		return errorf(err, errlen, "token check digits do not match: "
		    "mistyped?");
	if (want == 0)
		return errorf(err, errlen, "token is of a kind this program "
		    "does not know (%u)", raw[0]);
	return token_unpack(raw, t, err, errlen);
}

void
token_secret_hash(const uint8_t secret[TOKEN_SECRET_LEN], char hex[65])
{
	uint8_t h[32];

	crypto_generichash(h, sizeof(h), secret, TOKEN_SECRET_LEN,
	    (const uint8_t *)"outpost-token", 13);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}
