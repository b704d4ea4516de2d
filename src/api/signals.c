/* POST /api/v1/signals, GET /api/v1/signals: signals (meldingen) and suspicions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/casework.h"
#include "app/opencase.h"
#include "core/school_protocol.h"
#include "web/app.h"
#include "web/layout.h"

/* Reads an array of strings into the arena; NULL (and an error) when it is
 * not one. A missing field is an empty list. */
static const char **str_list(struct pw_arena *a, json_t *o, const char *key, size_t *n, struct pw_err *err)
{
	json_t *v = json_object_get(o, key);
	*n = 0;
	if (v == NULL || json_is_null(v))
		return pw_calloc(a, 1, sizeof(char *));
	if (!json_is_array(v) || json_array_size(v) > 64) {
		pw_err_field(err, PW_EINVAL, key, "%s moet een lijst van sleutels zijn.", key);
		return NULL;
	}
	const char **out = pw_calloc(a, json_array_size(v) + 1, sizeof *out);
	for (size_t i = 0; i < json_array_size(v); i++) {
		const char *s = json_string_value(json_array_get(v, i));
		if (s == NULL) {
			pw_err_field(err, PW_EINVAL, key, "%s moet een lijst van sleutels (tekst) zijn.", key);
			return NULL;
		}
		out[(*n)++] = s;
	}
	return out;
}

static const char *opt_str(json_t *o, const char *key, struct pw_err *err, int *bad)
{
	json_t *v = json_object_get(o, key);
	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		pw_err_field(err, PW_EINVAL, key, "%s moet tekst zijn.", key);
		*bad = 1;
		return NULL;
	}
	return json_string_value(v);
}

/* Turns a request body into a signal; the protocol-keyed parts go to *data
 * (a new reference) as they will be stored. */
enum pw_status pw_api_parse_signal(struct pw_arena *a, const struct pw_protocol *p, json_t *j, struct pw_signal *s,
				   json_t **data, struct pw_err *err);

enum pw_status pw_api_parse_signal(struct pw_arena *a, const struct pw_protocol *p, json_t *j, struct pw_signal *s,
				   json_t **data, struct pw_err *err)
{
	int bad = 0;
	memset(s, 0, sizeof *s);
	*data = NULL;
	s->occurred_on = opt_str(j, "occurred_on", err, &bad);
	s->location = opt_str(j, "location", err, &bad);
	s->description = opt_str(j, "description", err, &bad);
	s->systematisch = opt_str(j, "systematisch", err, &bad);
	if (bad)
		return PW_EINVAL;
	json_t *nc = json_object_get(j, "naar_clz");
	if (nc && !json_is_boolean(nc) && !json_is_null(nc))
		return pw_err_field(err, PW_EINVAL, "naar_clz", "naar_clz is true of false.");
	s->naar_clz = json_is_true(nc);
	if ((s->vormen = str_list(a, j, "vormen", &s->n_vormen, err)) == NULL ||
	    (s->signalen = str_list(a, j, "signalen", &s->n_signalen, err)) == NULL)
		return PW_EINVAL;
	/* Flags are top-level fields named after the protocol's flags: true/false
	 * for a yes/no flag, a choice key or null for a choice flag. */
	struct pw_flag_value *fl = pw_calloc(a, p->n_flags + 1, sizeof *fl);
	json_t *flags = json_object();
	for (size_t i = 0; i < p->n_flags; i++) {
		const struct pw_flag *f = &p->flags[i];
		json_t *v = json_object_get(j, f->key);
		if (v == NULL || json_is_null(v) || json_is_false(v))
			continue;
		if (f->choice ? !json_is_string(v) : !json_is_true(v)) {
			json_decref(flags);
			return pw_err_field(err, PW_EINVAL, f->key, f->choice ? "%s is een keuze uit de lijst, of null."
									    : "%s is true of false.",
					    f->key);
		}
		fl[s->n_flags].key = f->key;
		fl[s->n_flags].choice = f->choice ? json_string_value(v) : NULL;
		json_object_set_new(flags, f->key, f->choice ? json_string(json_string_value(v)) : json_true());
		s->n_flags++;
	}
	s->flags = fl;
	json_t *cy = json_object_get(j, "cyber");
	if (cy && !json_is_null(cy)) {
		if (!json_is_object(cy)) {
			json_decref(flags);
			return pw_err_field(err, PW_EINVAL, "cyber", "cyber is {soorten: [...], platforms: [...]} of null.");
		}
		if ((s->cyber = str_list(a, cy, "soorten", &s->n_cyber, err)) == NULL ||
		    (s->platforms = str_list(a, cy, "platforms", &s->n_platforms, err)) == NULL) {
			json_decref(flags);
			snprintf(err->field, sizeof err->field, "cyber");
			return PW_EINVAL;
		}
		s->platform_other = opt_str(cy, "anders", err, &bad);
	}
	json_t *b = json_object_get(j, "betrokkenen");
	if (!json_is_array(b)) {
		json_decref(flags);
		return pw_err_field(err, PW_EINVAL, "betrokkenen",
				    "betrokkenen is een lijst van {student: id, rol} of {extern: \"beschrijving\", rol}.");
	}
	size_t n = json_array_size(b);
	struct pw_person *pp = pw_calloc(a, n + 1, sizeof *pp);
	for (size_t i = 0; i < n && i < 64; i++) {
		json_t *o = json_array_get(b, i), *st = json_object_get(o, "student"), *ex = json_object_get(o, "extern");
		if (!json_is_object(o) || (st && !json_is_integer(st)) || (ex && !json_is_string(ex)) ||
		    !json_is_string(json_object_get(o, "rol"))) {
			json_decref(flags);
			return pw_err_field(err, PW_EINVAL, "betrokkenen",
					    "Elke betrokkene is {student: id, rol} of {extern: \"beschrijving\", rol}.");
		}
		pp[i].student_id = st ? (int64_t)json_integer_value(st) : 0;
		pp[i].extern_desc = ex ? json_string_value(ex) : NULL;
		pp[i].rol = json_string_value(json_object_get(o, "rol"));
	}
	s->persons = pp;
	s->n_persons = n;
	json_t *cyber = json_null();
	if (s->n_cyber) {
		json_t *k = json_array(), *pl = json_array();
		for (size_t i = 0; i < s->n_cyber; i++)
			json_array_append_new(k, json_string(s->cyber[i]));
		for (size_t i = 0; i < s->n_platforms; i++)
			json_array_append_new(pl, json_string(s->platforms[i]));
		cyber = json_pack("{s:o, s:o, s:s?}", "soorten", k, "platforms", pl, "anders", s->platform_other);
	}
	json_t *vormen = json_array(), *signalen = json_array();
	for (size_t i = 0; i < s->n_vormen; i++)
		json_array_append_new(vormen, json_string(s->vormen[i]));
	for (size_t i = 0; i < s->n_signalen; i++)
		json_array_append_new(signalen, json_string(s->signalen[i]));
	*data = json_pack("{s:o, s:o, s:o, s:o}", "vormen", vormen, "flags", flags, "cyber", cyber, "signalen", signalen);
	return PW_OK;
}

void pw_h_api_signal_add(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	int64_t school = pw_actor_school(&a);
	if (pw_access(&a, PW_ACT_SIGNAL_FILE, school, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *j = pw_json_parse_body(r->body.data ? r->body.data : "", r->body.len, &err);
	if (j == NULL) {
		pw_resp_error_json(r, &err);
		return;
	}
	const struct pw_protocol *p = pw_school_protocol(r->app->store, school, NULL, &err);
	struct pw_signal s;
	json_t *data = NULL;
	struct pw_filed f;
	if (p == NULL || pw_api_parse_signal(&r->arena, p, j, &s, &data, &err) != PW_OK ||
	    pw_signal_file(r->app->store, &r->arena, &a, school, &s, data, &f, &err) != PW_OK) {
		json_decref(data);
		json_decref(j);
		pw_resp_error_json(r, &err);
		return;
	}
	json_decref(data);
	json_decref(j);
	json_t *c = f.case_id ? json_pack("{s:I, s:s, s:I, s:b, s:b}", "id", (json_int_t)f.case_id, "level", f.level, "owner",
					  (json_int_t)f.owner_id, "recurrence", f.recurrence, "reopened", f.reopened)
			      : json_null();
	pw_resp_json(r, 201, json_pack("{s:{s:I}, s:o, s:b}", "signal", "id", (json_int_t)f.signal_id, "case", c,
				       "case_created", f.case_created));
}

void pw_h_api_signals(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	int64_t school = pw_actor_school(&a), student = 0;
	if (pw_access(&a, PW_ACT_STUDENT_FIND, school, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	const char *status = pw_req_query(r, "status");
	if (status && strcmp(status, "verdenking") != 0) {
		pw_err_field(&err, PW_EINVAL, "status", "status is verdenking: signals that opened no case");
		pw_resp_error_json(r, &err);
		return;
	}
	int limit, offset;
	if (!pw_api_paging(r, &limit, &offset))
		return;
	const char *st = pw_req_query(r, "student");
	if (st) {
		char *end;
		student = strtoll(st, &end, 10);
		if (*st == '\0' || *end || student <= 0) {
			pw_err_field(&err, PW_EINVAL, "student", "student is the id of a student");
			pw_resp_error_json(r, &err);
			return;
		}
	}
	struct pw_signal_row *v;
	size_t n;
	if (pw_store_suspicions(r->app->store, &r->arena, school, student, &v, &n, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	/* Suspicions the user may see: their own, and those about students of classes they mentor;
	 * the CLZ and management see all of their school. */
	const struct pw_protocol *p = pw_school_protocol(r->app->store, school, NULL, &err);
	if (p == NULL) {
		pw_resp_error_json(r, &err);
		return;
	}
	bool all = pw_reads_school(&a, p, school);
	struct pw_class *cls;
	size_t ncls = 0;
	pw_store_user_classes(r->app->store, &r->arena, a.user_id, pw_today(r), &cls, &ncls, &err);
	json_t *items = json_array();
	json_int_t total = 0;
	for (size_t i = 0; i < n; i++) {
		bool mine = all || v[i].reporter_id == a.user_id;
		json_t *people = json_array();
		for (size_t k = 0; k < v[i].n_persons; k++) {
			const struct pw_person *pp = &v[i].persons[k];
			if (!mine && pp->student_id) {
				struct pw_student stu;
				if (pw_store_student_get(r->app->store, &r->arena, pp->student_id, pw_today(r), &stu, &err) == PW_OK)
					for (size_t c = 0; c < ncls; c++)
						mine |= stu.class_id == cls[c].id;
			}
			json_array_append_new(people, json_pack("{s:I, s:s?, s:s?, s:s}", "student", (json_int_t)pp->student_id,
								"name", pp->name, "extern", pp->student_id ? NULL : pp->extern_desc,
								"rol", pp->rol));
		}
		if (mine && total++ >= offset && (int)json_array_size(items) < limit)
			json_array_append_new(items, json_pack("{s:I, s:s, s:o, s:s, s:s}", "id", (json_int_t)v[i].id, "occurred_on",
							       v[i].occurred_on, "betrokkenen", people, "systematisch",
							       v[i].systematisch, "description", v[i].description));
		else
			json_decref(people);
		json_decref(v[i].data);
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", total));
}

/* POST /api/v1/signals/{id}/case: the mentor (or whoever reads the school's
 * cases) judges that suspicions form a pattern and opens a case from them in
 * one step. It is filed as the opener's own "ja" signal naming everyone in
 * the suspicions, with all the rules of a signal; the suspicions join it. */
void pw_h_api_signal_to_case(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	int64_t school = pw_actor_school(&a);
	const struct pw_protocol *p = pw_school_protocol(r->app->store, school, NULL, &err);
	json_t *j = pw_json_parse_body(r->body.data ? r->body.data : "", r->body.len, &err);
	if (p == NULL || j == NULL) {
		json_decref(j);
		pw_resp_error_json(r, &err);
		return;
	}
	char *end;
	long long first = strtoll(r->params[0], &end, 10);
	json_t *also = json_object_get(j, "also");
	size_t nalso = json_is_array(also) ? json_array_size(also) : 0;
	if (*end || first <= 0 || (also && !json_is_array(also)) || nalso > 20) {
		json_decref(j);
		pw_err_field(&err, PW_EINVAL, "also", "also is een lijst van ids van verdenkingen.");
		pw_resp_error_json(r, &err);
		return;
	}
	int64_t *ids = pw_calloc(&r->arena, nalso + 1, sizeof *ids);
	ids[0] = first;
	for (size_t i = 0; i < nalso; i++)
		ids[i + 1] = json_is_integer(json_array_get(also, i)) ? json_integer_value(json_array_get(also, i)) : 0;
	/* The operation (app/opencase.c) is shared with the mentor's button on Mijn taken. */
	struct pw_filed f;
	enum pw_status st = pw_case_from_suspicions(r->app->store, &r->arena, &a, school, p, pw_today(r), ids, nalso + 1, j, &f, &err);
	json_decref(j);
	if (st != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, 201, json_pack("{s:{s:I}, s:{s:I, s:s, s:I}, s:b}", "signal", "id", (json_int_t)f.signal_id, "case", "id",
				       (json_int_t)f.case_id, "level", f.level ? f.level : "", "owner", (json_int_t)f.owner_id,
				       "case_created", f.case_created));
}
