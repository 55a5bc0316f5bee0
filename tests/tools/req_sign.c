/* req_sign.c: the node's side of signed requests for the controller's tests: a node key pair, and the Authorization header of a request. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "fileutil.h"
#include "reqsig.h"

static int
usage(void)
{
	fprintf(stderr, "usage: req-sign keygen DIR\n"
	    "       req-sign header KEYFILE NODE METHOD PATH [BODYFILE] "
	    "[TS_OFFSET]\n");
	return 2;
}

/* DIR/node.key (0600) and node.pub; prints the public key in base64. */
static int
keygen(const char *dir)
{
	uint8_t pk[32], sk[64];
	char path[PATH_MAX], b64[64];

	crypto_sign_keypair(pk, sk);
	snprintf(path, sizeof(path), "%s/node.key", dir);
	if (file_write_atomic(path, (const char *)sk, sizeof(sk), 0600,
	    getuid(), getgid()) < 0) {
		fprintf(stderr, "req-sign: cannot write %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	snprintf(path, sizeof(path), "%s/node.pub", dir);
	if (file_write_atomic(path, (const char *)pk, sizeof(pk), 0644,
	    getuid(), getgid()) < 0) {
		fprintf(stderr, "req-sign: cannot write %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	sodium_bin2base64(b64, sizeof(b64), pk, sizeof(pk),
	    sodium_base64_VARIANT_ORIGINAL);
	printf("%s\n", b64);
	return 0;
}

static int
header(char **argv, int argc)
{
	uint8_t sk[64];
	char hdr[REQSIG_HDR_MAX], *body = NULL, *key;
	size_t len = 0, klen = 0;
	int64_t ts = (int64_t)time(NULL);

	if ((key = file_read(argv[0], 64, &klen)) == NULL || klen != 64) {
		fprintf(stderr, "req-sign: cannot read a 64-octet key from "
		    "%s\n", argv[0]);
		return 1;
	}
	memcpy(sk, key, sizeof(sk));
	free(key);
	if (argc > 4 && strcmp(argv[4], "-") != 0 &&
	    (body = file_read(argv[4], 1 << 20, &len)) == NULL) {
		fprintf(stderr, "req-sign: cannot read %s: %s\n", argv[4],
		    strerror(errno));
		return 1;
	}
	if (argc > 5)
		ts += strtoll(argv[5], NULL, 10);
	if (reqsig_make(argv[1], argv[2], argv[3], ts, body, len, sk, hdr,
	    sizeof(hdr)) < 0) {
		fprintf(stderr, "req-sign: cannot sign for node %s\n", argv[1]);
		return 1;
	}
	free(body);
	printf("%s\n", hdr);
	return 0;
}

int
main(int argc, char **argv)
{
	if (sodium_init() < 0)
		return 1;
	if (argc == 3 && strcmp(argv[1], "keygen") == 0)
		return keygen(argv[2]);
	if (argc >= 6 && argc <= 8 && strcmp(argv[1], "header") == 0)
		return header(argv + 2, argc - 2);
	return usage();
}
