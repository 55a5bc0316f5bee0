/* errbuf.h: an error message formatted into the caller's buffer. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_ERRBUF_H
#define OUTPOST_ERRBUF_H

#include <stddef.h>

/* Formats the message into err (len octets); returns -1, for `return errorf(...)`. */
int	errorf(char *err, size_t len, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#endif
