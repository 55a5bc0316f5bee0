/* bpfmsg.h: libbpf's warnings kept per thread, as the reason of a failed load (one print callback for the process). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_BPFMSG_H
#define OUTPOST_BPFMSG_H

void		 bpfmsg_init(void);	/* installs the callback; idempotent */
void		 bpfmsg_reset(void);	/* this thread's text emptied */
const char	*bpfmsg_last(void);	/* this thread's text since the reset */

#endif
