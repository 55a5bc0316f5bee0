/* tokenshape_fuzz.c: libFuzzer harness of the console's offline token check: any text is refused with a reason or names a controller that makes sense. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tokenshape.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tokenshape ts;
	const char *err;
	char *s;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	memset(&ts, 0, sizeof(ts));
	err = tokenshape_check(s, &ts);
	if (err != NULL) {
		if (strlen(err) == 0)
			abort();	/* every refusal says why */
	} else if (ts.host[0] == '\0' || ts.port == 0 || ts.port > 65535 ||
	    (ts.af != 0 && ts.af != AF_INET && ts.af != AF_INET6) ||
	    memchr(ts.host, '\0', sizeof(ts.host)) == NULL)
		abort();
	free(s);
	return 0;
}
