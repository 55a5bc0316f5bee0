/* cpuset.c: sets of CPU numbers: the kernel's list syntax ("0,2-5"), counts, the machine's CPUs. */
/* SPDX-License-Identifier: ISC */
#include <sched.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpuset.h"

void
cpuset_add(struct cpuset *s, int cpu)
{
	if (cpu >= 0 && cpu < CPUSET_MAX)
		s->bits[cpu / 64] |= (uint64_t)1 << (cpu % 64);
}

int
cpuset_has(const struct cpuset *s, int cpu)
{
	if (cpu < 0 || cpu >= CPUSET_MAX)
		return 0;
	return (s->bits[cpu / 64] >> (cpu % 64)) & 1;
}

int
cpuset_count(const struct cpuset *s)
{
	int i, n = 0;

	for (i = 0; i < CPUSET_MAX / 64; i++)
		n += __builtin_popcountll(s->bits[i]);
	return n;
}

int
cpuset_nth(const struct cpuset *s, int n)
{
	int cpu;

	for (cpu = 0; cpu < CPUSET_MAX; cpu++)
		if (cpuset_has(s, cpu) && n-- == 0)
			return cpu;
	return -1;
}

void
cpuset_and(struct cpuset *s, const struct cpuset *o)
{
	int i;

	for (i = 0; i < CPUSET_MAX / 64; i++)
		s->bits[i] &= o->bits[i];
}

/* A CPU number at *pp: digits only, below CPUSET_MAX; -1 if none. */
static int
parse_cpu(const char **pp)
{
	const char *p = *pp;
	long v = 0;

	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p)) {
		v = v * 10 + (*p++ - '0');
		if (v >= CPUSET_MAX)
			v = CPUSET_MAX;	/* reported as beyond the machine */
	}
	*pp = p;
	return (int)v;
}

/* One item, "N" or "N-M", at *pp. */
static int
parse_item(const char **pp, int ncpus, struct cpuset *out, char *why,
    size_t whylen)
{
	int lo, hi, cpu;

	if ((lo = parse_cpu(pp)) < 0) {
		snprintf(why, whylen, "is not a list of CPUs, e.g. 0,2-5");
		return -1;
	}
	hi = lo;
	if (**pp == '-') {
		(*pp)++;
		if ((hi = parse_cpu(pp)) < 0) {
			snprintf(why, whylen, "has a range without its end");
			return -1;
		}
		if (hi < lo) {
			snprintf(why, whylen, "has range %d-%d running "
			    "backwards", lo, hi);
			return -1;
		}
	}
	if (hi >= ncpus) {
		snprintf(why, whylen, "names CPU %s%d, not on this machine "
		    "(CPUs 0-%d)", hi >= CPUSET_MAX ? "above " : "",
		    hi >= CPUSET_MAX ? CPUSET_MAX - 1 : hi, ncpus - 1);
		return -1;
	}
	for (cpu = lo; cpu <= hi; cpu++) {
		if (cpuset_has(out, cpu)) {
			snprintf(why, whylen, "names CPU %d twice", cpu);
			return -1;
		}
		cpuset_add(out, cpu);
	}
	return 0;
}

int
cpuset_parse(const char *s, int ncpus, struct cpuset *out, char *why,
    size_t whylen)
{
	const char *p = s;

	memset(out, 0, sizeof(*out));
	if (ncpus > CPUSET_MAX)
		ncpus = CPUSET_MAX;
	for (;;) {
		if (parse_item(&p, ncpus, out, why, whylen) < 0)
			return -1;
		if (*p == '\0')
			return 0;
		if (*p++ != ',' || *p == '\0') {
			snprintf(why, whylen, "is not a list of CPUs, e.g. "
			    "0,2-5");
			return -1;
		}
	}
}

/* The list form; cut short (still terminated) if len is too small. */
char *
cpuset_fmt(const struct cpuset *s, char *buf, size_t len)
{
	size_t n = 0;
	int lo, hi, w;

	buf[0] = '\0';
	for (lo = 0; lo < CPUSET_MAX && n < len; lo = hi + 1) {
		if (!cpuset_has(s, lo)) {
			hi = lo;
			continue;
		}
		for (hi = lo; cpuset_has(s, hi + 1); hi++)
			;
		if (hi == lo)
			w = snprintf(buf + n, len - n, "%s%d", n ? "," : "", lo);
		else
			w = snprintf(buf + n, len - n, "%s%d-%d", n ? "," : "",
			    lo, hi);
		n += (size_t)w;
	}
	return buf;
}

int
cpuset_self(struct cpuset *s)
{
	cpu_set_t cs;
	int cpu;

	memset(s, 0, sizeof(*s));
	CPU_ZERO(&cs);
	if (sched_getaffinity(0, sizeof(cs), &cs) < 0)
		return -1;
	for (cpu = 0; cpu < CPUSET_MAX && cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &cs))
			cpuset_add(s, cpu);
	return 0;
}

int
cpuset_machine_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	if (n < 1)
		return 1;
	return n > CPUSET_MAX ? CPUSET_MAX : (int)n;
}
