/* Reports by students and parents, and their threads (store/reports.h). */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/reports.h"
#include "util/clock.h"

#define KEY_NAME "report_receipt_key"

/* The key is read once per store: every receipt lookup needs it, and it
 * never changes once made. The path is kept too, so a second store opened
 * at the same address (the CLI) never gets another database's key. */
static pthread_mutex_t key_mu = PTHREAD_MUTEX_INITIALIZER;
static const struct pw_store *key_store;
static char key_path[512];
static unsigned char key_cached[PW_REPORT_KEY_BYTES];

static enum pw_status key_read(struct pw_db *db, unsigned char key[PW_REPORT_KEY_BYTES], int *found, struct pw_err *err)
{
	struct pw_q q;
	*found = 0;
	pw_q_start(&q, db, STMT_REPORT_META_GET);
	pw_q_text(&q, 1, KEY_NAME);
	int r = pw_q_step(&q, err);
	if (r == 1) {
		const char *hex = pw_q_col_text(&q, 0);
		size_t len = 0;
		if (hex && sodium_hex2bin(key, PW_REPORT_KEY_BYTES, hex, strlen(hex), NULL, &len, NULL) == 0 &&
		    len == PW_REPORT_KEY_BYTES)
			*found = 1;
		else {
			pw_err_set(err, PW_EIO, "the receipt key in meta is damaged; restore the database from a backup");
			r = -1;
		}
	}
	pw_q_end(&q);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_report_key(struct pw_store *s, unsigned char key[PW_REPORT_KEY_BYTES], struct pw_err *err)
{
	pthread_mutex_lock(&key_mu);
	if (key_store == s && strcmp(key_path, pw_store_path(s)) == 0) {
		memcpy(key, key_cached, PW_REPORT_KEY_BYTES);
		pthread_mutex_unlock(&key_mu);
		return PW_OK;
	}
	pthread_mutex_unlock(&key_mu);
	DB_OR_FAIL(s, err);
	int found;
	if (key_read(db, key, &found, err) != PW_OK)
		return err->code;
	if (!found) {
		/* First use: make one. Two requests may race here; the insert keeps
		 * the first, and both read back the one that was stored. */
		unsigned char fresh[PW_REPORT_KEY_BYTES];
		char hex[2 * PW_REPORT_KEY_BYTES + 1];
		randombytes_buf(fresh, sizeof fresh);
		sodium_bin2hex(hex, sizeof hex, fresh, sizeof fresh);
		sodium_memzero(fresh, sizeof fresh);
		struct pw_q q;
		pw_q_start(&q, db, STMT_REPORT_META_PUT);
		pw_q_text(&q, 1, KEY_NAME);
		pw_q_text(&q, 2, hex);
		sodium_memzero(hex, sizeof hex);
		if (pw_q_exec(&q, err) != PW_OK || key_read(db, key, &found, err) != PW_OK)
			return err->code;
		if (!found)
			return pw_err_set(err, PW_EIO, "the receipt key could not be stored");
	}
	pthread_mutex_lock(&key_mu);
	memcpy(key_cached, key, PW_REPORT_KEY_BYTES);
	snprintf(key_path, sizeof key_path, "%s", pw_store_path(s));
	key_store = s;
	pthread_mutex_unlock(&key_mu);
	return PW_OK;
}

enum pw_status pw_store_report_add(struct pw_store *s, const struct pw_report_row *in,
				   const unsigned char hash[PW_REPORT_HASH_BYTES], int64_t *id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	int64_t now = pw_now();
	pw_q_start(&q, db, STMT_REPORT_ADD);
	pw_q_int(&q, 1, in->school_id);
	pw_q_blob(&q, 2, hash, PW_REPORT_HASH_BYTES);
	pw_q_text(&q, 3, in->text);
	pw_q_text(&q, 4, in->occurred_on ? in->occurred_on : "");
	pw_q_text(&q, 5, in->location ? in->location : "");
	pw_q_text(&q, 6, in->name ? in->name : "");
	pw_q_text(&q, 7, in->contact ? in->contact : "");
	pw_q_int(&q, 8, now);
	pw_q_int(&q, 9, now);
	pw_q_int(&q, 10, in->entered_by);
	enum pw_status st = pw_q_exec(&q, err);
	if (st == PW_OK)
		*id = pw_db_last_id(db);
	return st;
}

static void read_row(struct pw_arena *a, struct pw_q *q, struct pw_report_row *o)
{
	o->id = pw_q_col_int(q, 0);
	o->school_id = pw_q_col_int(q, 1);
	o->text = pw_strdup(a, pw_q_col_text(q, 2));
	o->occurred_on = pw_strdup(a, pw_q_col_text(q, 3));
	o->location = pw_strdup(a, pw_q_col_text(q, 4));
	o->name = pw_strdup(a, pw_q_col_text(q, 5));
	o->contact = pw_strdup(a, pw_q_col_text(q, 6));
	o->status = pw_strdup(a, pw_q_col_text(q, 7));
	o->triage = pw_strdup(a, pw_q_col_text(q, 8));
	o->created_at = pw_q_col_int(q, 9);
	o->updated_at = pw_q_col_int(q, 10);
	o->entered_by = pw_q_col_int(q, 11);
	o->case_id = pw_q_col_int(q, 12);
	o->signal_id = pw_q_col_int(q, 13);
	o->last_from_school = (int)pw_q_col_int(q, 14);
}

static enum pw_status get_one(struct pw_store *s, struct pw_arena *a, enum pw_stmt id, int64_t key_id,
			      const unsigned char *hash, struct pw_report_row *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, id);
	if (hash)
		pw_q_blob(&q, 1, hash, PW_REPORT_HASH_BYTES);
	else
		pw_q_int(&q, 1, key_id);
	int r = pw_q_step(&q, err);
	if (r == 1)
		read_row(a, &q, out);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "Deze melding bestaat niet (report not found).");
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_report_by_hash(struct pw_store *s, struct pw_arena *a, const unsigned char hash[PW_REPORT_HASH_BYTES],
				       struct pw_report_row *out, struct pw_err *err)
{
	return get_one(s, a, STMT_REPORT_BY_HASH, 0, hash, out, err);
}

enum pw_status pw_store_report_get(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_report_row *out,
				   struct pw_err *err)
{
	return get_one(s, a, STMT_REPORT_BY_ID, id, NULL, out, err);
}

enum pw_status pw_store_reports_list(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *status,
				     int limit, int offset, struct pw_report_row **out, size_t *n, int64_t *total,
				     struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	struct pw_report_row *v = pw_calloc(a, (size_t)limit + 1, sizeof *v);
	int r;
	*n = 0;
	*out = v;
	*total = 0;
	pw_q_start(&q, db, STMT_REPORT_COUNT);
	pw_q_int(&q, 1, school_id);
	pw_q_text(&q, 2, status);
	if ((r = pw_q_step(&q, err)) == 1)
		*total = pw_q_col_int(&q, 0);
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	pw_q_start(&q, db, STMT_REPORT_LIST);
	pw_q_int(&q, 1, school_id);
	pw_q_text(&q, 2, status);
	pw_q_int(&q, 3, limit);
	pw_q_int(&q, 4, offset);
	while ((r = pw_q_step(&q, err)) == 1 && *n < (size_t)limit)
		read_row(a, &q, &v[(*n)++]);
	pw_q_end(&q);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_report_set(struct pw_store *s, const struct pw_report_row *row, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_REPORT_SET);
	pw_q_int(&q, 1, row->id);
	pw_q_text(&q, 2, row->status);
	pw_q_text(&q, 3, row->triage ? row->triage : "");
	pw_q_int(&q, 4, row->case_id);
	pw_q_int(&q, 5, row->signal_id);
	pw_q_int(&q, 6, pw_now());
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_report_messages(struct pw_store *s, struct pw_arena *a, int64_t report_id,
					struct pw_report_msg **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	size_t cap = 8;
	struct pw_report_msg *v = pw_alloc(a, cap * sizeof *v);
	int r;
	*n = 0;
	pw_q_start(&q, db, STMT_REPORT_MSGS);
	pw_q_int(&q, 1, report_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		struct pw_report_msg *m = &v[(*n)++];
		m->id = pw_q_col_int(&q, 0);
		m->at = pw_q_col_int(&q, 1);
		m->from_school = (int)pw_q_col_int(&q, 2);
		m->author_id = pw_q_col_int(&q, 3);
		m->text = pw_strdup(a, pw_q_col_text(&q, 4));
	}
	pw_q_end(&q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_report_message_add(struct pw_store *s, int64_t report_id, int from_school, int64_t author_id,
					   const char *text, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	int64_t now = pw_now();
	pw_q_start(&q, db, STMT_REPORT_MSG_ADD);
	pw_q_int(&q, 1, report_id);
	pw_q_int(&q, 2, now);
	pw_q_int(&q, 3, from_school ? 1 : 0);
	pw_q_int(&q, 4, author_id);
	pw_q_text(&q, 5, text);
	if (pw_q_exec(&q, err) != PW_OK)
		return err->code;
	pw_q_start(&q, db, STMT_REPORT_TOUCH);
	pw_q_int(&q, 1, report_id);
	pw_q_int(&q, 2, now);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_report_notice(struct pw_store *s, int64_t user_id, int64_t report_id, const char *kind,
				      struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_REPORT_NOTICE_ADD);
	pw_q_int(&q, 1, user_id);
	pw_q_int(&q, 2, report_id);
	pw_q_text(&q, 3, kind);
	pw_q_int(&q, 4, pw_now());
	return pw_q_exec(&q, err);
}
