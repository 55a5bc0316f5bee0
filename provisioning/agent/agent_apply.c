/* agent_apply.c: the seam to the node: a candidate node.conf applied by `outpost configure FILE --timeout S`, confirmed or rolled back. */
/* SPDX-License-Identifier: ISC */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "fileutil.h"

#define OUTPUT_MAX	16384

/* The node's program argv[0] from beside this one (the image: /usr/sbin), else from PATH. */
static void
exec_beside(char *const argv[])
{
	char path[PATH_MAX];

	if (file_beside_self(argv[0], path, sizeof(path)) == 0)
		execv(path, argv);
	execvp(argv[0], argv);
}

char *
agent_output(char *const argv[], int *status)
{
	char *out;
	size_t len = 0;
	ssize_t n;
	pid_t pid;
	int p[2];

	if ((out = malloc(OUTPUT_MAX + 1)) == NULL)
		return NULL;
	if (pipe2(p, O_CLOEXEC) < 0) {
		free(out);
		return NULL;
	}
	if ((pid = fork()) < 0) {
		close(p[0]);
		close(p[1]);
		free(out);
		return NULL;
	}
	if (pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		dup2(p[1], STDERR_FILENO);
		exec_beside(argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	close(p[1]);
	while ((n = read(p[0], out + len, OUTPUT_MAX - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (len += (size_t)n) == OUTPUT_MAX)
			break;
	}
	close(p[0]);
	out[len] = '\0';
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR) {
			*status = -1;
			break;
		}
	return out;
}

/* The output's first line, without "rolled back: ". */
static void
reason(const char *out, char *why, size_t whylen)
{
	const char *p = out;
	size_t n;

	if (strncmp(p, "rolled back: ", 13) == 0)
		p += 13;
	n = strcspn(p, "\n");
	snprintf(why, whylen, "%.*s", (int)n, p);
}

int
agent_apply(const char *candidate, int timeout, const char *nodeconf,
    char *why, size_t whylen)
{
	char t[16], *out;
	char *argv[] = { "outpost", "configure", "-c", (char *)nodeconf,
	    "--timeout", t, (char *)candidate, NULL };
	int status, rc;

	snprintf(t, sizeof(t), "%d", timeout);
	if ((out = agent_output(argv, &status)) == NULL) {
		snprintf(why, whylen, "cannot run outpost configure: %s",
		    strerror(errno));
		return -1;
	}
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	    strncmp(out, "confirmed", 9) == 0)
		rc = 0;
	else if (strncmp(out, "rolled back", 11) == 0)
		rc = 1;
	else
		rc = -1;
	if (rc != 0)
		reason(out[0] ? out : "outpost configure said nothing", why,
		    whylen);
	free(out);
	return rc;
}
