/* Sanction events in the store: rows in, engine events out (the event JSON
 * store/rows.c reads), plus a decision's heard list and notice day. */
#include <jansson.h>
#include <string.h>

#include "core/calendar.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/sanctions.h"

static void read_row(struct pw_arena *a, struct pw_q *q, struct pw_sanction_row *row)
{
	memset(row, 0, sizeof *row);
	row->case_id = pw_q_col_int(q, 6);
	json_t *d = pw_row_event(a, q, 0, &row->ev);
	if (d == NULL)
		return;
	row->notice_sent_on = pw_row_day(json_string_value(json_object_get(d, "notice_sent_on")));
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
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
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
	DB_OR_FAIL(s, err);
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
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SANCTION_EVENTS_OF_CASE);
	pw_q_int(&q, 1, case_id);
	return rows(a, &q, out, n, err);
}
