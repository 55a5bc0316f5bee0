/* gate_drive.c: test driver standing in for outpost-node: runs outpost-gate on a socketpair, sends what stdin says, prints the answers. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gate_msg.h"

/*
 * usage: gate-drive outpost-gate -c NODECONF -s SOCK -f 3 [...]
 * The gate gets the other end of the socketpair as fd 3.  Lines on stdin:
 * "drain", "undrain", "status" send DRAIN, UNDRAIN, STATUS_REQ; "down NAME"
 * sends TENANT_DOWN (as outpost-node when tenant NAME's NSD ends); "close"
 * (or end of input) closes the socketpair and waits for the gate.  Each
 * answer is printed as "TYPE text"; STATUS as "STATUS", its lines, ".".
 * The first line is "PID n", the gate's process id.
 */

static pid_t
spawn(char **argv, int *fd)
{
	int sp[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0) {
		perror("gate-drive: socketpair");
		exit(1);
	}
	if ((pid = fork()) == 0) {
		if (dup2(sp[1], 3) < 0)
			_exit(127);
		execv(argv[0], argv);
		perror("gate-drive: exec");
		_exit(127);
	}
	close(sp[1]);
	*fd = sp[0];
	return pid;
}

static void
print_msg(const struct gate_msg_hdr *h, const uint8_t *payload)
{
	if (h->type == GATE_STATUS)
		printf("STATUS\n%.*s.\n", (int)h->len, (const char *)payload);
	else
		printf("%s %.*s\n", gate_msg_name(h->type), (int)h->len,
		    (const char *)payload);
	fflush(stdout);
}

/* 0 while the gate is there. */
static int
from_gate(int fd, struct gate_msgbuf *mb)
{
	static uint8_t payload[GATE_MSG_MAX];
	struct gate_msg_hdr h;
	int rc;

	if (gate_msg_read(fd, mb) <= 0)
		return -1;
	while ((rc = gate_msg_get(mb, &h, payload)) == 1)
		print_msg(&h, payload);
	return rc;
}

static struct gate_msgq q;

static void
send_msg(int fd, uint32_t type, const char *text)
{
	if (gate_msg_queue(&q, type, text, strlen(text)) < 0 ||
	    gate_msg_flush(fd, &q) < 0)
		perror("gate-drive: send");
}

/* 0 while there is more to read. */
static int
from_stdin(int fd)
{
	static const struct {
		const char	*cmd;
		uint32_t	 type;
	} cmds[] = {
		{ "drain", GATE_DRAIN }, { "undrain", GATE_UNDRAIN },
		{ "status", GATE_STATUS_REQ },
	};
	char line[128];
	size_t i;

	if (fgets(line, sizeof(line), stdin) == NULL)
		return -1;
	line[strcspn(line, "\n")] = '\0';
	if (strcmp(line, "close") == 0)
		return -1;
	if (strncmp(line, "down ", 5) == 0) {
		send_msg(fd, GATE_TENANT_DOWN, line + 5);
		return 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(line, cmds[i].cmd) == 0) {
			send_msg(fd, cmds[i].type, "");
			return 0;
		}
	fprintf(stderr, "gate-drive: unknown command '%s'\n", line);
	return 0;
}

int
main(int argc, char **argv)
{
	static struct gate_msgbuf mb;
	struct pollfd pfd[2];
	int fd, status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: gate-drive outpost-gate ARGS...\n");
		return 2;
	}
	setvbuf(stdin, NULL, _IOLBF, 0);
	pid = spawn(argv + 1, &fd);
	printf("PID %d\n", (int)pid);
	fflush(stdout);
	for (;;) {
		pfd[0] = (struct pollfd){ 0, POLLIN, 0 };
		pfd[1] = (struct pollfd){ fd, POLLIN |
		    (gate_msg_pending(&q) ? POLLOUT : 0), 0 };
		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			break;
		if ((pfd[1].revents & POLLOUT) && gate_msg_flush(fd, &q) < 0)
			break;
		if ((pfd[1].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    from_gate(fd, &mb) != 0)
			break;
		if (pfd[0].revents && from_stdin(fd) != 0)
			break;
	}
	close(fd);
	waitpid(pid, &status, 0);
	printf("EXITED %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
	    WTERMSIG(status));
	return 0;
}
