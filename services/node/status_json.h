/* status_json.h: `outpost status -j`, the node's part. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_STATUS_JSON_H
#define OUTPOST_STATUS_JSON_H

#include <stddef.h>

struct supervisor;

/*
 * The status object without its closing brace:
 * {"node":{...},"notes":[...],"containers":[...],"dnssec":[...]
 * (the caller adds ,"gate":... and }).  NULL when out of memory.
 */
char	*status_json_head(struct supervisor *, size_t *lenp);

#endif
