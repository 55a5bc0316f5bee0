/* supervisor.h: outpost-node's state: the node configuration and one supervised container per tenant. */
#ifndef OUTPOST_SUPERVISOR_H
#define OUTPOST_SUPERVISOR_H

#include <sys/types.h>
#include <limits.h>
#include <stdint.h>

#include "nodeconf.h"

#define TENANT_UID_BASE		64100	/* uid (and gid) of tenant i: base + i */
#define BACKOFF_MIN_MS		200
#define BACKOFF_MAX_MS		30000
#define BACKOFF_RESET_MS	60000	/* a run this long resets the back-off */
#define STOP_TIMEOUT_MS		5000

enum tenant_state {
	TS_DOWN,		/* not running, not wanted */
	TS_RUNNING,		/* crun run is up */
	TS_BACKOFF,		/* exited; waiting to restart */
	TS_STOPPING,		/* asked to stop; waiting for exit */
};

struct tenant {
	char		 name[NC_NAME_MAX + 1];
	char		 cname[NC_NAME_MAX + 8];	/* container name */
	char		 dir[256];		/* state-dir/tenants/NAME */
	uid_t		 uid;
	enum tenant_state state;
	pid_t		 pid;			/* of "crun run" */
	int		 logfd;			/* its stdout and stderr */
	char		 logbuf[2048];
	size_t		 loglen;
	int64_t		 started_ms;
	int64_t		 restart_ms;		/* when in TS_BACKOFF */
	int64_t		 kill_ms;		/* SIGKILL deadline in TS_STOPPING */
	unsigned	 backoff_ms;
	unsigned	 restarts;
	int		 wanted;		/* still in the configuration */
	char		*nsdconf;		/* rendered texts in force */
	char		*bundle;
};

struct supervisor {
	const char	*conf_path;
	struct nodeconf	*nc;
	char		 crun_root[PATH_MAX];
	struct tenant	*tenants[NC_MAX_TENANTS];
	int		 ntenants;
	int		 sigfd;
	int		 quit;
};

int64_t	 now_ms(void);
int	 cgroups_prepare(void);
void	 cgroups_cleanup(const char *identity);

/* tenant.c */
struct tenant *tenant_new(struct supervisor *, const char *name);
int	 tenant_configure(struct supervisor *, struct tenant *,
	    const struct nc_tenant *, uid_t uid);
void	 tenant_start(struct supervisor *, struct tenant *);
void	 tenant_stop(struct supervisor *, struct tenant *);
void	 tenant_exited(struct supervisor *, struct tenant *, int status);
void	 tenant_tick(struct supervisor *, struct tenant *, int64_t now);
void	 tenant_read_log(struct tenant *);
void	 tenant_free(struct tenant *);
int	 crun_cmd(struct supervisor *, const char *const *args);

#endif
