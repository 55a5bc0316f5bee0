/* birdctl_fuzz.c: libFuzzer harness of the BIRD control client: the input is what BIRD sends, read through a socketpair in pieces while the client sends its commands. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "birdctl.h"

#define PIECE	512	/* octets BIRD "sends" at a time */

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The client logs what BIRD says; fd 2 stays for the fuzzer's reports. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *null;

	(void)argc;
	(void)argv;
	if ((null = fopen("/dev/null", "w")) != NULL)
		stderr = null;
	return 0;
}

/* What no answer may leave behind. */
static void
check(const struct birdctl *bc)
{
	int i;

	if (bc->conn < BC_DOWN || bc->conn > BC_BUSY || bc->rlen >=
	    sizeof(bc->rbuf) || bc->woff > bc->wlen)
		abort();
	for (i = 0; i < bc->nprotos; i++) {
		const struct birdctl_proto *p = &bc->protos[i];

		if (p->known < -1 || p->known > 1 ||
		    memchr(p->state, '\0', sizeof(p->state)) == NULL ||
		    memchr(p->info, '\0', sizeof(p->info)) == NULL)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct birdctl bc;
	char sink[4096];
	int64_t now = 1000;
	size_t off = 0, n;
	int sv[2], i;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) < 0)
		abort();
	birdctl_init(&bc, "/nonexistent");
	birdctl_add(&bc, "anycast4_192_0_2_0_24", 1);
	birdctl_add(&bc, "anycast6_2001_db8_a___48", 1);
	birdctl_add(&bc, "peer4_198_51_100_17", 0);
	birdctl_want(&bc, 0, 1, now);
	birdctl_configure(&bc, "/etc/bird/bird.conf", now);
	bc.fd = sv[0];
	bc.conn = BC_GREETING;
	bc.deadline = now + BIRDCTL_ANSWER_MS;
	while (off < size && bc.fd >= 0) {
		n = size - off < PIECE ? size - off : PIECE;
		if (write(sv[1], data + off, n) != (ssize_t)n)
			abort();
		off += n;
		for (i = 0; i < 2 && bc.fd >= 0; i++) {
			birdctl_io(&bc, POLLIN | POLLOUT, now);
			check(&bc);
			now += 100;
		}
		while (read(sv[1], sink, sizeof(sink)) > 0)
			;
	}
	birdctl_close(&bc);
	close(sv[1]);
	return 0;
}
