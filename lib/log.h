/* log.h: logging in the style of OpenBGPD, every line tagged with program and instance. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_LOG_H
#define OUTPOST_LOG_H

#include <stdarg.h>

#define LOG_TO_STDERR	0x1
#define LOG_TO_SYSLOG	0x2

void	log_init(const char *prog, const char *instance, int verbose);
void	log_setinstance(const char *instance);
void	log_setverbose(int verbose);
int	log_getverbose(void);
const char *log_procname(void);

void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	vlog(int pri, const char *, va_list) __attribute__((format(printf, 2, 0)));
/* Called by fatal and fatalx after the message, before exit (PID 1: reboot). */
void	log_on_fatal(void (*)(void));
void	fatal(const char *, ...) __attribute__((noreturn, format(printf, 1, 2)));
void	fatalx(const char *, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
