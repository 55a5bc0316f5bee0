/* nsdwatch.c: each running tenant's NSD watched for its death (the exit watch, a pidfd, crun's SIGCHLD), told to the gate once, by whichever saw it first. */
/* SPDX-License-Identifier: ISC */
#include <sys/syscall.h>

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exitwatch.h"
#include "gatelink.h"
#include "log.h"
#include "node.h"
#include "nsdwatch.h"

/*
 * A tenant's NSD (the container's init, crun's child) watched by the exit
 * watch (a BPF tracepoint: the moment it starts to exit) and through a
 * pidfd (once its pid namespace is torn down, about 10 ms later, or when
 * the exit watch could not load); SIGCHLD from crun, its parent, once it
 * has cleaned up and exited, is the last resort.
 */
struct nsd_watch {
	const struct child *c;
	pid_t		 crun;		/* c->pid it was found under */
	pid_t		 nsd;		/* the container's init; 0 not yet */
	int		 fd;		/* pidfd; -1 none (yet) */
	int		 told;		/* TENANT_DOWN sent for this crun */
	int		 in_ew;		/* given to the exit watch */
};
static struct nsd_watch watches[NODE_MAX_TENANTS];
static int nwatches;
static struct exitwatch *ew;	/* NULL: pidfds only */
static int ew_tried;
/*
 * The exit watch loads this long after the first NSD was found: loading it
 * parses the kernel's BTF (5 MB), which would compete with the tenants'
 * start for the CPU (a second under QEMU's TCG).  Until then, and when it
 * cannot load, the pidfds see a death.
 */
#define EXITWATCH_DEFER_MS	1500
static int64_t ew_due;		/* 0: no NSD found yet */

static void
tenant_down(struct supervisor *sv, const struct child *c, const char *how)
{
	gatelink_tenant_down(sv, c->cname + 4, how);
}

static struct nsd_watch *
find_watch(const struct child *c)
{
	int i;

	for (i = 0; i < nwatches; i++)
		if (watches[i].c == c)
			return &watches[i];
	return NULL;
}

static int
is_tenant(const struct supervisor *sv, const struct child *c)
{
	int i;

	for (i = 0; i < sv->ntenants; i++)
		if (sv->tenants[i] == c)
			return strncmp(c->cname, "nsd-", 4) == 0;
	return 0;
}

static void
exitwatch_start(void)
{
	char why[256];

	if (ew_tried)
		return;
	ew_tried = 1;
	if ((ew = exitwatch_open(why, sizeof(why))) == NULL)
		log_warnx("cannot load the exit watch: %s; a tenant's death is "
		    "seen through its pidfd", why);
}

static void
unwatch(int i)
{
	if (watches[i].fd >= 0)
		close(watches[i].fd);
	if (ew != NULL && watches[i].in_ew && !watches[i].told)
		exitwatch_del(ew, watches[i].nsd);
	watches[i] = watches[--nwatches];
}

/* The tenant of w is down: said once, by whichever watch saw it first. */
static void
watch_fired(struct supervisor *sv, struct nsd_watch *w, const char *how)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	w->told = 1;
	tenant_down(sv, w->c, how);
}

/* Watches follow the running tenants: gone ones dropped, new ones found. */
static void
watch_update(struct supervisor *sv)
{
	struct nsd_watch *w;
	pid_t nsd;
	int i;

	for (i = nwatches - 1; i >= 0; i--)
		if (!is_tenant(sv, watches[i].c) ||
		    watches[i].c->state != CS_RUNNING ||
		    watches[i].c->pid != watches[i].crun)
			unwatch(i);
	for (i = 0; i < sv->ntenants; i++) {
		const struct child *c = sv->tenants[i];

		if (!is_tenant(sv, c) || c->state != CS_RUNNING)
			continue;
		if ((w = find_watch(c)) == NULL) {
			if (nwatches == NODE_MAX_TENANTS)
				continue;
			w = &watches[nwatches++];
			*w = (struct nsd_watch){ c, c->pid, 0, -1, 0, 0 };
		}
		if (w->fd >= 0 || w->told || (nsd = crun_init_pid(c->pid)) <= 0)
			continue;
		if (ew_due == 0)
			ew_due = now_ms() + EXITWATCH_DEFER_MS;
		w->nsd = nsd;
		w->fd = (int)syscall(SYS_pidfd_open, nsd, 0);
		if (w->fd >= 0)
			fcntl(w->fd, F_SETFD, FD_CLOEXEC);
	}
	if (ew_due != 0 && now_ms() >= ew_due)
		exitwatch_start();
	for (i = 0; ew != NULL && i < nwatches; i++) {
		w = &watches[i];
		if (w->nsd <= 0 || w->told || w->in_ew)
			continue;
		w->in_ew = 1;
		if (exitwatch_add(ew, w->nsd) != 0)
			log_warnx("gate: tenant %s: cannot watch NSD (pid %ld) "
			    "exit: map full", w->c->cname + 4, (long)w->nsd);
	}
}

/* What the exit watch saw exit: the NSDs among them are down. */
static void
exitwatch_io(struct supervisor *sv)
{
	pid_t pids[16];
	int i, j, n;

	while ((n = exitwatch_read(ew, pids, 16)) > 0)
		for (j = 0; j < n; j++)
			for (i = 0; i < nwatches; i++)
				if (watches[i].nsd == pids[j] &&
				    !watches[i].told)
					watch_fired(sv, &watches[i],
					    "its process is exiting");
}

int
nsdwatch_pollfds(struct supervisor *sv, struct pollfd *pfd, int max)
{
	int i, n = 0;

	watch_update(sv);
	if (ew != NULL && n < max)
		pfd[n++] = (struct pollfd){ exitwatch_fd(ew), POLLIN, 0 };
	for (i = 0; i < nwatches && n < max; i++)
		if (watches[i].fd >= 0)
			pfd[n++] = (struct pollfd){ watches[i].fd, POLLIN, 0 };
	return n;
}

void
nsdwatch_io(struct supervisor *sv, const struct pollfd *pfd, int n)
{
	int i, j;

	for (j = 0; j < n; j++) {
		if (pfd[j].revents == 0)
			continue;
		if (ew != NULL && pfd[j].fd == exitwatch_fd(ew)) {
			exitwatch_io(sv);
			continue;
		}
		for (i = 0; i < nwatches; i++)
			if (watches[i].fd == pfd[j].fd)
				break;
		if (i < nwatches)
			watch_fired(sv, &watches[i], "its process is gone");
	}
}

void
nsdwatch_child_ended(struct supervisor *sv, const struct child *c)
{
	struct nsd_watch *w;

	if (!is_tenant(sv, c))
		return;
	if ((w = find_watch(c)) != NULL && w->told)
		return;		/* a watch said so already */
	tenant_down(sv, c, "its container exited");
}
