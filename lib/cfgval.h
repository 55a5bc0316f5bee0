/* cfgval.h: value checks shared by the node.conf and fleet grammars. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CFGVAL_H
#define OUTPOST_CFGVAL_H

#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "cfg.h"
#include "nodeconf.h"

/*
 * Each cfgval_KEY() checks one token's value, reports a precise error at
 * the value's position and returns -1, or stores the value and returns 0.
 * Strings replace what *out held.
 */

/* "KEY: 'VALUE' WHY" at the value. */
void	cfgval_bad(struct cfg_ctx *, const struct cfg_tok *, const char *why);

int	cfgval_uint(struct cfg_ctx *, const struct cfg_tok *, uint64_t min,
	    uint64_t max, unsigned *out);
int	cfgval_seconds(struct cfg_ctx *, const struct cfg_tok *, uint64_t min,
	    uint64_t max, unsigned *out);
int	cfgval_duration(struct cfg_ctx *, const struct cfg_tok *,
	    uint64_t min, uint64_t max, unsigned *out);
void	cfgval_print_duration(FILE *, const char *key, unsigned v);
int	cfgval_percent(struct cfg_ctx *, const struct cfg_tok *, unsigned *out);
int	cfgval_addr(struct cfg_ctx *, const struct cfg_tok *, struct addr *);
int	cfgval_addr_add(struct cfg_ctx *, const struct cfg_tok *,
	    struct addr *addrs, int *n, int max);
int	cfgval_prefix_add(struct cfg_ctx *, const struct cfg_tok *,
	    struct addr *prefixes, int *n, int max);
int	cfgval_router_id(struct cfg_ctx *, const struct cfg_tok *,
	    struct addr *);
int	cfgval_dname(struct cfg_ctx *, const struct cfg_tok *, char *buf);
int	cfgval_dname_dup(struct cfg_ctx *, const struct cfg_tok *,
	    char **out);
int	cfgval_identity(struct cfg_ctx *, const struct cfg_tok *, char **out);
int	cfgval_nsid(struct cfg_ctx *, const struct cfg_tok *, char **out);
int	cfgval_ifname(struct cfg_ctx *, const struct cfg_tok *, char **out);
int	cfgval_dir(struct cfg_ctx *, const struct cfg_tok *, char **out);
int	cfgval_tsig_name(struct cfg_ctx *, const struct cfg_tok *, char **out);
int	cfgval_tsig_algorithm(struct cfg_ctx *, const struct cfg_tok *,
	    char **out);
int	cfgval_tsig_secret(struct cfg_ctx *, const struct cfg_tok *,
	    char **out);
int	cfgval_community(struct cfg_ctx *, const struct cfg_tok *,
	    uint32_t *out);
int	cfgval_asn(struct cfg_ctx *, const struct cfg_tok *, uint32_t *out);
int	cfgval_hold_time(struct cfg_ctx *, const struct cfg_tok *,
	    unsigned *out);
int	cfgval_password(struct cfg_ctx *, const struct cfg_tok *, char **out);

/*
 * The DNSSEC guard's tenant keys, node.conf's and the fleet file's:
 * dnssec: validate | unsigned; dnssec-margin: 1m to 30d; a dnssec-warning:
 * threshold (1m to 90d) appended to w (NC_MAX_WARNINGS); a trust-anchor:
 * "ZONE [IN] DS KEYTAG ALG DIGESTTYPE HEX" (dsrec.h), normalised and
 * appended to anchors (NC_MAX_ANCHORS) with its position.
 */
int	cfgval_dnssec(struct cfg_ctx *, const struct cfg_tok *,
	    enum nc_dnssec *out);
int	cfgval_dnssec_margin(struct cfg_ctx *, const struct cfg_tok *,
	    unsigned *out);
int	cfgval_dnssec_warning(struct cfg_ctx *, const struct cfg_tok *,
	    unsigned *w, int *n);
int	cfgval_trust_anchor(struct cfg_ctx *, const struct cfg_tok *,
	    char **anchors, struct cfg_pos *pos, int *n);
/* At the tenant's end: trust anchors only with dnssec: validate, each for
 * one of the zones (any zone when catalog is set). */
void	cfgval_trust_anchor_check(struct cfg_ctx *, enum nc_dnssec,
	    char *const *anchors, const struct cfg_pos *pos, int n,
	    char *const *zones, int nzones, int catalog);

/* The well-known name of a community, NULL if it has none. */
const char *cfgval_community_name(uint32_t);

/* Whether a lies on the network of one of the interface addresses. */
int	cfgval_on_link(const struct addr *ifaddrs, int n, const struct addr *a);

/* Every address of a tenant inside one of its prefixes, every prefix
 * covering one of its addresses (tenant NULL: "?"). */
void	cfgval_cover(struct cfg_ctx *, const char *tenant,
	    const struct addr *addrs, const struct cfg_pos *addr_pos,
	    int naddrs, const struct addr *prefixes,
	    const struct cfg_pos *prefix_pos, int nprefixes);

/* Printer helpers: "\tkey: value\n" of a number or an address. */
void	cfgval_print_uint(FILE *, const char *key, unsigned);
void	cfgval_print_addr(FILE *, const char *key, const struct addr *,
	    int with_len);

#endif
