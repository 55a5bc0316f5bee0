/* pid1.h: outpost-node as PID 1 (of the machine in the image, of a PID namespace in the lab's test): the few steps only PID 1 takes. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_PID1_H
#define OUTPOST_PID1_H

#include <sys/types.h>
#include <stdint.h>

struct child;
struct input_event;
struct pollfd;
struct nodeconf;
struct supervisor;

#define PID1_IMAGE_VERSION	"/etc/outpost-image/version"	/* only in the image */
#define PID1_NETCFG		"/usr/sbin/outpost-netcfg"
#define PID1_AGENT_DIR		"/var/lib/outpost/agent"
#define PID1_NETWORK_CONF	"/etc/outpost/network.conf"	/* = /data/etc/ */
#define PID1_RESOLV_CONF	"/run/outpost/resolv.conf"

/* What outpost-node does once every child is stopped. */
enum pid1_after {
	PID1_EXIT = 0,		/* exit (not PID 1) */
	PID1_POWEROFF,		/* reboot(RB_POWER_OFF) */
	PID1_REBOOT,		/* reboot(RB_AUTOBOOT) */
};

/* outpost-node runs as PID 1 (getpid() == 1). */
int	 pid1_active(void);
/* ... and in the image (PID1_IMAGE_VERSION exists): the image-only steps. */
int	 pid1_image(void);
/* Milliseconds of CLOCK_MONOTONIC, for the boot phases' log lines. */
void	 pid1_phase(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Before node.conf is read: in the image, mounts, cgroups, sysctls, the
 * data directories, the log file, the first boot's questions, the network.
 * Nothing when not in the image.
 */
void	 pid1_boot(void);
/* node.conf could not be read: PID 1 runs without tenants instead of exiting. */
struct nodeconf *pid1_no_nodeconf(const char *path);
/* With node.conf read: the hostname (image). */
void	 pid1_configured(const struct nodeconf *);
/* What a signal asks: an enum pid1_after, or -1: nothing (not PID 1). */
int	 pid1_signal_after(int signo);
/* As PID 1, fatal() reboots after its message reached the consoles. */
void	 pid1_on_fatal(void);
/* `outpost poweroff | reboot`: -1 (with why) when not PID 1. */
int	 pid1_request(struct supervisor *, enum pid1_after, char *why,
	    size_t len);
/* A child nobody else claims ended (an orphan, the logger). */
void	 pid1_reaped(pid_t, int status);
/* Boot: outpost-netcfg apply, waited for until the addresses are in place. */
void	 pid1_network_start(void);
/* 1 when pid was that outpost-netcfg (its checks' end is reported). */
int	 pid1_network_reaped(pid_t, int status);
/* Every child stopped: as PID 1, sync, unmount /data, power off or reboot. */
void	 pid1_finish(struct supervisor *);

/* pid1_phases.c: each tenant's first answer, the prefixes announced (PID 1). */
int	 pid1_phases_pollfds(struct supervisor *, struct pollfd *, int max,
	    int64_t now);
void	 pid1_phases_io(const struct pollfd *, int n);
int64_t	 pid1_phases_deadline(void);	/* INT64_MAX: nothing to ask */
void	 pid1_gate_line(struct child *, const char *line);

/* pid1_powerkey.c: the power button (image): SIGTERM to PID 1 when pressed. */
void	 pid1_powerkey_start(void);
/* The events hold a press of KEY_POWER. */
int	 powerkey_pressed(const struct input_event *, size_t n);

#endif
