/* tokenshape.h: the enrolment token read offline as far as netcfg can without libsodium: prefix, alphabet, length, and the controller it names. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_TOKENSHAPE_H
#define OUTPOST_TOKENSHAPE_H

#define TOKENSHAPE_PREFIX	"OP1-"
#define TOKENSHAPE_HOST_MAX	63

/* What a well-shaped token names; its check digits are the agent's to verify. */
struct tokenshape {
	int		 af;		/* AF_INET, AF_INET6, or 0: a host name */
	char		 host[TOKENSHAPE_HOST_MAX + 1];	/* address or name */
	unsigned	 port;
};

/*
 * Reads token text as outpost-agent does (case-insensitive; '-' and
 * blanks ignored; O read as 0, I and L as 1): NULL when its shape is
 * right (what it names in *out, which may be NULL), or a text saying
 * what is wrong, to follow the token in a message.
 */
const char	*tokenshape_check(const char *, struct tokenshape *out);

#endif
