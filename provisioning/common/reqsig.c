/* reqsig.c: signed requests from a node to the controller: the Authorization header, made and checked. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "errbuf.h"
#include "nodename.h"
#include "reqsig.h"

#define SCHEME	"Outpost "
#define TS_MAX	(1LL << 40)	/* far beyond any clock */

/* "METHOD\nPATH\nTS\nHEX(hash)", malloc'd; its length in *len. */
static char *
signed_text_hashed(const char *method, const char *path, int64_t ts,
    const uint8_t h[REQSIG_HASH_LEN], size_t *len)
{
	char hex[2 * REQSIG_HASH_LEN + 1], *s;
	int n;

	sodium_bin2hex(hex, sizeof(hex), h, REQSIG_HASH_LEN);
	if ((n = asprintf(&s, "%s\n%s\n%" PRId64 "\n%s", method, path, ts,
	    hex)) < 0)
		return NULL;
	*len = (size_t)n;
	return s;
}

/* "METHOD\nPATH\nTS\nHEX(SHA-256(body))", malloc'd; its length in *len. */
static char *
signed_text(const char *method, const char *path, int64_t ts,
    const void *body, size_t bodylen, size_t *len)
{
	uint8_t h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, body, bodylen);
	return signed_text_hashed(method, path, ts, h, len);
}

int
reqsig_make(const char *node, const char *method, const char *path,
    int64_t ts, const void *body, size_t bodylen, const uint8_t sk[64],
    char *out, size_t len)
{
	uint8_t h[REQSIG_HASH_LEN];

	crypto_hash_sha256(h, body, bodylen);
	return reqsig_make_hashed(node, method, path, ts, h, sk, out, len);
}

int
reqsig_make_hashed(const char *node, const char *method, const char *path,
    int64_t ts, const uint8_t hash[REQSIG_HASH_LEN], const uint8_t sk[64],
    char *out, size_t len)
{
	uint8_t sig[REQSIG_SIG_LEN];
	char b64[sodium_base64_ENCODED_LEN(REQSIG_SIG_LEN,
	    sodium_base64_VARIANT_ORIGINAL)], *text;
	size_t tlen;
	int n;

	if (!node_name_valid(node) ||
	    (text = signed_text_hashed(method, path, ts, hash, &tlen)) == NULL)
		return -1;
	crypto_sign_detached(sig, NULL, (const uint8_t *)text, tlen, sk);
	free(text);
	sodium_bin2base64(b64, sizeof(b64), sig, sizeof(sig),
	    sodium_base64_VARIANT_ORIGINAL);
	n = snprintf(out, len, SCHEME "node=%s, ts=%" PRId64 ", sig=%s", node,
	    ts, b64);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* One "key=value" of the header into rs; *seen gets the key's bit. */
static int
parse_param(const char *key, size_t klen, const char *val, size_t vlen,
    struct reqsig *rs, int *seen, char *err, size_t errlen)
{
	char buf[REQSIG_HDR_MAX], *end;
	size_t binlen;
	int bit;

	if (vlen >= sizeof(buf))
		return errorf(err, errlen, "Authorization: %.*s is too long",
		    (int)klen, key);
	memcpy(buf, val, vlen);
	buf[vlen] = '\0';
	if (klen == 4 && memcmp(key, "node", 4) == 0) {
		bit = 1;
		if (!node_name_valid(buf))
			return errorf(err, errlen, "Authorization: node=%s is "
			    "not a node name", buf);
		memcpy(rs->node, buf, vlen + 1);
	} else if (klen == 2 && memcmp(key, "ts", 2) == 0) {
		bit = 2;
		errno = 0;
		rs->ts = strtoll(buf, &end, 10);
		if (vlen == 0 || *end != '\0' || errno != 0 ||
		    !isdigit((unsigned char)buf[0]) || rs->ts > TS_MAX)
			return errorf(err, errlen, "Authorization: ts=%s is "
			    "not a time in seconds", buf);
	} else if (klen == 3 && memcmp(key, "sig", 3) == 0) {
		bit = 4;
		if (sodium_base642bin(rs->sig, sizeof(rs->sig), buf, vlen,
		    NULL, &binlen, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
		    binlen != REQSIG_SIG_LEN)
			return errorf(err, errlen, "Authorization: sig is not "
			    "base64 of %d octets", REQSIG_SIG_LEN);
	} else
		return errorf(err, errlen, "Authorization: unknown parameter "
		    "%.*s", (int)klen, key);
	if (*seen & bit)
		return errorf(err, errlen, "Authorization: %.*s given twice",
		    (int)klen, key);
	*seen |= bit;
	return 0;
}

int
reqsig_parse(const char *hdr, struct reqsig *rs, char *err, size_t errlen)
{
	const char *p, *eq, *end;
	int seen = 0;

	memset(rs, 0, sizeof(*rs));
	if (hdr == NULL)
		return errorf(err, errlen, "request is not signed (no "
		    "Authorization header)");
	if (strncmp(hdr, SCHEME, strlen(SCHEME)) != 0)
		return errorf(err, errlen, "Authorization is not of the "
		    "\"Outpost\" scheme");
	for (p = hdr + strlen(SCHEME); *p != '\0'; p = end) {
		while (*p == ' ')
			p++;
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
			return errorf(err, errlen, "Authorization: \"%.*s\" is "
			    "not key=value", (int)(end - p), p);
		if (parse_param(p, (size_t)(eq - p), eq + 1,
		    (size_t)(end - eq - 1), rs, &seen, err, errlen) < 0)
			return -1;
		if (*end == ',')
			end++;
	}
	if (seen != 7)
		return errorf(err, errlen, "Authorization: %s missing",
		    !(seen & 1) ? "node" : !(seen & 2) ? "ts" : "sig");
	return 0;
}

int
reqsig_check(const struct reqsig *rs, const char *method, const char *path,
    const void *body, size_t bodylen, const uint8_t pk[32], int64_t now,
    char *err, size_t errlen)
{
	char *text;
	size_t tlen;
	int bad;

	if (rs->ts < now - REQSIG_SKEW || rs->ts > now + REQSIG_SKEW)
		return errorf(err, errlen, "request of node %s is stale: ts "
		    "%" PRId64 " is %" PRId64 " s from the controller's clock "
		    "(at most %d)", rs->node, rs->ts, rs->ts > now ?
		    rs->ts - now : now - rs->ts, REQSIG_SKEW);
	if ((text = signed_text(method, path, rs->ts, body, bodylen,
	    &tlen)) == NULL)
		return errorf(err, errlen, "cannot check signature: out of "
		    "memory");
	bad = crypto_sign_verify_detached(rs->sig, (const uint8_t *)text,
	    tlen, pk);
	free(text);
	if (bad)
		return errorf(err, errlen, "signature of node %s does not "
		    "verify with its key", rs->node);
	return 0;
}
