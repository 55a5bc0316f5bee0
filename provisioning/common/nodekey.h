/* nodekey.h: an ed25519 key pair in two raw files (the node's key, the controller's signing key), and public keys as base64 text. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NODEKEY_H
#define OUTPOST_NODEKEY_H

#include <stddef.h>
#include <stdint.h>

#define NODEKEY_PK_LEN		32	/* crypto_sign_PUBLICKEYBYTES */
#define NODEKEY_SK_LEN		64	/* crypto_sign_SECRETKEYBYTES */
/* Base64 of a public key: 44 characters and the NUL. */
#define NODEKEY_PK_TEXT		45
/* The node's files, in STATE/agent/. */
#define NODEKEY_KEY_FILE	"node.key"
#define NODEKEY_PUB_FILE	"node.pub"

struct nodekey {
	uint8_t		 pk[NODEKEY_PK_LEN];
	uint8_t		 sk[NODEKEY_SK_LEN];
};

/*
 * Makes a new key pair and writes keypath (the 64-octet secret key, mode
 * 0600) and pubpath (the 32-octet public key, 0644), each atomically, then
 * syncs their directory.  Refuses when keypath exists: a key is never
 * replaced behind the controller's back.  0, or -1 with err set.
 */
int	nodekey_generate(const char *keypath, const char *pubpath,
	    struct nodekey *k, char *err, size_t errlen);
/*
 * Reads keypath: a regular file of exactly 64 octets, owned by us, with
 * no group or other permission bits, whose halves agree (the public half
 * is the one its seed makes).  0, or -1 with err set.
 */
int	nodekey_load(const char *keypath, struct nodekey *k, char *err,
	    size_t errlen);
/* Overwrites the key pair with zeros. */
void	nodekey_wipe(struct nodekey *k);

/* A public key as standard base64 (NODEKEY_PK_TEXT octets with the NUL). */
void	nodekey_pk_to_text(const uint8_t pk[NODEKEY_PK_LEN],
	    char text[NODEKEY_PK_TEXT]);
/* Standard base64 of exactly 32 octets: 0, or -1 with err set. */
int	nodekey_pk_from_text(const char *text, uint8_t pk[NODEKEY_PK_LEN],
	    char *err, size_t errlen);
/* Base64 of exactly len octets into out: 0, or -1 with err set. */
int	nodekey_b64_decode(const char *text, uint8_t *out, size_t len,
	    char *err, size_t errlen);

#endif
