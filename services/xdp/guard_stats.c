/* guard_stats.c: the XDP guard's counters as `outpost stats` shows them: packets by verdict and reason, DNS queries by tenant, family, transport, opcode, qtype, EDNS and DO. */
/* SPDX-License-Identifier: ISC */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guard.h"
#include "json.h"

static const char *const reason_names[GR_NREASONS] = {
	[GR_PASS_DNS] = "dns",
	[GR_PASS_ICMP] = "icmp",
	[GR_PASS_BGP] = "bgp",
	[GR_PASS_BFD] = "bfd",
	[GR_PASS_NOTIFY] = "notify",
	[GR_PASS_UPLINK] = "uplink-reply",
	[GR_PASS_EXEMPT] = "exempt",
	[GR_PASS_OTHER] = "not-guarded",
	[GR_DROP_MALFORMED] = "malformed",
	[GR_DROP_FRAGMENT] = "fragment",
	[GR_DROP_PROTO] = "protocol",
	[GR_DROP_PORT] = "port",
	[GR_DROP_ICMP] = "icmp-type",
	[GR_DROP_UPLINK] = "uplink",
	[GR_DROP_NEIGHBOR] = "not-neighbor",
	[GR_DROP_DNS_SHORT] = "dns-short",
	[GR_DROP_DNS_QR] = "dns-qr",
	[GR_DROP_DNS_QDCOUNT] = "dns-qdcount",
	[GR_DROP_DNS_OPCODE] = "dns-opcode",
	[GR_DROP_NOTIFY_SRC] = "notify-source",
	[GR_DROP_RATE] = "rate",
	[GR_TX_SLIP] = "slip",
};

static const char *const verdict_names[GV_NVERDICTS] = {
	[GV_PASS] = "pass",
	[GV_DROP] = "drop",
	[GV_TX] = "tx",
};

const char *
guard_reason_name(int r)
{
	return r >= 0 && r < GR_NREASONS ? reason_names[r] : "?";
}

const char *
guard_verdict_name(int v)
{
	return v >= 0 && v < GV_NVERDICTS ? verdict_names[v] : "?";
}

struct qrow {
	struct guard_qkey k;
	unsigned long long n;
};

static const char *
opcode_name(unsigned op)
{
	return op == 0 ? "QUERY" : op == 4 ? "NOTIFY" : "?";
}

static const char *
tenant_name(const struct nodeconf *nc, unsigned t)
{
	return nc != NULL && (int)t < nc->ntenants ? nc->tenants[t].name : "?";
}

static int
qrow_cmp(const void *a, const void *b)
{
	const struct qrow *x = a, *y = b;

	if (x->k.tenant != y->k.tenant)
		return x->k.tenant < y->k.tenant ? -1 : 1;
	return memcmp(&x->k, &y->k, sizeof(x->k));
}

static unsigned long long
sum_cpus(const __u64 *v, int ncpu)
{
	unsigned long long n = 0;
	int c;

	for (c = 0; c < ncpu; c++)
		n += v[c];
	return n;
}

/* Row n from common key i and its per-CPU values; 1 when not 0. */
static int
common_row(struct qrow *rows, int n, __u32 i, const __u64 *v, int ncpu)
{
	if ((rows[n].n = sum_cpus(v, ncpu)) == 0)
		return 0;
	guard_qkey_of(i, &rows[n].k);
	return 1;
}

/*
 * The common keys' counters (the array "qcommon") that are not 0:
 * QC_BATCH keys a bpf() call; one a call, from the start again, where
 * a batch lookup fails (a kernel without it for arrays).
 */
#define QC_BATCH 256
static int
read_common(struct guard *g, struct qrow *rows, __u64 *v, int ncpu)
{
	int fd = guard_qcommon_fd(g), n = 0, err;
	__u32 keys[QC_BATCH], in, out, count, i;
	__u64 *vals;
	void *inp = NULL;

	if ((vals = calloc((size_t)QC_BATCH * ncpu, sizeof(*vals))) == NULL)
		goto one_by_one;
	do {
		count = QC_BATCH;
		err = bpf_map_lookup_batch(fd, inp, &out, keys, vals, &count,
		    NULL);
		if (err < 0 && errno != ENOENT) {
			free(vals);
			n = 0;
			goto one_by_one;
		}
		for (i = 0; i < count && keys[i] < GUARD_QC_ENTRIES; i++)
			n += common_row(rows, n, keys[i], vals + (size_t)i * ncpu,
			    ncpu);
		in = out;
		inp = &in;
	} while (err == 0);
	free(vals);
	return n;
one_by_one:
	for (i = 0; i < GUARD_QC_ENTRIES; i++)
		if (bpf_map_lookup_elem(fd, &i, v) == 0)
			n += common_row(rows, n, i, v, ncpu);
	return n;
}

/* The other keys' counters (the hash "queries"), after n rows. */
static int
read_hashed(struct guard *g, struct qrow *rows, int n, __u64 *v, int ncpu)
{
	int fd = guard_queries_fd(g), more, max = n + GUARD_MAX_QKEYS;
	struct guard_qkey cur, next;

	more = bpf_map_get_next_key(fd, NULL, &next) == 0;
	while (more && n < max) {
		cur = next;
		more = bpf_map_get_next_key(fd, &cur, &next) == 0;
		if (bpf_map_lookup_elem(fd, &cur, v) < 0)
			continue;
		rows[n].k = cur;
		rows[n].n = sum_cpus(v, ncpu);
		n++;
	}
	return n;
}

/* Every query key with its count summed over the CPUs, sorted. */
static struct qrow *
read_queries(struct guard *g, int *np)
{
	int ncpu = libbpf_num_possible_cpus(), n;
	struct qrow *rows;
	__u64 *v;

	*np = 0;
	if (ncpu <= 0)
		return NULL;
	rows = calloc(GUARD_QC_ENTRIES + GUARD_MAX_QKEYS, sizeof(*rows));
	v = calloc((size_t)ncpu, sizeof(*v));
	if (rows == NULL || v == NULL) {
		free(rows);
		free(v);
		return NULL;
	}
	n = read_common(g, rows, v, ncpu);
	n = read_hashed(g, rows, n, v, ncpu);
	free(v);
	qsort(rows, (size_t)n, sizeof(*rows), qrow_cmp);
	*np = n;
	return rows;
}

static void
print_text(const struct guard_count *rc, const struct qrow *q, int nq,
    const struct nodeconf *nc, FILE *f)
{
	char edns[8];
	int r;

	fprintf(f, "%-8s %-14s %12s %14s\n", "VERDICT", "REASON", "PACKETS",
	    "BYTES");
	for (r = 0; r < GR_NREASONS; r++)
		fprintf(f, "%-8s %-14s %12llu %14llu\n",
		    guard_verdict_name(guard_reason_verdict(r)),
		    guard_reason_name(r), (unsigned long long)rc[r].packets,
		    (unsigned long long)rc[r].bytes);
	fprintf(f, "\n%-16s %-6s %-5s %-7s %-6s %-5s %-3s %12s\n", "TENANT",
	    "FAMILY", "PROTO", "OPCODE", "QTYPE", "EDNS", "DO", "QUERIES");
	for (r = 0; r < nq; r++) {
		if (q[r].k.edns == GUARD_NO_EDNS)
			snprintf(edns, sizeof(edns), "-");
		else
			snprintf(edns, sizeof(edns), "%u", q[r].k.edns);
		fprintf(f, "%-16s IPv%-3u %-5s %-7s %-6u %-5s %-3s %12llu\n",
		    tenant_name(nc, q[r].k.tenant), q[r].k.family,
		    q[r].k.transport == GUARD_TRANSPORT_TCP ? "tcp" : "udp",
		    opcode_name(q[r].k.opcode), q[r].k.qtype, edns,
		    q[r].k.do_bit ? "yes" : "no", q[r].n);
	}
}

static void
print_json(const struct guard_count *rc, const struct qrow *q, int nq,
    const struct nodeconf *nc, FILE *f)
{
	int r, f2;

	fputs("{\"reasons\":[", f);
	for (r = 0; r < GR_NREASONS; r++) {
		f2 = 1;
		fputs(r > 0 ? ",{" : "{", f);
		json_kv(f, &f2, "verdict",
		    guard_verdict_name(guard_reason_verdict(r)));
		json_kv(f, &f2, "reason", guard_reason_name(r));
		json_ki(f, &f2, "packets", (long long)rc[r].packets);
		json_ki(f, &f2, "bytes", (long long)rc[r].bytes);
		fputc('}', f);
	}
	fputs("],\"queries\":[", f);
	for (r = 0; r < nq; r++) {
		f2 = 1;
		fputs(r > 0 ? ",{" : "{", f);
		json_kv(f, &f2, "tenant", tenant_name(nc, q[r].k.tenant));
		json_ki(f, &f2, "family", q[r].k.family);
		json_kv(f, &f2, "transport",
		    q[r].k.transport == GUARD_TRANSPORT_TCP ? "tcp" : "udp");
		json_kv(f, &f2, "opcode", opcode_name(q[r].k.opcode));
		json_ki(f, &f2, "qtype", q[r].k.qtype);
		json_ki(f, &f2, "edns", q[r].k.edns == GUARD_NO_EDNS ? -1 :
		    q[r].k.edns);
		json_ki(f, &f2, "do", q[r].k.do_bit);
		json_ki(f, &f2, "count", (long long)q[r].n);
		fputc('}', f);
	}
	fputs("]}\n", f);
}

void
guard_print_stats(struct guard *g, const struct nodeconf *nc, FILE *f,
    int json)
{
	struct guard_count rc[GR_NREASONS];
	struct qrow *q;
	int nq;

	memset(rc, 0, sizeof(rc));
	guard_read_reasons(g, rc);
	q = read_queries(g, &nq);
	if (json)
		print_json(rc, q, nq, nc, f);
	else
		print_text(rc, q, nq, nc, f);
	free(q);
}
