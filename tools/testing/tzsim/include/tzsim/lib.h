/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Freestanding helpers: string functions, a small printf and locks.
 */
#ifndef TZSIM_LIB_H
#define TZSIM_LIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#define ALIGN_UP(x, a)	(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#ifndef __noreturn
#define __noreturn	__attribute__((noreturn))
#endif
#define __unused	__attribute__((unused))

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

int tz_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int tz_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Parse a C-style integer ("12", "-12", "0x1c"). Returns 0 and the value
 * in *out, or -1 if @s is not entirely a number.
 */
int tz_parse_int(const char *s, size_t len, int64_t *out);

#endif /* TZSIM_LIB_H */
