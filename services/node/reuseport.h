/* reuseport.h: which NSD of a tenant gets its queries while two share its addresses (SO_ATTACH_REUSEPORT_CBPF). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_REUSEPORT_H
#define OUTPOST_REUSEPORT_H

#include <sys/types.h>

/*
 * Each of a tenant's addresses (a UDP or TCP socket group bound with
 * SO_REUSEPORT) sends its packets to one member chosen by a classic BPF
 * program attached to the group.  The NSD that has its sockets first in
 * the group is "old", the one that joined after it "new".
 */

/* Every group the NSD of container init pid is in: to its own sockets
 * only (those in the group before any other joins).  -1 logged. */
int	reuseport_hold(const char *label, pid_t old);
/* Every group new shares with old: to new's sockets only.  -1 logged. */
int	reuseport_move(const char *label, pid_t old, pid_t new);
/* The groups of nsd's sockets back to the kernel's own choice. */
void	reuseport_release(const char *label, pid_t nsd);
/*
 * The outgoing NSD's sockets, duplicated into *fds (the count returned,
 * 0 when none could be taken) before it is stopped; child_free
 * closes them all at once after it has exited.
 */
int	reuseport_keep(const char *label, pid_t old, int **fds);

#endif
