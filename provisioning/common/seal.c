/* seal.c: the secrets of a node.conf text sealed to a node's key (crypto_box_seal to its x25519 twin) and opened again. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "errbuf.h"
#include "seal.h"

#define BOX_MAX		(SEAL_VALUE_MAX + crypto_box_SEALBYTES)
#define B64_MAX		sodium_base64_ENCODED_LEN(BOX_MAX, \
			    sodium_base64_VARIANT_ORIGINAL)
#define PREFIX_LEN	(sizeof(SEAL_PREFIX) - 1)

/* A growing text; what it held is wiped when it moves or is freed. */
struct sbuf {
	char		*p;
	size_t		 len;
	size_t		 cap;
	int		 oom;
};

/* One secret value in the text, as written (quotes included). */
struct item {
	int		 line;
	const char	*key;
	size_t		 keylen;
	size_t		 vstart;	/* the value as written: [vstart, vend) */
	size_t		 vend;
	size_t		 rstart;	/* inside the quotes: [rstart, rend) */
	size_t		 rend;
	int		 quoted;
	int		 unterminated;	/* a quote without its end */
};

struct scan {
	const char	*text;
	size_t		 len;
	size_t		 pos;
	int		 line;
};

static void
wipe_free(void *p, size_t len)
{
	if (p != NULL)
		sodium_memzero(p, len);
	free(p);
}

static void
sbuf_add(struct sbuf *b, const void *s, size_t n)
{
	size_t cap;
	char *np;

	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		for (cap = b->cap ? b->cap : 1024; cap < b->len + n + 1;)
			cap *= 2;
		if ((np = malloc(cap)) == NULL) {
			b->oom = 1;
			return;
		}
		if (b->len > 0)
			memcpy(np, b->p, b->len);
		wipe_free(b->p, b->cap);
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

int
seal_is_secret_key(const char *key, size_t len)
{
	return (len == 11 && memcmp(key, "tsig-secret", 11) == 0) ||
	    (len == 8 && memcmp(key, "password", 8) == 0);
}

static size_t
skip_blanks(const char *t, size_t p, size_t end)
{
	while (p < end && (t[p] == ' ' || t[p] == '\t'))
		p++;
	return p;
}

/* The value after "key:", lexed as lib/cfg.c does: quoted or bare. */
static void
lex_value(const char *t, size_t p, size_t end, struct item *it)
{
	it->vstart = p;
	it->unterminated = 0;
	if (t[p] == '"') {
		it->quoted = 1;
		it->rstart = ++p;
		while (p < end && t[p] != '"')
			p += t[p] == '\\' && p + 1 < end &&
			    (t[p + 1] == '"' || t[p + 1] == '\\') ? 2 : 1;
		it->rend = p;
		it->vend = p < end ? p + 1 : end;
		it->unterminated = p == end;
		return;
	}
	it->quoted = 0;
	it->rstart = p;
	while (p < end && t[p] != ' ' && t[p] != '\t' && t[p] != '#')
		p++;
	it->rend = it->vend = p;
}

/* A secret on the line [ls, le)?  1 with *it filled, else 0. */
static int
lex_line(const char *t, size_t ls, size_t le, struct item *it)
{
	size_t p, k;

	if (le > ls && t[le - 1] == '\r')
		le--;
	p = k = skip_blanks(t, ls, le);
	while (p < le && (isalnum((unsigned char)t[p]) || t[p] == '-' ||
	    t[p] == '_'))
		p++;
	if (p == k || p == le || t[p] != ':' || !seal_is_secret_key(t + k,
	    p - k))
		return 0;
	it->key = t + k;
	it->keylen = p - k;
	p = skip_blanks(t, p + 1, le);
	if (p == le || t[p] == '#')
		return 0;	/* no value: the parser says so */
	lex_value(t, p, le, it);
	return 1;
}

static int
next_secret(struct scan *s, struct item *it)
{
	const char *nl;
	size_t ls, le;

	while (s->pos < s->len) {
		ls = s->pos;
		nl = memchr(s->text + ls, '\n', s->len - ls);
		le = nl != NULL ? (size_t)(nl - s->text) : s->len;
		s->pos = le + 1;
		s->line++;
		if (lex_line(s->text, ls, le, it)) {
			it->line = s->line;
			return 1;
		}
	}
	return 0;
}

static int
unterminated(const struct item *it, char *err, size_t errlen)
{
	return errorf(err, errlen, "node.conf:%d: %.*s: unterminated string",
	    it->line, (int)it->keylen, it->key);
}

/* The value without quotes and escapes into out (max octets): its length, or -1. */
static long
unquote(const char *t, const struct item *it, char *out, size_t max)
{
	size_t p, n = 0;

	for (p = it->rstart; p < it->rend; p++) {
		if (it->quoted && t[p] == '\\' && p + 1 < it->rend &&
		    (t[p + 1] == '"' || t[p + 1] == '\\'))
			p++;
		if (n == max)
			return -1;
		out[n++] = t[p];
	}
	return (long)n;
}

static void
add_quoted(struct sbuf *b, const char *v, size_t len)
{
	size_t i;

	sbuf_add(b, "\"", 1);
	for (i = 0; i < len; i++) {
		if (v[i] == '"' || v[i] == '\\')
			sbuf_add(b, "\\", 1);
		sbuf_add(b, v + i, 1);
	}
	sbuf_add(b, "\"", 1);
}

static int
seal_one(struct sbuf *b, const char *t, const struct item *it,
    const uint8_t xpk[32], char *err, size_t errlen)
{
	unsigned char box[BOX_MAX];
	char val[SEAL_VALUE_MAX], b64[B64_MAX];
	long n;

	if (it->unterminated)
		return unterminated(it, err, errlen);
	if ((n = unquote(t, it, val, sizeof(val))) < 0)
		return errorf(err, errlen, "node.conf:%d: %.*s: longer than "
		    "%d octets", it->line, (int)it->keylen, it->key,
		    SEAL_VALUE_MAX);
	crypto_box_seal(box, (unsigned char *)val, (unsigned long long)n,
	    xpk);
	sodium_memzero(val, sizeof(val));
	sodium_bin2base64(b64, sizeof(b64), box,
	    (size_t)n + crypto_box_SEALBYTES, sodium_base64_VARIANT_ORIGINAL);
	sbuf_add(b, SEAL_PREFIX, PREFIX_LEN);
	sbuf_add(b, b64, strlen(b64));
	return 0;
}

static int
finish(struct sbuf *b, char **out, size_t *outlen, char *err, size_t errlen)
{
	if (b->p == NULL)
		sbuf_add(b, "", 0);
	if (b->oom) {
		wipe_free(b->p, b->cap);
		return errorf(err, errlen, "out of memory");
	}
	*out = b->p;
	*outlen = b->len;
	return 0;
}

int
seal_conf(const char *conf, size_t len, const uint8_t node_pk[32],
    char **out, size_t *outlen, char *err, size_t errlen)
{
	struct scan s = { conf, len, 0, 0 };
	struct sbuf b = { NULL, 0, 0, 0 };
	struct item it;
	uint8_t xpk[crypto_box_PUBLICKEYBYTES];
	size_t last = 0;

	if (sodium_init() < 0)
		return errorf(err, errlen, "libsodium does not initialise");
	if (crypto_sign_ed25519_pk_to_curve25519(xpk, node_pk) != 0)
		return errorf(err, errlen, "the node key is not a usable "
		    "ed25519 public key");
	while (next_secret(&s, &it)) {
		sbuf_add(&b, conf + last, it.vstart - last);
		if (seal_one(&b, conf, &it, xpk, err, errlen) < 0) {
			wipe_free(b.p, b.cap);
			return -1;
		}
		last = it.vend;
	}
	sbuf_add(&b, conf + last, len - last);
	return finish(&b, out, outlen, err, errlen);
}

/* The sealed box of a value as written: its length, or -1 with err set. */
static long
decode_box(const char *t, const struct item *it, unsigned char *box,
    char *err, size_t errlen)
{
	char txt[PREFIX_LEN + B64_MAX];
	const char *end;
	size_t n;
	long tl;

	if (it->unterminated)
		return unterminated(it, err, errlen);
	if ((tl = unquote(t, it, txt, sizeof(txt))) < 0 ||
	    (size_t)tl < PREFIX_LEN || memcmp(txt, SEAL_PREFIX,
	    PREFIX_LEN) != 0) {
		sodium_memzero(txt, sizeof(txt));
		return errorf(err, errlen, "node.conf:%d: %.*s: secret not "
		    "sealed (a bundle carries secrets only sealed to the "
		    "node's key)", it->line, (int)it->keylen, it->key);
	}
	if (sodium_base642bin(box, BOX_MAX, txt + PREFIX_LEN,
	    (size_t)tl - PREFIX_LEN, NULL, &n, &end,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || end != txt + tl)
		return errorf(err, errlen, "node.conf:%d: %.*s: sealed value "
		    "is not base64 (of at most %zu octets)", it->line,
		    (int)it->keylen, it->key, (size_t)BOX_MAX);
	if (n < crypto_box_SEALBYTES)
		return errorf(err, errlen, "node.conf:%d: %.*s: sealed value "
		    "is too short for a sealed box", it->line,
		    (int)it->keylen, it->key);
	return (long)n;
}

static int
open_one(struct sbuf *b, const char *t, const struct item *it,
    const uint8_t xpk[32], const uint8_t xsk[32], char *err, size_t errlen)
{
	unsigned char box[BOX_MAX], val[SEAL_VALUE_MAX];
	size_t vlen;
	long n;
	int rc = 0;

	if ((n = decode_box(t, it, box, err, errlen)) < 0)
		return -1;
	vlen = (size_t)n - crypto_box_SEALBYTES;
	if (crypto_box_seal_open(val, box, (unsigned long long)n, xpk,
	    xsk) != 0)
		return errorf(err, errlen, "node.conf:%d: %.*s: sealed value "
		    "does not open with this node's key (sealed to another "
		    "key, or changed)", it->line, (int)it->keylen, it->key);
	if (memchr(val, '\n', vlen) != NULL || memchr(val, '\r', vlen) !=
	    NULL || memchr(val, '\0', vlen) != NULL)
		rc = errorf(err, errlen, "node.conf:%d: %.*s: opened value "
		    "holds a line break or NUL", it->line, (int)it->keylen,
		    it->key);
	else
		add_quoted(b, (char *)val, vlen);
	sodium_memzero(val, sizeof(val));
	return rc;
}

int
seal_open_conf(const char *text, size_t len, const uint8_t node_sk[64],
    char **out, size_t *outlen, char *err, size_t errlen)
{
	struct scan s = { text, len, 0, 0 };
	struct sbuf b = { NULL, 0, 0, 0 };
	struct item it;
	uint8_t xpk[crypto_box_PUBLICKEYBYTES], xsk[crypto_box_SECRETKEYBYTES];
	uint8_t pk[crypto_sign_PUBLICKEYBYTES];
	size_t last = 0;
	int rc = 0;

	if (sodium_init() < 0)
		return errorf(err, errlen, "libsodium does not initialise");
	crypto_sign_ed25519_sk_to_pk(pk, node_sk);
	if (crypto_sign_ed25519_pk_to_curve25519(xpk, pk) != 0 ||
	    crypto_sign_ed25519_sk_to_curve25519(xsk, node_sk) != 0)
		return errorf(err, errlen, "the node key is not a usable "
		    "ed25519 key");
	while (rc == 0 && next_secret(&s, &it)) {
		sbuf_add(&b, text + last, it.vstart - last);
		rc = open_one(&b, text, &it, xpk, xsk, err, errlen);
		last = it.vend;
	}
	sodium_memzero(xsk, sizeof(xsk));
	if (rc < 0) {
		wipe_free(b.p, b.cap);
		return -1;
	}
	sbuf_add(&b, text + last, len - last);
	return finish(&b, out, outlen, err, errlen);
}

/* Replaces in msg every "'" value "'" by "'(secret withheld)'". */
static void
redact_one(char *msg, size_t msglen, const char *val, size_t vlen)
{
	static const char mark[] = "'(secret withheld)'";
	char *p, *q;
	size_t n;

	for (p = msg; (q = strchr(p, '\'')) != NULL; p = q + 1) {
		if (strncmp(q + 1, val, vlen) != 0 || q[1 + vlen] != '\'')
			continue;
		if ((size_t)(q - msg) + sizeof(mark) > msglen) {
			*q = '\0';	/* no room for the mark: cut there */
			return;
		}
		n = strlen(q + vlen + 2);
		if ((size_t)(q - msg) + sizeof(mark) + n > msglen)
			n = msglen - (size_t)(q - msg) - sizeof(mark);
		memmove(q + sizeof(mark) - 1, q + vlen + 2, n);
		q[sizeof(mark) - 1 + n] = '\0';
		memcpy(q, mark, sizeof(mark) - 1);
		q += sizeof(mark) - 2;
	}
}

void
seal_redact(char *msg, size_t msglen, const char *text, size_t len)
{
	struct scan s = { text, len, 0, 0 };
	char val[SEAL_VALUE_MAX + 1];
	struct item it;
	long n;

	if (msglen == 0)
		return;
	while (next_secret(&s, &it)) {
		if ((n = unquote(text, &it, val, SEAL_VALUE_MAX)) <= 0)
			continue;
		val[n] = '\0';
		if (strlen(val) == (size_t)n)
			redact_one(msg, msglen, val, (size_t)n);
	}
	sodium_memzero(val, sizeof(val));
}
