/* status_json.c: `outpost status -j`: the node's part of the status as JSON (containers, DNSSEC zones, the other parts' lines), the gate's object added by gatelink.c. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_tenants.h"
#include "child.h"
#include "clock.h"
#include "confirm.h"
#include "json.h"
#include "node.h"
#include "reconfig.h"
#include "status_json.h"
#include "xdpguard.h"
#include "zoneguard_tenants.h"

static void
json_child(FILE *f, const struct child *c, int *n)
{
	int first = 1;

	fputs((*n)++ ? ",{" : "{", f);
	json_kv(f, &first, "name", c->label);
	json_kv(f, &first, "state", child_state_name(c));
	json_ki(f, &first, "restarts", c->restarts);
	json_kn(f, &first, "running_s", c->state == CS_RUNNING,
	    (now_ms() - c->started_ms) / 1000);
	fputc('}', f);
}

static void
json_containers(FILE *f, struct supervisor *sv)
{
	int i, n = 0;

	fputc('[', f);
	for (i = 0; i < sv->ntenants; i++)
		json_child(f, sv->tenants[i], &n);
	if (sv->bird != NULL)
		json_child(f, sv->bird, &n);
	if (sv->gate != NULL)
		json_child(f, sv->gate, &n);
	if (sv->agent != NULL)
		json_child(f, sv->agent, &n);
	fputc(']', f);
}

/*
 * What the trial, a configure, the agent, the XDP guard and the catalog
 * say in the text status, one string a line (their text is the
 * documented one: docs/node-runtime.md).
 */
static void
json_notes(FILE *f, struct supervisor *sv)
{
	char *buf = NULL, *line, *next;
	size_t len = 0;
	FILE *t;
	int n = 0;

	fputc('[', f);
	if ((t = open_memstream(&buf, &len)) != NULL) {
		confirm_status(sv, t);
		reconfig_status(sv, t);
		agent_status(sv, t);
		xdpguard_status(t);
		catalog_status(t);
		if (fclose(t) == 0)
			for (line = buf; line != NULL && *line != '\0';
			    line = next) {
				if ((next = strchr(line, '\n')) != NULL)
					*next++ = '\0';
				if (*line == '\0')
					continue;
				fputs(n++ ? "," : "", f);
				json_str(f, line);
			}
		free(buf);
	}
	fputc(']', f);
}

char *
status_json_head(struct supervisor *sv, size_t *lenp)
{
	char *buf = NULL;
	int first = 1, k = 1;
	FILE *f;

	if ((f = open_memstream(&buf, lenp)) == NULL)
		return NULL;
	fputc('{', f);
	json_key(f, &first, "node");
	fputc('{', f);
	json_kv(f, &k, "identity", sv->nc->identity);
	json_kv(f, &k, "config", sv->conf_path);
	fputc('}', f);
	json_key(f, &first, "notes");
	json_notes(f, sv);
	json_key(f, &first, "containers");
	json_containers(f, sv);
	json_key(f, &first, "dnssec");
	zoneguard_tenants_status_json(sv, f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}
