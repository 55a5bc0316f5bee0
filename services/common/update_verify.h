/* update_verify.h: an update file's signature (Ed25519ph, libsodium) and its parts' sha256, made or checked in one streaming pass. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_UPDATE_VERIFY_H
#define OUTPOST_UPDATE_VERIFY_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#include "update_header.h"

#define UPDATE_PK_LEN	32	/* release.pub: raw ed25519 public key */
#define UPDATE_SK_LEN	64	/* release.key: libsodium's secret key */

/* Told how far a pass is: what ("verifying", ...), octets done, of. */
typedef void (*update_progress_fn)(const char *what, uint64_t done,
    uint64_t total);

struct update_stream {
	crypto_sign_ed25519ph_state sign;
	crypto_hash_sha256_state part[UP_NPARTS];
	const struct update_header *h;
	uint64_t	 off;		/* file offset of the next octet */
	unsigned char	 sig[UPDATE_SIG_LEN];
};

/* Starts a pass: the header's own octets (hdr, h->len) are signed too. */
void	 update_stream_init(struct update_stream *, const struct update_header *,
	    const char *hdr);
/* The file's next octets after the header, in order. */
void	 update_stream_feed(struct update_stream *, const void *, size_t);
/*
 * The whole file was fed: 0 when its size, signature (by pk) and every
 * part's sha256 are right; else -1 with "FILE: what is wrong" in err.
 */
int	 update_stream_check(struct update_stream *,
	    const unsigned char pk[UPDATE_PK_LEN], const char *file, char *err,
	    size_t errlen);
/* Making a file: the signature of what was fed (payloads, no signature). */
void	 update_stream_sign(struct update_stream *,
	    const unsigned char sk[UPDATE_SK_LEN],
	    unsigned char sig[UPDATE_SIG_LEN]);
/*
 * Reads the update file open on fd from its start to its end once:
 * header parsed into h, size, signature and hashes checked.  0, or -1
 * with the reason in err.  Nothing but reading.
 */
int	 update_verify_fd(int fd, const char *file,
	    const unsigned char pk[UPDATE_PK_LEN], struct update_header *h,
	    update_progress_fn, char *err, size_t errlen);
/* Reads a raw key of len octets from path: 0, or -1 with why in err. */
int	 update_read_key(const char *path, unsigned char *key, size_t len,
	    char *err, size_t errlen);

#endif
