/* Sanction events in the store: rows in, engine events out (the same JSON
 * fields store/cases.c reads), plus a decision's heard list and notice day. */
#include <jansson.h>
#include <string.h>

#include "core/calendar.h"
#include "store/db.h"
#include "store/sanctions.h"

static pw_day day_of(const char *s)
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

static void read_row(struct pw_arena *a, struct pw_q *q, struct pw_sanction_row *row)
{
	struct pw_event *e = &row->ev;
	memset(row, 0, sizeof *row);
	e->id = pw_q_col_int(q, 0);
	e->at = pw_q_col_int(q, 1);
	e->day = day_of(pw_q_col_text(q, 2));
	e->by = pw_q_col_int(q, 3);
	int k = pw_event_kind_parse(pw_q_col_text(q, 4));
	e->kind = k < 0 ? PW_EV_NOTE : (enum pw_event_kind)k;
	row->case_id = pw_q_col_int(q, 6);
	const char *text = pw_q_col_text(q, 5);
	json_t *d = text ? json_loads(text, 0, NULL) : NULL;
	if (d == NULL)
		return;
	e->key = jstr(a, d, "key");
	e->status = jstr(a, d, "status");
	e->text = jstr(a, d, "text");
	e->ref = jint(d, "ref");
	e->ref2 = jint(d, "ref2");
	e->student = jint(d, "student");
	e->user = jint(d, "user");
	e->due = day_of(json_string_value(json_object_get(d, "due")));
	e->on = day_of(json_string_value(json_object_get(d, "on")));
	e->flag = json_is_true(json_object_get(d, "flag"));
	row->notice_sent_on = day_of(json_string_value(json_object_get(d, "notice_sent_on")));
	json_t *h = json_object_get(d, "heard");
	if (json_is_array(h) && json_array_size(h) > 0) {
		row->heard = pw_calloc(a, json_array_size(h), sizeof *row->heard);
		for (size_t i = 0; i < json_array_size(h); i++) {
			const char *v = json_string_value(json_array_get(h, i));
			if (v)
				row->heard[row->n_heard++] = pw_strdup(a, v);
		}
	}
	json_decref(d);
}

static enum pw_status rows(struct pw_arena *a, struct pw_q *q, struct pw_sanction_row **out, size_t *n,
			   struct pw_err *err)
{
	struct pw_sanction_row *v = NULL;
	size_t cap = 0;
	int r;
	*n = 0;
	while ((r = pw_q_step(q, err)) == 1) {
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			struct pw_sanction_row *w = pw_calloc(a, nc, sizeof *w);
			if (*n)
				memcpy(w, v, *n * sizeof *w);
			v = w;
			cap = nc;
		}
		read_row(a, q, &v[(*n)++]);
	}
	pw_q_end(q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_student_sanction_events(struct pw_store *s, struct pw_arena *a, int64_t school_id,
						int64_t student_id, const char *since, struct pw_sanction_row **out,
						size_t *n, struct pw_err *err)
{
	struct pw_db *db = pw_db_get(s, err);
	if (db == NULL)
		return PW_EIO;
	struct pw_q q;
	pw_q_start(&q, db, STMT_SANCTION_EVENTS_OF_STUDENT);
	pw_q_int(&q, 1, school_id);
	pw_q_int(&q, 2, student_id);
	pw_q_text(&q, 3, since);
	return rows(a, &q, out, n, err);
}

enum pw_status pw_store_case_sanction_events(struct pw_store *s, struct pw_arena *a, int64_t case_id,
					     struct pw_sanction_row **out, size_t *n, struct pw_err *err)
{
	struct pw_db *db = pw_db_get(s, err);
	if (db == NULL)
		return PW_EIO;
	struct pw_q q;
	pw_q_start(&q, db, STMT_SANCTION_EVENTS_OF_CASE);
	pw_q_int(&q, 1, case_id);
	return rows(a, &q, out, n, err);
}
