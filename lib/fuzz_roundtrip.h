/* fuzz_roundtrip.h: the one libFuzzer round trip of every configuration grammar: any text is refused or parsed, and what parses prints to a text that parses to the same print. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_FUZZ_ROUNDTRIP_H
#define OUTPOST_FUZZ_ROUNDTRIP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A grammar's parser, printer and destructor, on an opaque configuration. */
struct fuzz_grammar {
	void	*(*load)(const char *name, const char *buf, size_t len,
		    FILE *err);
	void	 (*print)(FILE *, const void *);
	void	 (*free)(void *);
};

/* Parses data; what parses must print, parse again and print the same (else abort). */
int	fuzz_roundtrip(const struct fuzz_grammar *, const uint8_t *data,
	    size_t size);

#endif
