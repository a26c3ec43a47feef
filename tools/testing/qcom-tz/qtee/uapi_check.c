// SPDX-License-Identifier: GPL-2.0
/*
 * Compile-only check that the UAPI values qteetest.c defines itself are
 * those of the kernel tree's <linux/tee.h> (make uapi-check UAPI=...).
 */
#include <assert.h>
#include <stddef.h>
#include <linux/tee.h>

static_assert(TEE_IOC_VERSION == 0x800CA400U, "TEE_IOC_VERSION");
static_assert(TEE_IOC_OBJECT_INVOKE == 0x8010A40AU, "TEE_IOC_OBJECT_INVOKE");
static_assert(TEE_MAX_ARG_SIZE == 4096, "TEE_MAX_ARG_SIZE");
static_assert(TEE_IMPL_ID_QTEE == 4, "TEE_IMPL_ID_QTEE");
static_assert(TEE_GEN_CAP_OBJREF == (1 << 4), "TEE_GEN_CAP_OBJREF");
static_assert(TEE_OBJREF_NULL == (__u64)-1, "TEE_OBJREF_NULL");
static_assert(TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT == 1, "VALUE_INPUT");
static_assert(TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT == 8, "UBUF_INPUT");
static_assert(TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT == 9, "UBUF_OUTPUT");
static_assert(TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INOUT == 10, "UBUF_INOUT");
static_assert(TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT == 11, "OBJREF_INPUT");
static_assert(TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT == 12, "OBJREF_OUTPUT");
static_assert(TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INOUT == 13, "OBJREF_INOUT");
static_assert(sizeof(struct tee_ioctl_version_data) == 12, "version size");
static_assert(sizeof(struct tee_ioctl_buf_data) == 16, "buf_data size");
static_assert(sizeof(struct tee_ioctl_param) == 32, "param size");
static_assert(sizeof(struct tee_ioctl_object_invoke_arg) == 24, "arg size");
static_assert(offsetof(struct tee_ioctl_object_invoke_arg, op) == 8, "op");
static_assert(offsetof(struct tee_ioctl_object_invoke_arg, ret) == 12, "ret");
static_assert(offsetof(struct tee_ioctl_object_invoke_arg, num_params) == 16,
	      "num_params");
static_assert(offsetof(struct tee_ioctl_object_invoke_arg, params) == 24,
	      "params");
