#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/session.h"
#include "util/clock.h"

enum pw_status pw_store_session_add(struct pw_store *s, const unsigned char hash[PW_HASH_LEN], int64_t user_id,
				    const char *csrf, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	int64_t now = pw_now();
	pw_q_start(&q, db, STMT_SESSION_ADD);
	pw_q_blob(&q, 1, hash, PW_HASH_LEN);
	pw_q_int(&q, 2, user_id);
	pw_q_text(&q, 3, csrf);
	pw_q_int(&q, 4, now);
	pw_q_int(&q, 5, now);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_session_get(struct pw_store *s, const unsigned char hash[PW_HASH_LEN],
				    struct pw_session_row *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SESSION_GET);
	pw_q_blob(&q, 1, hash, PW_HASH_LEN);
	int r = pw_q_step(&q, err);
	if (r == 1) {
		out->user_id = pw_q_col_int(&q, 0);
		const char *c = pw_q_col_text(&q, 1);
		snprintf(out->csrf, sizeof out->csrf, "%s", c ? c : "");
		out->created_at = pw_q_col_int(&q, 2);
		out->seen_at = pw_q_col_int(&q, 3);
	}
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "no such session");
	return r < 0 ? err->code : PW_OK;
}

static enum pw_status by_hash(struct pw_store *s, enum pw_stmt stmt, const unsigned char hash[PW_HASH_LEN],
			      int with_now, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, stmt);
	int i = 1;
	if (with_now)
		pw_q_int(&q, i++, pw_now());
	pw_q_blob(&q, i, hash, PW_HASH_LEN);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_session_touch(struct pw_store *s, const unsigned char hash[PW_HASH_LEN], struct pw_err *err)
{
	return by_hash(s, STMT_SESSION_TOUCH, hash, 1, err);
}

enum pw_status pw_store_session_delete(struct pw_store *s, const unsigned char hash[PW_HASH_LEN], struct pw_err *err)
{
	return by_hash(s, STMT_SESSION_DEL, hash, 0, err);
}

enum pw_status pw_store_session_purge(struct pw_store *s, int64_t idle_before, int64_t created_before,
				      struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_SESSION_PURGE);
	pw_q_int(&q, 1, idle_before);
	pw_q_int(&q, 2, created_before);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_token_add(struct pw_store *s, int64_t user_id, const unsigned char hash[PW_HASH_LEN],
				  const char *name, int64_t *id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_TOKEN_ADD);
	pw_q_int(&q, 1, user_id);
	pw_q_blob(&q, 2, hash, PW_HASH_LEN);
	pw_q_text(&q, 3, name ? name : "");
	pw_q_int(&q, 4, pw_now());
	enum pw_status st = pw_q_exec(&q, err);
	if (st == PW_OK)
		*id = pw_db_last_id(db);
	return st;
}

enum pw_status pw_store_token_lookup(struct pw_store *s, const unsigned char hash[PW_HASH_LEN], int64_t *token_id,
				     int64_t *user_id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_TOKEN_GET);
	pw_q_blob(&q, 1, hash, PW_HASH_LEN);
	int r = pw_q_step(&q, err);
	int64_t used = 0;
	if (r == 1) {
		*token_id = pw_q_col_int(&q, 0);
		*user_id = pw_q_col_int(&q, 1);
		used = pw_q_col_int(&q, 2);
	}
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_EAUTH, "this token is not valid (revoked, or its account is disabled)");
	if (r < 0)
		return err->code;
	/* Last use is information for the beheerder, not worth a disk sync per call. */
	if (pw_now() - used >= 60) {
		pw_q_start(&q, db, STMT_TOKEN_USED);
		pw_q_int(&q, 1, pw_now());
		pw_q_int(&q, 2, *token_id);
		pw_q_exec(&q, err);
	}
	return PW_OK;
}

enum pw_status pw_store_token_list(struct pw_store *s, struct pw_arena *a, int64_t user_id, struct pw_token_row **out,
				   size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	size_t cap = 16;
	struct pw_token_row *v = pw_alloc(a, cap * sizeof *v);
	int r;
	*n = 0;
	pw_q_start(&q, db, STMT_TOKEN_LIST);
	pw_q_int(&q, 1, user_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		struct pw_token_row *t = &v[(*n)++];
		t->id = pw_q_col_int(&q, 0);
		t->login = pw_strdup(a, pw_q_col_text(&q, 1));
		t->name = pw_strdup(a, pw_q_col_text(&q, 2) ? pw_q_col_text(&q, 2) : "");
		t->created_at = pw_q_col_int(&q, 3);
		t->used_at = pw_q_col_int(&q, 4);
		t->revoked_at = pw_q_col_int(&q, 5);
	}
	pw_q_end(&q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_token_revoke(struct pw_store *s, int64_t id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_TOKEN_REVOKE);
	pw_q_int(&q, 1, pw_now());
	pw_q_int(&q, 2, id);
	if (pw_q_exec(&q, err) != PW_OK)
		return err->code;
	if (pw_db_changes(db) == 0)
		return pw_err_set(err, PW_ENOTFOUND, "there is no live token %lld", (long long)id);
	return PW_OK;
}
