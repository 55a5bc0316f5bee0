/* enrol.c: `outpost-netcfg setup -A`: outpost-agent enrol run beside outpost-netcfg, its lines shown to the person, and STATEDIR/controller read. */
/* SPDX-License-Identifier: ISC */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enrol.h"
#include "fileutil.h"

static void
field(const char *line, const char *key, char *out, size_t len)
{
	size_t kl = strlen(key);

	if (strncmp(line, key, kl) == 0 && line[kl] == ':' &&
	    line[kl + 1] == ' ')
		snprintf(out, len, "%.*s", (int)strcspn(line + kl + 2, "\n"),
		    line + kl + 2);
}

int
enrol_done(const char *dir, struct enrolment *e)
{
	char path[PATH_MAX], line[512];
	FILE *f;

	memset(e, 0, sizeof(*e));
	snprintf(path, sizeof(path), "%s/%s", dir, ENROL_CTL_FILE);
	if ((f = fopen(path, "re")) == NULL)
		return errno == ENOENT ? 0 : 1;
	while (fgets(line, sizeof(line), f) != NULL) {
		field(line, "node", e->node, sizeof(e->node));
		field(line, "address", e->addr, sizeof(e->addr));
		field(line, "port", e->port, sizeof(e->port));
	}
	fclose(f);
	return 1;
}

/* The agent beside this program, else its name for PATH. */
static void
agent_path(char *buf, size_t len)
{
	if (file_beside_self(ENROL_AGENT, buf, len) == 0 &&
	    access(buf, X_OK) == 0)
		return;
	snprintf(buf, len, "%s", ENROL_AGENT);
}

static void __attribute__((noreturn))
child(int wfd, const char *dir, const char *token)
{
	char path[PATH_MAX];
	char *argv[] = { path, "enrol", "-s", (char *)dir, (char *)token,
	    NULL };
	int fd;

	if (dup2(wfd, STDOUT_FILENO) == -1 || dup2(wfd, STDERR_FILENO) == -1)
		_exit(127);
	if ((fd = open("/dev/null", O_RDONLY)) != -1)
		dup2(fd, STDIN_FILENO);
	agent_path(path, sizeof(path));
	execvp(path, argv);
	fprintf(stderr, "cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

/* One line of the agent shown without its time stamp and program name. */
static void
show(FILE *out, const char *line, int *refused)
{
	const char *p = strstr(line, ENROL_AGENT ": ");

	p = p != NULL ? p + strlen(ENROL_AGENT ": ") : line;
	if (strncmp(p, "warning: ", 9) == 0)
		p += 9;
	if (strstr(p, "the controller says:") != NULL ||
	    strstr(p, "cannot read the token") != NULL)
		*refused = 1;
	fprintf(out, "  agent: %.*s\n", (int)strcspn(p, "\n"), p);
	fflush(out);
}

enum enrol_result
enrol_run(const char *dir, const char *token, FILE *out)
{
	char line[1024];
	FILE *f;
	pid_t pid;
	int p[2], status, refused = 0;

	fflush(out);
	if (pipe2(p, O_CLOEXEC) == -1) {
		fprintf(out, "  cannot run %s: %s\n", ENROL_AGENT,
		    strerror(errno));
		return ENROL_NO_AGENT;
	}
	if ((pid = fork()) == -1) {
		fprintf(out, "  cannot run %s: %s\n", ENROL_AGENT,
		    strerror(errno));
		close(p[0]);
		close(p[1]);
		return ENROL_NO_AGENT;
	}
	if (pid == 0)
		child(p[1], dir, token);
	close(p[1]);
	if ((f = fdopen(p[0], "r")) == NULL)
		close(p[0]);
	else {
		while (fgets(line, sizeof(line), f) != NULL)
			show(out, line, &refused);
		fclose(f);
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return ENROL_OK;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return ENROL_NO_AGENT;
	return refused ? ENROL_REFUSED : ENROL_FAILED;
}
