/* The SQLite backend: one connection per thread (WAL lets readers run beside
 * the one writer), statements prepared once per connection, migrations at
 * open, the server lock, backup and restore, and the audit group commit. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrations.h"
#include "util/clock.h"
#include "util/log.h"

struct pw_db {
	sqlite3 *h;
	struct pw_store *s;
	int in_tx; /* holds the store's write lock */
	sqlite3_stmt *st[STMT__MAX];
	struct pw_db *next; /* in the store's list of connections */
};

/* A read's audit row waiting for the group commit; lives on the waiter's stack. */
struct audit_wait {
	const struct pw_audit *row;
	int64_t at;
	int done;
	enum pw_status status;
	struct audit_wait *next;
};

struct pw_store {
	char *path;
	pthread_key_t key;
	pthread_mutex_t mu; /* guards conns and the audit queue */
	/* One writer at a time, queued here rather than in SQLite's busy handler,
	 * which sleeps in steps of milliseconds and wastes the disk's sync rate. */
	pthread_mutex_t write_mu;
	struct pw_db *conns;
	int lock_fd;

	/* Audit group commit: rows queue here; one writer thread commits them
	 * in batches and wakes their waiters. */
	pthread_t audit_thread;
	int audit_running;
	int audit_stop;
	pthread_cond_t audit_work;
	pthread_cond_t audit_done;
	struct audit_wait *audit_head, **audit_tail;
	uint64_t audit_commits;
};

static void db_close(struct pw_db *db)
{
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(db->st[i]);
	sqlite3_close(db->h);
	free(db);
}

static void unlink_conn(struct pw_store *s, struct pw_db *db)
{
	pthread_mutex_lock(&s->mu);
	for (struct pw_db **p = &s->conns; *p; p = &(*p)->next)
		if (*p == db) {
			*p = db->next;
			break;
		}
	pthread_mutex_unlock(&s->mu);
}

/* Runs when a thread that used the store exits. */
static void tls_destroy(void *arg)
{
	struct pw_db *db = arg;
	unlink_conn(db->s, db);
	db_close(db);
}

static enum pw_status exec_sql(sqlite3 *h, const char *sql, struct pw_err *err)
{
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		pw_err_set(err, PW_EIO, "database error: %s", msg ? msg : sqlite3_errmsg(h));
		sqlite3_free(msg);
		return PW_EIO;
	}
	return PW_OK;
}

static struct pw_db *db_open(struct pw_store *s, int flags, struct pw_err *err)
{
	struct pw_db *db = pw_xcalloc(1, sizeof *db);
	db->s = s;
	if (sqlite3_open_v2(s->path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		pw_err_set(err, PW_EIO, "cannot open the database %s: %s. Check the path and its permissions.",
			   s->path, db->h ? sqlite3_errmsg(db->h) : "out of memory");
		db_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->h, 10000);
	/* WAL: readers never wait for the writer. FULL: a commit we report is on disk. */
	if (exec_sql(db->h,
		     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
		     "PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;",
		     err) != PW_OK) {
		db_close(db);
		return NULL;
	}
	return db;
}

struct pw_db *pw_db_get(struct pw_store *s, struct pw_err *err)
{
	struct pw_db *db = pthread_getspecific(s->key);
	if (db)
		return db;
	db = db_open(s, SQLITE_OPEN_READWRITE, err);
	if (db == NULL)
		return NULL;
	pthread_mutex_lock(&s->mu);
	db->next = s->conns;
	s->conns = db;
	pthread_mutex_unlock(&s->mu);
	pthread_setspecific(s->key, db);
	return db;
}

void pw_q_start(struct pw_q *q, struct pw_db *db, enum pw_stmt id)
{
	q->db = db;
	q->id = id;
	q->failed = 0;
	if (db->st[id] == NULL &&
	    sqlite3_prepare_v3(db->h, pw_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &db->st[id], NULL) != SQLITE_OK) {
		/* A statement that does not prepare is a bug in sql.h: say which. */
		pw_log("store: cannot prepare statement %d: %s", (int)id, sqlite3_errmsg(db->h));
		q->failed = 1;
	}
	q->stmt = db->st[id];
}

static void bindcheck(struct pw_q *q, int rc)
{
	if (rc != SQLITE_OK)
		q->failed = 1;
}

void pw_q_int(struct pw_q *q, int idx, int64_t v)
{
	if (!q->failed)
		bindcheck(q, sqlite3_bind_int64(q->stmt, idx, v));
}

void pw_q_text(struct pw_q *q, int idx, const char *v)
{
	if (q->failed)
		return;
	if (v == NULL)
		bindcheck(q, sqlite3_bind_null(q->stmt, idx));
	else
		bindcheck(q, sqlite3_bind_text(q->stmt, idx, v, -1, SQLITE_TRANSIENT));
}

void pw_q_textn(struct pw_q *q, int idx, const char *v, size_t n)
{
	if (!q->failed)
		bindcheck(q, sqlite3_bind_text64(q->stmt, idx, v, n, SQLITE_TRANSIENT, SQLITE_UTF8));
}

void pw_q_blob(struct pw_q *q, int idx, const void *v, size_t n)
{
	if (!q->failed)
		bindcheck(q, sqlite3_bind_blob64(q->stmt, idx, v, n, SQLITE_TRANSIENT));
}

void pw_q_null(struct pw_q *q, int idx)
{
	if (!q->failed)
		bindcheck(q, sqlite3_bind_null(q->stmt, idx));
}

int pw_q_step(struct pw_q *q, struct pw_err *err)
{
	if (q->failed) {
		pw_err_set(err, PW_EIO, "database error: statement %d could not be prepared or bound", (int)q->id);
		return -1;
	}
	int rc = sqlite3_step(q->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		pw_err_set(err, PW_ECONFLICT, "this conflicts with what is already stored: %s", sqlite3_errmsg(q->db->h));
	else
		pw_err_set(err, PW_EIO, "database error: %s", sqlite3_errmsg(q->db->h));
	q->failed = 1;
	return -1;
}

int64_t pw_q_col_int(struct pw_q *q, int col)
{
	return sqlite3_column_int64(q->stmt, col);
}

const char *pw_q_col_text(struct pw_q *q, int col)
{
	return (const char *)sqlite3_column_text(q->stmt, col);
}

const void *pw_q_col_blob(struct pw_q *q, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(q->stmt, col);
	*len = (size_t)sqlite3_column_bytes(q->stmt, col);
	return p;
}

int pw_q_col_null(struct pw_q *q, int col)
{
	return sqlite3_column_type(q->stmt, col) == SQLITE_NULL;
}

void pw_q_end(struct pw_q *q)
{
	if (q->stmt) {
		sqlite3_reset(q->stmt);
		sqlite3_clear_bindings(q->stmt);
	}
}

enum pw_status pw_q_exec(struct pw_q *q, struct pw_err *err)
{
	int rc;
	while ((rc = pw_q_step(q, err)) == 1)
		;
	pw_q_end(q);
	return rc < 0 ? err->code : PW_OK;
}

int64_t pw_db_last_id(struct pw_db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int pw_db_changes(struct pw_db *db)
{
	return sqlite3_changes(db->h);
}

enum pw_status pw_db_begin(struct pw_db *db, struct pw_err *err)
{
	if (db->in_tx)
		return pw_err_set(err, PW_EIO, "a transaction is already open on this connection (a bug)");
	pthread_mutex_lock(&db->s->write_mu);
	db->in_tx = 1;
	if (exec_sql(db->h, "BEGIN IMMEDIATE", err) != PW_OK) {
		db->in_tx = 0;
		pthread_mutex_unlock(&db->s->write_mu);
		return PW_EIO;
	}
	return PW_OK;
}

static void end_tx(struct pw_db *db)
{
	if (db->in_tx) {
		db->in_tx = 0;
		pthread_mutex_unlock(&db->s->write_mu);
	}
}

enum pw_status pw_db_commit(struct pw_db *db, struct pw_err *err)
{
	if (exec_sql(db->h, "COMMIT", err) != PW_OK) {
		pw_db_rollback(db);
		return PW_EIO;
	}
	end_tx(db);
	return PW_OK;
}

void pw_db_rollback(struct pw_db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	end_tx(db);
}

static enum pw_status audit_insert(struct pw_db *db, const struct pw_audit *a, int64_t at, struct pw_err *err)
{
	struct pw_q q;
	pw_q_start(&q, db, STMT_AUDIT_INSERT);
	pw_q_int(&q, 1, at);
	if (a->user_id)
		pw_q_int(&q, 2, a->user_id);
	else
		pw_q_null(&q, 2);
	pw_q_text(&q, 3, a->action);
	pw_q_text(&q, 4, a->object);
	pw_q_int(&q, 5, a->object_id);
	pw_q_text(&q, 6, a->detail);
	return pw_q_exec(&q, err);
}

enum pw_status pw_db_audit(struct pw_db *db, const struct pw_audit *a, struct pw_err *err)
{
	return audit_insert(db, a, pw_now_ms(), err);
}

enum pw_status pw_store_audit_change(struct pw_store *s, int64_t user_id, const char *action, const char *object,
				     int64_t object_id, const char *detail, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_audit a = {.user_id = user_id, .action = action, .object = object, .object_id = object_id, .detail = detail};
	return pw_db_audit(db, &a, err);
}

enum pw_status pw_store_audit_change_now(struct pw_store *s, int64_t user_id, const char *action, const char *object,
					 int64_t object_id, struct pw_err *err)
{
	struct pw_db *db = pw_db_get(s, err);
	if (db == NULL || pw_db_begin(db, err) != PW_OK)
		return PW_EIO;
	struct pw_audit a = {.user_id = user_id, .action = action, .object = object, .object_id = object_id};
	if (pw_db_audit(db, &a, err) != PW_OK) {
		pw_db_rollback(db);
		return err->code;
	}
	return pw_db_commit(db, err);
}

/* ---- schema ---- */

int pw_store_schema_version(void)
{
	return pw_migrations[pw_migrations_count - 1].version;
}

static int read_version(sqlite3 *h)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(h,
			       "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	int has = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	if (!has)
		return 0;
	if (sqlite3_prepare_v2(h, pw_sql[STMT_SCHEMA_VERSION], -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static enum pw_status migrate(struct pw_db *db, struct pw_err *err)
{
	if (pw_db_begin(db, err) != PW_OK)
		return PW_EIO;
	/* Read the version inside the write lock: two processes starting at once
	 * must not both apply the same migration. */
	int have = read_version(db->h);
	if (have < 0) {
		pw_db_rollback(db);
		return pw_err_set(err, PW_EIO, "%s is not a Pestwijzer database (or it is damaged)", db->s->path);
	}
	if (have > pw_store_schema_version()) {
		pw_db_rollback(db);
		return pw_err_set(err, PW_EINVAL,
				  "%s has schema version %d, newer than this program knows (%d). "
				  "Upgrade Pestwijzer before opening it.",
				  db->s->path, have, pw_store_schema_version());
	}
	if (have == 0 && exec_sql(db->h,
				  "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
				  "applied_at INTEGER NOT NULL)",
				  err) != PW_OK)
		goto fail;
	for (int i = 0; i < pw_migrations_count; i++) {
		const struct pw_migration *m = &pw_migrations[i];
		if (m->version <= have)
			continue;
		if (exec_sql(db->h, m->sql, err) != PW_OK)
			goto fail;
		char sql[256];
		snprintf(sql, sizeof sql, "INSERT INTO schema_version VALUES (%d, '%s', %lld)", m->version, m->name,
			 (long long)pw_now());
		if (exec_sql(db->h, sql, err) != PW_OK)
			goto fail;
	}
	return pw_db_commit(db, err);
fail:
	pw_db_rollback(db);
	return PW_EIO;
}

/* Process-wide SQLite settings, before its first use. Each thread has its
 * own connection, so SQLite's own mutexes guard nothing here; and the memory
 * statistics it keeps by default take one global mutex on every allocation,
 * which every worker thread contended for (perf: a tenth of a read's time
 * went to lock waits). Neither is needed. */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void sqlite_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

struct pw_store *pw_store_open(const char *path, enum pw_store_open_mode mode, struct pw_err *err)
{
	pthread_once(&sqlite_once, sqlite_configure);
	struct stat st;
	if (mode == PW_STORE_EXISTING && stat(path, &st) != 0) {
		pw_err_set(err, PW_ENOTFOUND,
			   "there is no database at %s. Create one with `pestwijzer init --db %s`, "
			   "or give the right path with --db.",
			   path, path);
		return NULL;
	}
	struct pw_store *s = pw_xcalloc(1, sizeof *s);
	s->path = pw_xstrdup(path);
	s->lock_fd = -1;
	s->audit_tail = &s->audit_head;
	pthread_mutex_init(&s->mu, NULL);
	pthread_mutex_init(&s->write_mu, NULL);
	pthread_cond_init(&s->audit_work, NULL);
	pthread_cond_init(&s->audit_done, NULL);
	if (pthread_key_create(&s->key, tls_destroy) != 0)
		pw_oom();
	struct pw_db *db = db_open(s, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
	if (db == NULL)
		goto fail;
	s->conns = db;
	pthread_setspecific(s->key, db);
	if (migrate(db, err) != PW_OK)
		goto fail;
	return s;
fail:
	pw_store_close(s);
	return NULL;
}

const char *pw_store_path(const struct pw_store *s)
{
	return s->path;
}

static void *audit_main(void *arg);

void pw_store_close(struct pw_store *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	int running = s->audit_running;
	s->audit_stop = 1;
	pthread_cond_broadcast(&s->audit_work);
	pthread_mutex_unlock(&s->mu);
	if (running)
		pthread_join(s->audit_thread, NULL);
	pthread_setspecific(s->key, NULL);
	pthread_key_delete(s->key);
	struct pw_db *db = s->conns;
	while (db) {
		struct pw_db *n = db->next;
		db_close(db);
		db = n;
	}
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	pthread_mutex_destroy(&s->mu);
	pthread_mutex_destroy(&s->write_mu);
	pthread_cond_destroy(&s->audit_work);
	pthread_cond_destroy(&s->audit_done);
	free(s->path);
	free(s);
}

enum pw_status pw_store_ping(struct pw_store *s, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_PING);
	int rc = pw_q_step(&q, err);
	pw_q_end(&q);
	return rc == 1 ? PW_OK : PW_EIO;
}

/* ---- server lock ---- */

static int open_lock(const char *path)
{
	char lp[4096];
	if ((size_t)snprintf(lp, sizeof lp, "%s.lock", path) >= sizeof lp)
		return -1;
	return open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
}

enum pw_status pw_store_lock_server(struct pw_store *s, struct pw_err *err)
{
	int fd = open_lock(s->path);
	if (fd < 0)
		return pw_err_set(err, PW_EIO, "cannot create the lock file %s.lock: %s", s->path, strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return pw_err_set(err, PW_ECONFLICT,
				  "another Pestwijzer server is already serving %s. Stop it first, or use "
				  "another --db.",
				  s->path);
	}
	s->lock_fd = fd;
	return PW_OK;
}

/* ---- backup and restore ---- */

static enum pw_status copy_db(sqlite3 *from, const char *dest, struct pw_err *err)
{
	sqlite3 *to = NULL;
	enum pw_status rc = PW_EIO;
	if (sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		pw_err_set(err, PW_EIO, "cannot create %s: %s", dest, to ? sqlite3_errmsg(to) : "out of memory");
		goto out;
	}
	sqlite3_exec(to, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (b == NULL) {
		pw_err_set(err, PW_EIO, "cannot start the copy: %s", sqlite3_errmsg(to));
		goto out;
	}
	int r;
	/* Copy in steps so a busy live server is not blocked for long; a write
	 * during the copy restarts it, and the result is a consistent snapshot. */
	while ((r = sqlite3_backup_step(b, 256)) == SQLITE_OK || r == SQLITE_BUSY || r == SQLITE_LOCKED)
		if (r != SQLITE_OK)
			sqlite3_sleep(20);
	sqlite3_backup_finish(b);
	if (r != SQLITE_DONE) {
		pw_err_set(err, PW_EIO, "the copy failed: %s", sqlite3_errstr(r));
		goto out;
	}
	/* A backup file stands alone: no -wal beside it. */
	if (exec_sql(to, "PRAGMA journal_mode=DELETE", err) != PW_OK)
		goto out;
	rc = PW_OK;
out:
	if (to && sqlite3_close(to) != SQLITE_OK && rc == PW_OK)
		rc = pw_err_set(err, PW_EIO, "cannot finish writing %s", dest);
	return rc;
}

enum pw_status pw_store_backup(struct pw_store *s, const char *dest, struct pw_err *err)
{
	struct stat st;
	if (stat(dest, &st) == 0)
		return pw_err_set(err, PW_ECONFLICT, "%s already exists; choose a new file name for the backup", dest);
	DB_OR_FAIL(s, err);
	enum pw_status rc = copy_db(db->h, dest, err);
	if (rc != PW_OK)
		unlink(dest);
	return rc;
}

static enum pw_status check_backup(sqlite3 *h, const char *src, struct pw_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return pw_err_set(err, PW_EINVAL, "%s is not a database: %s", src, sqlite3_errmsg(h));
	int ok = sqlite3_step(st) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	if (!ok)
		return pw_err_set(err, PW_EINVAL, "%s fails SQLite's integrity check: it is damaged. Use another backup.",
				  src);
	int v = read_version(h);
	if (v <= 0)
		return pw_err_set(err, PW_EINVAL, "%s is not a Pestwijzer backup (it has no schema version)", src);
	if (v > pw_store_schema_version())
		return pw_err_set(err, PW_EINVAL,
				  "%s has schema version %d, newer than this program knows (%d). Restore it with "
				  "the Pestwijzer version that made it, or upgrade first.",
				  src, v, pw_store_schema_version());
	return PW_OK;
}

enum pw_status pw_store_restore(const char *src, const char *path, struct pw_err *err)
{
	enum pw_status rc = PW_EIO;
	sqlite3 *from = NULL;
	char tmp[4096], side[4096];
	int lock = -1;
	struct stat st;
	if (stat(src, &st) != 0)
		return pw_err_set(err, PW_ENOTFOUND, "there is no backup file at %s", src);
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.restoring", path) >= sizeof tmp)
		return pw_err_set(err, PW_EINVAL, "the database path is too long");
	lock = open_lock(path);
	if (lock < 0)
		return pw_err_set(err, PW_EIO, "cannot create the lock file %s.lock: %s", path, strerror(errno));
	if (flock(lock, LOCK_EX | LOCK_NB) != 0) {
		rc = pw_err_set(err, PW_ECONFLICT,
				"a Pestwijzer server is serving %s. Stop it first (restore replaces its database).", path);
		goto out;
	}
	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = pw_err_set(err, PW_EINVAL, "cannot open %s: %s", src, from ? sqlite3_errmsg(from) : "out of memory");
		goto out;
	}
	if ((rc = check_backup(from, src, err)) != PW_OK)
		goto out;
	unlink(tmp);
	if ((rc = copy_db(from, tmp, err)) != PW_OK) {
		unlink(tmp);
		goto out;
	}
	/* The old database's WAL must not be replayed onto the restored file. */
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	if (rename(tmp, path) != 0) {
		rc = pw_err_set(err, PW_EIO, "cannot put the backup in place at %s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = PW_OK;
out:
	sqlite3_close(from);
	if (lock >= 0)
		close(lock);
	return rc;
}

/* ---- audit group commit ---- */

static void *audit_main(void *arg)
{
	struct pw_store *s = arg;
	struct pw_err err;
	struct pw_db *db = db_open(s, SQLITE_OPEN_READWRITE, &err);
	pthread_mutex_lock(&s->mu);
	for (;;) {
		while (s->audit_head == NULL && !s->audit_stop)
			pthread_cond_wait(&s->audit_work, &s->mu);
		if (s->audit_head == NULL && s->audit_stop)
			break;
		struct audit_wait *batch = s->audit_head;
		s->audit_head = NULL;
		s->audit_tail = &s->audit_head;
		pthread_mutex_unlock(&s->mu);

		enum pw_status st = db ? pw_db_begin(db, &err) : PW_EIO;
		for (struct audit_wait *w = batch; st == PW_OK && w; w = w->next)
			st = audit_insert(db, w->row, w->at, &err);
		if (st == PW_OK)
			st = pw_db_commit(db, &err);
		else if (db)
			pw_db_rollback(db);
		if (st != PW_OK)
			pw_log("audit: a batch could not be written: %s", err.msg);

		pthread_mutex_lock(&s->mu);
		s->audit_commits++;
		for (struct audit_wait *w = batch; w; w = w->next) {
			w->status = st;
			w->done = 1;
		}
		pthread_cond_broadcast(&s->audit_done);
	}
	pthread_mutex_unlock(&s->mu);
	if (db)
		db_close(db);
	return NULL;
}

enum pw_status pw_store_audit_read_many(struct pw_store *s, const struct pw_audit *a, size_t n, struct pw_err *err)
{
	if (n == 0)
		return PW_OK;
	struct audit_wait one, *w = n == 1 ? &one : pw_xcalloc(n, sizeof *w);
	int64_t now = pw_now_ms();
	enum pw_status st = PW_OK;
	pthread_mutex_lock(&s->mu);
	if (s->audit_stop) {
		st = pw_err_set(err, PW_EIO, "the server is stopping; try again in a moment");
		goto out;
	}
	if (!s->audit_running) {
		if (pthread_create(&s->audit_thread, NULL, audit_main, s) != 0) {
			st = pw_err_set(err, PW_EIO, "cannot start the audit writer");
			goto out;
		}
		s->audit_running = 1;
	}
	/* All rows join the queue at once, so they share the next commit. */
	for (size_t i = 0; i < n; i++) {
		w[i] = (struct audit_wait){.row = &a[i], .at = now};
		*s->audit_tail = &w[i];
		s->audit_tail = &w[i].next;
	}
	pthread_cond_signal(&s->audit_work);
	for (size_t i = 0; i < n; i++) {
		while (!w[i].done)
			pthread_cond_wait(&s->audit_done, &s->mu);
		if (w[i].status != PW_OK)
			st = PW_EIO;
	}
	if (st != PW_OK)
		pw_err_set(err, PW_EIO, "the audit log could not be written, so this is not shown. Try again.");
out:
	pthread_mutex_unlock(&s->mu);
	if (w != &one)
		free(w);
	return st;
}

enum pw_status pw_store_audit_read(struct pw_store *s, const struct pw_audit *a, struct pw_err *err)
{
	return pw_store_audit_read_many(s, a, 1, err);
}

int64_t pw_store_audit_count(struct pw_store *s, const char *object, int64_t object_id)
{
	struct pw_err err;
	struct pw_db *db = pw_db_get(s, &err);
	if (db == NULL)
		return -1;
	struct pw_q q;
	pw_q_start(&q, db, STMT_AUDIT_COUNT);
	pw_q_text(&q, 1, object);
	pw_q_int(&q, 2, object_id);
	int64_t n = pw_q_step(&q, &err) == 1 ? pw_q_col_int(&q, 0) : -1;
	pw_q_end(&q);
	return n;
}

uint64_t pw_store_audit_commits(struct pw_store *s)
{
	pthread_mutex_lock(&s->mu);
	uint64_t n = s->audit_commits;
	pthread_mutex_unlock(&s->mu);
	return n;
}
