/* The beheerder's API: school years with holidays, classes with mentors,
 * accounts with functies (what the CLI and the Beheer pages also do). */
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "auth/auth.h"
#include "auth/password.h"
#include "core/calendar.h"
#include "core/staff.h"
#include "store/people.h"
#include "web/app.h"
#include "web/layout.h"

/* Authenticates, resolves the school (the `school` code, or the beheerder's
 * only school) and checks PW_ACT_ADMIN there. 1 when the handler may go on. */
static int admin_begin(struct pw_req *r, struct pw_actor *a, const char *code, struct pw_school *sc)
{
	struct pw_err err;
	if (!pw_api_auth(r, a))
		return 0;
	if (code == NULL) {
		int count;
		int64_t only = pw_actor_managed_school(a, &count);
		if (count == 0) {
			pw_access(a, PW_ACT_ADMIN, 0, &err);
			pw_resp_error_json(r, &err);
			return 0;
		}
		if (count > 1) {
			pw_err_field(&err, PW_EINVAL, "school", "you manage several schools: say which with school (its code)");
			pw_resp_error_json(r, &err);
			return 0;
		}
		if (pw_store_school_by_id(r->app->store, &r->arena, only, sc, &err) != PW_OK) {
			pw_resp_error_json(r, &err);
			return 0;
		}
	} else if (pw_store_school_get(r->app->store, &r->arena, code, sc, &err) != PW_OK) {
		err.code = PW_EINVAL;
		snprintf(err.field, sizeof err.field, "school");
		pw_resp_error_json(r, &err);
		return 0;
	}
	if (pw_access(a, PW_ACT_ADMIN, sc->id, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return 0;
	}
	return 1;
}

static json_t *body(struct pw_req *r)
{
	struct pw_err err;
	json_t *j = pw_json_parse_body(r->body.data ? r->body.data : "", r->body.len, &err);
	if (j == NULL)
		pw_resp_error_json(r, &err);
	return j;
}

/* A required string field, valid UTF-8 text of 1..max bytes; NULL after answering 400. */
static const char *str_field(struct pw_req *r, json_t *j, const char *name, size_t max, int required)
{
	struct pw_err err;
	json_t *v = json_object_get(j, name);
	if (v == NULL || json_is_null(v)) {
		if (!required)
			return "";
		pw_err_field(&err, PW_EINVAL, name, "%s is required", name);
	} else if (!json_is_string(v)) {
		pw_err_field(&err, PW_EINVAL, name, "%s must be text", name);
	} else {
		const char *s = json_string_value(v);
		size_t n = json_string_length(v);
		if (required && n == 0)
			pw_err_field(&err, PW_EINVAL, name, "%s must not be empty", name);
		else if (n > max)
			pw_err_field(&err, PW_EINVAL, name, "%s is at most %zu characters", name, max);
		else if (!pw_utf8_valid_text(s, n))
			pw_err_field(&err, PW_EINVAL, name, "%s holds control characters", name);
		else
			return s;
	}
	pw_resp_error_json(r, &err);
	return NULL;
}

static const char *date_field(struct pw_req *r, json_t *j, const char *name)
{
	const char *s = str_field(r, j, name, 10, 1);
	pw_day d;
	struct pw_err err;
	if (s && pw_day_parse(s, &d) != 0) {
		pw_err_field(&err, PW_EINVAL, name, "%s must be a date YYYY-MM-DD", name);
		pw_resp_error_json(r, &err);
		return NULL;
	}
	return s;
}

static void fail(struct pw_req *r, struct pw_err *err)
{
	pw_store_rollback(r->app->store);
	pw_resp_error_json(r, err);
}

/* ---- school years ---- */

void pw_h_admin_schoolyears(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_school sc;
	struct pw_err err;
	if (!admin_begin(r, &a, pw_req_query(r, "school"), &sc))
		return;
	struct pw_schoolyear *sy;
	size_t n;
	if (pw_store_schoolyear_list(r->app->store, &r->arena, sc.id, &sy, &n, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct pw_holiday *h;
		size_t nh;
		json_t *hol = json_array();
		if (pw_store_holiday_list(r->app->store, &r->arena, sy[i].id, &h, &nh, &err) == PW_OK)
			for (size_t k = 0; k < nh; k++)
				json_array_append_new(hol, json_pack("{s:s, s:s, s:s}", "name", h[k].name, "start_on", h[k].start_on,
								     "end_on", h[k].end_on));
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)sy[i].id, "school",
						       sc.code, "name", sy[i].name, "start_on", sy[i].start_on, "end_on",
						       sy[i].end_on, "holidays", hol));
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

void pw_h_admin_schoolyear_add(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_school sc;
	struct pw_err err;
	json_t *j = body(r);
	if (j == NULL)
		return;
	json_t *sj = json_object_get(j, "school");
	const char *name, *start, *end;
	if (!admin_begin(r, &a, json_is_string(sj) ? json_string_value(sj) : NULL, &sc) ||
	    !(name = str_field(r, j, "name", 9, 1)) || !(start = date_field(r, j, "start_on")) ||
	    !(end = date_field(r, j, "end_on")))
		goto out;
	int first;
	pw_day ds, de;
	pw_day_parse(start, &ds);
	pw_day_parse(end, &de);
	int y, m, d;
	pw_day_to_ymd(ds, &y, &m, &d);
	if (pw_schoolyear_name_parse(name, &first) != 0 || first != y) {
		pw_err_field(&err, PW_EINVAL, "name", "name must be like \"%d-%d\" (the years it spans, from start_on)", y, y + 1);
		pw_resp_error_json(r, &err);
		goto out;
	}
	if (de <= ds || de - ds > 400) {
		pw_err_field(&err, PW_EINVAL, "end_on", "end_on must come after start_on, within about a year");
		pw_resp_error_json(r, &err);
		goto out;
	}
	json_t *hol = json_object_get(j, "holidays");
	if (hol && !json_is_array(hol)) {
		pw_err_field(&err, PW_EINVAL, "holidays", "holidays must be a list of {name, start_on, end_on}");
		pw_resp_error_json(r, &err);
		goto out;
	}
	size_t nh = hol ? json_array_size(hol) : 0;
	struct pw_holiday *hs = pw_calloc(&r->arena, nh ? nh : 1, sizeof *hs);
	for (size_t i = 0; i < nh; i++) {
		json_t *h = json_array_get(hol, i);
		pw_day hf, ht;
		if (!json_is_object(h) || !(hs[i].name = str_field(r, h, "name", 100, 1)) ||
		    !(hs[i].start_on = date_field(r, h, "start_on")) || !(hs[i].end_on = date_field(r, h, "end_on")))
			goto out_maybe;
		pw_day_parse(hs[i].start_on, &hf);
		pw_day_parse(hs[i].end_on, &ht);
		if (ht < hf || hf < ds || ht > de + 60) {
			pw_err_field(&err, PW_EINVAL, "holidays",
				     "holiday \"%s\" must end on or after its start and fall within the school year", hs[i].name);
			pw_resp_error_json(r, &err);
			goto out;
		}
	}
	int64_t id;
	if (pw_store_begin(r->app->store, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		goto out;
	}
	if (pw_store_schoolyear_add(r->app->store, sc.id, name, start, end, &id, &err) != PW_OK ||
	    pw_store_holidays_set(r->app->store, id, hs, nh, &err) != PW_OK ||
	    pw_store_audit_change(r->app->store, a.user_id, "create", "schoolyear", id, NULL, &err) != PW_OK ||
	    pw_store_commit(r->app->store, &err) != PW_OK) {
		fail(r, &err);
		goto out;
	}
	pw_resp_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name));
	goto out;
out_maybe:
	if (r->status == 0) {
		pw_err_field(&err, PW_EINVAL, "holidays", "each holiday is {name, start_on, end_on}");
		pw_resp_error_json(r, &err);
	}
out:
	json_decref(j);
}

/* ---- classes ---- */

static int year_of(struct pw_req *r, const struct pw_school *sc, const char *name, struct pw_schoolyear *sy)
{
	struct pw_err err;
	enum pw_status st = name ? pw_store_schoolyear_get(r->app->store, &r->arena, sc->id, name, sy, &err)
				 : pw_store_schoolyear_at(r->app->store, &r->arena, sc->id, pw_today(r), sy, &err);
	if (st != PW_OK) {
		if (st == PW_ENOTFOUND) {
			err.code = PW_EINVAL;
			snprintf(err.field, sizeof err.field, "schoolyear");
		}
		pw_resp_error_json(r, &err);
		return 0;
	}
	return 1;
}

void pw_h_admin_classes(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_school sc;
	struct pw_schoolyear sy;
	struct pw_err err;
	if (!admin_begin(r, &a, pw_req_query(r, "school"), &sc) || !year_of(r, &sc, pw_req_query(r, "schoolyear"), &sy))
		return;
	struct pw_class *c;
	size_t n;
	if (pw_store_class_list(r->app->store, &r->arena, sy.id, &c, &n, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *mentors = json_array();
		for (int k = 0; k < 2; k++) {
			struct pw_user u;
			if (c[i].mentor[k] && pw_store_user_get(r->app->store, &r->arena, c[i].mentor[k], &u, &err) == PW_OK)
				json_array_append_new(mentors, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)u.id, "login", u.login,
									 "name", u.name));
		}
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:i, s:s, s:o, s:i}", "id", (json_int_t)c[i].id,
						       "schoolyear", sy.name, "name", c[i].name, "year", c[i].year,
						       "department", c[i].department, "mentors", mentors, "students",
						       c[i].students));
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

void pw_h_admin_class_put(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_school sc;
	struct pw_schoolyear sy;
	struct pw_err err;
	json_t *j = body(r);
	if (j == NULL)
		return;
	json_t *sj = json_object_get(j, "school"), *yj = json_object_get(j, "schoolyear");
	const char *name, *dep;
	if (!admin_begin(r, &a, json_is_string(sj) ? json_string_value(sj) : NULL, &sc) ||
	    !year_of(r, &sc, json_is_string(yj) ? json_string_value(yj) : NULL, &sy) ||
	    !(name = str_field(r, j, "name", 20, 1)) || !(dep = str_field(r, j, "department", 60, 0)))
		goto out;
	json_t *yr = json_object_get(j, "year"), *mj = json_object_get(j, "mentors");
	if (!json_is_integer(yr) || json_integer_value(yr) < 1 || json_integer_value(yr) > 8) {
		pw_err_field(&err, PW_EINVAL, "year", "year must be a number from 1 to 8 (leerjaar, or groep at a primary school)");
		pw_resp_error_json(r, &err);
		goto out;
	}
	if (!json_is_array(mj) || json_array_size(mj) < 1 || json_array_size(mj) > 2) {
		pw_err_field(&err, PW_EINVAL, "mentors", "mentors must list one or two logins");
		pw_resp_error_json(r, &err);
		goto out;
	}
	int64_t m[2] = {0, 0};
	for (size_t i = 0; i < json_array_size(mj); i++) {
		json_t *l = json_array_get(mj, i);
		struct pw_user u;
		if (!json_is_string(l) || pw_store_user_by_login(r->app->store, &r->arena, json_string_value(l), &u, &err) != PW_OK) {
			pw_err_field(&err, PW_EINVAL, "mentors", "mentor \"%s\" is not an account; add it first",
				     json_is_string(l) ? json_string_value(l) : "?");
			pw_resp_error_json(r, &err);
			goto out;
		}
		m[i] = u.id;
	}
	int64_t id;
	enum pw_change ch1, ch2;
	if (pw_store_begin(r->app->store, &err) != PW_OK ||
	    pw_store_class_upsert(r->app->store, sy.id, name, (int)json_integer_value(yr), dep, &id, &ch1, &err) != PW_OK ||
	    pw_store_class_set_mentors(r->app->store, id, m[0], m[1], &ch2, &err) != PW_OK ||
	    pw_store_audit_change(r->app->store, a.user_id, ch1 == PW_NEW ? "create" : "update", "class", id, NULL, &err) != PW_OK ||
	    pw_store_commit(r->app->store, &err) != PW_OK) {
		fail(r, &err);
		goto out;
	}
	pw_resp_json(r, ch1 == PW_NEW ? 201 : 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name));
out:
	json_decref(j);
}

/* ---- accounts ---- */

void pw_h_admin_users(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_school sc;
	struct pw_err err;
	if (!admin_begin(r, &a, pw_req_query(r, "school"), &sc))
		return;
	struct pw_user *u;
	size_t n;
	if (pw_store_user_list(r->app->store, &r->arena, &u, &n, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct pw_user_functie *f;
		size_t nf;
		if (pw_store_user_functies(r->app->store, &r->arena, u[i].id, &f, &nf, &err) != PW_OK ||
		    !pw_manages_account(sc.id, f, nf))
			continue;
		json_t *fs = json_array();
		for (size_t k = 0; k < nf; k++)
			if (f[k].school_id == sc.id)
				json_array_append_new(fs, json_pack("{s:s, s:s}", "functie", f[k].functie, "department",
								    f[k].department));
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s?, s:o, s:b}", "id", (json_int_t)u[i].id, "login",
						       u[i].login, "name", u[i].name, "email", u[i].email, "functies", fs,
						       "disabled", u[i].disabled));
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items)));
}

/* Whether the beheerder of school manages the account (auth decides). */
static bool account_at(struct pw_req *r, int64_t user, int64_t school)
{
	struct pw_err err;
	struct pw_user_functie *f;
	size_t nf;
	if (pw_store_user_functies(r->app->store, &r->arena, user, &f, &nf, &err) != PW_OK)
		return false;
	return pw_manages_account(school, f, nf);
}

void pw_h_admin_user_add(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_school sc;
	struct pw_err err;
	json_t *j = body(r);
	if (j == NULL)
		return;
	json_t *sj = json_object_get(j, "school"), *fj = json_object_get(j, "functies");
	const char *login, *name, *email, *dep, *pw;
	if (!admin_begin(r, &a, json_is_string(sj) ? json_string_value(sj) : NULL, &sc) ||
	    !(login = str_field(r, j, "login", 64, 1)) || !(name = str_field(r, j, "name", 200, 1)) ||
	    !(email = str_field(r, j, "email", 200, 0)) || !(dep = str_field(r, j, "department", 60, 0)) ||
	    !(pw = str_field(r, j, "password", PW_PASSWORD_MAX, 0)))
		goto out;
	for (const char *p = login; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')) {
			pw_err_field(&err, PW_EINVAL, "login", "login may hold a-z, 0-9, . - _ only");
			pw_resp_error_json(r, &err);
			goto out;
		}
	if (!json_is_array(fj) || json_array_size(fj) == 0 || json_array_size(fj) > 16) {
		pw_err_field(&err, PW_EINVAL, "functies", "functies must list one or more functie keys");
		pw_resp_error_json(r, &err);
		goto out;
	}
	const char *keys[16];
	size_t nk = json_array_size(fj);
	for (size_t i = 0; i < nk; i++) {
		keys[i] = json_string_value(json_array_get(fj, i));
		if (keys[i] == NULL) {
			pw_err_field(&err, PW_EINVAL, "functies", "functies must be text keys");
			pw_resp_error_json(r, &err);
			goto out;
		}
	}
	char hash[256] = "";
	if (pw[0] && (pw_password_check(pw, login, name, &err) != PW_OK || pw_password_hash(pw, hash, sizeof hash, &err) != PW_OK)) {
		pw_resp_error_json(r, &err);
		goto out;
	}
	struct pw_user in = {.login = login, .name = name, .email = email, .password_hash = hash[0] ? hash : NULL};
	int64_t id;
	if (pw_store_begin(r->app->store, &err) != PW_OK || pw_store_user_add(r->app->store, &in, &id, &err) != PW_OK ||
	    pw_staff_set_functies(r->app->store, &r->arena, id, sc.id, keys, nk, dep, NULL, NULL, &err) != PW_OK ||
	    pw_store_audit_change(r->app->store, a.user_id, "create", "account", id, NULL, &err) != PW_OK ||
	    pw_store_commit(r->app->store, &err) != PW_OK) {
		fail(r, &err);
		goto out;
	}
	pw_resp_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "login", login));
out:
	json_decref(j);
}

void pw_h_admin_user_disable(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_school sc;
	struct pw_err err;
	json_t *j = body(r);
	if (j == NULL)
		return;
	json_t *sj = json_object_get(j, "school"), *dj = json_object_get(j, "disabled");
	char *end;
	long long id = strtoll(r->params[0], &end, 10);
	if (!admin_begin(r, &a, json_is_string(sj) ? json_string_value(sj) : NULL, &sc))
		goto out;
	if (*end || id <= 0) {
		pw_err_set(&err, PW_ENOTFOUND, "no such account");
		pw_resp_error_json(r, &err);
		goto out;
	}
	if (!json_is_boolean(dj)) {
		pw_err_field(&err, PW_EINVAL, "disabled", "disabled must be true or false");
		pw_resp_error_json(r, &err);
		goto out;
	}
	struct pw_user u;
	if (pw_store_user_get(r->app->store, &r->arena, id, &u, &err) != PW_OK || !account_at(r, id, sc.id)) {
		pw_err_set(&err, PW_ENOTFOUND, "no such account at this school");
		pw_resp_error_json(r, &err);
		goto out;
	}
	if (pw_store_user_disable(r->app->store, id, json_is_true(dj), &err) != PW_OK ||
	    pw_store_audit_change_now(r->app->store, a.user_id, json_is_true(dj) ? "disable" : "enable", "account", id, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		goto out;
	}
	pw_resp_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "disabled", json_is_true(dj)));
out:
	json_decref(j);
}
