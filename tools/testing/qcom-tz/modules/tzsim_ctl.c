// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time control of the tzsim simulator for guest tests, through its own
 * SIM service (svc 0xF0), which no Qualcomm firmware has. Not part of the
 * driver series.
 *
 * /sys/kernel/debug/tzsim/fault (write-only):
 *	"<owner> <svc> <cmd> <sub|-> <status> [<r0> [<nth>]]"
 *	arms a fault: the <nth> (default 1: the next) SCM call from now of
 *	owner/svc/cmd (with that sub-command, or any for "-") answers
 *	<status> and result[0] <r0>.
 *	Numbers in C syntax (0x.., negative allowed).
 * /sys/kernel/debug/tzsim/remote_crash (write-only): "<pas_id> wdog|fatal"
 *	makes the simulated remote processor crash now.
 * /sys/kernel/debug/tzsim/boot_crash (write-only):
 *	"<pas_id> wdog|fatal|hang [<delay_ms>]": the next boot of that remote
 *	(its next AUTH_AND_RESET) crashes <delay_ms> after it starts, or
 *	hangs: never signals ready.
 * /sys/kernel/debug/tzsim/qtee_corrupt (write-only): "<kind> <nth>":
 *	the simulated QTEE corrupts the <nth> message of that kind from now
 *	(kinds 1..8 of tzsim's include/tzsim/qtee_corrupt.h; nth 0 disarms).
 * /sys/kernel/debug/tzsim/smmu_check (write-only):
 *	"<stream id> <base> <size> mapped|unmapped": the simulator walks the
 *	SMMU's tables for that stream; the write succeeds if every byte of
 *	the range is identity-mapped read/write (mapped), or none of it is
 *	mapped (unmapped), and fails with -EIO otherwise, logging the
 *	simulator's answer.
 *
 * A write returns the simulator's refusal as -EINVAL (bad command) or
 * -ENOSPC (fault plan full), and logs it.
 */
#include <linux/arm-smccc.h>
#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define SIM_YIELD64(cmd)	(0x42000000 | 0xf0 << 8 | (cmd))
#define SIM_FAULT_ARM		SIM_YIELD64(0x04)
#define SIM_REMOTE_CRASH	SIM_YIELD64(0x05)
#define SIM_SMMU_CHECK		SIM_YIELD64(0x06)
#define SIM_QTEE_CORRUPT	SIM_YIELD64(0x07)
#define SMMU_CHECK_UNMAPPED	BIT_ULL(32)
#define SUB_ANY			(~0UL)

static struct dentry *tzsim_ctl_dir;

static long tzsim_ctl_smc(unsigned long fid, unsigned long nargs,
			  unsigned long a0, unsigned long a1, unsigned long a2,
			  unsigned long a3)
{
	struct arm_smccc_res res;

	arm_smccc_smc(fid, nargs, a0, a1, a2, a3, 0, 0, &res);
	return (long)res.a0;
}

static long tzsim_ctl_errno(long status)
{
	switch (status) {
	case 0:
		return 0;
	case -5:
		return -ENOSPC;
	default:
		return -EINVAL;
	}
}

static ssize_t tzsim_ctl_read_line(const char __user *ubuf, size_t count,
				   char *buf, size_t size)
{
	if (!count || count >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	return count;
}

static ssize_t fault_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	char buf[128], sub[24];
	unsigned long owner, svc, cmd, r0 = 0, nth = 1, subv = SUB_ANY;
	long status, ret;
	int n;

	ret = tzsim_ctl_read_line(ubuf, count, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	n = sscanf(buf, "%li %li %li %23s %li %li %li", &owner, &svc, &cmd,
		   sub, &status, &r0, &nth);
	if (n < 5 || !nth || nth > 255)
		return -EINVAL;
	if (strcmp(sub, "-") && kstrtoul(sub, 0, &subv))
		return -EINVAL;
	ret = tzsim_ctl_smc(SIM_FAULT_ARM, 4,
			    nth << 32 | (owner & 0x3f) << 16 | (svc & 0xff) << 8 |
			    (cmd & 0xff),
			    subv, status, r0);
	if (ret) {
		pr_err("tzsim_ctl: the simulator refused the fault: %ld\n", ret);
		return tzsim_ctl_errno(ret);
	}
	return count;
}

static ssize_t remote_crash_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	char buf[64], kind[16];
	unsigned long pas_id;
	long ret;

	ret = tzsim_ctl_read_line(ubuf, count, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (sscanf(buf, "%lu %15s", &pas_id, kind) != 2)
		return -EINVAL;
	if (strcmp(kind, "wdog") && strcmp(kind, "fatal"))
		return -EINVAL;
	ret = tzsim_ctl_smc(SIM_REMOTE_CRASH, 2, pas_id,
			    strcmp(kind, "wdog") ? 1 : 0, 0, 0);
	if (ret) {
		pr_err("tzsim_ctl: the simulator refused the crash: %ld\n", ret);
		return tzsim_ctl_errno(ret);
	}
	return count;
}

static ssize_t smmu_check_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	unsigned long sid, base, size;
	struct arm_smccc_res res;
	char buf[96], mode[16];
	long ret;

	ret = tzsim_ctl_read_line(ubuf, count, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (sscanf(buf, "%li %li %li %15s", &sid, &base, &size, mode) != 4)
		return -EINVAL;
	if (strcmp(mode, "mapped") && strcmp(mode, "unmapped"))
		return -EINVAL;
	arm_smccc_smc(SIM_SMMU_CHECK, 3,
		      (sid & 0xffffffff) |
		      (strcmp(mode, "unmapped") ? 0 : SMMU_CHECK_UNMAPPED),
		      base, size, 0, 0, 0, &res);
	if ((long)res.a0) {
		pr_err("tzsim_ctl: the simulator refused the SMMU check: %ld\n",
		       (long)res.a0);
		return tzsim_ctl_errno((long)res.a0);
	}
	if (res.a1) {
		pr_info("tzsim_ctl: stream 0x%lx %#lx+%#lx not %s: result %lu at %#lx (-> %#lx)\n",
			sid, base, size, mode, res.a1, res.a2, res.a3);
		return -EIO;
	}
	return count;
}

static ssize_t boot_crash_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	static const char * const kinds[] = { "wdog", "fatal", "hang" };
	unsigned long pas_id, delay_ms = 0;
	char buf[64], kind[16];
	long ret;
	int i, n;

	ret = tzsim_ctl_read_line(ubuf, count, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	n = sscanf(buf, "%lu %15s %lu", &pas_id, kind, &delay_ms);
	if (n < 2)
		return -EINVAL;
	i = match_string(kinds, ARRAY_SIZE(kinds), kind);
	if (i < 0)
		return -EINVAL;
	/* FAULT_ARM: crash << 40, owner 2 (SiP), svc 2 (PIL), cmd 5 (AUTH) */
	ret = tzsim_ctl_smc(SIM_FAULT_ARM, 4,
			    (unsigned long)(i + 1) << 40 | 1UL << 32 |
			    2 << 16 | 2 << 8 | 5, pas_id, 0, delay_ms);
	if (ret) {
		pr_err("tzsim_ctl: the simulator refused the boot crash: %ld\n",
		       ret);
		return tzsim_ctl_errno(ret);
	}
	return count;
}

static ssize_t qtee_corrupt_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	unsigned long kind, nth;
	char buf[48];
	long ret;

	ret = tzsim_ctl_read_line(ubuf, count, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (sscanf(buf, "%lu %lu", &kind, &nth) != 2 || !kind)
		return -EINVAL;
	ret = tzsim_ctl_smc(SIM_QTEE_CORRUPT, 2, kind, nth, 0, 0);
	if (ret) {
		pr_err("tzsim_ctl: the simulator refused the QTEE corruption: %ld\n",
		       ret);
		return tzsim_ctl_errno(ret);
	}
	return count;
}

static const struct file_operations qtee_corrupt_fops = {
	.owner = THIS_MODULE,
	.write = qtee_corrupt_write,
};

static const struct file_operations boot_crash_fops = {
	.owner = THIS_MODULE,
	.write = boot_crash_write,
};

static const struct file_operations smmu_check_fops = {
	.owner = THIS_MODULE,
	.write = smmu_check_write,
};

static const struct file_operations fault_fops = {
	.owner = THIS_MODULE,
	.write = fault_write,
};

static const struct file_operations remote_crash_fops = {
	.owner = THIS_MODULE,
	.write = remote_crash_write,
};

static int __init tzsim_ctl_init(void)
{
	tzsim_ctl_dir = debugfs_create_dir("tzsim", NULL);
	debugfs_create_file("fault", 0200, tzsim_ctl_dir, NULL, &fault_fops);
	debugfs_create_file("remote_crash", 0200, tzsim_ctl_dir, NULL,
			    &remote_crash_fops);
	debugfs_create_file("smmu_check", 0200, tzsim_ctl_dir, NULL,
			    &smmu_check_fops);
	debugfs_create_file("boot_crash", 0200, tzsim_ctl_dir, NULL,
			    &boot_crash_fops);
	debugfs_create_file("qtee_corrupt", 0200, tzsim_ctl_dir, NULL,
			    &qtee_corrupt_fops);
	return 0;
}
module_init(tzsim_ctl_init);

static void __exit tzsim_ctl_exit(void)
{
	debugfs_remove(tzsim_ctl_dir);
}
module_exit(tzsim_ctl_exit);

MODULE_DESCRIPTION("Run-time control of the tzsim simulated board for tests");
MODULE_LICENSE("GPL");
