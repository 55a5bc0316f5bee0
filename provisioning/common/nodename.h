/* nodename.h: the one rule for a node's name (enrolment, signed requests, bundles). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NODENAME_H
#define OUTPOST_NODENAME_H

#define NODENAME_MAX	63	/* octets of a node's name */

/*
 * NULL when name can name a node (1-63 of [A-Za-z0-9._-], not led by
 * '.' or '-'), else what is wrong with it.
 */
const char *node_name_check(const char *name);

/* 1 when node_name_check() has nothing against s, else 0. */
static inline int
node_name_valid(const char *s)
{
	return node_name_check(s) == NULL;
}

#endif
