/* pid1_phases.c: the boot phases PID 1 logs with their time since boot: each tenant's first answer (its own SOA query), and every configured prefix announced (the gate's lines). */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "dnsmsg.h"
#include "log.h"
#include "node.h"
#include "pid1.h"

#define PROBE_EVERY_MS	50	/* a tenant not answering yet is asked again */

/* A tenant's first answer: asked until it comes, then never again. */
struct first_answer {
	char		 name[NC_NAME_MAX + 1];
	int		 fd;		/* -1: not asking */
	uint16_t	 id;
	uint8_t		 qname[DNS_NAME_WIRE_MAX];
	int		 qlen;
	int64_t		 next;		/* when to ask (again) */
	int		 done;		/* "serving" logged */
};
static struct first_answer fa[NC_MAX_TENANTS];
static int nfa;
static int nprefixes;			/* configured, all tenants */
static char announced[NC_MAX_TENANTS * NC_MAX_ADDRS][ADDR_STRLEN];
static int nannounced;
static int all_announced;		/* "prefixes announced" logged */

static struct first_answer *
find(const char *name)
{
	int i;

	for (i = 0; i < nfa; i++)
		if (strcmp(fa[i].name, name) == 0)
			return &fa[i];
	if (nfa == NC_MAX_TENANTS)
		return NULL;
	fa[nfa] = (struct first_answer){ .fd = -1 };
	snprintf(fa[nfa].name, sizeof(fa[nfa].name), "%s", name);
	return &fa[nfa++];
}

/* A socket connected to the tenant's first address, port 53. */
static int
open_probe(struct first_answer *f, const struct nc_tenant *tn)
{
	struct sockaddr_storage ss;
	socklen_t sl;

	if (tn->naddrs == 0 || tn->nzones == 0 ||
	    (f->qlen = dns_name_wire(tn->zones[0], f->qname)) < 0 ||
	    dns_random_id(&f->id) < 0 ||
	    (sl = addr_sockaddr(&tn->addrs[0], 53, &ss)) == 0)
		return -1;
	if ((f->fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) < 0)
		return -1;
	if (connect(f->fd, (struct sockaddr *)&ss, sl) < 0) {
		close(f->fd);
		f->fd = -1;
		return -1;
	}
	return 0;
}

static void
ask(struct first_answer *f, int64_t now)
{
	uint8_t q[DNS_QUERY_MAX];
	size_t len;

	len = dns_soa_query(q, f->id, f->qname, (size_t)f->qlen);
	(void)send(f->fd, q, len, 0);	/* refused, lost: asked again */
	f->next = now + PROBE_EVERY_MS;
}

/* Tenants running and not yet heard from are asked; the others dropped. */
static void
update(struct supervisor *sv, int64_t now)
{
	struct first_answer *f;
	int i;

	nprefixes = 0;
	for (i = 0; i < sv->nc->ntenants; i++) {
		const struct nc_tenant *tn = &sv->nc->tenants[i];
		const struct child *c = NULL;
		int j;

		nprefixes += tn->nprefixes;
		for (j = 0; j < sv->ntenants; j++)
			if (strcmp(sv->tenants[j]->cname + 4, tn->name) == 0)
				c = sv->tenants[j];
		if ((f = find(tn->name)) == NULL || f->done)
			continue;
		if (c == NULL || c->state != CS_RUNNING || sv->quit) {
			if (f->fd >= 0)
				close(f->fd);
			f->fd = -1;
			continue;
		}
		if (f->fd < 0 && open_probe(f, tn) < 0)
			continue;
		if (now >= f->next)
			ask(f, now);
	}
}

int
pid1_phases_pollfds(struct supervisor *sv, struct pollfd *pfd, int max,
    int64_t now)
{
	int i, n = 0;

	if (!pid1_active())
		return 0;
	update(sv, now);
	for (i = 0; i < nfa && n < max; i++)
		if (fa[i].fd >= 0)
			pfd[n++] = (struct pollfd){ fa[i].fd, POLLIN, 0 };
	return n;
}

int64_t
pid1_phases_deadline(void)
{
	int64_t next = INT64_MAX;
	int i;

	for (i = 0; i < nfa; i++)
		if (fa[i].fd >= 0 && fa[i].next < next)
			next = fa[i].next;
	return next;
}

static void
answered(struct first_answer *f)
{
	struct dns_soa_answer ans;
	char why[DNS_REASON_MAX];
	uint8_t buf[1500];
	ssize_t n;

	while ((n = recv(f->fd, buf, sizeof(buf), 0)) > 0 || (n < 0 &&
	    errno == EINTR))
		if (n > 0 && dns_parse_soa(buf, (size_t)n, f->id, f->qname,
		    (size_t)f->qlen, &ans, why) == 0) {
			pid1_phase("tenant %s serving", f->name);
			f->done = 1;
			close(f->fd);
			f->fd = -1;
			return;
		}
}

void
pid1_phases_io(const struct pollfd *pfd, int n)
{
	int i, j;

	for (j = 0; j < n; j++)
		for (i = 0; pfd[j].revents != 0 && i < nfa; i++)
			if (fa[i].fd == pfd[j].fd)
				answered(&fa[i]);
}

/* The gate's "prefix P: announced ..." lines, until every one was. */
void
pid1_gate_line(struct child *c, const char *line)
{
	const char *p, *e;
	char pfx[ADDR_STRLEN];
	int i;

	(void)c;
	if (!pid1_active() || all_announced ||
	    (p = strstr(line, "prefix ")) == NULL ||
	    (e = strstr(p, ": announced")) == NULL)
		return;
	p += strlen("prefix ");
	snprintf(pfx, sizeof(pfx), "%.*s", (int)(e - p), p);
	for (i = 0; i < nannounced; i++)
		if (strcmp(announced[i], pfx) == 0)
			return;
	if (nannounced == NC_MAX_TENANTS * NC_MAX_ADDRS)
		return;
	snprintf(announced[nannounced++], ADDR_STRLEN, "%s", pfx);
	if (nannounced >= nprefixes) {
		pid1_phase("prefixes announced (%d)", nannounced);
		all_announced = 1;
	}
}
