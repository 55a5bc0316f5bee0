/* base64.c: validation of RFC 4648 base64 text. */
/* SPDX-License-Identifier: ISC */
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
