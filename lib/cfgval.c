/* cfgval.c: value checks shared by the node.conf and fleet grammars. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "cfgval.h"
#include "dname.h"
#include "dsrec.h"

void
cfgval_bad(struct cfg_ctx *ctx, const struct cfg_tok *t, const char *why)
{
	cfg_error(ctx, t->line, t->vcol, "%s: '%s' %s", t->key, t->val, why);
}

int
cfgval_uint(struct cfg_ctx *ctx, const struct cfg_tok *t, uint64_t min,
    uint64_t max, unsigned *out)
{
	uint64_t v;

	if (cfg_uint(ctx, t, min, max, &v) < 0)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* Seconds, "5s" or "5". */
int
cfgval_seconds(struct cfg_ctx *ctx, const struct cfg_tok *t, uint64_t min,
    uint64_t max, unsigned *out)
{
	struct cfg_tok num = *t;
	char buf[16];
	size_t len = strlen(t->val);

	if (len > 1 && len < sizeof(buf) && t->val[len - 1] == 's') {
		memcpy(buf, t->val, len - 1);
		buf[len - 1] = '\0';
		num.val = buf;
	}
	return cfgval_uint(ctx, &num, min, max, out);
}

/* v seconds in the largest unit that divides it exactly. */
static void
duration_fmt(uint64_t v, char *buf, size_t len)
{
	if (v != 0 && v % 86400 == 0)
		snprintf(buf, len, "%llud", (unsigned long long)v / 86400);
	else if (v != 0 && v % 3600 == 0)
		snprintf(buf, len, "%lluh", (unsigned long long)v / 3600);
	else if (v != 0 && v % 60 == 0)
		snprintf(buf, len, "%llum", (unsigned long long)v / 60);
	else
		snprintf(buf, len, "%llus", (unsigned long long)v);
}

/* Seconds with a unit: "90s", "15m", "6h", "2d"; a bare number is seconds. */
int
cfgval_duration(struct cfg_ctx *ctx, const struct cfg_tok *t, uint64_t min,
    uint64_t max, unsigned *out)
{
	static const char units[] = "smhd";
	static const unsigned mult[] = { 1, 60, 3600, 86400 };
	const char *p, *u;
	uint64_t v = 0;
	char why[96], lo[24], hi[24];

	for (p = t->val; *p >= '0' && *p <= '9'; p++)	/* saturates */
		if (v <= max)
			v = v * 10 + (uint64_t)(*p - '0');
	if (p == t->val || (*p != '\0' && (p[1] != '\0' ||
	    (u = strchr(units, *p)) == NULL))) {
		cfgval_bad(ctx, t, "is not a duration (like 90s, 15m, 6h, 2d)");
		return -1;
	}
	if (*p != '\0' && v <= max)
		v *= mult[u - units];
	if (v < min || v > max) {
		duration_fmt(min, lo, sizeof(lo));
		duration_fmt(max, hi, sizeof(hi));
		snprintf(why, sizeof(why), "is out of range %s to %s", lo, hi);
		cfgval_bad(ctx, t, why);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

void
cfgval_print_duration(FILE *f, const char *key, unsigned v)
{
	char buf[24];

	duration_fmt(v, buf, sizeof(buf));
	cfg_print_kv(f, key, buf);
}

/* "150%": at most 1.5 CPUs' time per period. */
int
cfgval_percent(struct cfg_ctx *ctx, const struct cfg_tok *t, unsigned *out)
{
	char num[16];
	size_t len = strlen(t->val);
	unsigned long v;
	char *end;

	if (len < 2 || len > sizeof(num) || t->val[len - 1] != '%' ||
	    !isdigit((unsigned char)t->val[0])) {
		cfgval_bad(ctx, t, "is not a percentage of one CPU, e.g. 150%");
		return -1;
	}
	memcpy(num, t->val, len - 1);
	num[len - 1] = '\0';
	v = strtoul(num, &end, 10);
	if (*end != '\0' || v < 1 || v > 100000) {
		cfgval_bad(ctx, t, "must be 1% to 100000%");
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

int
cfgval_addr(struct cfg_ctx *ctx, const struct cfg_tok *t, struct addr *a)
{
	const char *err;

	if ((err = addr_parse(t->val, a)) != NULL) {
		cfgval_bad(ctx, t, err);
		return -1;
	}
	return 0;
}

/* An interface address with its prefix length, appended to addrs. */
int
cfgval_addr_add(struct cfg_ctx *ctx, const struct cfg_tok *t,
    struct addr *addrs, int *n, int max)
{
	const char *err;
	struct addr a;

	if ((err = ifaddr_parse(t->val, &a)) != NULL) {
		cfgval_bad(ctx, t, err);
		return -1;
	}
	if (*n == max) {
		cfgval_bad(ctx, t, "is one address too many");
		return -1;
	}
	addrs[(*n)++] = a;
	return 0;
}

/* A prefix not given before, appended to prefixes. */
int
cfgval_prefix_add(struct cfg_ctx *ctx, const struct cfg_tok *t,
    struct addr *prefixes, int *n, int max)
{
	const char *err;
	struct addr p;
	int i;

	if ((err = prefix_parse(t->val, &p)) != NULL) {
		cfgval_bad(ctx, t, err);
		return -1;
	}
	for (i = 0; i < *n; i++)
		if (addr_eq(&prefixes[i], &p)) {
			cfgval_bad(ctx, t, "is given twice");
			return -1;
		}
	if (*n == max) {
		cfgval_bad(ctx, t, "is one prefix too many");
		return -1;
	}
	prefixes[(*n)++] = p;
	return 0;
}

int
cfgval_router_id(struct cfg_ctx *ctx, const struct cfg_tok *t,
    struct addr *a)
{
	if (cfgval_addr(ctx, t, a) < 0)
		return -1;
	if (a->af != AF_INET) {
		cfgval_bad(ctx, t, "is not an IPv4 address");
		return -1;
	}
	return 0;
}

/* A domain name, normalised into buf (DNAME_STRLEN bytes). */
int
cfgval_dname(struct cfg_ctx *ctx, const struct cfg_tok *t, char *buf)
{
	const char *err;

	if ((err = dname_normalise(t->val, buf)) != NULL) {
		cfgval_bad(ctx, t, err);
		return -1;
	}
	return 0;
}

/* The identity names a node's cgroups: nothing that walks a path. */
int
cfgval_identity(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	const char *p;

	if (*t->val == '\0') {
		cfgval_bad(ctx, t, "is empty");
		return -1;
	}
	for (p = t->val; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && strchr(" ._-", *p) == NULL) {
			cfg_error(ctx, t->line, t->vcol, "identity: '%s' may "
			    "hold only letters, digits, ' ', '.', '-' and '_' "
			    "(not '%c')", t->val, *p);
			return -1;
		}
	}
	if (t->val[0] == '.' || t->val[0] == ' ') {
		cfgval_bad(ctx, t, "must not begin with '.' or ' '");
		return -1;
	}
	return cfg_string(ctx, t, 255, out);
}

static int
ishexstr(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isxdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* 1 to 128 bytes of text, or of hex digits after "0x". */
int
cfgval_nsid(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	size_t len = strlen(t->val);

	if (strncmp(t->val, "0x", 2) == 0) {
		if (len == 2 || len % 2 != 0 || !ishexstr(t->val + 2)) {
			cfgval_bad(ctx, t, "is not an even number of hex "
			    "digits");
			return -1;
		}
		if ((len - 2) / 2 > 128) {
			cfgval_bad(ctx, t, "is longer than 128 bytes");
			return -1;
		}
	} else if (len == 0 || len > 128) {
		cfgval_bad(ctx, t, "must be 1 to 128 bytes of text");
		return -1;
	}
	if (strpbrk(t->val, "\"\\") != NULL) {
		cfgval_bad(ctx, t, "must not contain '\"' or '\\'");
		return -1;
	}
	return cfg_string(ctx, t, 258, out);
}

int
cfgval_ifname(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	const char *p;

	if (strlen(t->val) == 0 || strlen(t->val) > 15) {
		cfgval_bad(ctx, t, "is not 1 to 15 characters (an interface "
		    "name)");
		return -1;
	}
	for (p = t->val; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && strchr("-_.", *p) == NULL) {
			cfgval_bad(ctx, t, "is not a valid interface name");
			return -1;
		}
	}
	return cfg_string(ctx, t, 15, out);
}

/* An absolute path without "..". */
int
cfgval_dir(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	size_t len = strlen(t->val);

	if (t->val[0] != '/') {
		cfgval_bad(ctx, t, "is not an absolute path");
		return -1;
	}
	if (strstr(t->val, "/../") != NULL ||
	    (len >= 3 && strcmp(t->val + len - 3, "/..") == 0)) {
		cfgval_bad(ctx, t, "must not contain '..'");
		return -1;
	}
	return cfg_string(ctx, t, 200, out);
}

/* A domain name, normalised, in *out. */
int
cfgval_dname_dup(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	char name[DNAME_STRLEN];

	if (cfgval_dname(ctx, t, name) < 0)
		return -1;
	free(*out);
	if ((*out = strdup(name)) == NULL) {
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return -1;
	}
	return 0;
}

int
cfgval_tsig_name(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	if (cfgval_dname_dup(ctx, t, out) < 0)
		return -1;
	if (strcmp(*out, ".") == 0) {
		cfgval_bad(ctx, t, "is not a usable key name");
		return -1;
	}
	return 0;
}

static const char *const tsig_algs[] = {
	"hmac-sha256", "hmac-sha384", "hmac-sha512",
};

int
cfgval_tsig_algorithm(struct cfg_ctx *ctx, const struct cfg_tok *t,
    char **out)
{
	size_t i;

	for (i = 0; i < sizeof(tsig_algs) / sizeof(tsig_algs[0]); i++)
		if (strcmp(t->val, tsig_algs[i]) == 0)
			return cfg_string(ctx, t, 32, out);
	cfgval_bad(ctx, t, "is not one of hmac-sha256, hmac-sha384, "
	    "hmac-sha512");
	return -1;
}

int
cfgval_tsig_secret(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	const char *err;

	if ((err = base64_check(t->val, 16)) != NULL) {
		cfgval_bad(ctx, t, err);
		return -1;
	}
	return cfg_string(ctx, t, 512, out);
}

static const struct {
	const char	*name;
	uint32_t	 value;
} wellknown[] = {
	{ "no-advertise", 0xffffff02 },
	{ "no-export", 0xffffff01 },
	{ "no-export-subconfed", 0xffffff03 },
};

static int
community_parse(const char *s, uint32_t *out)
{
	unsigned long hi, lo;
	size_t i;
	char *end;

	for (i = 0; i < sizeof(wellknown) / sizeof(wellknown[0]); i++)
		if (strcmp(s, wellknown[i].name) == 0) {
			*out = wellknown[i].value;
			return 0;
		}
	if (!isdigit((unsigned char)s[0]))
		return -1;
	hi = strtoul(s, &end, 10);
	if (*end != ':' || !isdigit((unsigned char)end[1]) || hi > 65535)
		return -1;
	lo = strtoul(end + 1, &end, 10);
	if (*end != '\0' || lo > 65535)
		return -1;
	*out = (uint32_t)(hi << 16 | lo);
	return 0;
}

/* ASN:VALUE or a well-known community's name. */
int
cfgval_community(struct cfg_ctx *ctx, const struct cfg_tok *t, uint32_t *out)
{
	if (community_parse(t->val, out) < 0) {
		cfgval_bad(ctx, t, "is not ASN:VALUE (0-65535 each), "
		    "no-export, no-advertise or no-export-subconfed");
		return -1;
	}
	return 0;
}

const char *
cfgval_community_name(uint32_t c)
{
	size_t i;

	for (i = 0; i < sizeof(wellknown) / sizeof(wellknown[0]); i++)
		if (wellknown[i].value == c)
			return wellknown[i].name;
	return NULL;
}

int
cfgval_asn(struct cfg_ctx *ctx, const struct cfg_tok *t, uint32_t *out)
{
	uint64_t v;

	if (cfg_uint(ctx, t, 1, 4294967295ULL, &v) < 0)
		return -1;
	if (v == 23456) {
		cfgval_bad(ctx, t, "is AS_TRANS, not a usable ASN");
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

int
cfgval_hold_time(struct cfg_ctx *ctx, const struct cfg_tok *t, unsigned *out)
{
	unsigned v;

	if (cfgval_uint(ctx, t, 0, 65535, &v) < 0)
		return -1;
	if (v == 1 || v == 2) {
		cfgval_bad(ctx, t, "must be 0 or 3 to 65535 (RFC 4271)");
		return -1;
	}
	*out = v;
	return 0;
}

/* A TCP-MD5 key, printed into BIRD's configuration between quotes. */
int
cfgval_password(struct cfg_ctx *ctx, const struct cfg_tok *t, char **out)
{
	if (*t->val == '\0' || strlen(t->val) > 80) {
		cfgval_bad(ctx, t, "must be 1 to 80 characters (TCP-MD5 key)");
		return -1;
	}
	if (strpbrk(t->val, "\"\\") != NULL) {
		cfgval_bad(ctx, t, "must not contain '\"' or '\\'");
		return -1;
	}
	return cfg_string(ctx, t, 80, out);
}

/* Whether a lies on the network of one of the interface addresses. */
int
cfgval_on_link(const struct addr *ifaddrs, int n, const struct addr *a)
{
	int i;

	for (i = 0; i < n; i++)
		if (prefix_contains_host(&ifaddrs[i], a))
			return 1;
	return 0;
}

/* Every address of a tenant lies inside one of its prefixes, and every
 * prefix covers one of its addresses. */
void
cfgval_cover(struct cfg_ctx *ctx, const char *tenant,
    const struct addr *addrs, const struct cfg_pos *addr_pos, int naddrs,
    const struct addr *prefixes, const struct cfg_pos *prefix_pos,
    int nprefixes)
{
	int i, j, ok;

	if (tenant == NULL)
		tenant = "?";
	for (i = 0; i < naddrs; i++) {
		for (ok = 0, j = 0; j < nprefixes && !ok; j++)
			ok = prefix_contains(&prefixes[j], &addrs[i]);
		if (!ok && nprefixes > 0)
			cfg_error(ctx, addr_pos[i].line, addr_pos[i].col,
			    "address: outside every prefix of tenant '%s'",
			    tenant);
	}
	for (j = 0; j < nprefixes; j++) {
		for (ok = 0, i = 0; i < naddrs && !ok; i++)
			ok = prefix_contains(&prefixes[j], &addrs[i]);
		if (!ok && naddrs > 0)
			cfg_error(ctx, prefix_pos[j].line, prefix_pos[j].col,
			    "prefix: covers none of the service addresses "
			    "of tenant '%s'", tenant);
	}
}

void
cfgval_print_uint(FILE *f, const char *key, unsigned v)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", v);
	cfg_print_kv(f, key, buf);
}

void
cfgval_print_addr(FILE *f, const char *key, const struct addr *a,
    int with_len)
{
	char buf[ADDR_STRLEN];

	cfg_print_kv(f, key, addr_fmt(a, buf, with_len));
}

/* dnssec: validate | unsigned */
int
cfgval_dnssec(struct cfg_ctx *ctx, const struct cfg_tok *t,
    enum nc_dnssec *out)
{
	if (strcmp(t->val, "validate") == 0)
		*out = NC_DNSSEC_VALIDATE;
	else if (strcmp(t->val, "unsigned") == 0)
		*out = NC_DNSSEC_UNSIGNED;
	else {
		cfgval_bad(ctx, t, "must be validate or unsigned");
		return -1;
	}
	return 0;
}

/* Up to 30 days: a margin of a minute is for tests. */
int
cfgval_dnssec_margin(struct cfg_ctx *ctx, const struct cfg_tok *t,
    unsigned *out)
{
	return cfgval_duration(ctx, t, 60, 30 * 86400, out);
}

int
cfgval_dnssec_warning(struct cfg_ctx *ctx, const struct cfg_tok *t,
    unsigned *w, int *n)
{
	unsigned v;

	if (cfgval_duration(ctx, t, 60, 90 * 86400, &v) < 0)
		return -1;
	if (*n == NC_MAX_WARNINGS) {
		cfgval_bad(ctx, t, "is one threshold too many");
		return -1;
	}
	w[(*n)++] = v;
	return 0;
}

int
cfgval_trust_anchor(struct cfg_ctx *ctx, const struct cfg_tok *t,
    char **anchors, struct cfg_pos *pos, int *n)
{
	char buf[DSREC_STRLEN];
	struct dsrec ds;
	const char *err;
	size_t off;
	int i;

	if ((err = dsrec_parse(t->val, &ds, &off)) != NULL) {
		/* The column of the field at fault, past the opening quote. */
		cfg_error(ctx, t->line, t->vcol + (int)off +
		    (strpbrk(t->val, " \t") != NULL), "%s: '%s' %s", t->key,
		    t->val, err);
		return -1;
	}
	dsrec_fmt(&ds, buf, sizeof(buf));
	for (i = 0; i < *n; i++)
		if (strcmp(anchors[i], buf) == 0) {
			cfgval_bad(ctx, t, "is given twice");
			return -1;
		}
	if (*n == NC_MAX_ANCHORS) {
		cfgval_bad(ctx, t, "is one trust anchor too many");
		return -1;
	}
	if ((anchors[*n] = strdup(buf)) == NULL) {
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return -1;
	}
	pos[(*n)++] = CFG_POS(t);
	return 0;
}

void
cfgval_trust_anchor_check(struct cfg_ctx *ctx, enum nc_dnssec dnssec,
    char *const *anchors, const struct cfg_pos *pos, int n,
    char *const *zones, int nzones, int catalog)
{
	size_t len;
	int i, j, ok;

	for (i = 0; i < n; i++) {
		if (dnssec != NC_DNSSEC_VALIDATE) {
			cfg_error(ctx, pos[i].line, pos[i].col, "trust-anchor: "
			    "needs dnssec: validate");
			continue;
		}
		len = strcspn(anchors[i], " ");
		for (ok = catalog, j = 0; j < nzones && !ok; j++)
			ok = strlen(zones[j]) == len &&
			    strncmp(zones[j], anchors[i], len) == 0;
		if (!ok)
			cfg_error(ctx, pos[i].line, pos[i].col, "trust-anchor: "
			    "'%.*s' is not one of the tenant's zones",
			    (int)len, anchors[i]);
	}
}
