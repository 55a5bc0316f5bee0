/* agent_ctlfile.c: STATEDIR/controller: the controller's address, port, public key pin and signing key, and our node name, as "key: value" lines. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "fileutil.h"
#include "nodekey.h"

int
agent_ctl_save(const char *dir, const struct agent_ctl *c, char *err,
    size_t errlen)
{
	char path[PATH_MAX], text[512];
	int n;

	snprintf(path, sizeof(path), "%s/%s", dir, AGENT_CTL_FILE);
	n = snprintf(text, sizeof(text), "address: %s\nport: %u\npin: %s\n"
	    "controller-key: %s\nnode: %s\n", c->addr, c->port, c->pin, c->key,
	    c->node);
	if (file_write_atomic(path, text, (size_t)n, 0644, getuid(),
	    getgid()) < 0 || fsync_dir(dir) < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* One "key: value" line into c; 0, or -1 when the key is unknown or the value too long. */
static int
ctl_field(struct agent_ctl *c, const char *key, const char *val, int *seen)
{
	static const struct {
		const char	*key;
		size_t		 off, size;
	} f[] = {
		{ "address", offsetof(struct agent_ctl, addr), TOKEN_ADDR_MAX },
		{ "controller-key", offsetof(struct agent_ctl, key), 64 },
		{ "node", offsetof(struct agent_ctl, node), REQSIG_NAME_MAX },
		{ "pin", offsetof(struct agent_ctl, pin), AGENT_PIN_MAX },
	};
	char *end;
	unsigned long p;
	size_t i;

	if (strcmp(key, "port") == 0) {
		p = strtoul(val, &end, 10);
		if (*val == '\0' || *end != '\0' || p == 0 || p > 65535)
			return -1;
		c->port = (uint16_t)p;
		*seen |= 1 << 4;
		return 0;
	}
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (strcmp(key, f[i].key) == 0) {
			if (strlen(val) >= f[i].size)
				return -1;
			strcpy((char *)c + f[i].off, val);
			*seen |= 1 << i;
			return 0;
		}
	return -1;
}

int
agent_ctl_load(const char *dir, struct agent_ctl *c, char *err,
    size_t errlen)
{
	char path[PATH_MAX], *text, *line, *next, *val;
	uint8_t pk[NODEKEY_PK_LEN];
	size_t len;
	int seen = 0, lineno = 0;

	memset(c, 0, sizeof(*c));
	snprintf(path, sizeof(path), "%s/%s", dir, AGENT_CTL_FILE);
	if ((text = file_read(path, 4096, &len)) == NULL) {
		snprintf(err, errlen, "cannot read %s: %s%s", path,
		    strerror(errno), errno == ENOENT ? " (not enrolled yet: "
		    "outpost-agent enrol)" : "");
		return -1;
	}
	for (line = text; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((val = strstr(line, ": ")) == NULL)
			goto bad;
		*val = '\0';
		val += 2;
		if (ctl_field(c, line, val, &seen) < 0)
			goto bad;
	}
	free(text);
	if (seen != 0x1f) {
		snprintf(err, errlen, "%s lacks a field", path);
		return -1;
	}
	if (nodekey_pk_from_text(c->key, pk, err, errlen) < 0 ||
	    strncmp(c->pin, "sha256//", 8) != 0 || !node_name_valid(c->node)) {
		snprintf(err, errlen, "%s has a bad key, pin or node name",
		    path);
		return -1;
	}
	return 0;
bad:
	free(text);
	snprintf(err, errlen, "%s:%d: not \"key: value\" of a known key",
	    path, lineno);
	return -1;
}
