/* pass.bpf.c: an XDP program that passes everything, for the isp's side of the node's veth: XDP_TX frames from the node's guard reach a veth peer only when it runs XDP too. */
/* SPDX-License-Identifier: ISC */
#include <linux/bpf.h>

#include <bpf/bpf_helpers.h>

SEC("xdp")
int
xdp_pass(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
