/* seal.h: the secrets of a node.conf text sealed to a node's key (crypto_box_seal to its x25519 twin) and opened again. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_SEAL_H
#define OUTPOST_SEAL_H

#include <stddef.h>
#include <stdint.h>

/* What a sealed value starts with; base64 of the sealed box follows. */
#define SEAL_PREFIX	"sealed:"
/* The longest secret value sealed or opened, in octets. */
#define SEAL_VALUE_MAX	1024

/*
 * The keys whose values are secrets: tsig-secret (tenant blocks) and
 * password (neighbor blocks).  They are recognised wherever they stand:
 * node.conf has them nowhere else.
 */
int	seal_is_secret_key(const char *key, size_t len);

/*
 * Copies the node.conf text conf with every secret value replaced by
 * SEAL_PREFIX and the base64 of crypto_box_seal(value) to node_pk (ed25519,
 * turned into its x25519 twin).  Everything else stays octet for octet.
 * *out is malloc'd and NUL-terminated.  0, or -1 with err set.
 */
int	seal_conf(const char *conf, size_t len, const uint8_t node_pk[32],
	    char **out, size_t *outlen, char *err, size_t errlen);
/*
 * The reverse, with the node's ed25519 secret key: every secret value
 * must be sealed and must open; it is written back quoted.  Refuses an
 * unsealed secret ("secret not sealed"), a value sealed to another key,
 * and an opened value with a line break or NUL.  Errors name
 * node.conf:LINE and the key, never a value.  *out is malloc'd and
 * NUL-terminated.  0, or -1 with err set.
 */
int	seal_open_conf(const char *text, size_t len, const uint8_t node_sk[64],
	    char **out, size_t *outlen, char *err, size_t errlen);
/*
 * In msg (a parser's message about the opened text), every secret value
 * of text quoted as 'VALUE' becomes '(secret withheld)'.
 */
void	seal_redact(char *msg, size_t msglen, const char *text, size_t len);

#endif
