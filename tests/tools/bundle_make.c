/* bundle_make.c: bundle-make, a stand-in for outpostctl apply in the agent's tests: a node.conf made into a signed bundle on stdout. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "fileutil.h"

/* A file of exactly len octets into out. */
static int
raw(const char *path, uint8_t *out, size_t len)
{
	size_t n;
	char *b;

	if ((b = file_read(path, len + 1, &n)) == NULL || n != len) {
		fprintf(stderr, "bundle-make: %s is not %zu octets\n", path,
		    len);
		free(b);
		return -1;
	}
	memcpy(out, b, len);
	free(b);
	return 0;
}

/* bundle-make NODE SERIAL NODECONF NODE_PUB SIGNING_KEY */
int
main(int argc, char **argv)
{
	uint8_t pk[32], sk[64];
	char err[512], *conf, *out;
	size_t clen, olen;

	if (argc != 6) {
		fprintf(stderr, "usage: bundle-make NODE SERIAL NODECONF "
		    "NODE_PUB SIGNING_KEY\n");
		return 2;
	}
	if ((conf = file_read(argv[3], BUNDLE_MAX, &clen)) == NULL) {
		perror(argv[3]);
		return 1;
	}
	if (raw(argv[4], pk, sizeof(pk)) < 0 || raw(argv[5], sk,
	    sizeof(sk)) < 0)
		return 1;
	if (bundle_make(argv[1], strtoull(argv[2], NULL, 10), conf, clen, pk,
	    sk, &out, &olen, err, sizeof(err)) < 0) {
		fprintf(stderr, "bundle-make: %s\n", err);
		return 1;
	}
	fwrite(out, 1, olen, stdout);
	free(out);
	free(conf);
	return 0;
}
