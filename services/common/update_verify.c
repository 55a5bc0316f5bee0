/* update_verify.c: one streaming pass over an update file: Ed25519ph over everything before the signature, sha256 of each part, the size exact. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileutil.h"
#include "update_verify.h"

#define CHUNK		(1 << 20)
#define PROGRESS_STEP	(16ULL << 20)

void
update_stream_init(struct update_stream *s, const struct update_header *h,
    const char *hdr)
{
	int i;

	memset(s, 0, sizeof(*s));
	s->h = h;
	crypto_sign_ed25519ph_init(&s->sign);
	for (i = 0; i < UP_NPARTS; i++)
		crypto_hash_sha256_init(&s->part[i]);
	crypto_sign_ed25519ph_update(&s->sign, (const unsigned char *)hdr,
	    h->len);
	s->off = h->len;
}

void
update_stream_feed(struct update_stream *s, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint64_t end = update_part_offset(s->h, UP_NPARTS), start, n;
	int i;

	while (len > 0) {
		if (s->off >= end) {
			/* the signature, and anything after it */
			start = s->off - end;
			n = len;
			if (start < UPDATE_SIG_LEN)
				memcpy(s->sig + start, p, n > UPDATE_SIG_LEN -
				    start ? UPDATE_SIG_LEN - start : n);
			s->off += n;
			return;
		}
		for (i = 0; i + 1 < UP_NPARTS &&
		    s->off >= update_part_offset(s->h, i + 1); i++)
			;
		n = update_part_offset(s->h, i + 1) - s->off;
		if (n > len)
			n = len;
		crypto_hash_sha256_update(&s->part[i], p, n);
		crypto_sign_ed25519ph_update(&s->sign, p, n);
		p += n;
		len -= n;
		s->off += n;
	}
}

int
update_stream_check(struct update_stream *s,
    const unsigned char pk[UPDATE_PK_LEN], const char *file, char *err,
    size_t errlen)
{
	unsigned char sha[32];
	uint64_t want = update_file_size(s->h);
	int i;

	if (s->off != want) {
		snprintf(err, errlen, "%s: %" PRIu64 " octets, the header "
		    "says %" PRIu64 " (cut short or something appended)",
		    file, s->off, want);
		return -1;
	}
	if (crypto_sign_ed25519ph_final_verify(&s->sign, s->sig, pk) != 0) {
		snprintf(err, errlen, "%s: bad signature (not signed by the "
		    "release key of this image, or changed since)", file);
		return -1;
	}
	for (i = 0; i < UP_NPARTS; i++) {
		crypto_hash_sha256_final(&s->part[i], sha);
		if (sodium_memcmp(sha, s->h->part[i].sha256, 32) != 0) {
			snprintf(err, errlen, "%s: %s: sha256 differs from "
			    "the header's", file, update_part_name[i]);
			return -1;
		}
	}
	return 0;
}

void
update_stream_sign(struct update_stream *s,
    const unsigned char sk[UPDATE_SK_LEN], unsigned char sig[UPDATE_SIG_LEN])
{
	crypto_sign_ed25519ph_final_create(&s->sign, sig, NULL, sk);
}

int
update_verify_fd(int fd, const char *file,
    const unsigned char pk[UPDATE_PK_LEN], struct update_header *h,
    update_progress_fn progress, char *err, size_t errlen)
{
	static char hdr[UPDATE_HDR_MAX];
	struct update_stream s;
	unsigned char *buf;
	uint64_t total, next = PROGRESS_STEP;
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0 ||
	    (n = read_full(fd, hdr, sizeof(hdr))) < 0) {
		snprintf(err, errlen, "%s: cannot read: %s", file,
		    strerror(errno));
		return -1;
	}
	if (update_header_parse(hdr, (size_t)n, file, h, err, errlen) < 0)
		return -1;
	if ((buf = malloc(CHUNK)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", file);
		return -1;
	}
	total = update_file_size(h);
	update_stream_init(&s, h, hdr);
	update_stream_feed(&s, hdr + h->len, (size_t)n - h->len);
	while ((n = read_full(fd, buf, CHUNK)) > 0) {
		update_stream_feed(&s, buf, (size_t)n);
		if (progress != NULL && s.off >= next && s.off < total) {
			progress("verifying", s.off, total);
			next = s.off + PROGRESS_STEP;
		}
	}
	free(buf);
	if (n < 0) {
		snprintf(err, errlen, "%s: cannot read: %s", file,
		    strerror(errno));
		return -1;
	}
	if (progress != NULL)
		progress("verifying", s.off, total);
	return update_stream_check(&s, pk, file, err, errlen);
}

int
update_read_key(const char *path, unsigned char *key, size_t len, char *err,
    size_t errlen)
{
	unsigned char extra;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    strerror(errno));
		return -1;
	}
	n = read_full(fd, key, len);
	if (n == (ssize_t)len && read_full(fd, &extra, 1) != 0)
		n = -2;
	close(fd);
	if (n != (ssize_t)len) {
		snprintf(err, errlen, "cannot use %s: not a raw key of %zu "
		    "octets", path, len);
		return -1;
	}
	return 0;
}
