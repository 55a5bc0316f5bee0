/* reuseport.c: which NSD of a tenant gets its queries while two share its addresses (SO_ATTACH_REUSEPORT_CBPF). */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <linux/filter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "reuseport.h"

#define RP_MAX	256		/* sockets of one NSD looked at */

/*
 * A new NSD binds beside the old one early in its start, long before it
 * has loaded its zones and reads its sockets: left to the kernel's hash,
 * half the queries would wait (or drop) in sockets nobody reads.  So the
 * old NSD's groups get "index = random % old" first (members join at the
 * end: the old sockets are 0 .. old-1), then, once the new one serves,
 * "old + random % new".  When the old sockets close the kernel moves the
 * last members into their slots; an index past the end then falls back to
 * its hash, which is right by then; the program is removed at the end.
 */

struct rp_sock {
	int		 fd;		/* ours, through pidfd_getfd */
	int		 family, type;
	struct sockaddr_storage ss;	/* bound address and port */
	socklen_t	 len;
};

static int
same_group(const struct rp_sock *a, const struct rp_sock *b)
{
	return a->family == b->family && a->type == b->type &&
	    a->len == b->len && memcmp(&a->ss, &b->ss, a->len) == 0;
}

/* Whether socket fd (ours) is bound with SO_REUSEPORT: its facts in s. */
static int
describe(int fd, struct rp_sock *s)
{
	socklen_t l = sizeof(int);
	int on = 0;

	if (getsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, &l) < 0 || !on)
		return 0;
	l = sizeof(int);
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &s->family, &l) < 0)
		return 0;
	l = sizeof(int);
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &s->type, &l) < 0)
		return 0;
	s->len = sizeof(s->ss);
	if (getsockname(fd, (struct sockaddr *)&s->ss, &s->len) < 0)
		return 0;
	s->fd = fd;
	return 1;
}

/* pid's sockets bound with SO_REUSEPORT, as descriptors of ours: how many. */
static int
collect(pid_t pid, struct rp_sock *v, int max)
{
	char path[300], link[64];
	struct dirent *d;
	int pfd, fd, n = 0;
	ssize_t l;
	DIR *dir;

	if ((pfd = (int)syscall(SYS_pidfd_open, pid, 0)) < 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%ld/fd", (long)pid);
	if ((dir = opendir(path)) == NULL) {
		close(pfd);
		return -1;
	}
	while (n < max && (d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/fd/%s", (long)pid,
		    d->d_name);
		if ((l = readlink(path, link, sizeof(link) - 1)) < 0)
			continue;
		link[l] = '\0';
		if (strncmp(link, "socket:", 7) != 0)
			continue;
		fd = (int)syscall(SYS_pidfd_getfd, pfd, atoi(d->d_name), 0);
		if (fd < 0)
			continue;
		if (describe(fd, &v[n]))
			n++;
		else
			close(fd);
	}
	closedir(dir);
	close(pfd);
	return n;
}

static void
close_all(struct rp_sock *v, int n)
{
	while (n-- > 0)
		close(v[n].fd);
}

static int
count_in(const struct rp_sock *v, int n, const struct rp_sock *s)
{
	int i, k = 0;

	for (i = 0; i < n; i++)
		k += same_group(&v[i], s);
	return k;
}

/* First of its group in v[0 .. i]? */
static int
first_of_group(const struct rp_sock *v, int i)
{
	int j;

	for (j = 0; j < i; j++)
		if (same_group(&v[j], &v[i]))
			return 0;
	return 1;
}

/* The group of fd: index = base + random % span. */
static int
steer(int fd, unsigned base, unsigned span)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_RANDOM),
		BPF_STMT(BPF_ALU | BPF_MOD | BPF_K, span),
		BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, base),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_fprog prog = { .len = 4, .filter = f };

	return setsockopt(fd, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &prog,
	    sizeof(prog));
}

int
reuseport_hold(const char *label, pid_t old)
{
	struct rp_sock v[RP_MAX];
	int i, n, rc = 0;

	if ((n = collect(old, v, RP_MAX)) < 0) {
		log_warn("%s: cannot read the sockets of NSD (pid %ld)", label,
		    (long)old);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (first_of_group(v, i) &&
		    steer(v[i].fd, 0, (unsigned)count_in(v, n, &v[i])) < 0) {
			log_warn("%s: cannot keep queries on the running NSD",
			    label);
			rc = -1;
		}
	close_all(v, n);
	return rc;
}

int
reuseport_move(const char *label, pid_t old, pid_t new)
{
	struct rp_sock o[RP_MAX], v[RP_MAX];
	int i, k, no, n, rc = 0;

	if ((no = collect(old, o, RP_MAX)) < 0 ||
	    (n = collect(new, v, RP_MAX)) < 0) {
		if (no >= 0)
			close_all(o, no);
		log_warn("%s: cannot read the sockets of its NSD", label);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!first_of_group(v, i) ||
		    (k = count_in(o, no, &v[i])) == 0)
			continue;
		if (steer(v[i].fd, (unsigned)k, (unsigned)count_in(v, n,
		    &v[i])) < 0) {
			log_warn("%s: cannot send queries to the new NSD",
			    label);
			rc = -1;
		}
	}
	close_all(o, no);
	close_all(v, n);
	return rc;
}

void
reuseport_release(const char *label, pid_t nsd)
{
	struct rp_sock v[RP_MAX];
	int i, n, dummy = 0;

	if ((n = collect(nsd, v, RP_MAX)) < 0)
		return;
	for (i = 0; i < n; i++)
		if (first_of_group(v, i) && setsockopt(v[i].fd, SOL_SOCKET,
		    SO_DETACH_REUSEPORT_BPF, &dummy, sizeof(dummy)) < 0 &&
		    errno != ENOENT)
			log_warn("%s: cannot detach its steering program",
			    label);
	close_all(v, n);
}

/*
 * The old NSD's processes close their copies of its sockets one by one as
 * they exit, over tens of milliseconds.  Each last close takes a socket
 * out of its group, and the kernel moves the group's last member into
 * the slot: the steering program's indexes then point past the end, and
 * the kernel's hash, which stands in, may pick an old socket still open,
 * whose queued query is lost when it closes.  Kept open here, the old
 * sockets stay in their groups (never chosen: the program sends every
 * query to the new NSD's) until child_free closes them back to back.
 */
int
reuseport_keep(const char *label, pid_t old, int **fds)
{
	struct rp_sock v[RP_MAX];
	int i, n;

	*fds = NULL;
	if ((n = collect(old, v, RP_MAX)) < 0) {
		log_warn("%s: cannot read the sockets of the NSD it replaces",
		    label);
		return 0;
	}
	if (n == 0 || (*fds = calloc((size_t)n, sizeof(**fds))) == NULL) {
		close_all(v, n);
		return 0;
	}
	for (i = 0; i < n; i++)
		(*fds)[i] = v[i].fd;
	return n;
}
