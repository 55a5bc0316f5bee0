/* supervisor.h: outpost-node's state: the node configuration and one supervised container per tenant. */
#ifndef OUTPOST_SUPERVISOR_H
#define OUTPOST_SUPERVISOR_H

#include <sys/types.h>
#include <limits.h>
#include <stdint.h>

#include "nodeconf.h"

#define TENANT_UID_BASE		64100	/* uid (and gid) of tenant i: base + i */
#define ROUTING_UID		64099	/* BIRD and the health gate */
#define DRAIN_TIMEOUT_MS	3000	/* stop waits this long for withdrawal */
#define DRAIN_GRACE_MS		1000	/* and then this long for it to spread */
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
	/* Called before each start of a plain program; -1 skips the start. */
	int		(*prestart)(struct supervisor *, struct child *);
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

struct control_client;
struct gate_msgbuf;

struct supervisor {
	const char	*conf_path;
	struct nodeconf	*nc;
	char		 running_conf[PATH_MAX];	/* last good, printed */
	char		 crun_root[PATH_MAX];
	char		 cgroup[128];	/* "outpost/IDENTITY.HASH": this node's cgroups */
	struct child	*tenants[NC_MAX_TENANTS];
	int		 ntenants;
	struct child	*bird;
	struct child	*gate;
	int		 gatefd;		/* socketpair to the gate */
	struct gate_msgbuf *gatebuf;		/* what it sent, not yet taken */
	int		 ctlfd;			/* control socket */
	struct control_client *clients[8];
	int		 sigfd;
	int		 quit;
	int64_t		 drain_deadline;	/* stopping: waiting for DRAINED */
	int		 drained;		/* the gate confirmed DRAINED */
	int64_t		 drained_ms;		/* when */
	int		 operator_drained;	/* by `outpost drain` */
	char		*status_head;		/* containers' part, for STATUS */
};

int64_t	 now_ms(void);
int	 cgroups_prepare(void);
void	 cgroups_cleanup(const char *cgroup);
void	 cgroups_name(const struct nodeconf *, char *buf, size_t len);

/* child.c */
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

/* routing.c */
#define BIRD_RESTART		1
#define BIRD_RECONFIGURE	2
int	 bird_configure(struct supervisor *, struct child *);
struct child *gate_new(struct supervisor *);

/* tenant.c */
struct child *tenant_new(struct supervisor *, const char *name);
int	 tenant_configure(struct supervisor *, struct child *,
	    const struct nc_tenant *, uid_t uid);

#endif
