/* signkey.h: the controller's bundle signing key (ed25519): made on first start, reused after. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_SIGNKEY_H
#define OUTPOST_SIGNKEY_H

#include <stddef.h>
#include <stdint.h>

#define SIGNKEY_FILE	"signing.key"	/* 64 octets raw, 0600 */
#define SIGNPUB_FILE	"signing.pub"	/* 32 octets raw, 0644 */

/*
 * Loads DIR/signing.key and signing.pub, making them first when neither
 * exists.  A key readable by group or others, of the wrong size, or not
 * matching its .pub is refused.  0, or -1 with err.
 */
int	signkey_load_or_make(const char *dir, uint8_t pk[32], uint8_t sk[64],
	    char *err, size_t errlen);
/* Loads them, never making them: 0, or -1 with err. */
int	signkey_load(const char *dir, uint8_t pk[32], uint8_t sk[64],
	    char *err, size_t errlen);

#endif
