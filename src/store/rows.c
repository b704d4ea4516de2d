#include <string.h>

#include "store/rows.h"

const char *pw_row_dup(struct pw_arena *a, const char *t)
{
	return t ? pw_strdup(a, t) : NULL;
}

pw_day pw_row_day(const char *s)
{
	pw_day d = 0;
	if (s)
		pw_day_parse(s, &d);
	return d;
}

static const char *jstr(struct pw_arena *a, json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? pw_strdup(a, json_string_value(v)) : NULL;
}

static int64_t jint(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

json_t *pw_row_event(struct pw_arena *a, struct pw_q *q, int first, struct pw_event *e)
{
	memset(e, 0, sizeof *e);
	e->id = pw_q_col_int(q, first);
	e->at = pw_q_col_int(q, first + 1);
	e->day = pw_row_day(pw_q_col_text(q, first + 2));
	e->by = pw_q_col_int(q, first + 3);
	int k = pw_event_kind_parse(pw_q_col_text(q, first + 4));
	e->kind = k < 0 ? PW_EV_NOTE : (enum pw_event_kind)k;
	const char *text = pw_q_col_text(q, first + 5);
	json_t *d = text ? json_loads(text, 0, NULL) : NULL;
	if (d == NULL)
		return NULL;
	e->key = jstr(a, d, "key");
	e->status = jstr(a, d, "status");
	e->text = jstr(a, d, "text");
	e->ref = jint(d, "ref");
	e->ref2 = jint(d, "ref2");
	e->student = jint(d, "student");
	e->user = jint(d, "user");
	e->due = pw_row_day(json_string_value(json_object_get(d, "due")));
	e->on = pw_row_day(json_string_value(json_object_get(d, "on")));
	e->flag = json_is_true(json_object_get(d, "flag"));
	json_t *st = json_object_get(d, "students");
	if (json_is_array(st)) {
		int64_t *v = pw_calloc(a, json_array_size(st) + 1, sizeof *v);
		for (size_t i = 0; i < json_array_size(st); i++)
			v[i] = (int64_t)json_integer_value(json_array_get(st, i));
		e->students = v;
		e->n_students = json_array_size(st);
	}
	return d;
}
