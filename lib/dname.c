/* dname.c: checks and normalises domain names (LDH and '_' labels). */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <string.h>

#include "dname.h"

const char *
dname_normalise(const char *in, char out[DNAME_STRLEN])
{
	size_t len = strlen(in), i, label = 0;

	if (len == 0)
		return "is empty";
	if (strcmp(in, ".") == 0) {
		strcpy(out, ".");
		return NULL;
	}
	if (len > 254 || (len == 254 && in[len - 1] != '.'))
		return "is longer than 253 characters";
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c == '.') {
			if (label == 0)
				return "has an empty label";
			label = 0;
		} else if (isalnum(c) || c == '-' || c == '_') {
			if (++label > 63)
				return "has a label longer than 63 characters";
		} else
			return "is not a valid domain name";
		out[i] = (char)tolower(c);
	}
	if (out[len - 1] != '.')
		out[len++] = '.';
	out[len] = '\0';
	return NULL;
}
