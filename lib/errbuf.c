/* errbuf.c: an error message formatted into the caller's buffer. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stdio.h>

#include "errbuf.h"

int
errorf(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}
