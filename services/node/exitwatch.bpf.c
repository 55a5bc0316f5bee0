/* exitwatch.bpf.c: a BTF tracepoint on process exit: a watched pid (a tenant's NSD) is reported the moment it starts to exit, not once its pid namespace is torn down. */
/* SPDX-License-Identifier: ISC */
#include <linux/bpf.h>

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "exitwatch_map.h"

/* Only what is read of it; its offsets come from the kernel's BTF (CO-RE). */
struct task_struct {
	int		pid;
} __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, EXITWATCH_MAX_PIDS);
	__type(key, __u32);
	__type(value, __u8);
} watched SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, EXITWATCH_RING_BYTES);
} exits SEC(".maps");

SEC("tp_btf/sched_process_exit")
int
BPF_PROG(on_exit, struct task_struct *p)
{
	__u32 pid = (__u32)p->pid, *e;

	if (bpf_map_lookup_elem(&watched, &pid) == NULL)
		return 0;
	bpf_map_delete_elem(&watched, &pid);
	if ((e = bpf_ringbuf_reserve(&exits, sizeof(*e), 0)) == NULL)
		return 0;
	*e = pid;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
