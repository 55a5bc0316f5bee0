/* signkey.c: the controller's bundle signing key (ed25519): made on first start (nodekey_generate), checked against its .pub and loaded after. */
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
#include "nodekey.h"
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

int
signkey_load_or_make(const char *dir, uint8_t pk[32], uint8_t sk[64],
    char *err, size_t errlen)
{
	char keypath[PATH_MAX], pubpath[PATH_MAX];
	struct nodekey k;
	struct stat st;
	int rc;

	snprintf(keypath, sizeof(keypath), "%s/%s", dir, SIGNKEY_FILE);
	snprintf(pubpath, sizeof(pubpath), "%s/%s", dir, SIGNPUB_FILE);
	if (lstat(keypath, &st) < 0 && errno == ENOENT) {
		if (lstat(pubpath, &st) == 0)
			return errorf(err, errlen, "cannot use %s: %s is "
			    "missing", pubpath, keypath);
		rc = nodekey_generate(keypath, pubpath, &k, err, errlen);
		nodekey_wipe(&k);
		if (rc < 0)
			return -1;
	}
	return signkey_load(dir, pk, sk, err, errlen);
}
