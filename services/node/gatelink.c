/* gatelink.c: outpost-node's side of the gate messages: requests and tenant deaths out as whole frames, one handler per answer type, a clean reset of a broken link. */
/* SPDX-License-Identifier: ISC */
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitwatch.h"
#include "gate_msg.h"
#include "gatelink.h"
#include "log.h"
#include "node.h"

static const uint32_t request_type[] = {
	[CW_STATUS] = GATE_STATUS_REQ,
	[CW_DRAINED] = GATE_DRAIN,
	[CW_UNDRAINED] = GATE_UNDRAIN,
};

static int
gate_up(const struct supervisor *sv)
{
	return sv->gatefd >= 0 && sv->gate != NULL &&
	    sv->gate->state == CS_RUNNING;
}

/*
 * The link cannot carry whole frames any more (the gate does not read, or
 * its stream broke): it is given up whole.  The gate, stopped, withdraws
 * and exits; started again on a fresh socketpair it is told the wanted
 * state (-D: an operator's drain) before any message.
 */
static void
gatelink_reset(struct supervisor *sv, const char *why)
{
	log_warnx("gate: cannot use the link to the gate: %s; starting the "
	    "gate again on a fresh one", why);
	gatelink_closed(sv);
	if (sv->gate != NULL && sv->gate->wanted)
		child_stop(sv, sv->gate);
}

/* 0 when queued (and sent as far as the socket takes it). */
static int
gatelink_send(struct supervisor *sv, uint32_t type, const void *p,
    size_t len)
{
	char why[128];

	if (sv->gateq == NULL &&
	    (sv->gateq = calloc(1, sizeof(*sv->gateq))) == NULL)
		return -1;
	if (gate_msg_queue(sv->gateq, type, p, len) < 0 ||
	    gate_msg_flush(sv->gatefd, sv->gateq) < 0) {
		snprintf(why, sizeof(why), "%s: %s", gate_msg_name(type),
		    strerror(errno));
		gatelink_reset(sv, why);
		return -1;
	}
	return 0;
}

short
gatelink_events(const struct supervisor *sv)
{
	return POLLIN | (sv->gateq != NULL && gate_msg_pending(sv->gateq) ?
	    POLLOUT : 0);
}

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
};
static struct nsd_watch watches[NODE_MAX_TENANTS];
static int nwatches;
static struct exitwatch *ew;	/* NULL: pidfds only */
static int ew_tried;

static void
tenant_down(struct supervisor *sv, const struct child *c, const char *how)
{
	if (!gate_up(sv))
		return;
	log_info("gate: tenant %s: NSD ended (%s), telling the gate",
	    c->cname + 4, how);
	gatelink_send(sv, GATE_TENANT_DOWN, c->cname + 4,
	    strlen(c->cname + 4));
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

/* crun's first child (the container's init), or -1. */
static pid_t
first_child(pid_t pid)
{
	char path[64];
	long child;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/task/%ld/children", (long)pid,
	    (long)pid);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	if (fscanf(f, "%ld", &child) != 1)
		child = -1;
	fclose(f);
	return (pid_t)child;
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
	if (ew != NULL && watches[i].nsd > 0 && !watches[i].told)
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
			*w = (struct nsd_watch){ c, c->pid, 0, -1, 0 };
		}
		if (w->fd >= 0 || w->told || (nsd = first_child(c->pid)) <= 0)
			continue;
		exitwatch_start();
		w->nsd = nsd;
		if (ew != NULL && exitwatch_add(ew, nsd) != 0)
			log_warnx("gate: tenant %s: cannot watch NSD (pid %ld) "
			    "exit: map full", c->cname + 4, (long)nsd);
		w->fd = (int)syscall(SYS_pidfd_open, nsd, 0);
		if (w->fd >= 0)
			fcntl(w->fd, F_SETFD, FD_CLOEXEC);
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
gatelink_watch_pollfds(struct supervisor *sv, struct pollfd *pfd, int max)
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
gatelink_watch_io(struct supervisor *sv, const struct pollfd *pfd, int n)
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
gatelink_child_ended(struct supervisor *sv, const struct child *c)
{
	struct nsd_watch *w;

	if (!is_tenant(sv, c))
		return;
	if ((w = find_watch(c)) != NULL && w->told)
		return;		/* the pidfd said so already */
	tenant_down(sv, c, "its container exited");
}

int
gatelink_request(struct supervisor *sv, enum control_wait w, const char *head,
    size_t len)
{
	if (!gate_up(sv))
		return -1;
	if (w == CW_STATUS) {
		free(sv->status_head);
		if ((sv->status_head = strndup(head ? head : "", len)) == NULL)
			return -1;
	}
	return gatelink_send(sv, request_type[w], NULL, 0);
}

static void
on_status(struct supervisor *sv, const uint8_t *p, size_t len)
{
	char *buf = NULL;
	size_t blen = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &blen)) == NULL)
		return;
	fputs(sv->status_head ? sv->status_head : "", f);
	fputc('\n', f);
	fwrite(p, 1, len, f);
	fclose(f);
	control_answer(sv, CW_STATUS, buf, blen);
	free(buf);
}

static void
on_drained(struct supervisor *sv, const uint8_t *p, size_t len)
{
	char text[512];

	snprintf(text, sizeof(text), "drained: %.*s\n", (int)len, p);
	log_info("gate: %.*s", (int)(strlen(text) - 1), text);
	sv->drained = 1;
	sv->drained_ms = now_ms();
	if (!sv->quit)
		sv->operator_drained = 1;
	control_answer(sv, CW_DRAINED, text, strlen(text));
}

static void
on_undrained(struct supervisor *sv, const uint8_t *p, size_t len)
{
	char text[512];

	snprintf(text, sizeof(text), "undrained: %.*s\n", (int)len, p);
	log_info("gate: %.*s", (int)(strlen(text) - 1), text);
	sv->operator_drained = 0;
	control_answer(sv, CW_UNDRAINED, text, strlen(text));
}

static const struct {
	uint32_t type;
	void (*handle)(struct supervisor *, const uint8_t *, size_t);
} handlers[] = {
	{ GATE_DRAINED, on_drained },
	{ GATE_UNDRAINED, on_undrained },
	{ GATE_STATUS, on_status },
};

static void
dispatch(struct supervisor *sv, const struct gate_msg_hdr *h,
    const uint8_t *p)
{
	size_t i;

	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (handlers[i].type == h->type) {
			handlers[i].handle(sv, p, h->len);
			return;
		}
	log_warnx("gate: unexpected message %s", gate_msg_name(h->type));
}

void
gatelink_closed(struct supervisor *sv)
{
	static const char gone[] = "error: the health gate went away\n";

	if (sv->gatefd >= 0) {
		close(sv->gatefd);
		sv->gatefd = -1;
	}
	if (sv->gateq != NULL)
		gate_msgq_clear(sv->gateq);
	sv->gatebuf->len = 0;
	control_answer(sv, CW_STATUS, gone, sizeof(gone) - 1);
	control_answer(sv, CW_DRAINED, gone, sizeof(gone) - 1);
	control_answer(sv, CW_UNDRAINED, gone, sizeof(gone) - 1);
}

static void
gatelink_read(struct supervisor *sv)
{
	static uint8_t payload[GATE_MSG_MAX];
	struct gate_msg_hdr h;
	long n;
	int rc;

	n = gate_msg_read(sv->gatefd, sv->gatebuf);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	while (sv->gatefd >= 0 &&
	    (rc = gate_msg_get(sv->gatebuf, &h, payload)) == 1)
		dispatch(sv, &h, payload);
	if (sv->gatefd < 0)
		return;
	if (rc < 0)
		gatelink_reset(sv, "a message longer than allowed");
	else if (n <= 0)
		gatelink_closed(sv);
}

void
gatelink_io(struct supervisor *sv, short revents)
{
	char why[128];

	if (sv->gatefd < 0)
		return;
	if ((revents & POLLOUT) && sv->gateq != NULL &&
	    gate_msg_flush(sv->gatefd, sv->gateq) < 0) {
		snprintf(why, sizeof(why), "%s", strerror(errno));
		gatelink_reset(sv, why);
		return;
	}
	if (revents & (POLLIN | POLLHUP | POLLERR))
		gatelink_read(sv);
}
