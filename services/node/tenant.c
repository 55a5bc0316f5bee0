/* tenant.c: one tenant's NSD container: its nsd.conf, its bundle and their files. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bindguard.h"
#include "bundle.h"
#include "handover.h"
#include "fileutil.h"
#include "log.h"
#include "nsdconf.h"
#include "nsdverify.h"
#include "node.h"
#include "tenantcpus.h"
#include "zoneguard_tenants.h"

/* The bind guard goes on the tenant's cgroup before NSD starts. */
static int
tenant_prestart(struct supervisor *sv, struct child *t)
{
	const struct nc_tenant *tn = nodeconf_tenant(sv->nc, t->cname + 4);
	char cg[PATH_MAX];

	snprintf(cg, sizeof(cg), "%s/%s", sv->cgroup, t->cid);
	if (tn != NULL)
		t->joinfd = bindguard_start(t->label, cg, sv->nc, tn);
	return 0;
}

static void
tenant_poststop(struct supervisor *sv, struct child *t)
{
	char cg[PATH_MAX];

	snprintf(cg, sizeof(cg), "%s/%s", sv->cgroup, t->cid);
	bindguard_stop(cg);
}

/* NSD says "nsd started" once its zones are loaded and its servers run. */
static void
tenant_line(struct child *t, const char *line)
{
	if (strstr(line, "notice: nsd started (") != NULL)
		t->ready = 1;
	zoneguard_tenant_line(t, line);
}

struct child *
tenant_new(struct supervisor *sv, const char *name)
{
	char label[48], cname[NC_NAME_MAX + 8], dir[256];
	struct child *t;

	snprintf(label, sizeof(label), "tenant %s", name);
	snprintf(cname, sizeof(cname), "nsd-%s", name);
	snprintf(dir, sizeof(dir), "%s/tenants/%s", sv->nc->state_dir, name);
	if ((t = child_new(label, cname, dir)) != NULL) {
		t->prestart = tenant_prestart;
		t->poststop = tenant_poststop;
		t->on_line = tenant_line;
	}
	return t;
}

static char *
render_nsdconf(const struct nodeconf *nc, const struct nc_tenant *tn,
    const struct tenant_cpus *tc, int slot)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	nsdconf_render(f, nc, tn, tc, slot);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* cpu-weight 100 (the default) is 1024 shares, as any process has. */
static unsigned
tenant_shares(unsigned weight)
{
	unsigned shares = weight * 1024 / 100;

	return shares < 2 ? 2 : shares;
}

/*
 * Processes: NSD's main, xfrd and a server per CPU, twice over during a
 * reload (the old servers finish while the new ones start): the node's
 * pids-limit, or more for a tenant on many CPUs.
 */
static unsigned
tenant_pids(unsigned limit, int nservers)
{
	unsigned need = 2 * (unsigned)nservers + 8;

	return need > limit ? need : limit;
}

static void
tenant_spec(struct supervisor *sv, const struct child *t, const char *cid,
    const struct nc_tenant *tn, uid_t uid, const struct tenant_cpus *tc,
    struct bundle_spec *s, struct bundle_mount *m, char *etc, char *data,
    char *cg, char *cpus /* CPUSET_STRLEN */, size_t len)
{
	static const char *const argv[] = {
		"/usr/sbin/nsd", "-d", "-c", NSD_CONF_PATH, NULL,
	};
	static const char *const caps[] = { "CAP_NET_BIND_SERVICE", NULL };
	const char *dscheck = nsdverify_dscheck();

	snprintf(etc, len, "%s/etc", t->dir);
	snprintf(data, len, "%s/data", t->dir);
	snprintf(cg, len, "/%s/%s", sv->cgroup, cid);
	m[0] = (struct bundle_mount){ etc, NSD_CONF_DIR, 0, NULL };
	m[1] = (struct bundle_mount){ data, NSD_DATA_DIR, 1, NULL };
	/* Zone transfers are staged in data/xfr (nsdconf.c), not here. */
	m[2] = (struct bundle_mount){ NULL, "/tmp", 1, "4m" };
	m[3] = (struct bundle_mount){ NULL, "/run", 1, "1m" };
	*s = (struct bundle_spec){
		.hostname = tn->name, .argv = argv, .uid = uid, .gid = uid,
		.caps = caps, .mounts = m, .nmounts = 4,
		.memory_mb = tn->memory_mb ? tn->memory_mb : sv->nc->memory_mb,
		.pids_limit = tenant_pids(sv->nc->pids_limit, tc->nservers),
		.nofile = 4096,
		.cpu_shares = tenant_shares(tn->cpu_weight),
		.cpu_quota = tn->cpu_quota,
		.cpus = cpuset_fmt(&tc->set, cpus, CPUSET_STRLEN),
		.cgroup_path = cg,
		/* Trust anchors: the node's outpost-dscheck (nsdverify.h). */
		.prog = tn->nanchors > 0 ? dscheck : NULL,
		.prog_dst = NSDVERIFY_DSCHECK,
	};
}

/*
 * The zone data directory, writable by the tenant.  Its uid is stable
 * (uids.c), so normally nothing below it changes owner; only a directory
 * found with another owner (state carried over) is walked, by
 * descriptors and never through a symbolic link (chown_tree).
 */
static int
prepare_data(const char *path, uid_t uid)
{
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == uid &&
	    st.st_gid == uid)
		return 0;
	if (mkdir_p(path, 0700, 0, 0) < 0) {
		log_warn("cannot create %s", path);
		return -1;
	}
	if (chown_tree(path, uid, uid) < 0) {
		if (errno == ELOOP)
			log_warnx("cannot give %s to uid %u: deeper than %d "
			    "levels", path, (unsigned)uid, CHOWN_TREE_DEPTH);
		else
			log_warn("cannot give %s to uid %u", path,
			    (unsigned)uid);
		return -1;
	}
	return 0;
}

/* The trust anchors beside zoneverify.sh, or none (nsdverify.h). */
static int
tenant_write_anchors(struct child *t, uid_t uid, const struct nc_tenant *tn)
{
	char path[PATH_MAX], *text;
	int rc;

	snprintf(path, sizeof(path), "%s/etc/" NSDVERIFY_ANCHORS, t->dir);
	if (tn->nanchors == 0) {
		if (unlink(path) < 0 && errno != ENOENT) {
			log_warn("cannot remove %s", path);
			return -1;
		}
		return 0;
	}
	if ((text = nsdverify_anchors(tn)) == NULL) {
		log_warn("cannot render %s", path);
		return -1;
	}
	rc = file_write_atomic(path, text, strlen(text), 0400, uid, uid);
	if (rc < 0)
		log_warn("cannot write %s", path);
	free(text);
	return rc;
}

static int
tenant_write_files(struct child *t, uid_t uid, const char *nsdconf,
    const struct bundle_spec *spec, const struct nc_tenant *tn)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/etc", t->dir);
	if (mkdir_p(path, 0500, uid, uid) < 0) {
		log_warn("cannot create %s", path);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/etc/nsd.conf", t->dir);
	if (file_write_atomic(path, nsdconf, strlen(nsdconf), 0400, uid,
	    uid) < 0) {
		log_warn("cannot write %s", path);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/etc/" NSDVERIFY_SCRIPT, t->dir);
	if (file_write_atomic(path, nsdverify_script,
	    strlen(nsdverify_script), 0400, uid, uid) < 0) {
		log_warn("cannot write %s", path);
		return -1;
	}
	if (tenant_write_anchors(t, uid, tn) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/data", t->dir);
	if (prepare_data(path, uid) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/bundle", t->dir);
	if (bundle_write(path, spec) < 0) {
		log_warn("cannot write bundle %s", path);
		return -1;
	}
	return 0;
}

/*
 * Renders the tenant's nsd.conf and bundle.  Returns 1 when they differ
 * from those in force (a restart is needed), 2 when they differ and a
 * successor can start beside the running NSD (handover.c: the bundle
 * names the successor's container), 0 when equal, -1 on error.
 */
int
tenant_configure(struct supervisor *sv, struct child *t,
    const struct nc_tenant *tn, uid_t uid)
{
	struct bundle_spec spec;
	struct bundle_mount m[4];
	struct tenant_cpus tc;
	struct cpuset node;
	char etc[PATH_MAX], data[PATH_MAX], cg[PATH_MAX], cpus[CPUSET_STRLEN];
	char cid[sizeof(t->cid)];
	char *nsdconf, *bundle;
	size_t len;
	int rc, beside;

	if (cpuset_self(&node) < 0)
		log_warn("%s: cannot read the node's CPUs", t->label);
	tenantcpus_get(tn, &node, &tc);
	tenant_spec(sv, t, t->cid, tn, uid, &tc, &spec, m, etc, data, cg,
	    cpus, sizeof(etc));
	nsdconf = render_nsdconf(sv->nc, tn, &tc, handover_slot(t->cid,
	    t->cname));
	bundle = bundle_config(&spec, &len);
	rc = nsdconf != NULL && bundle != NULL ? child_changes(t, nsdconf,
	    bundle) != 0 || t->uid != uid : -1;
	/* Changed: a successor beside it (SO_REUSEPORT, the same uid)
	 * gets a bundle that names its own container and cgroup. */
	beside = rc == 1 && handover_possible(t, uid);
	if (beside) {
		handover_cid(t, cid, sizeof(cid));
		tenant_spec(sv, t, cid, tn, uid, &tc, &spec, m, etc, data,
		    cg, cpus, sizeof(etc));
		free(bundle);
		free(nsdconf);
		bundle = bundle_config(&spec, &len);
		nsdconf = render_nsdconf(sv->nc, tn, &tc, handover_slot(cid,
		    t->cname));
		if (bundle == NULL || nsdconf == NULL)
			rc = -1;
	}
	if (rc < 0)
		log_warn("%s: cannot render configuration", t->label);
	if (rc == 1 && tenant_write_files(t, uid, nsdconf, &spec, tn) < 0)
		rc = -1;
	if (rc <= 0) {
		free(nsdconf);
		free(bundle);
		return rc;
	}
	child_adopt(t, nsdconf, bundle);
	t->uid = uid;
	t->reuseport = tc.nservers >= TENANTCPUS_SERVERS_MIN;
	return beside ? 2 : 1;
}

