/* seccomp.h: the system-call allowlist of tenant containers. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_SECCOMP_H
#define OUTPOST_SECCOMP_H

#include <stdio.h>

/* Writes the OCI "seccomp" object (allowlist, EPERM otherwise) to f. */
void	seccomp_render(FILE *f);

#endif
