// SPDX-License-Identifier: GPL-2.0
/* Number parsing for the configuration and fault-plan files. */
#include <tzsim/lib.h>

int tz_parse_int(const char *s, size_t len, int64_t *out)
{
	uint64_t v = 0;
	unsigned int base = 10;
	bool neg = false;
	size_t i = 0;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	if (i + 1 < len && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		base = 16;
		i += 2;
	}
	if (i == len)
		return -1;
	for (; i < len; i++) {
		unsigned int d;
		char c = s[i];

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = neg ? -(int64_t)v : (int64_t)v;
	return 0;
}
