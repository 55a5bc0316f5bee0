/* child.h: a supervised child of outpost-node (a container through crun, or a plain program): its state and life cycle. */
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

enum child_state {
	CS_DOWN,		/* not running, not wanted */
	CS_RUNNING,		/* up */
	CS_BACKOFF,		/* exited; waiting to restart */
	CS_STOPPING,		/* asked to stop; waiting for exit */
};

struct supervisor;

/*
 * A supervised child: a container ("crun run", when cname is set) or a
 * plain program (argv).  Restarted with back-off when it exits unasked.
 */
struct child {
	char		 label[48];		/* "tenant root", "bird", "gate" */
	char		 cname[NC_NAME_MAX + 8];	/* container name, or "" */
	char		 dir[256];		/* its files: DIR/bundle, ... */
	char		*argv[13];		/* a plain program's command */
	/* Called before each start; -1 skips the start. */
	int		(*prestart)(struct supervisor *, struct child *);
	/* Called after each exit, once its container is deleted. */
	void		(*poststop)(struct supervisor *, struct child *);
	int		 joinfd;	/* a cgroup.procs it joins before exec, or -1 */
	int		 passfd;		/* given to the program as fd 3 */
	uid_t		 uid;
	enum child_state state;
	pid_t		 pid;
	int		 logfd;			/* its stdout and stderr */
	char		 logbuf[2048];
	size_t		 loglen;
	int64_t		 started_ms;
	int64_t		 restart_ms;		/* when in CS_BACKOFF */
	int64_t		 kill_ms;		/* SIGKILL deadline in CS_STOPPING */
	unsigned	 backoff_ms;
	unsigned	 restarts;
	int		 wanted;		/* still in the configuration */
	char		*conf;			/* rendered texts in force */
	char		*bundle;
};

struct child *child_new(const char *label, const char *cname,
	    const char *dir);
void	 child_start(struct supervisor *, struct child *);
void	 child_stop(struct supervisor *, struct child *);
void	 child_exited(struct supervisor *, struct child *, int status);
void	 child_tick(struct supervisor *, struct child *, int64_t now);
void	 child_read_log(struct child *);
void	 child_free(struct child *);
#define CHANGED_CONF	0x1
#define CHANGED_BUNDLE	0x2
/* Which of freshly rendered texts differ from those in force. */
int	 child_changes(const struct child *, const char *conf,
	    const char *bundle);
/* Puts rendered texts (malloc'd) in force, freeing the old ones. */
void	 child_adopt(struct child *, char *conf, char *bundle);
int	 crun_cmd(struct supervisor *, const char *const *args);

#endif
