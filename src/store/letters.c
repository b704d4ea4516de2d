/* Letters to parents: the parents of a student, and the letters kept. */
#include "store/letters.h"

#include <string.h>

#include "store/db.h"

static const char *col(struct pw_arena *a, struct pw_q *q, int c)
{
	const char *t = pw_q_col_text(q, c);
	return pw_strdup(a, t ? t : "");
}

enum pw_status pw_store_student_parents(struct pw_store *s, struct pw_arena *a, int64_t student_id,
					struct pw_parent_link **out, size_t *n, struct pw_err *err)
{
	struct pw_db *db = pw_db_get(s, err);
	*out = NULL;
	*n = 0;
	if (db == NULL)
		return PW_EIO;
	struct pw_q q;
	size_t cap = 0;
	int r;
	pw_q_start(&q, db, STMT_LETTER_PARENTS);
	pw_q_int(&q, 1, student_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		*out = pw_arena_grow(a, *out, *n, &cap, sizeof **out);
		struct pw_parent_link *p = &(*out)[(*n)++];
		p->id = pw_q_col_int(&q, 0);
		p->name = col(a, &q, 1);
		p->email = col(a, &q, 2);
		p->relation = col(a, &q, 3);
		p->custody = pw_q_col_int(&q, 4) != 0;
		p->restriction = col(a, &q, 5);
	}
	pw_q_end(&q);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_letter_add(struct pw_store *s, struct pw_letter *l, const char *recipient, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	l->outbox_id = 0;
	if (strcmp(l->channel, "mail") == 0) {
		/* Due at once: the sender composes nothing, the body is the letter. */
		pw_q_start(&q, db, STMT_LETTER_OUTBOX);
		pw_q_text(&q, 1, recipient);
		pw_q_text(&q, 2, l->subject);
		pw_q_text(&q, 3, l->text);
		pw_q_int(&q, 4, l->at);
		if (pw_q_exec(&q, err) != PW_OK)
			return err->code;
		l->outbox_id = pw_db_last_id(db);
	}
	pw_q_start(&q, db, STMT_LETTER_ADD);
	pw_q_int(&q, 1, l->case_id);
	pw_q_int(&q, 2, l->student_id);
	pw_q_int(&q, 3, l->parent_id);
	pw_q_text(&q, 4, l->subject);
	pw_q_text(&q, 5, l->text);
	pw_q_text(&q, 6, l->channel);
	pw_q_int(&q, 7, l->by);
	pw_q_int(&q, 8, l->at);
	pw_q_int(&q, 9, l->outbox_id);
	if (pw_q_exec(&q, err) != PW_OK)
		return err->code;
	l->id = pw_db_last_id(db);
	return PW_OK;
}

static void row(struct pw_q *q, struct pw_arena *a, struct pw_letter *l)
{
	l->id = pw_q_col_int(q, 0);
	l->case_id = pw_q_col_int(q, 1);
	l->student_id = pw_q_col_int(q, 2);
	l->parent_id = pw_q_col_int(q, 3);
	l->subject = col(a, q, 4);
	l->text = col(a, q, 5);
	l->channel = col(a, q, 6);
	l->by = pw_q_col_int(q, 7);
	l->at = pw_q_col_int(q, 8);
	l->outbox_id = pw_q_col_int(q, 9);
	l->parent_name = col(a, q, 10);
	l->by_name = col(a, q, 11);
}

enum pw_status pw_store_letter_get(struct pw_store *s, struct pw_arena *a, int64_t case_id, int64_t id,
				   struct pw_letter *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_LETTER_GET);
	pw_q_int(&q, 1, id);
	pw_q_int(&q, 2, case_id);
	int r = pw_q_step(&q, err);
	if (r == 1)
		row(&q, a, out);
	pw_q_end(&q);
	if (r == 1)
		return PW_OK;
	return r < 0 ? err->code : pw_err_set(err, PW_ENOTFOUND, "Deze brief bestaat niet (letter not found).");
}

enum pw_status pw_store_letter_list(struct pw_store *s, struct pw_arena *a, int64_t case_id, struct pw_letter **out,
				    size_t *n, struct pw_err *err)
{
	struct pw_db *db = pw_db_get(s, err);
	*out = NULL;
	*n = 0;
	if (db == NULL)
		return PW_EIO;
	struct pw_q q;
	size_t cap = 0;
	int r;
	pw_q_start(&q, db, STMT_LETTER_LIST);
	pw_q_int(&q, 1, case_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		*out = pw_arena_grow(a, *out, *n, &cap, sizeof **out);
		row(&q, a, &(*out)[(*n)++]);
	}
	pw_q_end(&q);
	return r < 0 ? err->code : PW_OK;
}
