// SPDX-License-Identifier: GPL-2.0
/* Line-buffered logging to the secure console, one lock for all CPUs. */
#include <tzsim/arch.h>
#include <tzsim/log.h>
#include <tzsim/plat.h>

static spinlock_t log_lock;

static void emit(const char *fmt, va_list ap)
{
	char line[512];
	int n, i;

	n = tz_vsnprintf(line, sizeof(line), fmt, ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	spin_lock(&log_lock);
	for (i = 0; i < 7; i++)
		plat_console_putc("tzsim: "[i]);
	for (i = 0; i < n; i++)
		plat_console_putc(line[i]);
	plat_console_putc('\n');
	spin_unlock(&log_lock);
}

void tz_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(fmt, ap);
	va_end(ap);
}

void __noreturn tz_panic(const char *fmt, ...)
{
	va_list ap;

	tz_log("PANIC (cpu%u):", plat_cpu_id());
	va_start(ap, fmt);
	emit(fmt, ap);
	va_end(ap);
	plat_system_off(3);
}

void tzsim_unexpected(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	tz_panic("unexpected exception %llu at EL3: ESR 0x%llx ELR 0x%llx FAR 0x%llx",
		 (unsigned long long)kind, (unsigned long long)esr,
		 (unsigned long long)elr, (unsigned long long)far);
}
