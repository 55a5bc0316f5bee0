/* cpuset.h: sets of CPU numbers: the kernel's list syntax ("0,2-5"), counts, the machine's CPUs. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CPUSET_H
#define OUTPOST_CPUSET_H

#include <stddef.h>
#include <stdint.h>

#define CPUSET_MAX	1024	/* CPUs 0 to CPUSET_MAX - 1 */
#define CPUSET_STRLEN	4096	/* enough for any set in list form */

struct cpuset {
	uint64_t	 bits[CPUSET_MAX / 64];
};

/*
 * Parses a list as in cpuset(7), "0", "2-5", "0,4-7": into *out, each
 * CPU below ncpus.  -1 on error, with a reason in why (e.g. "range 5-2
 * runs backwards").
 */
int	cpuset_parse(const char *s, int ncpus, struct cpuset *out, char *why,
	    size_t whylen);
/* The list form, ranges joined ("0-3,6"); "" for an empty set. */
char	*cpuset_fmt(const struct cpuset *, char *buf, size_t len);
void	cpuset_add(struct cpuset *, int cpu);
int	cpuset_has(const struct cpuset *, int cpu);
int	cpuset_count(const struct cpuset *);
/* The nth CPU of the set (from 0), or -1. */
int	cpuset_nth(const struct cpuset *, int n);
void	cpuset_and(struct cpuset *, const struct cpuset *);
/* The CPUs this process may run on (sched_getaffinity); -1 on error. */
int	cpuset_self(struct cpuset *);
/* How many CPUs the machine has (online or not): the bound of a list. */
int	cpuset_machine_count(void);

#endif
