/* The yearly surveys in the store: see store/surveys.h. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/surveys.h"
#include "util/clock.h"

static void read_info(struct pw_arena *a, struct pw_q *q, struct pw_survey_info *o)
{
	o->id = pw_q_col_int(q, 0);
	o->school_id = pw_q_col_int(q, 1);
	o->schoolyear = pw_strdup(a, pw_q_col_text(q, 2));
	o->kind = pw_strdup(a, pw_q_col_text(q, 3));
	o->status = pw_strdup(a, pw_q_col_text(q, 4));
	o->created_at = pw_q_col_int(q, 5);
	o->respondents = pw_q_col_int(q, 6);
	o->codes = pw_q_col_int(q, 7);
	o->codes_used = pw_q_col_int(q, 8);
}

static enum pw_status put_questions(struct pw_db *db, int64_t id, const struct pw_survey_qrow *v, size_t n,
				    struct pw_err *err)
{
	struct pw_q q;
	pw_q_start(&q, db, STMT_SURVEY_Q_DEL);
	pw_q_int(&q, 1, id);
	if (pw_q_exec(&q, err) != PW_OK)
		return err->code;
	for (size_t i = 0; i < n; i++) {
		pw_q_start(&q, db, STMT_SURVEY_Q_ADD);
		pw_q_int(&q, 1, id);
		pw_q_text(&q, 2, v[i].key);
		pw_q_int(&q, 3, (int64_t)i);
		pw_q_text(&q, 4, v[i].text);
		pw_q_text(&q, 5, v[i].scale);
		if (pw_q_exec(&q, err) != PW_OK)
			return err->code;
	}
	return PW_OK;
}

static enum pw_status audit(struct pw_db *db, int64_t user_id, const char *action, int64_t id, const char *detail,
			    struct pw_err *err)
{
	struct pw_audit au = {.user_id = user_id, .action = action, .object = "survey", .object_id = id, .detail = detail};
	return pw_db_audit(db, &au, err);
}

enum pw_status pw_store_survey_add(struct pw_store *s, int64_t school_id, const char *schoolyear, const char *kind,
				   const struct pw_survey_qrow *v, size_t nq, int64_t user_id, int64_t *id,
				   struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	if (pw_db_begin(db, err) != PW_OK)
		return err->code;
	struct pw_q q;
	pw_q_start(&q, db, STMT_SURVEY_ADD);
	pw_q_int(&q, 1, school_id);
	pw_q_text(&q, 2, schoolyear);
	pw_q_text(&q, 3, kind);
	pw_q_int(&q, 4, user_id);
	pw_q_int(&q, 5, pw_now());
	if (pw_q_exec(&q, err) != PW_OK)
		goto fail;
	*id = pw_db_last_id(db);
	if (put_questions(db, *id, v, nq, err) != PW_OK || audit(db, user_id, "create", *id, kind, err) != PW_OK ||
	    pw_db_commit(db, err) != PW_OK)
		goto fail;
	return PW_OK;
fail:
	pw_db_rollback(db);
	return err->code;
}

enum pw_status pw_store_survey_get(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_survey_info *out,
				   struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SURVEY_GET);
	pw_q_int(&q, 1, id);
	int r = pw_q_step(&q, err);
	if (r == 1)
		read_info(a, &q, out);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "Deze enquête bestaat niet. (No such survey.)");
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_survey_list(struct pw_store *s, struct pw_arena *a, int64_t school_id,
				    struct pw_survey_info **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SURVEY_LIST);
	pw_q_int(&q, 1, school_id);
	COLLECT(struct pw_survey_info, &q, a, out, n, err, read_info(a, &q, it));
	return PW_OK;
}

static void read_qrow(struct pw_arena *a, struct pw_q *q, struct pw_survey_qrow *o)
{
	o->key = pw_strdup(a, pw_q_col_text(q, 0));
	o->text = pw_q_col_null(q, 1) ? NULL : pw_strdup(a, pw_q_col_text(q, 1));
	o->scale = pw_q_col_null(q, 2) ? NULL : pw_strdup(a, pw_q_col_text(q, 2));
}

enum pw_status pw_store_survey_questions(struct pw_store *s, struct pw_arena *a, int64_t id,
					 struct pw_survey_qrow **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SURVEY_Q_LIST);
	pw_q_int(&q, 1, id);
	COLLECT(struct pw_survey_qrow, &q, a, out, n, err, read_qrow(a, &q, it));
	return PW_OK;
}

enum pw_status pw_store_survey_set_questions(struct pw_store *s, int64_t id, const struct pw_survey_qrow *v, size_t nq,
					     int64_t user_id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	if (pw_db_begin(db, err) != PW_OK)
		return err->code;
	if (put_questions(db, id, v, nq, err) != PW_OK || audit(db, user_id, "update", id, "vragen", err) != PW_OK ||
	    pw_db_commit(db, err) != PW_OK) {
		pw_db_rollback(db);
		return err->code;
	}
	return PW_OK;
}

enum pw_status pw_store_survey_set_status(struct pw_store *s, int64_t id, const char *status, int64_t user_id,
					  struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	if (pw_db_begin(db, err) != PW_OK)
		return err->code;
	struct pw_q q;
	pw_q_start(&q, db, STMT_SURVEY_STATUS);
	pw_q_int(&q, 1, id);
	pw_q_text(&q, 2, status);
	if (pw_q_exec(&q, err) != PW_OK || audit(db, user_id, "update", id, status, err) != PW_OK ||
	    pw_db_commit(db, err) != PW_OK) {
		pw_db_rollback(db);
		return err->code;
	}
	return PW_OK;
}

enum pw_status pw_store_survey_codes_add(struct pw_store *s, int64_t id, const unsigned char *hashes, size_t n,
					 int64_t user_id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	if (pw_db_begin(db, err) != PW_OK)
		return err->code;
	struct pw_q q;
	for (size_t i = 0; i < n; i++) {
		pw_q_start(&q, db, STMT_SURVEY_CODE_ADD);
		pw_q_blob(&q, 1, hashes + i * PW_SURVEY_HASH_BYTES, PW_SURVEY_HASH_BYTES);
		pw_q_int(&q, 2, id);
		if (pw_q_exec(&q, err) != PW_OK)
			goto fail;
	}
	char detail[32];
	snprintf(detail, sizeof detail, "%zu codes", n);
	if (audit(db, user_id, "create", id, detail, err) != PW_OK || pw_db_commit(db, err) != PW_OK)
		goto fail;
	return PW_OK;
fail:
	pw_db_rollback(db);
	return err->code;
}

enum pw_status pw_store_survey_code_find(struct pw_store *s, const unsigned char hash[PW_SURVEY_HASH_BYTES],
					 int64_t *survey_id, int *used, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SURVEY_CODE_FIND);
	pw_q_blob(&q, 1, hash, PW_SURVEY_HASH_BYTES);
	int r = pw_q_step(&q, err);
	if (r == 1) {
		*survey_id = pw_q_col_int(&q, 0);
		*used = (int)pw_q_col_int(&q, 1);
	}
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "unknown code");
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_survey_answer(struct pw_store *s, const unsigned char hash[PW_SURVEY_HASH_BYTES],
				      int64_t survey_id, const struct pw_survey_answer *v, size_t n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	/* BEGIN IMMEDIATE: two submissions of one code queue here; the second
	 * finds it used and changes nothing. */
	if (pw_db_begin(db, err) != PW_OK)
		return err->code;
	struct pw_q q;
	pw_q_start(&q, db, STMT_SURVEY_CODE_USE);
	pw_q_blob(&q, 1, hash, PW_SURVEY_HASH_BYTES);
	pw_q_int(&q, 2, survey_id);
	if (pw_q_exec(&q, err) != PW_OK)
		goto fail;
	if (pw_db_changes(db) != 1) {
		pw_err_set(err, PW_ECONFLICT,
			   "Deze code is al gebruikt, of de enquête is gesloten. (This code was used already, or the survey "
			   "is closed.)");
		goto fail;
	}
	/* A random id: its order says nothing about when it was stored. */
	unsigned char rid[16];
	randombytes_buf(rid, sizeof rid);
	pw_q_start(&q, db, STMT_SURVEY_RESP_ADD);
	pw_q_blob(&q, 1, rid, sizeof rid);
	pw_q_int(&q, 2, survey_id);
	if (pw_q_exec(&q, err) != PW_OK)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		pw_q_start(&q, db, STMT_SURVEY_ANSWER_ADD);
		pw_q_blob(&q, 1, rid, sizeof rid);
		pw_q_text(&q, 2, v[i].key);
		pw_q_text(&q, 3, v[i].value);
		if (pw_q_exec(&q, err) != PW_OK)
			goto fail;
	}
	if (pw_db_commit(db, err) != PW_OK)
		goto fail;
	return PW_OK;
fail:
	pw_db_rollback(db);
	return err->code;
}

enum pw_status pw_store_survey_rows(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_survey_row **out,
				    size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	size_t cap = 64;
	struct pw_survey_row *v = pw_alloc(a, cap * sizeof *v);
	struct pw_q q;
	int r;
	unsigned char last[16];
	int64_t resp = -1;
	*n = 0;
	pw_q_start(&q, db, STMT_SURVEY_ROWS);
	pw_q_int(&q, 1, id);
	while ((r = pw_q_step(&q, err)) == 1) {
		size_t len = 0;
		const void *rid = pw_q_col_blob(&q, 0, &len);
		if (resp < 0 || len != sizeof last || memcmp(rid, last, sizeof last) != 0) {
			resp++;
			if (rid && len == sizeof last)
				memcpy(last, rid, sizeof last);
		}
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		v[*n].resp = resp;
		v[*n].key = pw_strdup(a, pw_q_col_text(&q, 1));
		v[*n].value = pw_strdup(a, pw_q_col_text(&q, 2));
		(*n)++;
	}
	pw_q_end(&q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}
