/* Referrals, the vertrouwenspersoon's confidential entries, a case opened
 * from suspicions, and the audit log of a case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/apiutil.h"
#include "app/casework.h"
#include "app/confidential.h"
#include "app/referralforms.h"
#include "core/school_protocol.h"
#include "store/extra.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"
#include "web/layout.h"

/* Authenticates, loads the case of the URL and parses the body; 0 after answering. */
static int begin(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case *lc, json_t **j)
{
	if (!pw_api_open_case(r, a, lc))
		return 0;
	return j == NULL || (*j = pw_api_body(r)) != NULL;
}

static const char *str(json_t *j, const char *key, size_t max)
{
	json_t *v = json_object_get(j, key);
	if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > max ||
	    !pw_utf8_valid_text(json_string_value(v), json_string_length(v)))
		return NULL;
	return json_string_value(v);
}

/* The checks and the write are the operation's (app/referralforms.c), which
 * the case page uses too; here only the JSON is read and answered. */
void pw_h_api_case_referral(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	struct pw_err err;
	if (!begin(r, &a, &lc, &j))
		goto out;
	json_t *st = json_object_get(j, "student"), *uj = json_object_get(j, "user");
	struct pw_rf_referral in = {
		.to = str(j, "to", 60),
		.student = json_is_integer(st) ? json_integer_value(st) : 0,
		.user = json_is_integer(uj) ? json_integer_value(uj) : 0,
		.note = json_is_string(json_object_get(j, "note")) ? str(j, "note", 5000) : NULL,
	};
	int64_t id, user;
	if (pw_rf_refer(r->app->store, &r->arena, &a, &lc, &in, &id, &user, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		goto out;
	}
	pw_resp_json(r, 201, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id, "to", in.to, "user", (json_int_t)user));
out:
	json_decref(j);
}

/* ---- confidential entries ---- */

void pw_h_api_case_confidential(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	struct pw_err err;
	if (!begin(r, &a, &lc, &j))
		goto out;
	json_t *st = json_object_get(j, "student"), *tx = json_object_get(j, "text");
	if (st && !json_is_null(st) && (!json_is_integer(st) || json_integer_value(st) <= 0)) {
		pw_api_fail(r, PW_EINVAL, "student", "Kies een leerling van de casus.");
		goto out;
	}
	if (tx && !json_is_string(tx)) {
		pw_api_fail(r, PW_EINVAL, "text", "Schrijf de aantekening (text).");
		goto out;
	}
	int64_t id;
	if (pw_conf_add(r->app->store, &a, &lc, json_is_integer(st) ? json_integer_value(st) : 0, json_string_value(tx), &id,
			&err) != PW_OK) {
		pw_resp_error_json(r, &err);
		goto out;
	}
	pw_resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
out:
	json_decref(j);
}

void pw_h_api_case_confidential_consent(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	struct pw_err err;
	if (!begin(r, &a, &lc, &j))
		goto out;
	json_t *sw = json_object_get(j, "shared_with");
	size_t n = json_is_array(sw) ? json_array_size(sw) : 0;
	int64_t *users = pw_calloc(&r->arena, n ? n : 1, sizeof *users);
	for (size_t i = 0; i < n; i++) {
		json_t *u = json_array_get(sw, i);
		users[i] = json_is_integer(u) ? json_integer_value(u) : -1;
	}
	if (pw_conf_consent(r->app->store, &r->arena, &a, &lc, pw_api_id(r->params[1]), users, n, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		goto out;
	}
	pw_resp_json(r, 201, json_pack("{s:I, s:I}", "id", (json_int_t)pw_api_id(r->params[1]), "shared", (json_int_t)n));
out:
	json_decref(j);
}

void pw_h_api_case_confidential_list(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	if (!begin(r, &a, &lc, NULL))
		return;
	struct pw_confidential *v;
	size_t n;
	if (pw_store_confidential_for(r->app->store, &r->arena, lc.row.id, a.user_id, &v, &n, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		char ts[32];
		pw_time_rfc3339(v[i].created_at, ts, sizeof ts);
		json_array_append_new(items, json_pack("{s:I, s:I, s:I, s:s, s:s}", "id", (json_int_t)v[i].id, "student",
						       (json_int_t)v[i].student_id, "author", (json_int_t)v[i].author_id, "text",
						       v[i].text, "at", ts));
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* ---- the audit log ---- */

void pw_h_api_audit(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	const char *cs = pw_req_query(r, "case");
	int64_t id = pw_api_id(cs);
	if (id == 0) {
		pw_api_fail(r, PW_EINVAL, "case", "Geef de casus: ?case=ID.");
		return;
	}
	/* Whether one reads the audit log at all is decided before the case is
	 * opened (which is itself an audited read). */
	bool any = false;
	for (size_t i = 0; i < a.nfuncties && !any; i++) {
		const struct pw_protocol *sp = pw_school_protocol(r->app->store, a.functies[i].school_id, NULL, &err);
		any = sp && pw_reads_audit(&a, sp, a.functies[i].school_id);
	}
	if (!any) {
		pw_api_fail(r, PW_EFORBID, NULL, "Het auditlog lezen mag het MT (management).");
		return;
	}
	if (pw_case_open(r->app->store, &r->arena, &a, id, &lc, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_case_done(&lc);
	if (!pw_reads_audit(&a, lc.p, lc.row.school_id)) {
		pw_api_fail(r, PW_EFORBID, NULL, "Het auditlog lezen mag het MT (management).");
		return;
	}
	int limit, offset;
	if (!pw_api_paging(r, &limit, &offset))
		return;
	struct pw_audit_row *v;
	size_t n;
	if (pw_store_audit_of(r->app->store, &r->arena, "case", id, limit, offset, &v, &n, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		char ts[32];
		pw_time_rfc3339(v[i].at_ms / 1000, ts, sizeof ts);
		json_array_append_new(items, json_pack("{s:s, s:I, s:s, s:s, s:s}", "at", ts, "user", (json_int_t)v[i].user_id,
						       "login", v[i].login, "action", v[i].action, "detail", v[i].detail));
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}
