/* gate_dnssec.c: the DNSSEC guard's ZONE_EXPIRY from outpost-node: the earliest RRSIG expiration of each validated zone's served version. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "gate.h"
#include "log.h"

/* YYYYMMDDHHmmSS (UTC) as epoch seconds; -1 when it is not that. */
static int64_t
parse_time(const char *p)
{
	struct tm tm;
	int v[6], i, j, n;
	static const int w[6] = { 4, 2, 2, 2, 2, 2 };

	for (i = 0; i < 14; i++)
		if (!isdigit((unsigned char)p[i]))
			return -1;
	if (p[14] != '\0')
		return -1;
	for (i = 0, j = 0; i < 6; i++) {
		for (n = 0, v[i] = 0; n < w[i]; n++)
			v[i] = v[i] * 10 + (p[j++] - '0');
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 ||
	    v[4] > 59 || v[5] > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	return (int64_t)timegm(&tm);
}

static struct zone_state *
find_zone(struct gate *g, const char *tenant, const char *zone,
    const struct gtenant **tp)
{
	int i, j;

	for (i = 0; i < g->ntenants; i++) {
		const struct nc_tenant *tn = g->tenants[i].nc;

		if (strcmp(tn->name, tenant) != 0)
			continue;
		for (j = 0; j < tn->nzones; j++)
			if (strcmp(tn->zones[j], zone) == 0) {
				*tp = &g->tenants[i];
				return &g->tenants[i].zones[j];
			}
	}
	return NULL;
}

/* "TENANT ZONE YYYYMMDDHHmmSS OWNER TYPE": printable, one space apart. */
int
gate_zone_expiry(struct gate *g, const char *text, size_t len)
{
	char buf[512], *tenant, *zone, *at, *on, *sp;
	const struct gtenant *t;
	struct zone_state *zs;
	int64_t when;
	size_t i;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	for (i = 0; i < len; i++)
		if (text[i] < 0x20 || text[i] > 0x7e)
			return -1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	tenant = buf;
	if ((sp = strchr(tenant, ' ')) == NULL)
		return -1;
	*sp = '\0';
	zone = sp + 1;
	if ((sp = strchr(zone, ' ')) == NULL)
		return -1;
	*sp = '\0';
	at = sp + 1;
	if ((sp = strchr(at, ' ')) == NULL || sp[1] == '\0')
		return -1;
	*sp = '\0';
	on = sp + 1;
	if ((when = parse_time(at)) < 0)
		return -1;
	if ((zs = find_zone(g, tenant, zone, &t)) == NULL) {
		log_debug("zone %s of tenant %s: not in the running "
		    "configuration", zone, tenant);
		return 0;
	}
	zs->earliest = when;
	snprintf(zs->earliest_on, sizeof(zs->earliest_on), "%s", on);
	log_info("tenant %s: zone %s: earliest RRSIG expiration %s on %s "
	    "(the version the DNSSEC guard accepted)", tenant, zone, at, on);
	(void)t;
	return 0;
}
