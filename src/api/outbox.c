/* The outbox through the API: the beheerder sees mail that could not be
 * delivered (GET /api/v1/admin/outbox?status=failed) and puts a row back in
 * the queue after fixing an address; every user sets how they get mail
 * (GET and POST /api/v1/me/mail). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "api/apiutil.h"
#include "auth/auth.h"
#include "store/outbox.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"

/* Authenticates and resolves the school the beheerder asks about (the
 * `school` code, or their only school); 0 when the answer was sent. */
static int admin_school(struct pw_req *r, struct pw_actor *a, int64_t *school_id)
{
	struct pw_err err;
	if (!pw_api_auth(r, a))
		return 0;
	const char *code = pw_req_query(r, "school");
	int64_t id = 0;
	if (code != NULL) {
		struct pw_school sc;
		if (pw_store_school_get(r->app->store, &r->arena, code, &sc, &err) != PW_OK) {
			pw_err_field(&err, PW_EINVAL, "school", "no school with code %s", code);
			pw_resp_error_json(r, &err);
			return 0;
		}
		id = sc.id;
	} else {
		int count;
		id = pw_actor_managed_school(a, &count);
		if (count > 1) {
			pw_err_field(&err, PW_EINVAL, "school", "you manage several schools: say which with school (its code)");
			pw_resp_error_json(r, &err);
			return 0;
		}
	}
	if (pw_access(a, PW_ACT_ADMIN, id, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return 0;
	}
	*school_id = id;
	return 1;
}


/* GET /api/v1/admin/outbox[?status=pending|sent|failed][&school=CODE][&limit=N]:
 * newest first. The body is shown too: it holds a link, never case content. */
void pw_h_api_outbox(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	int64_t school;
	int limit, offset;
	if (!admin_school(r, &a, &school) || !pw_api_paging(r, &limit, &offset))
		return;
	const char *status = pw_req_query(r, "status");
	if (status && strcmp(status, "pending") != 0 && strcmp(status, "sent") != 0 && strcmp(status, "failed") != 0) {
		pw_err_field(&err, PW_EINVAL, "status", "status is pending, sent or failed");
		pw_resp_error_json(r, &err);
		return;
	}
	struct pw_outbox_row *v;
	size_t n;
	/* The list is newest first and bounded; paging slices it here. */
	if (pw_store_outbox_list(r->app->store, &r->arena, status, school, 10000, &v, &n, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = (size_t)offset; i < n && json_array_size(items) < (size_t)limit; i++)
		json_array_append_new(
			items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)v[i].id,
					 "kind", v[i].kind, "recipient", v[i].recipient, "subject", v[i].subject, "body",
					 v[i].body, "status", v[i].status, "attempts", (json_int_t)v[i].attempts,
					 "last_error", v[i].last_error ? json_string(v[i].last_error) : json_null(),
					 "next_attempt_at", strcmp(v[i].status, "pending") == 0 ? pw_api_time(v[i].next_attempt_at) : json_null(),
					 "created_at", pw_api_time(v[i].created_at), "sent_at", pw_api_time(v[i].sent_at),
					 "user", v[i].user_id ? json_integer(v[i].user_id) : json_null()));
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* POST /api/v1/admin/outbox/{id}/retry: send a failed mail again now. */
void pw_h_api_outbox_retry(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	int64_t school;
	if (!admin_school(r, &a, &school))
		return;
	char *end;
	const char *p = r->params[0];
	long long id = p ? strtoll(p, &end, 10) : 0;
	if (p == NULL || *p == '\0' || *end != '\0' || id <= 0) {
		pw_err_set(&err, PW_ENOTFOUND, "no such mail");
		pw_resp_error_json(r, &err);
		return;
	}
	/* Only a row of this school's people: the list's own filter decides. */
	struct pw_outbox_row *v;
	size_t n;
	bool mine = false;
	if (pw_store_outbox_list(r->app->store, &r->arena, NULL, school, 100000, &v, &n, &err) == PW_OK)
		for (size_t i = 0; i < n && !mine; i++)
			mine = v[i].id == id;
	if (!mine) {
		pw_err_set(&err, PW_ENOTFOUND, "no such mail");
		pw_resp_error_json(r, &err);
		return;
	}
	if (pw_store_outbox_retry(r->app->store, id, pw_now(), &err) != PW_OK ||
	    pw_store_audit_change_now(r->app->store, a.user_id, "retry", "outbox", id, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "pending"));
}

/* GET /api/v1/me/mail: how the user gets mail. */
void pw_h_api_mail_pref(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	const char *notices, *overdue;
	if (!pw_api_auth(r, &a))
		return;
	if (pw_store_mail_pref_get(r->app->store, &r->arena, a.user_id, &notices, &overdue, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, 200, json_pack("{s:s, s:s}", "notices", notices, "overdue", overdue));
}

static bool one_of(const char *s, const char *const *v)
{
	for (; *v; v++)
		if (strcmp(s, *v) == 0)
			return true;
	return false;
}

/* POST /api/v1/me/mail {"notices": "direct"|"digest"|"none", "overdue": "digest"|"none"};
 * a field left out keeps its value. */
void pw_h_api_mail_pref_set(struct pw_req *r)
{
	static const char *const NOTICES[] = {"direct", "digest", "none", NULL};
	static const char *const OVERDUE[] = {"digest", "none", NULL};
	struct pw_actor a;
	struct pw_err err;
	const char *notices, *overdue;
	if (!pw_api_auth(r, &a))
		return;
	json_t *j = pw_json_parse_body(r->body.data ? r->body.data : "", r->body.len, &err);
	if (j == NULL) {
		pw_resp_error_json(r, &err);
		return;
	}
	if (pw_store_mail_pref_get(r->app->store, &r->arena, a.user_id, &notices, &overdue, &err) != PW_OK)
		goto fail;
	json_t *nv = json_object_get(j, "notices"), *ov = json_object_get(j, "overdue");
	if (nv && (!json_is_string(nv) || !one_of(json_string_value(nv), NOTICES))) {
		pw_err_field(&err, PW_EINVAL, "notices", "notices is direct, digest or none");
		goto fail;
	}
	if (ov && (!json_is_string(ov) || !one_of(json_string_value(ov), OVERDUE))) {
		pw_err_field(&err, PW_EINVAL, "overdue", "overdue is digest or none");
		goto fail;
	}
	if (nv)
		notices = pw_strdup(&r->arena, json_string_value(nv));
	if (ov)
		overdue = pw_strdup(&r->arena, json_string_value(ov));
	if (pw_store_mail_pref_set(r->app->store, a.user_id, notices, overdue, &err) != PW_OK)
		goto fail;
	json_decref(j);
	pw_resp_json(r, 200, json_pack("{s:s, s:s}", "notices", notices, "overdue", overdue));
	return;
fail:
	json_decref(j);
	pw_resp_error_json(r, &err);
}
