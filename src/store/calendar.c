/* Personal calendar feeds (store/calendar.h). */
#include "store/calendar.h"

#include "store/db.h"
#include "util/clock.h"

enum pw_status pw_store_calfeed_set(struct pw_store *s, int64_t user_id, const unsigned char hash[32],
				    struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CALFEED_SET);
	pw_q_int(&q, 1, user_id);
	pw_q_blob(&q, 2, hash, 32);
	pw_q_int(&q, 3, pw_now());
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_calfeed_delete(struct pw_store *s, int64_t user_id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CALFEED_DEL);
	pw_q_int(&q, 1, user_id);
	if (pw_q_exec(&q, err) != PW_OK)
		return err->code;
	if (pw_db_changes(db) == 0)
		return pw_err_set(err, PW_ENOTFOUND, "Je hebt geen agenda-adres (no calendar feed).");
	return PW_OK;
}

/* One integer column of the first row of stmt bound to key (an id or a hash). */
static enum pw_status one_int(struct pw_store *s, enum pw_stmt stmt, int64_t id, const unsigned char *hash,
			      int64_t *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, stmt);
	if (hash)
		pw_q_blob(&q, 1, hash, 32);
	else
		pw_q_int(&q, 1, id);
	int r = pw_q_step(&q, err);
	if (r == 1)
		*out = pw_q_col_int(&q, 0);
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "Dit agenda-adres bestaat niet (no such calendar feed).");
	return PW_OK;
}

enum pw_status pw_store_calfeed_get(struct pw_store *s, int64_t user_id, int64_t *created_at, struct pw_err *err)
{
	return one_int(s, STMT_CALFEED_GET, user_id, NULL, created_at, err);
}

enum pw_status pw_store_calfeed_lookup(struct pw_store *s, const unsigned char hash[32], int64_t *user_id,
				       struct pw_err *err)
{
	return one_int(s, STMT_CALFEED_LOOKUP, 0, hash, user_id, err);
}
