/* Signals and cases: rows in, rows out. Event data is JSON in the store and
 * struct pw_event fields in the engine. */
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "store/cases.h"
#include "store/db.h"
#include "store/rows.h"
#include "util/clock.h"

static const char *person_name(struct pw_arena *a, struct pw_q *q, int first)
{
	const char *f = pw_q_col_text(q, first), *p = pw_q_col_text(q, first + 1), *l = pw_q_col_text(q, first + 2);
	if (f == NULL)
		return NULL;
	return p && p[0] ? pw_printf(a, "%s %s %s", f, p, l) : pw_printf(a, "%s %s", f, l);
}

static void read_row(struct pw_arena *a, struct pw_q *q, struct pw_case_row *r)
{
	r->id = pw_q_col_int(q, 0);
	r->school_id = pw_q_col_int(q, 1);
	r->schoolyear_id = pw_q_col_int(q, 2);
	r->protocol_version = pw_q_col_int(q, 3);
	r->status = pw_row_dup(a, pw_q_col_text(q, 4));
	r->level = pw_row_dup(a, pw_q_col_text(q, 5));
	r->owner_id = pw_q_col_int(q, 6);
	r->opened_on = pw_row_dup(a, pw_q_col_text(q, 7));
	r->opened_at = pw_q_col_int(q, 8);
	r->updated_at = pw_q_col_int(q, 9);
	r->closed_at = pw_q_col_int(q, 10);
	r->closed_year = (int)pw_q_col_int(q, 11);
	r->linked_case = pw_q_col_int(q, 12);
}

enum pw_status pw_store_case_load(struct pw_store *s, struct pw_arena *a, int64_t id, const char *day,
				  struct pw_case_row *row, struct pw_case *c, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	memset(c, 0, sizeof *c);
	pw_q_start(&q, db, STMT_CASE_GET);
	pw_q_int(&q, 1, id);
	int r = pw_q_step(&q, err);
	if (r == 1)
		read_row(a, &q, row);
	pw_q_end(&q);
	if (r <= 0)
		return r < 0 ? err->code : pw_err_set(err, PW_ENOTFOUND, "Deze casus bestaat niet (case not found).");
	c->id = row->id;
	c->school_id = row->school_id;
	c->closed = strcmp(row->status, "closed") == 0;
	c->owner = row->owner_id;
	c->opened = pw_row_day(row->opened_on);

	if (pw_store_case_persons(s, a, id, day, (struct pw_person **)&c->persons, &c->n_persons, err) != PW_OK)
		return err->code;

	struct pw_event *ev = NULL;
	size_t ne = 0;
	size_t cap = 0;
	pw_q_start(&q, db, STMT_CASE_EVENTS);
	pw_q_int(&q, 1, id);
	while ((r = pw_q_step(&q, err)) == 1) {
		ev = pw_arena_grow(a, ev, ne, &cap, sizeof *ev);
		json_decref(pw_row_event(a, &q, 0, &ev[ne++]));
	}
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	c->events = ev;
	c->n_events = ne;

	return PW_OK;
}

enum pw_status pw_store_case_persons(struct pw_store *s, struct pw_arena *a, int64_t id, const char *day,
				     struct pw_person **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	struct pw_person *pv = NULL;
	size_t np = 0, cap = 0;
	int r;
	pw_q_start(&q, db, STMT_CASE_PERSONS);
	pw_q_int(&q, 1, id);
	pw_q_text(&q, 2, day);
	while ((r = pw_q_step(&q, err)) == 1) {
		pv = pw_arena_grow(a, pv, np, &cap, sizeof *pv);
		struct pw_person *p = &pv[np++];
		p->student_id = pw_q_col_int(&q, 0);
		p->extern_desc = pw_row_dup(a, pw_q_col_text(&q, 1));
		p->rol = pw_row_dup(a, pw_q_col_text(&q, 2));
		p->class_id = pw_q_col_int(&q, 3);
		p->class_name = pw_row_dup(a, pw_q_col_text(&q, 4));
		p->department = pw_row_dup(a, pw_q_col_text(&q, 5));
		p->mentor[0] = pw_q_col_int(&q, 6);
		p->mentor[1] = pw_q_col_int(&q, 7);
		p->name = p->student_id ? person_name(a, &q, 8) : p->extern_desc;
	}
	pw_q_end(&q);
	*out = pv;
	*n = np;
	return r < 0 ? err->code : PW_OK;
}

static enum pw_status ids_query(struct pw_q *q, struct pw_arena *a, int64_t **ids, size_t *nids, struct pw_err *err,
				int append)
{
	int r;
	size_t cap = append ? *nids : 0;
	if (!append) {
		*ids = NULL;
		*nids = 0;
	}
	while ((r = pw_q_step(q, err)) == 1) {
		int64_t id = pw_q_col_int(q, 0);
		int seen = 0;
		for (size_t i = 0; i < *nids; i++)
			seen |= (*ids)[i] == id;
		if (seen)
			continue;
		*ids = pw_arena_grow(a, *ids, *nids, &cap, sizeof **ids);
		(*ids)[(*nids)++] = id;
	}
	pw_q_end(q);
	return r < 0 ? err->code : PW_OK;
}

/* The distinct ids one statement gives for each of the students (ids of
 * 0 or less are skipped). */
static enum pw_status ids_per_student(struct pw_store *s, struct pw_arena *a, enum pw_stmt stmt, const int64_t *students,
				      size_t n, int64_t **ids, size_t *nids, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	*ids = NULL;
	*nids = 0;
	for (size_t i = 0; i < n; i++) {
		if (students[i] <= 0)
			continue;
		struct pw_q q;
		pw_q_start(&q, db, stmt);
		pw_q_int(&q, 1, students[i]);
		if (ids_query(&q, a, ids, nids, err, 1) != PW_OK)
			return err->code;
	}
	return PW_OK;
}

enum pw_status pw_store_cases_of_students(struct pw_store *s, struct pw_arena *a, const int64_t *students, size_t n,
					  int64_t **ids, size_t *nids, struct pw_err *err)
{
	return ids_per_student(s, a, STMT_CASES_OF_STUDENT, students, n, ids, nids, err);
}

enum pw_status pw_store_cases_of_school(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *status,
					int64_t **ids, size_t *nids, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CASES_OF_SCHOOL);
	pw_q_int(&q, 1, school_id);
	pw_q_text(&q, 2, status);
	return ids_query(&q, a, ids, nids, err, 0);
}

enum pw_status pw_store_cases_of_user(struct pw_store *s, struct pw_arena *a, int64_t school_id, int64_t user_id,
				      const char *status, int64_t **ids, size_t *nids, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CASES_OF_USER);
	pw_q_int(&q, 1, school_id);
	pw_q_int(&q, 2, user_id);
	pw_q_text(&q, 3, status);
	return ids_query(&q, a, ids, nids, err, 0);
}

enum pw_status pw_store_case_add(struct pw_store *s, const struct pw_case_row *row, int64_t *id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CASE_ADD);
	pw_q_int(&q, 1, row->school_id);
	pw_q_int(&q, 2, row->schoolyear_id);
	pw_q_int(&q, 3, row->protocol_version);
	pw_q_text(&q, 4, row->status);
	pw_q_text(&q, 5, row->level);
	pw_q_int(&q, 6, row->owner_id);
	pw_q_text(&q, 7, row->opened_on);
	pw_q_int(&q, 8, row->opened_at);
	pw_q_int(&q, 9, row->updated_at);
	pw_q_int(&q, 10, row->linked_case);
	enum pw_status st = pw_q_exec(&q, err);
	if (st == PW_OK)
		*id = pw_db_last_id(db);
	return st;
}

enum pw_status pw_store_case_person_add(struct pw_store *s, int64_t case_id, const struct pw_person *p,
					struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CASE_PERSON_ADD);
	pw_q_int(&q, 1, case_id);
	pw_q_int(&q, 2, p->student_id);
	pw_q_text(&q, 3, p->student_id ? NULL : p->extern_desc);
	pw_q_text(&q, 4, p->rol);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_case_update(struct pw_store *s, const struct pw_case_row *row, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CASE_UPDATE);
	pw_q_text(&q, 1, row->status);
	pw_q_text(&q, 2, row->level);
	pw_q_int(&q, 3, row->owner_id);
	pw_q_int(&q, 4, row->updated_at);
	pw_q_int(&q, 5, row->closed_at);
	pw_q_int(&q, 6, row->closed_year);
	pw_q_int(&q, 7, row->id);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_case_event_add(struct pw_store *s, int64_t case_id, int64_t by, const char *kind, json_t *data,
				       int64_t *id, struct pw_err *err)
{
	struct pw_db *db = pw_db_get(s, err);
	if (db == NULL) {
		json_decref(data);
		return PW_EIO;
	}
	char *text = json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(data);
	if (text == NULL)
		pw_oom();
	char day[11];
	pw_day_format(pw_day_from_unix(pw_now()), day);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CASE_EVENT_ADD);
	pw_q_int(&q, 1, case_id);
	pw_q_int(&q, 2, pw_now());
	pw_q_text(&q, 3, day);
	pw_q_int(&q, 4, by);
	pw_q_text(&q, 5, kind);
	pw_q_text(&q, 6, text);
	free(text);
	enum pw_status st = pw_q_exec(&q, err);
	if (st == PW_OK && id)
		*id = pw_db_last_id(db);
	return st;
}

enum pw_status pw_store_signal_add(struct pw_store *s, const struct pw_signal_row *row, int64_t *id,
				   struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	char *data = json_dumps(row->data, JSON_COMPACT | JSON_SORT_KEYS);
	if (data == NULL)
		pw_oom();
	struct pw_q q;
	pw_q_start(&q, db, STMT_SIGNAL_ADD);
	pw_q_int(&q, 1, row->school_id);
	pw_q_int(&q, 2, row->reporter_id);
	pw_q_int(&q, 3, row->filed_at);
	pw_q_text(&q, 4, row->filed_on);
	pw_q_text(&q, 5, row->occurred_on);
	pw_q_text(&q, 6, row->location ? row->location : "");
	pw_q_text(&q, 7, row->description ? row->description : "");
	pw_q_text(&q, 8, row->systematisch);
	pw_q_int(&q, 9, row->naar_clz);
	pw_q_text(&q, 10, data);
	free(data);
	enum pw_status st = pw_q_exec(&q, err);
	if (st != PW_OK)
		return st;
	*id = pw_db_last_id(db);
	for (size_t i = 0; i < row->n_persons; i++) {
		const struct pw_person *p = &row->persons[i];
		pw_q_start(&q, db, STMT_SIGNAL_PERSON_ADD);
		pw_q_int(&q, 1, *id);
		pw_q_int(&q, 2, p->student_id);
		pw_q_text(&q, 3, p->student_id ? NULL : p->extern_desc);
		pw_q_text(&q, 4, p->rol);
		if (pw_q_exec(&q, err) != PW_OK)
			return err->code;
	}
	return PW_OK;
}

enum pw_status pw_store_signal_set_case(struct pw_store *s, int64_t signal_id, int64_t case_id, int recurrence,
					struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SIGNAL_SET_CASE);
	pw_q_int(&q, 1, case_id);
	pw_q_int(&q, 2, recurrence);
	pw_q_int(&q, 3, signal_id);
	return pw_q_exec(&q, err);
}

static enum pw_status signal_persons(struct pw_db *db, struct pw_arena *a, struct pw_signal_row *row,
				     struct pw_err *err)
{
	struct pw_q q;
	struct pw_person *pv = NULL;
	size_t np = 0, cap = 0;
	int r;
	pw_q_start(&q, db, STMT_SIGNAL_PERSONS);
	pw_q_int(&q, 1, row->id);
	while ((r = pw_q_step(&q, err)) == 1) {
		pv = pw_arena_grow(a, pv, np, &cap, sizeof *pv);
		struct pw_person *p = &pv[np++];
		p->student_id = pw_q_col_int(&q, 0);
		p->extern_desc = pw_row_dup(a, pw_q_col_text(&q, 1));
		p->rol = pw_row_dup(a, pw_q_col_text(&q, 2));
		p->name = p->student_id ? person_name(a, &q, 3) : p->extern_desc;
	}
	pw_q_end(&q);
	row->persons = pv;
	row->n_persons = np;
	return r < 0 ? err->code : PW_OK;
}

static void read_signal(struct pw_arena *a, struct pw_q *q, struct pw_signal_row *r)
{
	r->id = pw_q_col_int(q, 0);
	r->school_id = pw_q_col_int(q, 1);
	r->reporter_id = pw_q_col_int(q, 2);
	r->filed_at = pw_q_col_int(q, 3);
	r->case_id = pw_q_col_int(q, 4);
	r->filed_on = pw_row_dup(a, pw_q_col_text(q, 5));
	r->occurred_on = pw_row_dup(a, pw_q_col_text(q, 6));
	r->location = pw_row_dup(a, pw_q_col_text(q, 7));
	r->description = pw_row_dup(a, pw_q_col_text(q, 8));
	r->systematisch = pw_row_dup(a, pw_q_col_text(q, 9));
	r->naar_clz = (int)pw_q_col_int(q, 10);
	r->recurrence = (int)pw_q_col_int(q, 11);
	r->data = json_loads(pw_q_col_text(q, 12), 0, NULL);
	if (r->data == NULL)
		r->data = json_object();
}

static enum pw_status signals(struct pw_store *s, struct pw_arena *a, enum pw_stmt stmt, int64_t p1, int64_t p2,
			      struct pw_signal_row **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	struct pw_signal_row *v = NULL;
	size_t cap = 0;
	int r;
	*n = 0;
	pw_q_start(&q, db, stmt);
	pw_q_int(&q, 1, p1);
	if (stmt == STMT_SUSPICIONS)
		pw_q_int(&q, 2, p2);
	while ((r = pw_q_step(&q, err)) == 1) {
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		read_signal(a, &q, &v[(*n)++]);
	}
	pw_q_end(&q);
	*out = v;
	if (r < 0)
		return err->code;
	for (size_t i = 0; i < *n; i++)
		if (signal_persons(db, a, &v[i], err) != PW_OK)
			return err->code;
	return PW_OK;
}

enum pw_status pw_store_signals_of_case(struct pw_store *s, struct pw_arena *a, int64_t case_id,
					struct pw_signal_row **out, size_t *n, struct pw_err *err)
{
	return signals(s, a, STMT_SIGNAL_COLS_BY_CASE, case_id, 0, out, n, err);
}

enum pw_status pw_store_suspicions(struct pw_store *s, struct pw_arena *a, int64_t school_id, int64_t student_id,
				   struct pw_signal_row **out, size_t *n, struct pw_err *err)
{
	return signals(s, a, STMT_SUSPICIONS, school_id, student_id, out, n, err);
}

enum pw_status pw_store_signal_get(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_signal_row *out,
				   struct pw_err *err)
{
	struct pw_signal_row *v;
	size_t n;
	if (signals(s, a, STMT_SIGNAL_COLS_BY_ID, id, 0, &v, &n, err) != PW_OK)
		return err->code;
	if (n == 0)
		return pw_err_set(err, PW_ENOTFOUND, "Deze melding bestaat niet (signal not found).");
	*out = v[0];
	return PW_OK;
}

enum pw_status pw_store_notice_add(struct pw_store *s, int64_t user_id, int64_t case_id, int64_t signal_id,
				   const char *kind, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	if (user_id <= 0)
		return PW_OK;
	struct pw_q q;
	pw_q_start(&q, db, STMT_NOTICE_ADD);
	pw_q_int(&q, 1, user_id);
	pw_q_int(&q, 2, case_id);
	pw_q_int(&q, 3, signal_id);
	pw_q_text(&q, 4, kind);
	pw_q_int(&q, 5, pw_now());
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_school_staff(struct pw_store *s, struct pw_arena *a, int64_t school_id, struct pw_staff **out,
				     size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	struct pw_staff *v = NULL;
	size_t cap = 0;
	int r;
	*n = 0;
	pw_q_start(&q, db, STMT_SCHOOL_STAFF);
	pw_q_int(&q, 1, school_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		struct pw_staff *st = &v[(*n)++];
		st->user_id = pw_q_col_int(&q, 0);
		st->functie = pw_row_dup(a, pw_q_col_text(&q, 1));
		st->department = pw_row_dup(a, pw_q_col_text(&q, 2));
	}
	pw_q_end(&q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_parent_accounts(struct pw_store *s, struct pw_arena *a, const int64_t *students, size_t n,
					int64_t **out, size_t *nout, struct pw_err *err)
{
	return ids_per_student(s, a, STMT_PARENT_ACCOUNTS, students, n, out, nout, err);
}

enum pw_status pw_store_students_attention(struct pw_store *s, struct pw_arena *a, const int64_t *ids, size_t n,
					   bool *attention, int64_t *owner, struct pw_err *err)
{
	for (size_t i = 0; i < n; i++) {
		attention[i] = false;
		owner[i] = 0;
	}
	if (n == 0)
		return PW_OK;
	DB_OR_FAIL(s, err);
	/* The ids as a JSON array: one statement whatever the page's length. */
	struct pw_buf b;
	pw_buf_init(&b);
	pw_buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++)
		pw_buf_printf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
	pw_buf_putc(&b, ']');
	const char *list = pw_strndup(a, b.data, b.len);
	pw_buf_free(&b);
	int64_t *newest = pw_calloc(a, n, sizeof *newest);
	struct pw_q q;
	int r;
	pw_q_start(&q, db, STMT_STUDENT_ATTENTION_MANY);
	pw_q_text(&q, 1, list);
	while ((r = pw_q_step(&q, err)) == 1) {
		int64_t id = pw_q_col_int(&q, 0), upd = pw_q_col_int(&q, 2);
		for (size_t i = 0; i < n; i++)
			if (ids[i] == id && (!attention[i] || upd > newest[i])) {
				attention[i] = true;
				owner[i] = pw_q_col_int(&q, 1);
				newest[i] = upd;
			}
	}
	pw_q_end(&q);
	return r < 0 ? err->code : PW_OK;
}

int pw_store_student_attention(struct pw_store *s, int64_t student_id, int64_t *owner, struct pw_err *err)
{
	struct pw_db *db = pw_db_get(s, err);
	if (db == NULL)
		return 0;
	struct pw_q q;
	pw_q_start(&q, db, STMT_STUDENT_ATTENTION);
	pw_q_int(&q, 1, student_id);
	int r = pw_q_step(&q, err);
	*owner = r == 1 ? pw_q_col_int(&q, 0) : 0;
	pw_q_end(&q);
	return r == 1;
}
