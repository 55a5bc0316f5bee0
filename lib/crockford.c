/* crockford.c: Crockford base32 symbols, as the enrolment token is written and read (outpost-agent, outpostctl, and netcfg's offline check). */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <string.h>

#include "crockford.h"

const char crockford_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int
crockford_value(char c)
{
	const char *p;

	c = (char)toupper((unsigned char)c);
	if (c == 'O')
		c = '0';
	else if (c == 'I' || c == 'L')
		c = '1';
	if (c == '\0' || (p = strchr(crockford_alphabet, c)) == NULL)
		return -1;
	return (int)(p - crockford_alphabet);
}
