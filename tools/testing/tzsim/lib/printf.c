// SPDX-License-Identifier: GPL-2.0
/*
 * A small vsnprintf: %d %i %u %x %X %p %s %c %%, flags '-' '0' '#', width,
 * precision (".N" and ".*" for strings), length modifiers l ll z.
 */
#include <tzsim/lib.h>

struct out {
	char *buf;
	size_t size, pos;
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_num(struct out *o, uint64_t v, bool neg, unsigned int base,
		    bool upper, int width, bool zero, bool left, bool alt)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + neg + (alt ? 2 : 0);
	if (!left && !zero)
		for (; width > len; width--)
			put(o, ' ');
	if (neg)
		put(o, '-');
	if (alt) {
		put(o, '0');
		put(o, 'x');
	}
	if (!left && zero)
		for (; width > len; width--)
			put(o, '0');
	while (n)
		put(o, tmp[--n]);
	if (left)
		for (; width > len; width--)
			put(o, ' ');
}

int tz_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size };

	for (; *fmt; fmt++) {
		bool zero = false, left = false, alt = false;
		int width = 0, prec = -1, lng = 0;
		uint64_t v;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '0')
				zero = true;
			else if (*fmt == '-')
				left = true;
			else if (*fmt == '#')
				alt = true;
			else
				break;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				for (prec = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
					prec = prec * 10 + (*fmt - '0');
			}
		}
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng++;
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t s = lng ? va_arg(ap, int64_t) : va_arg(ap, int);

			put_num(&o, s < 0 ? -(uint64_t)s : (uint64_t)s, s < 0,
				10, false, width, zero, left, false);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
			v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
			put_num(&o, v, false, *fmt == 'u' ? 10 : 16, *fmt == 'X',
				width, zero, left, alt);
			break;
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			put_num(&o, v, false, 16, false, width, zero, left, true);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len;

			if (!s)
				s = "(null)";
			len = prec >= 0 ? (int)strnlen(s, prec) : (int)strlen(s);
			if (!left)
				for (; width > len; width--)
					put(&o, ' ');
			for (int i = 0; i < len; i++)
				put(&o, s[i]);
			if (left)
				for (; width > len; width--)
					put(&o, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default:
			put(&o, '%');
			if (*fmt)
				put(&o, *fmt);
			else
				fmt--;
			break;
		}
	}
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return (int)o.pos;
}

int tz_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tz_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
