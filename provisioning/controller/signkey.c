/* signkey.c: the controller's bundle signing key (ed25519): made on first start, checked and loaded after. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "errbuf.h"
#include "fileutil.h"
#include "signkey.h"

static int
read_exact(const char *dir, const char *file, uint8_t *buf, size_t len,
    int secret, char *err, size_t errlen)
{
	char path[PATH_MAX];
	struct stat st;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return errorf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return errorf(err, errlen, "cannot read %s: not a regular file",
		    path);
	}
	if (secret && (st.st_mode & 077) != 0) {
		close(fd);
		return errorf(err, errlen, "cannot use %s: group or others may "
		    "read it (mode %03o, want 0600)", path, st.st_mode & 0777);
	}
	if (st.st_size != (off_t)len) {
		close(fd);
		return errorf(err, errlen, "cannot use %s: %lld octets, want "
		    "%zu", path, (long long)st.st_size, len);
	}
	n = read_full(fd, buf, len);
	close(fd);
	if (n != (ssize_t)len)
		return errorf(err, errlen, "cannot read %s: %s", path,
		    n < 0 ? strerror(errno) : "short read");
	return 0;
}

int
signkey_load(const char *dir, uint8_t pk[32], uint8_t sk[64], char *err,
    size_t errlen)
{
	if (read_exact(dir, SIGNKEY_FILE, sk, 64, 1, err, errlen) < 0 ||
	    read_exact(dir, SIGNPUB_FILE, pk, 32, 0, err, errlen) < 0)
		return -1;
	/* An ed25519 secret key ends with its public key. */
	if (sodium_memcmp(sk + 32, pk, 32) != 0)
		return errorf(err, errlen, "cannot use %s/%s: it does not "
		    "match %s", dir, SIGNKEY_FILE, SIGNPUB_FILE);
	return 0;
}

static int
write_key(const char *dir, const char *file, const uint8_t *buf, size_t len,
    mode_t mode, char *err, size_t errlen)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (file_write_atomic(path, (const char *)buf, len, mode, getuid(),
	    getgid()) < 0)
		return errorf(err, errlen, "cannot write %s: %s", path,
		    strerror(errno));
	return 0;
}

int
signkey_load_or_make(const char *dir, uint8_t pk[32], uint8_t sk[64],
    char *err, size_t errlen)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, SIGNKEY_FILE);
	if (lstat(path, &st) < 0 && errno == ENOENT) {
		snprintf(path, sizeof(path), "%s/%s", dir, SIGNPUB_FILE);
		if (lstat(path, &st) == 0)
			return errorf(err, errlen, "cannot use %s: %s/%s is "
			    "missing", path, dir, SIGNKEY_FILE);
		crypto_sign_keypair(pk, sk);
		if (write_key(dir, SIGNKEY_FILE, sk, 64, 0600, err,
		    errlen) < 0 || write_key(dir, SIGNPUB_FILE, pk, 32, 0644,
		    err, errlen) < 0) {
			sodium_memzero(sk, 64);
			return -1;
		}
		if (fsync_dir(dir) < 0)
			return errorf(err, errlen, "cannot sync %s: %s", dir,
			    strerror(errno));
	}
	return signkey_load(dir, pk, sk, err, errlen);
}
