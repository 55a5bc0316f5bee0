/* catalog_tsig.c: TSIG (RFC 8945) for the catalog worker: its AXFR request signed with the tenant's key (HMAC-SHA256/384/512 from libcrypto). */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "base64.h"
#include "catalog_worker.h"

#define TYPE_TSIG	250
#define CLASS_ANY	255
#define FUDGE		300

static size_t
lower_wire(const char *name, uint8_t out[DNS_NAME_WIRE_MAX])
{
	int n = dns_name_wire(name, out), i;

	if (n <= 0)
		return 0;
	for (i = 0; i < n; i++)
		out[i] = (uint8_t)tolower(out[i]);
	return (size_t)n;
}

void
catw_tsig_init(void)
{
	uint8_t mac[EVP_MAX_MD_SIZE];
	unsigned len;

	OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL);
	HMAC(EVP_sha256(), "k", 1, (const uint8_t *)"", 0, mac, &len);
	HMAC(EVP_sha384(), "k", 1, (const uint8_t *)"", 0, mac, &len);
	HMAC(EVP_sha512(), "k", 1, (const uint8_t *)"", 0, mac, &len);
}

int
catw_key_set(struct catw_key *k, const char *name, const char *alg,
    const char *b64)
{
	unsigned char buf[3 * sizeof(k->secret)];
	size_t len = strlen(b64), pad = 0;
	int n;

	memset(k, 0, sizeof(*k));
	if (strcmp(alg, "hmac-sha256") != 0 && strcmp(alg, "hmac-sha384") !=
	    0 && strcmp(alg, "hmac-sha512") != 0)
		return -1;
	if ((k->namelen = lower_wire(name, k->name)) == 0 ||
	    (k->alglen = lower_wire(alg, k->alg)) == 0)
		return -1;
	snprintf(k->algname, sizeof(k->algname), "%s", alg);
	if (base64_check(b64, 16) != NULL || len % 4 != 0 ||
	    len / 4 * 3 > sizeof(buf))
		return -1;
	if ((n = EVP_DecodeBlock(buf, (const unsigned char *)b64,
	    (int)len)) < 0)
		return -1;
	pad = (b64[len - 1] == '=') + (b64[len - 2] == '=');
	if ((size_t)n - pad > sizeof(k->secret) || (size_t)n <= pad)
		return -1;
	k->secretlen = (size_t)n - pad;
	memcpy(k->secret, buf, k->secretlen);
	return 0;
}

static uint8_t *
put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
	return p + 2;
}

static uint8_t *
put48(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 6; i++)
		p[i] = (uint8_t)(v >> (8 * (5 - i)));
	return p + 6;
}

static const EVP_MD *
key_md(const struct catw_key *k)
{
	if (strcmp(k->algname, "hmac-sha512") == 0)
		return EVP_sha512();
	if (strcmp(k->algname, "hmac-sha384") == 0)
		return EVP_sha384();
	return EVP_sha256();
}

/* The MAC over the message and the TSIG variables (RFC 8945 4.3.3). */
static int
tsig_mac(const struct catw_key *k, const uint8_t *msg, size_t len,
    uint64_t now, uint8_t *mac, unsigned *maclen)
{
	uint8_t buf[CATW_QUERY_MAX + 2 * DNS_NAME_WIRE_MAX + 32], *p;

	if (len > CATW_QUERY_MAX)
		return -1;
	memcpy(buf, msg, len);
	p = buf + len;
	memcpy(p, k->name, k->namelen);
	p = put16(p + k->namelen, CLASS_ANY);
	memset(p, 0, 4);		/* TTL */
	memcpy(p += 4, k->alg, k->alglen);
	p = put48(p + k->alglen, now);
	p = put16(p, FUDGE);
	p = put16(p, 0);		/* error */
	p = put16(p, 0);		/* other len */
	return HMAC(key_md(k), k->secret, (int)k->secretlen, buf,
	    (size_t)(p - buf), mac, maclen) == NULL ? -1 : 0;
}

size_t
catw_tsig_sign(const struct catw_key *k, uint8_t *msg, size_t len,
    size_t cap, uint64_t now)
{
	uint8_t mac[EVP_MAX_MD_SIZE], *p, *rdlen;
	unsigned maclen, ar;

	if (tsig_mac(k, msg, len, now, mac, &maclen) < 0 ||
	    len + k->namelen + 10 + k->alglen + 16 + maclen > cap)
		return 0;
	p = msg + len;
	memcpy(p, k->name, k->namelen);
	p = put16(p + k->namelen, TYPE_TSIG);
	p = put16(p, CLASS_ANY);
	memset(p, 0, 4);
	rdlen = p + 4;
	p = rdlen + 2;
	memcpy(p, k->alg, k->alglen);
	p = put48(p + k->alglen, now);
	p = put16(p, FUDGE);
	p = put16(p, maclen);
	memcpy(p, mac, maclen);
	p = put16(p + maclen, (unsigned)(msg[0] << 8 | msg[1]));
	p = put16(p, 0);
	p = put16(p, 0);
	put16(rdlen, (unsigned)(p - rdlen - 2));
	ar = (unsigned)(msg[10] << 8 | msg[11]) + 1;
	put16(msg + 10, ar);
	return (size_t)(p - msg);
}
