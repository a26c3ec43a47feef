/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Logging to the secure UART. Every line is prefixed with "tzsim: " so that
 * the host harness can tell the simulator's output apart.
 */
#ifndef TZSIM_LOG_H
#define TZSIM_LOG_H

#include <tzsim/lib.h>

void tz_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void __noreturn tz_panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#define TZ_ASSERT(cond)							\
	do {								\
		if (!(cond))						\
			tz_panic("assertion '%s' failed at %s:%d",	\
				 #cond, __FILE__, __LINE__);		\
	} while (0)

#endif /* TZSIM_LOG_H */
