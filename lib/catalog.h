/* catalog.h: the parser of a catalog zone (RFC 9432, version 2) as an AXFR brings it: its serial and member zones. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CATALOG_H
#define OUTPOST_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "dname.h"
#include "dnsmsg.h"

#define CATALOG_MAX_MEMBERS	4096
#define CATALOG_ERR_MAX		160

struct catalog_member {
	char		 name[DNAME_STRLEN];	/* lower case, final dot */
	uint8_t		 id[64];		/* its unique-id label */
	size_t		 idlen;
};

struct catalog {
	uint8_t		 zone[DNS_NAME_WIRE_MAX];	/* lower case */
	size_t		 zonelen;
	uint32_t	 serial;
	int		 nsoa;		/* SOA records at the apex seen */
	int		 nversion;	/* version TXT records seen */
	int		 done;		/* the closing SOA came */
	struct catalog_member *members;
	int		 nmembers;
	int		 cap;
	int		 ignored;	/* records of unknown properties */
	char		 err[CATALOG_ERR_MAX];
};

/* Starts reading the catalog zone named zone ("catalog.test."); 0 or -1. */
int	 catalog_init(struct catalog *, const char *zone);
/*
 * Takes the next message of the AXFR answering the query of id: 1 once
 * the transfer is complete and the catalog valid, 0 when more messages
 * are to come, -1 with what is wrong in err (the catalog is then of no
 * use: a malformed message, a refusal, records outside the zone, a
 * version other than "2", two PTR records for one unique id, a member
 * name that is not a plain host name...).
 */
int	 catalog_feed(struct catalog *, const uint8_t *msg, size_t len,
	    uint16_t id);
/* Frees the members. */
void	 catalog_free(struct catalog *);

#endif
