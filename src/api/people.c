/* GET /api/v1/me and GET /api/v1/students. */
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "store/cases.h"
#include "store/people.h"
#include "web/app.h"
#include "web/layout.h"

/* Authenticates an API request or answers 401/403; 1 when it may go on. */
int pw_api_auth(struct pw_req *r, struct pw_actor *a)
{
	struct pw_err err;
	if (pw_auth_request(r, a, 1, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return 0;
	}
	return 1;
}

/* Parses limit and offset per API.md: limit default 50, at most 500. */
int pw_api_paging(struct pw_req *r, int *limit, int *offset)
{
	const char *l = pw_req_query(r, "limit"), *o = pw_req_query(r, "offset");
	char *end;
	struct pw_err err;
	*limit = 50;
	*offset = 0;
	if (l) {
		long v = strtol(l, &end, 10);
		if (*l == '\0' || *end || v < 1 || v > 500) {
			pw_err_field(&err, PW_EINVAL, "limit", "limit must be a number from 1 to 500");
			pw_resp_error_json(r, &err);
			return 0;
		}
		*limit = (int)v;
	}
	if (o) {
		long v = strtol(o, &end, 10);
		if (*o == '\0' || *end || v < 0 || v > 100000000) {
			pw_err_field(&err, PW_EINVAL, "offset", "offset must be a number of 0 or more");
			pw_resp_error_json(r, &err);
			return 0;
		}
		*offset = (int)v;
	}
	return 1;
}

void pw_h_api_me(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	json_t *functies = json_array();
	for (size_t i = 0; i < a.nfuncties; i++) {
		int seen = 0;
		for (size_t k = 0; k < i; k++)
			seen |= strcmp(a.functies[k].functie, a.functies[i].functie) == 0;
		if (!seen)
			json_array_append_new(functies, json_string(a.functies[i].functie));
	}
	json_t *classes = json_array();
	struct pw_class *cls;
	size_t n;
	if (pw_store_user_classes(r->app->store, &r->arena, a.user_id, pw_today(r), &cls, &n, &err) != PW_OK) {
		json_decref(functies);
		json_decref(classes);
		pw_resp_error_json(r, &err);
		return;
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(classes, json_string(cls[i].name));
	pw_resp_json(r, 200,
		     json_pack("{s:I, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)a.user_id, "login", a.login, "name", a.name,
			       "functies", functies, "classes", classes, "lang", a.lang));
}

/* The name of a mentor, looked up once per request. */
struct name_cache {
	int64_t id[16];
	const char *name[16];
	int n;
};

static const char *mentor_name(struct pw_req *r, struct name_cache *c, int64_t id)
{
	for (int i = 0; i < c->n; i++)
		if (c->id[i] == id)
			return c->name[i];
	struct pw_user u;
	struct pw_err err;
	const char *name = pw_store_user_get(r->app->store, &r->arena, id, &u, &err) == PW_OK ? u.name : "";
	if (c->n < 16) {
		c->id[c->n] = id;
		c->name[c->n++] = name;
	}
	return name;
}

void pw_h_api_students(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	if (pw_access(&a, PW_ACT_STUDENT_FIND, 0, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	struct pw_student_query q = {.user_id = a.user_id, .day = pw_today(r)};
	q.q = pw_req_query(r, "q");
	q.class_name = pw_req_query(r, "class");
	if (q.q && strlen(q.q) > 100) {
		pw_err_field(&err, PW_EINVAL, "q", "q is at most 100 characters");
		pw_resp_error_json(r, &err);
		return;
	}
	if (!pw_api_paging(r, &q.limit, &q.offset))
		return;
	struct pw_student *st;
	size_t n;
	int64_t total;
	if (pw_store_student_search(r->app->store, &r->arena, &q, &st, &n, &total, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	struct name_cache cache = {.n = 0};
	int64_t *ids = pw_calloc(&r->arena, n + 1, sizeof *ids), *owners = pw_calloc(&r->arena, n + 1, sizeof *owners);
	bool *att = pw_calloc(&r->arena, n + 1, sizeof *att);
	for (size_t i = 0; i < n; i++)
		ids[i] = st[i].id;
	if (pw_store_students_attention(r->app->store, &r->arena, ids, n, att, owners, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *mentors = json_array();
		for (int k = 0; k < 2; k++)
			if (st[i].mentor[k])
				json_array_append_new(mentors, json_pack("{s:I, s:s}", "id", (json_int_t)st[i].mentor[k], "name",
									 mentor_name(r, &cache, st[i].mentor[k])));
		/* Every colleague sees that a student is in an open case, and whom to
		 * contact: never what it is about (PROTOCOL.md section 6). */
		int64_t owner = owners[i];
		json_t *attention = json_null();
		if (att[i]) {
			const char *who = owner ? mentor_name(r, &cache, owner) : NULL;
			attention = json_pack("{s:I, s:s?, s:s}", "owner", (json_int_t)owner, "owner_name", who, "text",
					      who ? pw_printf(&r->arena, "Let op: neem contact op met %s.", who)
						  : "Let op: neem contact op met de CLZ.");
		}
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:i, s:o, s:o}", "id", (json_int_t)st[i].id, "name",
						       pw_student_name(&r->arena, &st[i]), "class", st[i].class_name, "year",
						       st[i].year, "mentors", mentors, "attention", attention));
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}
