/* The school's people: plain statements over the cursor of db.h. */
#include <ctype.h>
#include <string.h>

#include "store/db.h"
#include "store/people.h"
#include "util/clock.h"

static const char *col_str(struct pw_arena *a, struct pw_q *q, int col)
{
	const char *t = pw_q_col_text(q, col);
	return t ? pw_strdup(a, t) : NULL;
}

static const char *col_str0(struct pw_arena *a, struct pw_q *q, int col)
{
	const char *t = pw_q_col_text(q, col);
	return pw_strdup(a, t ? t : "");
}

static int same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Runs an insert; *id gets the new row's id. */
static enum pw_status insert(struct pw_q *q, int64_t *id, struct pw_err *err)
{
	enum pw_status st = pw_q_exec(q, err);
	if (st == PW_OK && id)
		*id = pw_db_last_id(q->db);
	return st;
}

/* Steps a query expected to give at most one row: 1 row, 0 none, -1 error. */
static int one(struct pw_q *q, struct pw_err *err)
{
	return pw_q_step(q, err);
}

enum pw_status pw_store_begin(struct pw_store *s, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	return pw_db_begin(db, err);
}

enum pw_status pw_store_commit(struct pw_store *s, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	return pw_db_commit(db, err);
}

void pw_store_rollback(struct pw_store *s)
{
	struct pw_err err;
	struct pw_db *db = pw_db_get(s, &err);
	if (db)
		pw_db_rollback(db);
}

/* ---- schools ---- */

enum pw_status pw_store_school_add(struct pw_store *s, const char *code, const char *name, const char *region,
				   int64_t *id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	int64_t board = 0;
	pw_q_start(&q, db, STMT_BOARD_FIRST);
	int r = one(&q, err);
	if (r == 1)
		board = pw_q_col_int(&q, 0);
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	if (board == 0) {
		pw_q_start(&q, db, STMT_BOARD_ADD);
		pw_q_text(&q, 1, name);
		if (insert(&q, &board, err) != PW_OK)
			return err->code;
	}
	pw_q_start(&q, db, STMT_SCHOOL_ADD);
	pw_q_int(&q, 1, board);
	pw_q_text(&q, 2, code);
	pw_q_text(&q, 3, name);
	pw_q_text(&q, 4, region);
	if (insert(&q, id, err) != PW_OK) {
		if (err->code == PW_ECONFLICT)
			pw_err_set(err, PW_ECONFLICT, "there is already a school with code \"%s\"", code);
		return err->code;
	}
	return PW_OK;
}

static void read_school(struct pw_arena *a, struct pw_q *q, struct pw_school *o)
{
	o->id = pw_q_col_int(q, 0);
	o->code = col_str(a, q, 1);
	o->name = col_str(a, q, 2);
	o->region = col_str(a, q, 3);
}

enum pw_status pw_store_school_get(struct pw_store *s, struct pw_arena *a, const char *code, struct pw_school *out,
				   struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SCHOOL_BY_CODE);
	pw_q_text(&q, 1, code);
	int r = one(&q, err);
	if (r == 1)
		read_school(a, &q, out);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND,
				  "there is no school with code \"%s\"; `pestwijzer school list` shows the codes", code);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_school_by_id(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_school *out,
				     struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SCHOOL_BY_ID);
	pw_q_int(&q, 1, id);
	int r = one(&q, err);
	if (r == 1)
		read_school(a, &q, out);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "there is no school %lld", (long long)id);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_school_list(struct pw_store *s, struct pw_arena *a, struct pw_school **out, size_t *n,
				    struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SCHOOL_LIST);
	COLLECT(struct pw_school, &q, a, out, n, err, read_school(a, &q, it));
	return PW_OK;
}

/* ---- school years ---- */

static void read_sy(struct pw_arena *a, struct pw_q *q, struct pw_schoolyear *o)
{
	o->id = pw_q_col_int(q, 0);
	o->school_id = pw_q_col_int(q, 1);
	o->name = col_str(a, q, 2);
	o->start_on = col_str(a, q, 3);
	o->end_on = col_str(a, q, 4);
}

enum pw_status pw_store_schoolyear_add(struct pw_store *s, int64_t school_id, const char *name, const char *start_on,
				       const char *end_on, int64_t *id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SY_ADD);
	pw_q_int(&q, 1, school_id);
	pw_q_text(&q, 2, name);
	pw_q_text(&q, 3, start_on);
	pw_q_text(&q, 4, end_on);
	enum pw_status st = insert(&q, id, err);
	if (st == PW_ECONFLICT)
		pw_err_set(err, PW_ECONFLICT, "school year %s already exists for this school", name);
	return st;
}

enum pw_status pw_store_schoolyear_get(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *name,
				       struct pw_schoolyear *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SY_GET);
	pw_q_int(&q, 1, school_id);
	pw_q_text(&q, 2, name);
	int r = one(&q, err);
	if (r == 1)
		read_sy(a, &q, out);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND,
				  "there is no school year \"%s\"; add it with `pestwijzer schoolyear add`", name);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_schoolyear_at(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *day,
				      struct pw_schoolyear *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SY_AT);
	pw_q_text(&q, 1, day);
	pw_q_int(&q, 2, school_id);
	int r = one(&q, err);
	if (r == 1)
		read_sy(a, &q, out);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "no school year has started on %s yet; add one with `pestwijzer schoolyear add`",
				  day);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_schoolyear_list(struct pw_store *s, struct pw_arena *a, int64_t school_id,
					struct pw_schoolyear **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SY_LIST);
	pw_q_int(&q, 1, school_id);
	COLLECT(struct pw_schoolyear, &q, a, out, n, err, read_sy(a, &q, it));
	return PW_OK;
}

enum pw_status pw_store_holidays_set(struct pw_store *s, int64_t schoolyear_id, const struct pw_holiday *h, size_t n,
				     struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_HOLIDAY_CLEAR);
	pw_q_int(&q, 1, schoolyear_id);
	if (pw_q_exec(&q, err) != PW_OK)
		return err->code;
	for (size_t i = 0; i < n; i++) {
		pw_q_start(&q, db, STMT_HOLIDAY_ADD);
		pw_q_int(&q, 1, schoolyear_id);
		pw_q_text(&q, 2, h[i].name);
		pw_q_text(&q, 3, h[i].start_on);
		pw_q_text(&q, 4, h[i].end_on);
		if (pw_q_exec(&q, err) != PW_OK)
			return err->code;
	}
	return PW_OK;
}

enum pw_status pw_store_holiday_list(struct pw_store *s, struct pw_arena *a, int64_t schoolyear_id,
				     struct pw_holiday **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_HOLIDAY_LIST);
	pw_q_int(&q, 1, schoolyear_id);
	COLLECT(struct pw_holiday, &q, a, out, n, err, {
		it->id = pw_q_col_int(&q, 0);
		it->name = col_str(a, &q, 1);
		it->start_on = col_str(a, &q, 2);
		it->end_on = col_str(a, &q, 3);
	});
	return PW_OK;
}

/* ---- classes ---- */

static void read_class(struct pw_arena *a, struct pw_q *q, struct pw_class *o)
{
	o->id = pw_q_col_int(q, 0);
	o->schoolyear_id = pw_q_col_int(q, 1);
	o->name = col_str(a, q, 2);
	o->year = (int)pw_q_col_int(q, 3);
	o->department = col_str0(a, q, 4);
	o->mentor[0] = pw_q_col_int(q, 5);
	o->mentor[1] = pw_q_col_int(q, 6);
	o->students = (int)pw_q_col_int(q, 7);
}

enum pw_status pw_store_class_get(struct pw_store *s, struct pw_arena *a, int64_t schoolyear_id, const char *name,
				  struct pw_class *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CLASS_GET);
	pw_q_int(&q, 1, schoolyear_id);
	pw_q_text(&q, 2, name);
	int r = one(&q, err);
	if (r == 1)
		read_class(a, &q, out);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "there is no class \"%s\" in that school year", name);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_class_list(struct pw_store *s, struct pw_arena *a, int64_t schoolyear_id, struct pw_class **out,
				   size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CLASS_LIST);
	pw_q_int(&q, 1, schoolyear_id);
	COLLECT(struct pw_class, &q, a, out, n, err, read_class(a, &q, it));
	return PW_OK;
}

enum pw_status pw_store_class_upsert(struct pw_store *s, int64_t schoolyear_id, const char *name, int year,
				     const char *department, int64_t *id, enum pw_change *changed, struct pw_err *err)
{
	struct pw_arena a;
	struct pw_class c;
	pw_arena_init(&a);
	enum pw_status st = pw_store_class_get(s, &a, schoolyear_id, name, &c, err);
	DB_OR_FAIL(s, err);
	struct pw_q q;
	if (st == PW_ENOTFOUND) {
		pw_q_start(&q, db, STMT_CLASS_ADD);
		pw_q_int(&q, 1, schoolyear_id);
		pw_q_text(&q, 2, name);
		pw_q_int(&q, 3, year);
		pw_q_text(&q, 4, department ? department : "");
		st = insert(&q, id, err);
		*changed = PW_NEW;
	} else if (st == PW_OK) {
		*id = c.id;
		*changed = PW_SAME;
		if (c.year != year || !same(c.department, department)) {
			pw_q_start(&q, db, STMT_CLASS_UPDATE);
			pw_q_int(&q, 1, year);
			pw_q_text(&q, 2, department ? department : "");
			pw_q_int(&q, 3, c.id);
			st = pw_q_exec(&q, err);
			*changed = PW_UPDATED;
		}
	}
	pw_arena_free(&a);
	return st;
}

enum pw_status pw_store_class_set_mentors(struct pw_store *s, int64_t class_id, int64_t m1, int64_t m2,
					  enum pw_change *changed, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_MENTOR_GET);
	pw_q_int(&q, 1, class_id);
	int r = one(&q, err);
	int64_t cur1 = r == 1 ? pw_q_col_int(&q, 0) : 0, cur2 = r == 1 ? pw_q_col_int(&q, 1) : 0;
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	if (cur1 == m1 && cur2 == m2) {
		*changed = PW_SAME;
		return PW_OK;
	}
	pw_q_start(&q, db, STMT_MENTOR_CLEAR);
	pw_q_int(&q, 1, class_id);
	if (pw_q_exec(&q, err) != PW_OK)
		return err->code;
	int64_t ms[2] = {m1, m2};
	for (int i = 0; i < 2; i++) {
		if (ms[i] == 0)
			continue;
		pw_q_start(&q, db, STMT_MENTOR_ADD);
		pw_q_int(&q, 1, class_id);
		pw_q_int(&q, 2, ms[i]);
		pw_q_int(&q, 3, i + 1);
		if (pw_q_exec(&q, err) != PW_OK)
			return err->code;
	}
	*changed = cur1 == 0 && cur2 == 0 ? PW_NEW : PW_UPDATED;
	return PW_OK;
}

/* ---- students ---- */

const char *pw_student_name(struct pw_arena *a, const struct pw_student *st)
{
	if (st->prefix && st->prefix[0])
		return pw_printf(a, "%s %s %s", st->first_name, st->prefix, st->last_name);
	return pw_printf(a, "%s %s", st->first_name, st->last_name);
}

/* The lower-case text a name search matches against (ASCII folding only:
 * "Özil" is found by "zil" and by "Özil"). */
static char *search_text(struct pw_arena *a, const struct pw_student *in)
{
	char *t = (char *)pw_student_name(a, in);
	for (char *p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return t;
}

static void bind_student(struct pw_q *q, struct pw_arena *a, const struct pw_student *in, int first)
{
	pw_q_text(q, first, in->first_name);
	pw_q_text(q, first + 1, in->prefix ? in->prefix : "");
	pw_q_text(q, first + 2, in->last_name);
	pw_q_text(q, first + 3, in->birth_date);
	pw_q_text(q, first + 4, search_text(a, in));
}

enum pw_status pw_store_student_upsert(struct pw_store *s, const struct pw_student *in, int64_t *id,
				       enum pw_change *changed, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_q q;
	enum pw_status st = PW_OK;
	pw_q_start(&q, db, STMT_STUDENT_BY_EXT);
	pw_q_text(&q, 1, in->external_id);
	int r = one(&q, err);
	int differs = 0;
	if (r == 1) {
		*id = pw_q_col_int(&q, 0);
		differs = !same(pw_q_col_text(&q, 1), in->first_name) || !same(pw_q_col_text(&q, 2), in->prefix) ||
			  !same(pw_q_col_text(&q, 3), in->last_name) || !same(pw_q_col_text(&q, 4), in->birth_date);
	}
	pw_q_end(&q);
	if (r < 0) {
		st = err->code;
	} else if (r == 0) {
		pw_q_start(&q, db, STMT_STUDENT_ADD);
		pw_q_text(&q, 1, in->external_id);
		bind_student(&q, &a, in, 2);
		st = insert(&q, id, err);
		*changed = PW_NEW;
	} else if (differs) {
		pw_q_start(&q, db, STMT_STUDENT_UPDATE);
		bind_student(&q, &a, in, 1);
		pw_q_int(&q, 6, *id);
		st = pw_q_exec(&q, err);
		*changed = PW_UPDATED;
	} else {
		*changed = PW_SAME;
	}
	pw_arena_free(&a);
	return st;
}

static enum pw_status id_by_text(struct pw_store *s, enum pw_stmt stmt, const char *key, int64_t *id,
				 const char *what, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, stmt);
	pw_q_text(&q, 1, key);
	int r = one(&q, err);
	if (r == 1)
		*id = pw_q_col_int(&q, 0);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "there is no %s with number \"%s\"", what, key);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_student_by_external(struct pw_store *s, const char *external_id, int64_t *id,
					    struct pw_err *err)
{
	return id_by_text(s, STMT_STUDENT_BY_EXT, external_id, id, "student", err);
}

enum pw_status pw_store_enroll(struct pw_store *s, int64_t student_id, int64_t class_id, enum pw_change *changed,
			       struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CLASS_YEAR);
	pw_q_int(&q, 1, class_id);
	int r = one(&q, err);
	int64_t sy = r == 1 ? pw_q_col_int(&q, 0) : 0;
	pw_q_end(&q);
	if (r <= 0)
		return r < 0 ? err->code : pw_err_set(err, PW_ENOTFOUND, "no such class");
	pw_q_start(&q, db, STMT_ENROLL_GET);
	pw_q_int(&q, 1, student_id);
	pw_q_int(&q, 2, sy);
	r = one(&q, err);
	int64_t cur = r == 1 ? pw_q_col_int(&q, 0) : 0;
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	if (cur == class_id) {
		*changed = PW_SAME;
		return PW_OK;
	}
	pw_q_start(&q, db, STMT_ENROLL_SET);
	pw_q_int(&q, 1, student_id);
	pw_q_int(&q, 2, sy);
	pw_q_int(&q, 3, class_id);
	*changed = cur ? PW_UPDATED : PW_NEW;
	return pw_q_exec(&q, err);
}

static void read_student(struct pw_arena *a, struct pw_q *q, struct pw_student *o)
{
	o->id = pw_q_col_int(q, 0);
	o->external_id = col_str(a, q, 1);
	o->first_name = col_str(a, q, 2);
	o->prefix = col_str0(a, q, 3);
	o->last_name = col_str(a, q, 4);
	o->birth_date = col_str(a, q, 5);
	o->class_id = pw_q_col_int(q, 6);
	o->class_name = col_str(a, q, 7);
	o->year = (int)pw_q_col_int(q, 8);
	o->department = col_str0(a, q, 9);
	o->school_id = pw_q_col_int(q, 10);
	o->mentor[0] = pw_q_col_int(q, 11);
	o->mentor[1] = pw_q_col_int(q, 12);
}

/* Lower-cases q and escapes LIKE's wildcards. */
static char *like_text(struct pw_arena *a, const char *q)
{
	size_t n = strlen(q);
	char *o = pw_alloc(a, 2 * n + 1), *p = o;
	for (size_t i = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			*p++ = '\\';
		*p++ = (char)tolower((unsigned char)q[i]);
	}
	*p = '\0';
	return o;
}

static void bind_search(struct pw_q *q, struct pw_arena *a, const struct pw_student_query *sq, int64_t user_id)
{
	pw_q_text(q, 1, sq->day);
	pw_q_int(q, 2, user_id);
	pw_q_text(q, 3, sq->q && sq->q[0] ? like_text(a, sq->q) : NULL);
	pw_q_text(q, 4, sq->class_name && sq->class_name[0] ? sq->class_name : NULL);
}

enum pw_status pw_store_student_search(struct pw_store *s, struct pw_arena *a, const struct pw_student_query *sq,
				       struct pw_student **out, size_t *n, int64_t *total, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_STUDENT_SEARCH_COUNT);
	bind_search(&q, a, sq, sq->user_id);
	int r = one(&q, err);
	*total = r == 1 ? pw_q_col_int(&q, 0) : 0;
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	pw_q_start(&q, db, STMT_STUDENT_SEARCH);
	bind_search(&q, a, sq, sq->user_id);
	pw_q_int(&q, 5, sq->limit);
	pw_q_int(&q, 6, sq->offset);
	COLLECT(struct pw_student, &q, a, out, n, err, read_student(a, &q, it));
	return PW_OK;
}

enum pw_status pw_store_student_get(struct pw_store *s, struct pw_arena *a, int64_t id, const char *day,
				    struct pw_student *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_STUDENT_GET);
	pw_q_text(&q, 1, day);
	pw_q_int(&q, 2, id);
	int r = one(&q, err);
	if (r == 1)
		read_student(a, &q, out);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "there is no student %lld", (long long)id);
	return r < 0 ? err->code : PW_OK;
}

/* ---- parents ---- */

enum pw_status pw_store_parent_upsert(struct pw_store *s, const struct pw_parent *in, int64_t *id,
				      enum pw_change *changed, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_PARENT_BY_EXT);
	pw_q_text(&q, 1, in->external_id);
	int r = one(&q, err);
	int differs = 0;
	if (r == 1) {
		*id = pw_q_col_int(&q, 0);
		differs = !same(pw_q_col_text(&q, 1), in->name) || !same(pw_q_col_text(&q, 2), in->email) ||
			  !same(pw_q_col_text(&q, 3), in->phone);
	}
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	if (r == 0) {
		pw_q_start(&q, db, STMT_PARENT_ADD);
		pw_q_text(&q, 1, in->external_id);
		pw_q_text(&q, 2, in->name);
		pw_q_text(&q, 3, in->email);
		pw_q_text(&q, 4, in->phone);
		*changed = PW_NEW;
		return insert(&q, id, err);
	}
	if (!differs) {
		*changed = PW_SAME;
		return PW_OK;
	}
	pw_q_start(&q, db, STMT_PARENT_UPDATE);
	pw_q_text(&q, 1, in->name);
	pw_q_text(&q, 2, in->email);
	pw_q_text(&q, 3, in->phone);
	pw_q_int(&q, 4, *id);
	*changed = PW_UPDATED;
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_parent_by_external(struct pw_store *s, const char *external_id, int64_t *id,
					   struct pw_err *err)
{
	return id_by_text(s, STMT_PARENT_BY_EXT, external_id, id, "parent", err);
}

enum pw_status pw_store_parent_link(struct pw_store *s, int64_t student_id, int64_t parent_id, const char *relation,
				    int custody, const char *restriction, enum pw_change *changed, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_PARENT_LINK_GET);
	pw_q_int(&q, 1, student_id);
	pw_q_int(&q, 2, parent_id);
	int r = one(&q, err);
	int differs = r == 1 && (!same(pw_q_col_text(&q, 0), relation) || pw_q_col_int(&q, 1) != custody ||
				 !same(pw_q_col_text(&q, 2), restriction));
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	if (r == 1 && !differs) {
		*changed = PW_SAME;
		return PW_OK;
	}
	pw_q_start(&q, db, STMT_PARENT_LINK_SET);
	pw_q_int(&q, 1, student_id);
	pw_q_int(&q, 2, parent_id);
	pw_q_text(&q, 3, relation ? relation : "ouder");
	pw_q_int(&q, 4, custody);
	pw_q_text(&q, 5, restriction ? restriction : "");
	*changed = r == 1 ? PW_UPDATED : PW_NEW;
	return pw_q_exec(&q, err);
}

/* ---- staff accounts ---- */

enum pw_status pw_store_user_add(struct pw_store *s, const struct pw_user *in, int64_t *id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_USER_ADD);
	pw_q_text(&q, 1, in->login);
	pw_q_text(&q, 2, in->name);
	pw_q_text(&q, 3, in->email && in->email[0] ? in->email : NULL);
	pw_q_text(&q, 4, in->external_id && in->external_id[0] ? in->external_id : NULL);
	pw_q_text(&q, 5, in->password_hash);
	pw_q_int(&q, 6, pw_now());
	enum pw_status st = insert(&q, id, err);
	if (st == PW_ECONFLICT)
		pw_err_field(err, PW_ECONFLICT, "login", "there is already an account with login \"%s\" (or staff number \"%s\")",
			     in->login, in->external_id ? in->external_id : "");
	return st;
}

enum pw_status pw_store_user_update(struct pw_store *s, const struct pw_user *in, enum pw_change *changed,
				    struct pw_err *err)
{
	struct pw_arena a;
	struct pw_user cur;
	pw_arena_init(&a);
	enum pw_status st = pw_store_user_get(s, &a, in->id, &cur, err);
	if (st == PW_OK) {
		if (same(cur.name, in->name) && same(cur.email, in->email) && same(cur.external_id, in->external_id)) {
			*changed = PW_SAME;
		} else {
			struct pw_db *db = pw_db_get(s, err);
			struct pw_q q;
			pw_q_start(&q, db, STMT_USER_UPDATE);
			pw_q_text(&q, 1, in->name);
			pw_q_text(&q, 2, in->email && in->email[0] ? in->email : NULL);
			pw_q_text(&q, 3, in->external_id && in->external_id[0] ? in->external_id : NULL);
			pw_q_int(&q, 4, in->id);
			st = pw_q_exec(&q, err);
			*changed = PW_UPDATED;
		}
	}
	pw_arena_free(&a);
	return st;
}

static void read_user(struct pw_arena *a, struct pw_q *q, struct pw_user *o)
{
	o->id = pw_q_col_int(q, 0);
	o->login = col_str(a, q, 1);
	o->name = col_str(a, q, 2);
	o->email = col_str(a, q, 3);
	o->external_id = col_str(a, q, 4);
	o->password_hash = col_str(a, q, 5);
	o->lang = col_str(a, q, 6);
	o->parent_id = pw_q_col_int(q, 7);
	o->disabled = (int)pw_q_col_int(q, 8);
}

static enum pw_status user_one(struct pw_store *s, struct pw_arena *a, enum pw_stmt stmt, int64_t id, const char *key,
			       struct pw_user *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, stmt);
	if (key)
		pw_q_text(&q, 1, key);
	else
		pw_q_int(&q, 1, id);
	int r = one(&q, err);
	if (r == 1)
		read_user(a, &q, out);
	pw_q_end(&q);
	if (r == 0) {
		if (key)
			return pw_err_set(err, PW_ENOTFOUND, "there is no account \"%s\"", key);
		return pw_err_set(err, PW_ENOTFOUND, "there is no account %lld", (long long)id);
	}
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_user_get(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_user *out,
				 struct pw_err *err)
{
	return user_one(s, a, STMT_USER_COLS_BY_ID, id, NULL, out, err);
}

enum pw_status pw_store_user_by_login(struct pw_store *s, struct pw_arena *a, const char *login, struct pw_user *out,
				      struct pw_err *err)
{
	return user_one(s, a, STMT_USER_COLS_BY_LOGIN, 0, login, out, err);
}

enum pw_status pw_store_user_by_external(struct pw_store *s, struct pw_arena *a, const char *external_id,
					 struct pw_user *out, struct pw_err *err)
{
	return user_one(s, a, STMT_USER_COLS_BY_EXT, 0, external_id, out, err);
}

enum pw_status pw_store_user_list(struct pw_store *s, struct pw_arena *a, struct pw_user **out, size_t *n,
				  struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_USER_LIST);
	COLLECT(struct pw_user, &q, a, out, n, err, read_user(a, &q, it));
	return PW_OK;
}

static enum pw_status exec_id_text(struct pw_store *s, enum pw_stmt stmt, const char *text, int64_t id,
				   struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, stmt);
	pw_q_text(&q, 1, text);
	pw_q_int(&q, 2, id);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_user_set_password(struct pw_store *s, int64_t id, const char *hash, struct pw_err *err)
{
	return exec_id_text(s, STMT_USER_SET_PASSWORD, hash, id, err);
}

enum pw_status pw_store_user_set_lang(struct pw_store *s, int64_t id, const char *lang, struct pw_err *err)
{
	return exec_id_text(s, STMT_USER_SET_LANG, lang, id, err);
}

enum pw_status pw_store_user_set_parent(struct pw_store *s, int64_t id, int64_t parent_id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_USER_SET_PARENT);
	pw_q_int(&q, 1, parent_id);
	pw_q_int(&q, 2, id);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_user_disable(struct pw_store *s, int64_t id, int disabled, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	if (pw_db_begin(db, err) != PW_OK)
		return err->code;
	if (disabled) {
		pw_q_start(&q, db, STMT_USER_DISABLE);
		pw_q_int(&q, 1, pw_now());
		pw_q_int(&q, 2, id);
	} else {
		pw_q_start(&q, db, STMT_USER_ENABLE);
		pw_q_int(&q, 1, id);
	}
	if (pw_q_exec(&q, err) != PW_OK)
		goto fail;
	if (disabled) {
		/* A disabled account is out at once: every session and token ends. */
		pw_q_start(&q, db, STMT_SESSION_DEL_USER);
		pw_q_int(&q, 1, id);
		if (pw_q_exec(&q, err) != PW_OK)
			goto fail;
		pw_q_start(&q, db, STMT_TOKEN_REVOKE_USER);
		pw_q_int(&q, 1, pw_now());
		pw_q_int(&q, 2, id);
		if (pw_q_exec(&q, err) != PW_OK)
			goto fail;
	}
	return pw_db_commit(db, err);
fail:
	pw_db_rollback(db);
	return err->code;
}

enum pw_status pw_store_user_functie_add(struct pw_store *s, int64_t user_id, const struct pw_user_functie *f,
					 enum pw_change *changed, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_FUNCTIE_ADD);
	pw_q_int(&q, 1, user_id);
	pw_q_int(&q, 2, f->school_id);
	pw_q_text(&q, 3, f->functie);
	pw_q_text(&q, 4, f->department ? f->department : "");
	enum pw_status st = pw_q_exec(&q, err);
	if (changed)
		*changed = pw_db_changes(db) ? PW_NEW : PW_SAME;
	return st;
}

enum pw_status pw_store_user_functie_clear(struct pw_store *s, int64_t user_id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_FUNCTIE_CLEAR);
	pw_q_int(&q, 1, user_id);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_user_functies(struct pw_store *s, struct pw_arena *a, int64_t user_id, struct pw_user_functie **out,
				      size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_FUNCTIE_LIST);
	pw_q_int(&q, 1, user_id);
	COLLECT(struct pw_user_functie, &q, a, out, n, err, {
		it->school_id = pw_q_col_int(&q, 0);
		it->functie = col_str(a, &q, 1);
		it->department = col_str0(a, &q, 2);
	});
	return PW_OK;
}

enum pw_status pw_store_user_classes(struct pw_store *s, struct pw_arena *a, int64_t user_id, const char *day,
				     struct pw_class **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_USER_CLASSES);
	pw_q_text(&q, 1, day);
	pw_q_int(&q, 2, user_id);
	COLLECT(struct pw_class, &q, a, out, n, err, read_class(a, &q, it));
	return PW_OK;
}
