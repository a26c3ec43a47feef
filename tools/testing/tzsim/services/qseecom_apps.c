// SPDX-License-Identifier: GPL-2.0
/*
 * The QSEECOM app registry: find an app by name or id, check a table.
 * Pure code (the table is a parameter): also built into the host unit
 * tests; services/qseecom.c passes the DECLARE_QSEECOM_APP() table.
 */
#include <tzsim/qseecom.h>

const struct qseecom_app *qseecom_app_by_name(const struct qseecom_app *apps,
					      size_t n, const char *name,
					      size_t len)
{
	size_t i;

	/* The normal world sends no NUL: compare lengths, then bytes. */
	for (i = 0; i < n; i++)
		if (strlen(apps[i].name) == len &&
		    !memcmp(apps[i].name, name, len))
			return &apps[i];
	return NULL;
}

const struct qseecom_app *qseecom_app_by_id(const struct qseecom_app *apps,
					    size_t n, uint64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (apps[i].id == id)
			return &apps[i];
	return NULL;
}

int qseecom_apps_check(const struct qseecom_app *apps, size_t n, char *why,
		       size_t whylen)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct qseecom_app *a = &apps[i];
		size_t len = a->name ? strlen(a->name) : 0;

		if (!len || len > QSEECOM_APP_NAME_MAX || !a->id ||
		    !a->handler) {
			tz_snprintf(why, whylen,
				    "app %zu ('%s', id %u): needs a name of 1..%d characters, an id and a handler",
				    i, a->name ? a->name : "", a->id,
				    QSEECOM_APP_NAME_MAX);
			return -1;
		}
		for (j = 0; j < i; j++) {
			if (apps[j].id == a->id ||
			    !strcmp(apps[j].name, a->name)) {
				tz_snprintf(why, whylen,
					    "apps '%s' (id %u) and '%s' (id %u) share a name or id",
					    apps[j].name, apps[j].id, a->name,
					    a->id);
				return -1;
			}
		}
	}
	return 0;
}

void qseecom_name_printable(const uint8_t *name, size_t len, char *out,
			    size_t outlen)
{
	size_t i;

	if (!outlen)
		return;
	for (i = 0; i < len && i + 1 < outlen; i++)
		out[i] = name[i] >= 0x20 && name[i] < 0x7f && name[i] != '\'' ?
			 (char)name[i] : '?';
	out[i] = '\0';
}
