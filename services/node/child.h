/* child.h: a supervised child of outpost-node (a container through crun, or a plain program): its state and life cycle. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CHILD_H
#define OUTPOST_CHILD_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#include "nodeconf.h"

#define BACKOFF_MIN_MS		200
#define BACKOFF_MAX_MS		30000
#define BACKOFF_RESET_MS	60000	/* a run this long resets the back-off */
#define STOP_TIMEOUT_MS		5000
#define CRUN_TIMEOUT_MS		10000	/* a "crun delete" or "crun kill" */

enum child_state {
	CS_DOWN,		/* not running, not wanted */
	CS_RUNNING,		/* up */
	CS_BACKOFF,		/* exited; waiting to restart */
	CS_STOPPING,		/* asked to stop; waiting for exit */
	CS_STARTING,		/* removing a container left over, then run */
	CS_CLEANING,		/* exited; removing its container */
};

struct supervisor;

/*
 * A supervised child: a container ("crun run", when cname is set) or a
 * plain program (argv).  Restarted with back-off when it exits unasked.
 */
struct child {
	char		 label[48];		/* "tenant root", "bird", "gate" */
	char		 cname[NC_NAME_MAX + 8];	/* container name, or "" */
	/* crun's id and the cgroup leaf: cname, or a tenant's handover
	 * name (handover.c) while two of its NSD run side by side. */
	char		 cid[NC_NAME_MAX + 10];
	char		 dir[256];		/* its files: DIR/bundle, ... */
	char		*argv[13];		/* a plain program's command */
	/* Called before each start; -1 skips the start. */
	int		(*prestart)(struct supervisor *, struct child *);
	/* Called after each exit, once its container is deleted. */
	void		(*poststop)(struct supervisor *, struct child *);
	/* Called with each line of its output, as logged; may be NULL. */
	void		(*on_line)(struct child *, const char *line);
	int		 joinfd;	/* a cgroup.procs it joins before exec, or -1 */
	int		 passfd;		/* given to the program as fd 3 */
	uid_t		 uid;
	enum child_state state;
	pid_t		 pid;
	int		*rp_held;		/* an outgoing NSD's sockets, */
	int		 rp_nheld;		/* kept until it is gone */
	int		 logfd;			/* its stdout and stderr */
	char		 logbuf[2048];
	size_t		 loglen;
	int64_t		 started_ms;
	int64_t		 restart_ms;		/* when in CS_BACKOFF */
	int64_t		 kill_ms;		/* SIGKILL deadline in CS_STOPPING */
	unsigned	 backoff_ms;
	unsigned	 restarts;
	int		 wanted;		/* still in the configuration */
	pid_t		 helper;		/* "crun delete" or "crun kill" */
	const char	*helper_op;		/* which */
	int64_t		 helper_ms;		/* its deadline */
	int		 crashed;		/* exited unasked (CS_CLEANING) */
	int64_t		 ran_ms;		/* how long it ran (CS_CLEANING) */
	char		 why[64];		/* how it ended (CS_CLEANING) */
	char		*conf;			/* rendered texts in force */
	char		*bundle;
	int		 ready;		/* said it serves, since its start */
	int		 reuseport;	/* its sockets let a successor bind */
	struct child	*outgoing;	/* the one it replaces (handover.c) */
	int64_t		 handover_ms;	/* by then, outgoing stops anyway */
	int		 handover_moved;	/* queries sent to the new NSD */
};

struct child *child_new(const char *label, const char *cname,
	    const char *dir);
void	 child_start(struct supervisor *, struct child *);
void	 child_stop(struct supervisor *, struct child *);
void	 child_exited(struct supervisor *, struct child *, int status);
void	 child_tick(struct supervisor *, struct child *, int64_t now);
/* A crun command of the child ended: its state machine goes on. */
void	 child_helper_done(struct supervisor *, struct child *, int status);
/* When child_tick has something to do for it next (INT64_MAX: nothing). */
int64_t	 child_deadline(const struct child *);
/* Neither it nor a crun command of its own runs. */
int	 child_idle(const struct child *);
/* "down", "running", "backoff"... as `outpost status` shows it. */
const char *child_state_name(const struct child *);
void	 child_read_log(struct child *);
void	 child_free(struct child *);
#define CHANGED_CONF	0x1
#define CHANGED_BUNDLE	0x2
/* Which of freshly rendered texts differ from those in force. */
int	 child_changes(const struct child *, const char *conf,
	    const char *bundle);
/* Puts rendered texts (malloc'd) in force, freeing the old ones. */
void	 child_adopt(struct child *, char *conf, char *bundle);
/* Starts "crun --root ROOT args..." in the background: its pid, or -1. */
pid_t	 crun_spawn(struct supervisor *, const char *const *args);
/* In a child about to execute crun: the environment it wants (node.c). */
void	 crun_env(void);
/* crun's first child (the container's init), or -1. */
pid_t	 crun_init_pid(pid_t crun);
/* strdup, or fatal. */
char	*xstrdup(const char *);

#endif
