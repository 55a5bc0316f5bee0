/* zoneguard.c: reads a tenant's NSD log lines for its zone verifier's verdicts: which serial was refused and the validator's first complaint. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "zoneguard.h"

/*
 * NSD 4.6's lines, after "nsd[PID]: LEVEL: ":
 *   zone Z received update to serial N at ...
 *   verify: started verifier for zone Z (pid P), timeout is T seconds
 *   [OWNER] what is wrong ...          (kzonecheck's output, passed on)
 *   earliest RRSIG expiry: YYYYMMDDHHmmSS on OWNER TYPE   (nsdverify.c)
 *   trust anchor: what is wrong        (outpost-dscheck, after kzonecheck)
 *   verify: verifier for zone Z (pid P) exited with K
 *   verify: verifier for zone Z (pid P) timed out (or any other ending)
 *   zone Z serial A is updated to B
 */
static const char *
message(const char *line)
{
	const char *p;

	if (strncmp(line, "nsd[", 4) != 0 || (p = strstr(line, "]: ")) == NULL)
		return NULL;
	p += 3;
	/* The level: a lower-case word. */
	while (*p >= 'a' && *p <= 'z')
		p++;
	if (p[0] != ':' || p[1] != ' ')
		return NULL;
	return p + 2;
}

/* A zone name up to the next space into name; the rest after it, or NULL. */
static const char *
take_name(const char *p, char *name)
{
	size_t n = strcspn(p, " ");

	if (n == 0 || n >= ZG_NAME_MAX || p[n] != ' ')
		return NULL;
	memcpy(name, p, n);
	name[n] = '\0';
	return p + n + 1;
}

static int
take_u32(const char *p, uint32_t *v)
{
	char *end;
	unsigned long long n;

	if (!isdigit((unsigned char)*p))
		return -1;
	errno = 0;
	n = strtoull(p, &end, 10);
	if (errno != 0 || n > UINT32_MAX || (*end != '\0' && *end != ' '))
		return -1;
	*v = (uint32_t)n;
	return 0;
}

static struct zg_zone *
zone(struct zoneguard *zg, const char *name)
{
	struct zg_zone *z;
	int i;

	for (i = 0; i < zg->nzones; i++)
		if (strcmp(zg->zones[i].name, name) == 0)
			return &zg->zones[i];
	if (zg->nzones == NC_MAX_ZONES)
		return NULL;
	z = &zg->zones[zg->nzones++];
	memset(z, 0, sizeof(*z));
	memcpy(z->name, name, strlen(name) + 1);
	return z;
}

/* Printable ASCII only, no trailing spaces: the line goes to the log and
 * the status. */
static void
copy_clean(char *dst, const char *src, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len && src[i] != '\0'; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
	while (i > 0 && dst[i - 1] == ' ')
		i--;
	dst[i] = '\0';
}

void
zoneguard_init(struct zoneguard *zg)
{
	memset(zg, 0, sizeof(*zg));
	zg->cur = -1;
}

static void
on_received(struct zoneguard *zg, const char *p)
{
	char name[ZG_NAME_MAX];
	struct zg_zone *z;
	uint32_t v;

	if ((p = take_name(p, name)) == NULL ||
	    strncmp(p, "received update to serial ", 26) != 0 ||
	    take_u32(p + 26, &v) < 0 || (z = zone(zg, name)) == NULL)
		return;
	z->received = v;
	z->has_received = 1;
}

static void
on_updated(struct zoneguard *zg, const char *p)
{
	char name[ZG_NAME_MAX];
	struct zg_zone *z;
	const char *to;
	uint32_t v;

	if ((p = take_name(p, name)) == NULL || strncmp(p, "serial ", 7) != 0 ||
	    (to = strstr(p, " is updated to ")) == NULL ||
	    take_u32(to + 15, &v) < 0 || (z = zone(zg, name)) == NULL)
		return;
	z->served = v;
	z->has_served = 1;
}

static void
on_started(struct zoneguard *zg, const char *p)
{
	char name[ZG_NAME_MAX];
	struct zg_zone *z;

	if (take_name(p, name) == NULL || (z = zone(zg, name)) == NULL)
		return;
	zg->cur = (int)(z - zg->zones);
	zg->first[0] = '\0';
	zg->earliest[0] = '\0';
}

/* The verifier's last line: 14 digits, " on ", the record. */
static void
on_earliest(struct zoneguard *zg, const char *p)
{
	size_t i;

	if (zg->cur < 0)
		return;
	for (i = 0; i < 14; i++)
		if (!isdigit((unsigned char)p[i]))
			return;
	if (strncmp(p + 14, " on ", 4) != 0 || p[18] == '\0')
		return;
	memcpy(zg->earliest, p, 14);
	zg->earliest[14] = '\0';
	copy_clean(zg->earliest_on, p + 18, sizeof(zg->earliest_on));
}

static const struct zg_zone *
on_ended(struct zoneguard *zg, const char *p)
{
	char name[ZG_NAME_MAX];
	struct zg_zone *z;
	const char *end;

	if ((p = take_name(p, name)) == NULL || (z = zone(zg, name)) == NULL ||
	    strncmp(p, "(pid ", 5) != 0 || (end = strstr(p, ") ")) == NULL)
		return NULL;
	end += 2;
	if ((int)(z - zg->zones) != zg->cur)
		zg->earliest[0] = '\0';	/* not the one announced */
	zg->cur = -1;
	if (strcmp(end, "exited with 0") == 0) {
		memcpy(z->earliest, zg->earliest, sizeof(z->earliest));
		memcpy(z->earliest_on, zg->earliest_on,
		    sizeof(z->earliest_on));
		if (z->earliest[0] == '\0')
			z->earliest_on[0] = '\0';
		z->unsent = z->earliest[0] != '\0';
		return NULL;
	}
	z->refused = z->received;
	z->refused_known = z->has_received;
	z->has_refused = 1;
	if (zg->first[0] != '\0')
		copy_clean(z->why, zg->first, sizeof(z->why));
	else
		snprintf(z->why, sizeof(z->why), "validator %.*s",
		    (int)(sizeof(z->why) - 16), end);
	zg->first[0] = '\0';
	return z;
}

const struct zg_zone *
zoneguard_line(struct zoneguard *zg, const char *line)
{
	const char *p;

	if ((p = message(line)) == NULL)
		return NULL;
	if (strncmp(p, "zone ", 5) == 0) {
		on_received(zg, p + 5);
		on_updated(zg, p + 5);
	} else if (strncmp(p, "verify: started verifier for zone ", 34) == 0)
		on_started(zg, p + 34);
	else if (strncmp(p, "verify: verifier for zone ", 26) == 0)
		return on_ended(zg, p + 26);
	else if (strncmp(p, "earliest RRSIG expiry: ", 23) == 0)
		on_earliest(zg, p + 23);
	else if ((p[0] == '[' || strncmp(p, "trust anchor: ", 14) == 0) &&
	    zg->cur >= 0 && zg->first[0] == '\0')
		copy_clean(zg->first, p, sizeof(zg->first));
	return NULL;
}

/* The earliest expiration as 2026-01-02T03:04:05Z, "-" unknown. */
static const char *
earliest_iso(const struct zg_zone *z, char at[24])
{
	if (z->earliest[0] == '\0')
		return strcpy(at, "-");
	snprintf(at, 24, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", z->earliest,
	    z->earliest + 4, z->earliest + 6, z->earliest + 8,
	    z->earliest + 10, z->earliest + 12);
	return at;
}

void
zoneguard_status(FILE *f, const struct zoneguard *zg, const char *tenant)
{
	const struct zg_zone *z;
	char served[16], refused[16], at[24];
	int i;

	for (i = 0; i < zg->nzones; i++) {
		z = &zg->zones[i];
		if (!z->has_refused && z->earliest[0] == '\0')
			continue;
		snprintf(served, sizeof(served), z->has_served ? "%" PRIu32 :
		    "-", z->served);
		if (!z->has_refused)
			snprintf(refused, sizeof(refused), "-");
		else
			snprintf(refused, sizeof(refused), z->refused_known ?
			    "%" PRIu32 : "?", z->refused);
		earliest_iso(z, at);
		fprintf(f, "%-24s %-12s %-10s %-20s %-24s %-10s %s\n", z->name,
		    tenant, served, at, z->earliest[0] ? z->earliest_on : "-",
		    refused, z->has_refused ? z->why : "-");
	}
}

void
zoneguard_status_json(FILE *f, const struct zoneguard *zg, const char *tenant,
    int *first)
{
	const struct zg_zone *z;
	char at[24];
	int i, k;

	for (i = 0; i < zg->nzones; i++) {
		z = &zg->zones[i];
		if (!z->has_refused && z->earliest[0] == '\0')
			continue;
		fputs(*first ? "{" : ",{", f);
		*first = 0;
		k = 1;
		json_kv(f, &k, "zone", z->name);
		json_kv(f, &k, "tenant", tenant);
		json_kn(f, &k, "served", z->has_served, z->served);
		json_kv(f, &k, "earliest_rrsig", z->earliest[0] ?
		    earliest_iso(z, at) : NULL);
		json_kv(f, &k, "earliest_rrsig_on", z->earliest[0] ?
		    z->earliest_on : NULL);
		json_kn(f, &k, "refused", z->has_refused && z->refused_known,
		    z->refused);
		json_kv(f, &k, "refused_why", z->has_refused ? z->why : NULL);
		fputs("}", f);
	}
}
