/* guard_bench.c: the guard's rate limiter on one CPU and on every CPU at once, one source's queries (bpf_prog_test_run_opts): one bucket shared by the CPUs against the CPUs' credits. */
/* SPDX-License-Identifier: ISC */
#include <arpa/inet.h>
#include <linux/bpf.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "guard.h"
#include "log.h"
#include "guard.skel.h"

#define ROUNDS		9	/* each column's median */
#define MAXCPU		64

static const char usage[] =
    "usage: guard_bench [-r runs]\n"
    "  Runs the XDP guard (root only) on one query frame, rate-limited:\n"
    "  under the limit and over it, on one CPU then on every CPU at once,\n"
    "  with one bucket for the source and no credits (batch 0) and with\n"
    "  the CPUs' credits (batch as outpost-node sets it); prints ns a\n"
    "  packet.\n";

static struct guard_bpf *skel;
static uint8_t frame[128];
static uint32_t framelen;
static int runs = 100000;	/* packets per CPU per round */

struct worker {
	pthread_t	 t;
	int		 cpu;
	pthread_barrier_t *go;
	uint32_t	 ns;		/* the kernel's average per run */
	uint32_t	 verdict;	/* of the last run */
	int		 err;
};

/* The guard's map key of an address written in the source. */
static void
put_addr(struct guard_addr *k, const char *s)
{
	struct addr a;
	const char *err;

	if ((err = addr_parse(s, &a)) != NULL)
		fatalx("cannot parse %s: %s", s, err);
	guard_key(k, &a);
}

/* An A query for "." from 198.51.100.99 to 192.0.2.1 over UDP/IPv4; no
 * checksums: the guard reads none, and the frame never leaves memory. */
static void
craft(void)
{
	uint8_t *ip = frame + 14, *udp = ip + 20, *dns = udp + 8;
	const size_t dl = 12 + 1 + 4, tl = 20 + 8 + dl;

	frame[12] = 0x08;
	ip[0] = 0x45;
	ip[2] = (uint8_t)(tl >> 8), ip[3] = (uint8_t)tl;
	ip[8] = 64, ip[9] = 17;
	inet_pton(AF_INET, "198.51.100.99", ip + 12);
	inet_pton(AF_INET, "192.0.2.1", ip + 16);
	udp[0] = 0x30, udp[1] = 0x39, udp[3] = 53;
	udp[5] = (uint8_t)(8 + dl);
	dns[0] = 0x12, dns[1] = 0x34, dns[5] = 1;
	dns[14] = 1, dns[16] = 1;
	framelen = (uint32_t)(14 + tl);
}

/* The guard's config; a new gen voids what the CPUs held; the
 * source's bucket starts full. */
static void
configure(uint64_t rate, uint64_t burst, uint32_t batch)
{
	static uint32_t gen;
	struct guard_config c;
	struct guard_addr src;
	__u32 zero = 0;

	memset(&c, 0, sizeof(c));
	c.rate = rate;
	c.burst = burst;
	c.batch = batch;
	c.gen = ++gen;
	if (bpf_map_update_elem(bpf_map__fd(skel->maps.config), &zero, &c,
	    BPF_ANY) < 0)
		fatal("cannot fill map config");
	put_addr(&src, "198.51.100.0");
	bpf_map_delete_elem(bpf_map__fd(skel->maps.buckets), &src);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	uint8_t in[128], out[256];
	cpu_set_t one;
	LIBBPF_OPTS(bpf_test_run_opts, o);

	CPU_ZERO(&one);
	CPU_SET(w->cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) < 0) {
		w->err = errno;
		return NULL;
	}
	memcpy(in, frame, framelen);
	o.data_in = in;
	o.data_size_in = framelen;
	o.data_out = out;
	o.data_size_out = sizeof(out);
	o.repeat = (__u32)runs;
	pthread_barrier_wait(w->go);
	if (bpf_prog_test_run_opts(bpf_program__fd(skel->progs.xdp_guard),
	    &o) < 0)
		w->err = errno;
	w->ns = o.duration;
	w->verdict = o.retval;
	return NULL;
}

/* Every CPU in cpus at once: the mean of their ns a packet; each
 * CPU's last run must have given the verdict want. */
static double
run_on(const int *cpus, int n, uint32_t want)
{
	struct worker w[MAXCPU];
	pthread_barrier_t go;
	double sum = 0;
	int i;

	pthread_barrier_init(&go, NULL, (unsigned)n);
	for (i = 0; i < n; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].cpu = cpus[i];
		w[i].go = &go;
		if (pthread_create(&w[i].t, NULL, work, &w[i]) != 0)
			fatalx("cannot start a thread");
	}
	for (i = 0; i < n; i++) {
		pthread_join(w[i].t, NULL);
		if (w[i].err != 0) {
			errno = w[i].err;
			fatal("cannot run the guard");
		}
		if (w[i].verdict != want)
			fatalx("the guard gave verdict %u, not %u",
			    w[i].verdict, want);
		sum += w[i].ns;
	}
	pthread_barrier_destroy(&go);
	return sum / n;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* rate, burst: shared and credits, on one CPU and on all, interleaved;
 * every run's verdict want. */
static void
scenario(const char *name, uint64_t rate, uint64_t burst, uint32_t want,
    const int *cpus, int ncpu, uint32_t batch)
{
	double v[4][ROUNDS];
	uint32_t b[2] = { 0, batch };
	int r, k, all;

	for (r = 0; r < ROUNDS; r++)
		for (k = 0; k < 2; k++)
			for (all = 0; all < 2; all++) {
				configure(rate, burst, b[k]);
				v[k * 2 + all][r] = run_on(cpus,
				    all ? ncpu : 1, want);
			}
	for (k = 0; k < 4; k++)
		qsort(v[k], ROUNDS, sizeof(double), cmp);
#define MED(k) v[k][ROUNDS / 2]
	printf("guard cpus: %s: one bucket (batch 0): 1 CPU %.0f ns, %d CPUs "
	    "%.0f ns a packet (%.2f); credits (batch %u): 1 CPU %.0f ns, "
	    "%d CPUs %.0f ns (%.2f); %d CPUs, one bucket/credits %.2f\n",
	    name, MED(0), ncpu, MED(1), MED(1) / MED(0), batch, MED(2), ncpu,
	    MED(3), MED(3) / MED(2), ncpu, MED(1) / MED(3));
#undef MED
}

int
main(int argc, char **argv)
{
	struct guard_addr svc;
	cpu_set_t allowed;
	int cpus[MAXCPU], ncpu = 0, i, ch;
	__u32 tenant = 0;

	log_init("guard_bench", NULL, 0);
	while ((ch = getopt(argc, argv, "r:")) != -1) {
		if (ch != 'r' || (runs = atoi(optarg)) < 1) {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (sched_getaffinity(0, sizeof(allowed), &allowed) < 0)
		fatal("cannot read the CPUs allowed");
	for (i = 0; i < CPU_SETSIZE && ncpu < MAXCPU; i++)
		if (CPU_ISSET(i, &allowed))
			cpus[ncpu++] = i;
	if ((skel = guard_bpf__open_and_load()) == NULL)
		fatal("cannot load the guard");
	put_addr(&svc, "192.0.2.1");
	if (bpf_map_update_elem(bpf_map__fd(skel->maps.services), &svc,
	    &tenant, BPF_ANY) < 0)
		fatal("cannot fill map services");
	craft();
	printf("guard cpus: %d runs a CPU a round, median of %d rounds, "
	    "%d CPUs\n", runs, ROUNDS, ncpu);
	/* under: more tokens than the round takes; over: 1 a second */
	scenario("under the limit (rate 1000000, burst 1000000)", 1000000,
	    1000000, XDP_PASS, cpus, ncpu,
	    guard_batch(1000000, libbpf_num_possible_cpus()));
	scenario("over the limit (rate 1, burst 1, slip 0)", 1, 1, XDP_DROP,
	    cpus, ncpu, guard_batch(1, libbpf_num_possible_cpus()));
	guard_bpf__destroy(skel);
	return 0;
}
