/* bundle.c: writes OCI bundles: read-only root, own pid/mount/ipc/uts namespaces, host network, few capabilities. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "fileutil.h"
#include "json.h"
#include "seccomp.h"

/* The root file system: an empty skeleton; /usr comes from the host, read-only. */
static const char *const skel_dirs[] = {
	"dev", "etc", "proc", "run", "tmp", "usr", "var", "var/lib",
};
static const char *const skel_links[][2] = {
	{ "bin", "usr/bin" }, { "lib", "usr/lib" }, { "lib64", "usr/lib64" },
	{ "sbin", "usr/sbin" },
};

static void
render_strv(FILE *f, const char *const *v)
{
	int i;

	fputc('[', f);
	for (i = 0; v[i] != NULL; i++) {
		if (i > 0)
			fputc(',', f);
		json_str(f, v[i]);
	}
	fputc(']', f);
}

static void
render_process(FILE *f, const struct bundle_spec *s)
{
	static const char *const empty[] = { NULL };
	static const char *const sets[] = {
		"bounding", "effective", "permitted", "inheritable", "ambient",
	};
	size_t i;

	fputs("\"process\":{\"terminal\":false,", f);
	fprintf(f, "\"user\":{\"uid\":%u,\"gid\":%u,\"additionalGids\":[]},",
	    (unsigned)s->uid, (unsigned)s->gid);
	fputs("\"args\":", f);
	render_strv(f, s->argv);
	fputs(",\"env\":[\"PATH=/usr/sbin:/usr/bin\",\"LC_ALL=C\"],"
	    "\"cwd\":\"/\",\"capabilities\":{", f);
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		fprintf(f, "%s\"%s\":", i ? "," : "", sets[i]);
		render_strv(f, s->caps ? s->caps : empty);
	}
	fprintf(f, "},\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"hard\":%u,"
	    "\"soft\":%u},{\"type\":\"RLIMIT_CORE\",\"hard\":0,\"soft\":0}],",
	    s->nofile, s->nofile);
	fputs("\"noNewPrivileges\":true}", f);
}

static void
render_mount(FILE *f, const char *dst, const char *type, const char *src,
    const char *opts)
{
	fputs(",{\"destination\":", f);
	json_str(f, dst);
	fprintf(f, ",\"type\":\"%s\",\"source\":", type);
	json_str(f, src);
	fprintf(f, ",\"options\":[%s]}", opts);
}

static void
render_mounts(FILE *f, const struct bundle_spec *s)
{
	char opts[128];
	size_t i;

	fputs("\"mounts\":[{\"destination\":\"/proc\",\"type\":\"proc\","
	    "\"source\":\"proc\",\"options\":[\"nosuid\",\"noexec\","
	    "\"nodev\"]}", f);
	render_mount(f, "/dev", "tmpfs", "tmpfs",
	    "\"nosuid\",\"noexec\",\"mode=755\",\"size=64k\"");
	/* Read-only all the way down: rro, not ro (the top mount only). */
	render_mount(f, "/usr", "bind", "/usr",
	    "\"rbind\",\"rro\",\"ro\",\"rnosuid\",\"rnodev\",\"nosuid\","
	    "\"nodev\"");
	for (i = 0; i < s->nmounts; i++) {
		const struct bundle_mount *m = &s->mounts[i];

		if (m->src == NULL) {
			snprintf(opts, sizeof(opts), "\"nosuid\",\"nodev\","
			    "\"noexec\",\"mode=1777\",\"size=%s\"",
			    m->tmpfs_size ? m->tmpfs_size : "4m");
			render_mount(f, m->dst, "tmpfs", "tmpfs", opts);
		} else
			render_mount(f, m->dst, "bind", m->src, m->rw ?
			    "\"bind\",\"rw\",\"nosuid\",\"nodev\",\"noexec\"" :
			    "\"bind\",\"ro\",\"nosuid\",\"nodev\",\"noexec\"");
	}
	if (s->prog != NULL)
		render_mount(f, s->prog_dst, "bind", s->prog,
		    "\"bind\",\"ro\",\"nosuid\",\"nodev\"");
	fputc(']', f);
}

/* CPU: a weight among the node's containers, an optional quota, and
 * the CPUs the container may run on (cpuset). */
static void
render_cpu(FILE *f, const struct bundle_spec *s)
{
	const char *sep = "";

	if (s->cpu_shares == 0 && s->cpu_quota == 0 &&
	    (s->cpus == NULL || *s->cpus == '\0'))
		return;
	fputs(",\"cpu\":{", f);
	if (s->cpu_shares != 0) {
		fprintf(f, "\"shares\":%u", s->cpu_shares);
		sep = ",";
	}
	if (s->cpu_quota != 0) {
		fprintf(f, "%s\"quota\":%llu,\"period\":%u", sep,
		    (unsigned long long)s->cpu_quota * BUNDLE_CPU_PERIOD / 100,
		    BUNDLE_CPU_PERIOD);
		sep = ",";
	}
	if (s->cpus != NULL && *s->cpus != '\0') {
		fprintf(f, "%s\"cpus\":", sep);
		json_str(f, s->cpus);
	}
	fputc('}', f);
}

static void
render_linux(FILE *f, const struct bundle_spec *s)
{
	static const char *const masked[] = {
		"/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
		"/proc/timer_list", "/proc/sched_debug", "/proc/scsi",
		"/sys/firmware", NULL,
	};
	static const char *const ro[] = {
		"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
		"/proc/sysrq-trigger", NULL,
	};

	fputs("\"linux\":{\"namespaces\":[{\"type\":\"pid\"},"
	    "{\"type\":\"mount\"},{\"type\":\"ipc\"},{\"type\":\"uts\"},"
	    "{\"type\":\"cgroup\"}],", f);
	fputs("\"cgroupsPath\":", f);
	json_str(f, s->cgroup_path);
	fprintf(f, ",\"resources\":{\"devices\":[{\"allow\":false,"
	    "\"access\":\"rwm\"}],\"memory\":{\"limit\":%llu,\"swap\":%llu},"
	    "\"pids\":{\"limit\":%u}",
	    (unsigned long long)s->memory_mb << 20,
	    (unsigned long long)s->memory_mb << 20, s->pids_limit);
	render_cpu(f, s);
	fputs("},", f);
	fputs("\"maskedPaths\":", f);
	render_strv(f, masked);
	fputs(",\"readonlyPaths\":", f);
	render_strv(f, ro);
	fputs(",\"seccomp\":", f);
	seccomp_render(f);
	fputc('}', f);
}

char *
bundle_config(const struct bundle_spec *s, size_t *lenp)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	fputs("{\"ociVersion\":\"1.0.2\",", f);
	render_process(f, s);
	fputs(",\"root\":{\"path\":\"rootfs\",\"readonly\":true},"
	    "\"hostname\":", f);
	json_str(f, s->hostname);
	fputc(',', f);
	render_mounts(f, s);
	fputc(',', f);
	render_linux(f, s);
	fputs("}\n", f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	*lenp = len;
	return buf;
}

static int
make_rootfs(const char *dir)
{
	char path[PATH_MAX];
	size_t i;

	snprintf(path, sizeof(path), "%s/rootfs", dir);
	if (mkdir_p(path, 0755, 0, 0) < 0)
		return -1;
	for (i = 0; i < sizeof(skel_dirs) / sizeof(skel_dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/rootfs/%s", dir, skel_dirs[i]);
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -1;
	}
	for (i = 0; i < sizeof(skel_links) / sizeof(skel_links[0]); i++) {
		snprintf(path, sizeof(path), "%s/rootfs/%s", dir,
		    skel_links[i][0]);
		if (symlink(skel_links[i][1], path) < 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

int
bundle_write(const char *dir, const struct bundle_spec *s)
{
	char path[PATH_MAX], *buf;
	size_t len;
	int rc;

	if (mkdir_p(dir, 0700, 0, 0) < 0 || make_rootfs(dir) < 0)
		return -1;
	if ((buf = bundle_config(s, &len)) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/config.json", dir);
	rc = file_write_atomic(path, buf, len, 0600, 0, 0);
	free(buf);
	return rc;
}
