/* bundle_fuzz.c: libFuzzer harness of bundle_open with fixed keys: an input is a bundle, or (led by '!') the text a controller signs, signed here so that what lies past the signature check is reached too. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bundle.h"

#define NODE		"fuzz-node"
#define LAST_SERIAL	5

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The keys come from fixed seeds: the corpus was made with them. */
static uint8_t node_pk[32], node_sk[64], ctl_pk[32], ctl_sk[64];

static void
keys(void)
{
	static int done;
	uint8_t seed[crypto_sign_SEEDBYTES];

	if (done++)
		return;
	if (sodium_init() < 0)
		abort();
	memset(seed, 'n', sizeof(seed));
	crypto_sign_seed_keypair(node_pk, node_sk, seed);
	memset(seed, 'c', sizeof(seed));
	crypto_sign_seed_keypair(ctl_pk, ctl_sk, seed);
}

/* The text, signed: "signature: BASE64\n" after it. */
static char *
sign(const uint8_t *data, size_t size, size_t *len)
{
	uint8_t sig[crypto_sign_BYTES];
	char *b;

	if ((b = malloc(size + 128)) == NULL)
		abort();
	memcpy(b, data, size);
	crypto_sign_detached(sig, NULL, data, size, ctl_sk);
	memcpy(b + size, "signature: ", 11);
	sodium_bin2base64(b + size + 11, 100, sig, sizeof(sig),
	    sodium_base64_VARIANT_ORIGINAL);
	*len = size + strlen(b + size);
	b[(*len)++] = '\n';
	return b;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *conf = NULL, err[512];
	size_t len, conflen;
	uint64_t serial = 0;

	keys();
	if (size > 0 && data[0] == '!')
		buf = sign(data + 1, size - 1, &len);
	else {
		if ((buf = malloc(size ? size : 1)) == NULL)
			abort();
		memcpy(buf, data, size);
		len = size;
	}
	err[0] = '\0';
	if (bundle_open(buf, len, ctl_pk, NODE, node_sk, LAST_SERIAL, &conf,
	    &conflen, &serial, err, sizeof(err)) < 0) {
		if (err[0] == '\0' || conf != NULL)
			abort();	/* every refusal says why */
	} else {
		/* opened: newer, as long as it says, a whole last line */
		if (serial <= LAST_SERIAL || strlen(conf) != conflen ||
		    conf[conflen - 1] != '\n')
			abort();
		free(conf);
	}
	free(buf);
	return 0;
}
