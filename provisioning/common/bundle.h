/* bundle.h: a node's signed configuration bundle: header, node.conf text with its secrets sealed, the controller's signature; made and opened (verified). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_BUNDLE_H
#define OUTPOST_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "nodename.h"

#define BUNDLE_VERSION	1
#define BUNDLE_MAX	(1 << 20)	/* octets of a whole bundle */
#define BUNDLE_NAME_MAX	NODENAME_MAX	/* octets of a node's name */

/*
 * The format (docs/provisioning.md, "Bundles"):
 *
 *	outpost-bundle: 1
 *	node: NAME
 *	serial: N
 *	node-key: BASE64 (the node's ed25519 public key)
 *	controller-key: BASE64 (the controller's ed25519 public key)
 *	length: OCTETS (of the node.conf text)
 *	(a blank line)
 *	node.conf text, secrets as "sealed:BASE64", ending in a newline
 *	signature: BASE64 (ed25519, over every octet above)
 */

/*
 * Makes the bundle of node.conf text conf (which must parse as node.conf;
 * a newline is added when it lacks its last) for node, sealing its
 * secrets to node_pk and signing with the controller's ctl_sk.  *out is
 * malloc'd and NUL-terminated.  0, or -1 with err set.
 */
int	bundle_make(const char *node, uint64_t serial, const char *conf,
	    size_t conflen, const uint8_t node_pk[32], const uint8_t ctl_sk[64],
	    char **out, size_t *outlen, char *err, size_t errlen);

/*
 * Checks a bundle in this order, refusing with a precise reason: syntax
 * (truncated, missing field, bad base64, length), controller key equal to
 * the trusted ctl_pk, signature, node name and node key ours, serial above
 * last_serial, every sealed value opens with node_sk, the opened text
 * parses as node.conf.  On success *conf (malloc'd, NUL-terminated) is
 * the plaintext node.conf and *serial the bundle's serial.  0, or -1 with
 * err set.
 */
int	bundle_open(const char *buf, size_t len, const uint8_t ctl_pk[32],
	    const char *node, const uint8_t node_sk[64], uint64_t last_serial,
	    char **conf, size_t *conflen, uint64_t *serial, char *err,
	    size_t errlen);

#endif
