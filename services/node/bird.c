/* routing.c: the routing side of a node: BIRD in its container, and the health gate that drives it. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "birdconf.h"
#include "bundle.h"
#include "fileutil.h"
#include "gate_msg.h"
#include "log.h"
#include "node.h"

static char *
render_birdconf(const struct nodeconf *nc, const char *ctl_dir)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	rc = birdconf_render(f, nc, ctl_dir);
	if (fclose(f) != 0 || rc < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Installing a default route, and BFD's SO_PRIORITY, need CAP_NET_ADMIN. */
static int
needs_net_admin(const struct nodeconf *nc)
{
	int i;

	for (i = 0; i < nc->bgp.nneighbors; i++)
		if (nc->bgp.neighbors[i].default_route ||
		    nc->bgp.neighbors[i].bfd)
			return 1;
	return 0;
}

static int
bird_write_files(struct child *c, const char *conf, const struct bundle_spec *s)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/etc", c->dir);
	if (mkdir_p(path, 0500, ROUTING_UID, ROUTING_UID) < 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/etc/bird.conf", c->dir);
	if (file_write_atomic(path, conf, strlen(conf), 0400, ROUTING_UID,
	    ROUTING_UID) < 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/run", c->dir);
	if (mkdir_p(path, 0700, ROUTING_UID, ROUTING_UID) < 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/bundle", c->dir);
	if (bundle_write(path, s) < 0)
		goto fail;
	return 0;
fail:
	log_warn("bird: cannot write %s", path);
	return -1;
}

/*
 * Renders bird.conf and BIRD's bundle: BIRD as the routing uid with
 * CAP_NET_BIND_SERVICE (port 179), and CAP_NET_ADMIN only when a
 * neighbour gives a default route to install in the kernel or uses BFD
 * (whose sockets BIRD gives SO_PRIORITY 7).  Returns
 * BIRD_RESTART when the bundle changed, BIRD_RECONFIGURE when only
 * bird.conf did, 0 when nothing did, -1 on error.
 */
int
bird_configure(struct supervisor *sv, struct child *c)
{
	static const char *const argv[] = { "/usr/sbin/bird", "-f", "-c",
	    "/etc/bird/bird.conf", "-s", "/run/bird/" BIRDCONF_CTL_SOCK, NULL };
	static const char *const caps_bgp[] = { "CAP_NET_BIND_SERVICE", NULL };
	static const char *const caps_admin[] = { "CAP_NET_BIND_SERVICE",
	    "CAP_NET_ADMIN", NULL };
	char etc[PATH_MAX], run[PATH_MAX], cg[PATH_MAX], *conf, *bundle;
	struct bundle_mount m[3];
	struct bundle_spec s;
	size_t len;
	int rc;

	snprintf(etc, sizeof(etc), "%s/etc", c->dir);
	snprintf(run, sizeof(run), "%s/run", c->dir);
	snprintf(cg, sizeof(cg), "/%s/%s", sv->cgroup, c->cname);
	m[0] = (struct bundle_mount){ etc, "/etc/bird", 0, NULL };
	m[1] = (struct bundle_mount){ run, "/run/bird", 1, NULL };
	m[2] = (struct bundle_mount){ NULL, "/tmp", 1, "4m" };
	s = (struct bundle_spec){
		.hostname = "bird", .argv = argv, .uid = ROUTING_UID,
		.gid = ROUTING_UID, .caps = needs_net_admin(sv->nc) ?
		    caps_admin : caps_bgp, .mounts = m, .nmounts = 3,
		.memory_mb = 256, .pids_limit = 16, .nofile = 1024,
		/* Ten times a default tenant's weight: sessions, BFD and
		 * withdrawals go first when tenants load every CPU. */
		.cpu_shares = 10240,
		.cgroup_path = cg,
	};
	conf = render_birdconf(sv->nc, run);
	bundle = bundle_config(&s, &len);
	if (conf == NULL || bundle == NULL) {
		log_warnx("bird: cannot render configuration");
		free(conf);
		free(bundle);
		return -1;
	}
	rc = child_changes(c, conf, bundle);
	rc = rc & CHANGED_BUNDLE ? BIRD_RESTART : rc ? BIRD_RECONFIGURE : 0;
	if (rc != 0 && bird_write_files(c, conf, &s) < 0)
		rc = -1;
	if (rc <= 0) {
		free(conf);
		free(bundle);
		return rc;
	}
	child_adopt(c, conf, bundle);
	return rc;
}

/*
 * Before each start of the gate: a fresh socketpair, one end as its fd 3;
 * the ends of the last start closed (no descriptor left per restart).
 */
static int
gate_prestart(struct supervisor *sv, struct child *c)
{
	int sp[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0) {
		log_warn("gate: cannot create socketpair");
		return -1;
	}
	if (sv->gatefd >= 0)
		close(sv->gatefd);
	if (c->passfd >= 0)
		close(c->passfd);	/* the last start's end */
	fcntl(sp[0], F_SETFL, O_NONBLOCK);
	sv->gatefd = sp[0];
	sv->gatebuf->len = 0;
	if (sv->gateq != NULL)
		gate_msgq_clear(sv->gateq);
	c->passfd = sp[1];
	/* An operator's drain outlives a restart of the gate. */
	free(c->argv[11]);
	c->argv[11] = sv->operator_drained ? xstrdup("-D") : NULL;
	return 0;
}

/*
 * The gate runs outpost-gate from outpost-node's own directory, on the
 * last good node.conf without TSIG secrets (STATE/gate.conf), as the
 * routing uid.
 */
struct child *
gate_new(struct supervisor *sv)
{
	char path[PATH_MAX];
	struct child *c;

	if ((c = child_new("gate", NULL, NULL)) == NULL)
		fatal("cannot allocate");
	node_sibling("outpost-gate", path, sizeof(path));
	c->argv[0] = xstrdup(path);
	c->argv[1] = xstrdup("-c");
	snprintf(path, sizeof(path), "%s/" GATE_CONF, sv->nc->state_dir);
	c->argv[2] = xstrdup(path);
	c->argv[3] = xstrdup("-s");
	snprintf(path, sizeof(path), "%s/bird/run/" BIRDCONF_CTL_SOCK,
	    sv->nc->state_dir);
	c->argv[4] = xstrdup(path);
	c->argv[5] = xstrdup("-f");
	c->argv[6] = xstrdup("3");
	c->argv[7] = xstrdup("-u");
	snprintf(path, sizeof(path), "%u", ROUTING_UID);
	c->argv[8] = xstrdup(path);
	c->argv[9] = xstrdup("-b");		/* the run dir as BIRD sees it */
	c->argv[10] = xstrdup("/run/bird");
	c->prestart = gate_prestart;
	return c;
}
