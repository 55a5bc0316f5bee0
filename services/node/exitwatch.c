/* exitwatch.c: loads exitwatch.bpf.c, keeps its map of watched pids and reads what exited from its ring buffer. */
/* SPDX-License-Identifier: ISC */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitwatch.h"
#include "exitwatch.skel.h"

struct exitwatch {
	struct exitwatch_bpf	*skel;
	struct ring_buffer	*rb;
	pid_t			*out;	/* exitwatch_read's array */
	int			 nout;
	int			 maxout;
};

static int
on_event(void *arg, void *data, size_t len)
{
	struct exitwatch *w = arg;
	__u32 pid;

	if (len < sizeof(pid) || w->nout >= w->maxout)
		return 0;
	memcpy(&pid, data, sizeof(pid));
	w->out[w->nout++] = (pid_t)pid;
	return 0;
}

struct exitwatch *
exitwatch_open(char *why, size_t len)
{
	struct exitwatch *w;
	int err;

	if ((w = calloc(1, sizeof(*w))) == NULL) {
		snprintf(why, len, "%s", strerror(errno));
		return NULL;
	}
	if ((w->skel = exitwatch_bpf__open_and_load()) == NULL) {
		snprintf(why, len, "cannot load the program: %s",
		    strerror(errno));
		goto fail;
	}
	if ((err = exitwatch_bpf__attach(w->skel)) != 0) {
		snprintf(why, len, "cannot attach to sched_process_exit: %s",
		    strerror(-err));
		goto fail;
	}
	w->rb = ring_buffer__new(bpf_map__fd(w->skel->maps.exits), on_event,
	    w, NULL);
	if (w->rb == NULL) {
		snprintf(why, len, "cannot map the ring buffer: %s",
		    strerror(errno));
		goto fail;
	}
	return w;
fail:
	exitwatch_close(w);
	return NULL;
}

void
exitwatch_close(struct exitwatch *w)
{
	if (w == NULL)
		return;
	ring_buffer__free(w->rb);
	exitwatch_bpf__destroy(w->skel);
	free(w);
}

int
exitwatch_fd(const struct exitwatch *w)
{
	return ring_buffer__epoll_fd(w->rb);
}

int
exitwatch_add(struct exitwatch *w, pid_t pid)
{
	__u32 key = (__u32)pid;
	__u8 one = 1;

	return bpf_map__update_elem(w->skel->maps.watched, &key, sizeof(key),
	    &one, sizeof(one), BPF_ANY);
}

void
exitwatch_del(struct exitwatch *w, pid_t pid)
{
	__u32 key = (__u32)pid;

	(void)bpf_map__delete_elem(w->skel->maps.watched, &key, sizeof(key),
	    0);
}

int
exitwatch_read(struct exitwatch *w, pid_t *pids, int max)
{
	w->out = pids;
	w->nout = 0;
	w->maxout = max;
	(void)ring_buffer__consume(w->rb);
	w->out = NULL;
	return w->nout;
}
