/* nodekey.c: an ed25519 key pair in two raw files (the node's key, the controller's signing key), and public keys as base64 text. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "base64.h"
#include "errbuf.h"
#include "fileutil.h"
#include "nodekey.h"

static int
write_key_files(const char *keypath, const char *pubpath,
    const struct nodekey *k, char *err, size_t errlen)
{
	char dir[PATH_MAX];

	if (file_write_atomic(keypath, (const char *)k->sk, sizeof(k->sk),
	    0600, geteuid(), getegid()) < 0)
		return errorf(err, errlen, "cannot write %s: %s", keypath,
		    strerror(errno));
	if (file_write_atomic(pubpath, (const char *)k->pk, sizeof(k->pk),
	    0644, geteuid(), getegid()) < 0)
		return errorf(err, errlen, "cannot write %s: %s", pubpath,
		    strerror(errno));
	if (snprintf(dir, sizeof(dir), "%s", keypath) >= (int)sizeof(dir) ||
	    fsync_dir(dirname(dir)) < 0)
		return errorf(err, errlen, "cannot sync the directory of %s: "
		    "%s", keypath, strerror(errno));
	return 0;
}

int
nodekey_generate(const char *keypath, const char *pubpath, struct nodekey *k,
    char *err, size_t errlen)
{
	struct stat st;

	if (sodium_init() < 0)
		return errorf(err, errlen, "cannot make a key: libsodium "
		    "does not initialise");
	if (lstat(keypath, &st) == 0)
		return errorf(err, errlen, "cannot make a key: %s exists "
		    "(remove it to start a new identity)", keypath);
	if (errno != ENOENT)
		return errorf(err, errlen, "cannot make a key: %s: %s",
		    keypath, strerror(errno));
	crypto_sign_keypair(k->pk, k->sk);
	if (write_key_files(keypath, pubpath, k, err, errlen) < 0) {
		nodekey_wipe(k);
		return -1;
	}
	return 0;
}

static int
check_key_file(int fd, const char *keypath, char *err, size_t errlen)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return errorf(err, errlen, "cannot read %s: %s", keypath,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return errorf(err, errlen, "cannot use %s: not a regular "
		    "file", keypath);
	if ((st.st_mode & 077) != 0)
		return errorf(err, errlen, "cannot use %s: mode %04o lets "
		    "group or others at the secret key (must be 0600 or "
		    "0400)", keypath, (unsigned)(st.st_mode & 07777));
	if (st.st_uid != geteuid())
		return errorf(err, errlen, "cannot use %s: owned by uid %u, "
		    "not by us (uid %u)", keypath, (unsigned)st.st_uid,
		    (unsigned)geteuid());
	if (st.st_size != NODEKEY_SK_LEN)
		return errorf(err, errlen, "cannot use %s: %lld octets, a "
		    "secret key has %d", keypath, (long long)st.st_size,
		    NODEKEY_SK_LEN);
	return 0;
}

/* The public half is the one the seed (the first half) makes. */
static int
check_halves(const struct nodekey *k, const char *keypath, char *err,
    size_t errlen)
{
	uint8_t pk[NODEKEY_PK_LEN], sk[NODEKEY_SK_LEN];
	int bad;

	crypto_sign_seed_keypair(pk, sk, k->sk);
	bad = sodium_memcmp(sk, k->sk, sizeof(sk)) != 0;
	sodium_memzero(sk, sizeof(sk));
	if (bad)
		return errorf(err, errlen, "cannot use %s: its public half "
		    "does not match its seed (damaged)", keypath);
	return 0;
}

int
nodekey_load(const char *keypath, struct nodekey *k, char *err, size_t errlen)
{
	ssize_t n;
	int fd;

	if (sodium_init() < 0)
		return errorf(err, errlen, "cannot read %s: libsodium does "
		    "not initialise", keypath);
	if ((fd = open(keypath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return errorf(err, errlen, "cannot open %s: %s", keypath,
		    strerror(errno));
	if (check_key_file(fd, keypath, err, errlen) < 0) {
		close(fd);
		return -1;
	}
	n = read_full(fd, k->sk, sizeof(k->sk));
	close(fd);
	if (n != (ssize_t)sizeof(k->sk)) {
		nodekey_wipe(k);
		return errorf(err, errlen, "cannot read %s: %s", keypath,
		    n < 0 ? strerror(errno) : "cut short");
	}
	if (check_halves(k, keypath, err, errlen) < 0) {
		nodekey_wipe(k);
		return -1;
	}
	crypto_sign_ed25519_sk_to_pk(k->pk, k->sk);
	return 0;
}

void
nodekey_wipe(struct nodekey *k)
{
	sodium_memzero(k, sizeof(*k));
}

void
nodekey_pk_to_text(const uint8_t pk[NODEKEY_PK_LEN],
    char text[NODEKEY_PK_TEXT])
{
	sodium_bin2base64(text, NODEKEY_PK_TEXT, pk, NODEKEY_PK_LEN,
	    sodium_base64_VARIANT_ORIGINAL);
}

int
nodekey_b64_decode(const char *text, uint8_t *out, size_t len, char *err,
    size_t errlen)
{
	const char *why, *end;
	uint8_t tmp[256];
	size_t n;

	if ((why = base64_check(text, 0)) != NULL)
		return errorf(err, errlen, "%s", why);
	if (len > sizeof(tmp) - 3 || sodium_base642bin(tmp, sizeof(tmp),
	    text, strlen(text), NULL, &n, &end,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || *end != '\0')
		return errorf(err, errlen, "is not base64 of %zu octets", len);
	if (n != len)
		return errorf(err, errlen, "is base64 of %zu octets, not %zu",
		    n, len);
	memcpy(out, tmp, len);
	sodium_memzero(tmp, sizeof(tmp));
	return 0;
}

int
nodekey_pk_from_text(const char *text, uint8_t pk[NODEKEY_PK_LEN], char *err,
    size_t errlen)
{
	return nodekey_b64_decode(text, pk, NODEKEY_PK_LEN, err, errlen);
}
