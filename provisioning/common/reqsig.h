/* reqsig.h: signed requests from a node to the controller: the Authorization header, made and checked. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_REQSIG_H
#define OUTPOST_REQSIG_H

#include <stddef.h>
#include <stdint.h>

#include "nodename.h"

#define REQSIG_SKEW	300	/* seconds a ts may be away from now */
#define REQSIG_NAME_MAX	(NODENAME_MAX + 1) /* a node's name, with its NUL */
#define REQSIG_HDR_MAX	256	/* the header value, with its NUL */
#define REQSIG_SIG_LEN	64
#define REQSIG_HASH_LEN	32	/* SHA-256 of the body */

struct reqsig {
	char	 node[REQSIG_NAME_MAX];
	int64_t	 ts;
	uint8_t	 sig[REQSIG_SIG_LEN];
};

/*
 * Writes the Authorization header's value into out (len octets):
 * "Outpost node=NAME, ts=TS, sig=BASE64", the signature by sk over
 * "METHOD\nPATH\nTS\nHEX(SHA-256(body))".  PATH is the request's path
 * without its query.  0, or -1 (bad name, out too short).
 */
int	reqsig_make(const char *node, const char *method, const char *path,
	    int64_t ts, const void *body, size_t bodylen, const uint8_t sk[64],
	    char *out, size_t len);
/* The same, given SHA-256 of the body (the agent's parent signs for its
 * network side, which sends only the hash). */
int	reqsig_make_hashed(const char *node, const char *method,
	    const char *path, int64_t ts, const uint8_t hash[REQSIG_HASH_LEN],
	    const uint8_t sk[64], char *out, size_t len);
/* Reads the header's value: 0, or -1 with what is wrong in err. */
int	reqsig_parse(const char *hdr, struct reqsig *, char *err,
	    size_t errlen);
/*
 * Checks a parsed signature against the request and the node's public
 * key: ts within REQSIG_SKEW seconds of now, then the signature.  0, or -1
 * with the reason in err.
 */
int	reqsig_check(const struct reqsig *, const char *method,
	    const char *path, const void *body, size_t bodylen,
	    const uint8_t pk[32], int64_t now, char *err, size_t errlen);

#endif
