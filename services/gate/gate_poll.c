/* gate_poll.c: the gate's poll set: one pollfd per open descriptor, sized for the tenants of the moment, dispatched probes first. */
/* SPDX-License-Identifier: ISC */
#include <stdlib.h>

#include "gate.h"
#include "gate_poll.h"
#include "log.h"

static size_t
needed(const struct gate *g)
{
	size_t n = 3;	/* signals, outpost-node, BIRD */
	int i;

	for (i = 0; i < g->ntenants; i++)
		n += (size_t)g->tenants[i].nslots +
		    (size_t)g->tenants[i].nc->nzones;
	return n;
}

static void
reserve(struct gate_poll *ps, size_t n)
{
	struct pollfd *pfds;
	struct dnsprobe **probes;

	if (n <= ps->cap)
		return;
	if ((pfds = reallocarray(ps->pfds, n, sizeof(*pfds))) == NULL)
		fatal("cannot allocate poll table");
	ps->pfds = pfds;
	if ((probes = reallocarray(ps->probes, n, sizeof(*probes))) == NULL)
		fatal("cannot allocate poll table");
	ps->probes = probes;
	ps->cap = n;
}

static void
add(struct gate_poll *ps, int fd, short events, struct dnsprobe *p)
{
	if (fd < 0 || events == 0 || ps->n == ps->cap)
		return;
	ps->pfds[ps->n] = (struct pollfd){ fd, events, 0 };
	ps->probes[ps->n] = p;
	ps->n++;
}

static void
add_probe(struct gate_poll *ps, struct dnsprobe *p)
{
	add(ps, p->fd, dnsprobe_events(p), p);
}

void
gate_poll_build(struct gate_poll *ps, struct gate *g)
{
	short ev = 0;
	int i, j, fd;

	reserve(ps, needed(g));
	ps->n = 0;
	add(ps, g->sigfd, POLLIN, NULL);
	add(ps, g->msgfd, gate_node_events(g), NULL);
	fd = birdctl_pollfd(&g->bc, &ev);
	add(ps, fd, ev, NULL);
	for (i = 0; i < g->ntenants; i++) {
		struct gtenant *t = &g->tenants[i];

		for (j = 0; j < t->nslots; j++)
			add_probe(ps, &t->slots[j].probe);
		for (j = 0; j < t->nc->nzones; j++)
			add_probe(ps, &t->zones[j].probe);
	}
}

void
gate_poll_dispatch(struct gate_poll *ps, struct gate *g, int64_t now)
{
	short sig = 0, msg = 0, bird = 0, ev;
	int birdfd = birdctl_pollfd(&g->bc, &ev);
	size_t i;

	for (i = 0; i < ps->n; i++) {
		const struct pollfd *p = &ps->pfds[i];

		if (p->revents == 0)
			continue;
		if (ps->probes[i] != NULL)
			dnsprobe_io(ps->probes[i], p->revents, now);
		else if (p->fd == g->sigfd)
			sig = p->revents;
		else if (p->fd == g->msgfd)
			msg = p->revents;
		else if (p->fd == birdfd)
			bird = p->revents;
	}
	ps->n = 0;	/* nothing in it is read again before a rebuild */
	if (msg != 0 && g->msgfd >= 0)
		gate_node_io(g, msg, now);
	if (bird != 0 && birdctl_pollfd(&g->bc, &ev) == birdfd)
		birdctl_io(&g->bc, bird, now);
	if (sig != 0)
		gate_signal(g, now);
}

void
gate_poll_free(struct gate_poll *ps)
{
	free(ps->pfds);
	free(ps->probes);
	ps->pfds = NULL;
	ps->probes = NULL;
	ps->n = ps->cap = 0;
}
