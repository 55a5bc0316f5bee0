/* dscheck_key.c: a DNSKEY's RDATA from its text, its key tag, and whether a DS matches it. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <string.h>

#include <openssl/evp.h>

#include "base64.h"
#include "dnsmsg.h"
#include "dscheck.h"

uint16_t
dsc_keytag(const uint8_t *rdata, size_t len)
{
	uint32_t ac = 0;
	size_t i;

	if (len >= 4 && rdata[3] == 1)	/* RSA/MD5: from the modulus */
		return len < 7 ? 0 : (uint16_t)(rdata[len - 3] << 8 |
		    rdata[len - 2]);
	for (i = 0; i < len; i++)
		ac += (i & 1) ? rdata[i] : (uint32_t)rdata[i] << 8;
	ac += (ac >> 16) & 0xffff;
	return (uint16_t)(ac & 0xffff);
}

/* A decimal field from 0 to max; the text after it. */
static const char *
number(const char *p, unsigned max, unsigned *v)
{
	while (*p == ' ' || *p == '\t')
		p++;
	if (!isdigit((unsigned char)*p))
		return NULL;
	for (*v = 0; isdigit((unsigned char)*p); p++)
		if ((*v = *v * 10 + (unsigned)(*p - '0')) > max)
			return NULL;
	return *p == ' ' || *p == '\t' ? p : NULL;
}

const char *
dsc_key_parse(const char *text, struct dsc_key *k)
{
	unsigned flags, proto, alg;
	const char *p;
	long n;

	if ((p = number(text, 65535, &flags)) == NULL ||
	    (p = number(p, 255, &proto)) == NULL ||
	    (p = number(p, 255, &alg)) == NULL)
		return "DNSKEY is not FLAGS PROTOCOL ALGORITHM KEY";
	k->rdata[0] = (uint8_t)(flags >> 8);
	k->rdata[1] = (uint8_t)flags;
	k->rdata[2] = (uint8_t)proto;
	k->rdata[3] = (uint8_t)alg;
	if ((n = base64_decode(p, k->rdata + 4, sizeof(k->rdata) - 4)) < 0)
		return "DNSKEY has a key that is not base64 (or too long)";
	if (n < 3)
		return "DNSKEY has a key too short";
	k->len = 4 + (size_t)n;
	k->tag = dsc_keytag(k->rdata, k->len);
	return NULL;
}

int
dsc_ds_matches(const struct dsrec *ds, const char *zone,
    const struct dsc_key *k)
{
	uint8_t owner[DNS_NAME_WIRE_MAX], md[EVP_MAX_MD_SIZE];
	const EVP_MD *type;
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx;
	int olen, ok;

	if (ds->keytag != k->tag || ds->alg != k->rdata[3])
		return 0;
	type = ds->dtype == 1 ? EVP_sha1() : ds->dtype == 2 ? EVP_sha256() :
	    ds->dtype == 4 ? EVP_sha384() : NULL;
	/* zone is normalised (lower case): its wire form is the canonical one. */
	if (type == NULL || (olen = dns_name_wire(zone, owner)) < 0 ||
	    (ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	ok = EVP_DigestInit_ex(ctx, type, NULL) == 1 &&
	    EVP_DigestUpdate(ctx, owner, (size_t)olen) == 1 &&
	    EVP_DigestUpdate(ctx, k->rdata, k->len) == 1 &&
	    EVP_DigestFinal_ex(ctx, md, &mdlen) == 1;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return -1;
	return mdlen == ds->dlen && memcmp(md, ds->digest, mdlen) == 0;
}
