/* base64.c: validation and decoding of RFC 4648 base64 text. */
/* SPDX-License-Identifier: ISC */
#include <stdint.h>
#include <string.h>

#include "base64.h"

static int
b64val(char c)
{
	static const char alpha[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p;

	if (c == '\0' || (p = strchr(alpha, c)) == NULL)
		return -1;
	return (int)(p - alpha);
}

const char *
base64_check(const char *s, size_t minbytes)
{
	size_t len = strlen(s), i, pad = 0;

	if (len == 0 || len % 4 != 0)
		return "is not base64 (length is not a multiple of 4)";
	for (i = 0; i < len; i++) {
		if (s[i] == '=') {
			if (i < len - 2)
				return "is not base64 ('=' inside)";
			pad++;
		} else if (pad > 0 || b64val(s[i]) < 0)
			return "is not base64";
	}
	if (len / 4 * 3 - pad < minbytes)
		return "is too short for a secret (under 16 bytes)";
	return NULL;
}

long
base64_decode(const char *s, uint8_t *out, size_t max)
{
	uint32_t acc = 0;
	size_t n = 0;
	int bits = 0, v, pad = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if (*s == '=') {
			pad++;
			continue;
		}
		if (pad > 0 || (v = b64val(*s)) < 0)
			return -1;
		acc = acc << 6 | (uint32_t)v;
		if ((bits += 6) >= 8) {
			if (n == max)
				return -1;
			bits -= 8;
			out[n++] = (uint8_t)(acc >> bits);
		}
	}
	if (pad > 2 || (acc & ((1u << bits) - 1)) != 0)
		return -1;
	return (long)n;
}
