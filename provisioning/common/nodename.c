/* nodename.c: the one rule for a node's name (enrolment, signed requests, bundles). */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <string.h>

#include "nodename.h"

const char *
node_name_check(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > NODENAME_MAX)
		return "must be 1 to 63 characters";
	if (name[0] == '.' || name[0] == '-')
		return "must not begin with '.' or '-'";
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '.' &&
		    name[i] != '-' && name[i] != '_')
			return "may hold only letters, digits, '.', '-', '_'";
	return NULL;
}
