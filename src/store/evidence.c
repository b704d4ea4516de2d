/* Evidence files: sealing, the server's key, and their rows. */
#include "store/evidence.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "util/clock.h"

/* Plaintext bytes per secretstream chunk: big enough that the per-chunk tag
 * costs nothing, small enough to stream later without a whole-file buffer. */
#define CHUNK (64 * 1024)
#define FORMAT 1 /* first byte of the sealed bytes: how they were sealed */
#define KEYBYTES 32
#define SEALED_HEAD (1 + crypto_secretstream_xchacha20poly1305_HEADERBYTES)

_Static_assert(crypto_secretbox_KEYBYTES == KEYBYTES, "server key size");
_Static_assert(crypto_secretstream_xchacha20poly1305_KEYBYTES == KEYBYTES, "file key size");
_Static_assert(crypto_secretbox_NONCEBYTES + KEYBYTES + crypto_secretbox_MACBYTES ==
		       sizeof(((struct pw_evidence_sealed *)0)->wrapped),
	       "wrapped key size");

const char *pw_evidence_key_path(struct pw_arena *a, const char *db_path)
{
	return pw_printf(a, "%s.key", db_path);
}

/* ---- the server's key ---- */

/* The key is read once and kept in memory (sodium_malloc: guarded, kept
 * out of swap where the system allows); every thread shares it. The cache
 * is keyed by the key file's identity (device, inode, change time), checked
 * with one stat per use: a key file restored or replaced while serving is
 * read again, and one that went missing is noticed. */
static pthread_mutex_t key_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned char *key_cached; /* sodium_malloc'd, KEYBYTES */
static struct stat key_st;        /* the file it was read from */
static bool key_valid;

static enum pw_status read_key(const char *path, int fd, unsigned char *k, struct pw_err *err)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return pw_err_set(err, PW_EIO, "Sleutelbestand %s is geen gewoon bestand (the key file is not a regular file).",
				  path);
	/* Like ssh with its private keys: a key others can read protects nothing. */
	if (st.st_mode & 077)
		return pw_err_set(err, PW_EIO,
				  "Sleutelbestand %s is leesbaar voor anderen; zet het op chmod 600 (the key file must be "
				  "readable by its owner only: chmod 600 it).",
				  path);
	if (st.st_size != KEYBYTES)
		return pw_err_set(err, PW_EIO,
				  "Sleutelbestand %s is beschadigd: het moet precies %d bytes zijn (the key file is damaged; "
				  "restore it from its backup).",
				  path, KEYBYTES);
	size_t got = 0;
	while (got < KEYBYTES) {
		ssize_t r = read(fd, k + got, KEYBYTES - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return pw_err_set(err, PW_EIO, "Sleutelbestand %s kan niet worden gelezen (cannot read the key file): %s",
					  path, r < 0 ? strerror(errno) : "too short");
		got += (size_t)r;
	}
	return PW_OK;
}

/* Makes a new key file: written whole and synced (file and directory)
 * before it is used, so no evidence is ever sealed with a key that a crash
 * could lose. *exists: another process made it first. */
static enum pw_status make_key(const char *path, unsigned char *k, bool *exists, struct pw_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	*exists = fd < 0 && errno == EEXIST;
	if (fd < 0)
		return pw_err_set(err, PW_EIO, "Sleutelbestand %s kan niet worden gemaakt (cannot create the key file): %s", path,
				  strerror(errno));
	randombytes_buf(k, KEYBYTES);
	size_t put = 0;
	while (put < KEYBYTES) {
		ssize_t w = write(fd, k + put, KEYBYTES - put);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		put += (size_t)w;
	}
	int ok = put == KEYBYTES && fsync(fd) == 0;
	int e = errno;
	close(fd);
	if (!ok) {
		unlink(path);
		return pw_err_set(err, PW_EIO, "Sleutelbestand %s kan niet worden geschreven (cannot write the key file): %s", path,
				  strerror(e));
	}
	char *dir = pw_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL) {
		free(dir);
		dir = pw_xstrdup(".");
	} else if (slash == dir) {
		slash[1] = '\0';
	} else {
		*slash = '\0';
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return PW_OK;
}

static int store_has_evidence(struct pw_store *s, struct pw_err *err)
{
	struct pw_db *db = pw_db_get(s, err);
	if (db == NULL)
		return -1;
	struct pw_q q;
	pw_q_start(&q, db, STMT_EVIDENCE_ANY);
	int r = pw_q_step(&q, err);
	int any = r == 1 ? pw_q_col_int(&q, 0) > 0 : -1;
	pw_q_end(&q);
	return any;
}

/* Copies the server's key into k. create: make the key file when there is
 * none (sealing); reading never makes one. */
static enum pw_status server_key(struct pw_store *s, bool create, unsigned char *k, struct pw_err *err)
{
	enum pw_status rc = PW_OK;
	struct pw_arena a;
	pw_arena_init(&a);
	const char *path = pw_evidence_key_path(&a, pw_store_path(s));
	pthread_mutex_lock(&key_mu);
	struct stat now;
	if (key_valid && stat(path, &now) == 0 && now.st_dev == key_st.st_dev && now.st_ino == key_st.st_ino &&
	    now.st_ctim.tv_sec == key_st.st_ctim.tv_sec && now.st_ctim.tv_nsec == key_st.st_ctim.tv_nsec) {
		memcpy(k, key_cached, KEYBYTES);
		goto out;
	}
	key_valid = false;
	for (int tries = 0; tries < 2; tries++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd >= 0) {
			rc = read_key(path, fd, k, err);
			if (rc == PW_OK && fstat(fd, &key_st) != 0)
				rc = pw_err_set(err, PW_EIO, "Sleutelbestand %s: %s", path, strerror(errno));
			close(fd);
			break;
		}
		if (errno != ENOENT) {
			rc = pw_err_set(err, PW_EIO, "Sleutelbestand %s kan niet worden geopend (cannot open the key file): %s", path,
					strerror(errno));
			break;
		}
		/* No key file. With evidence already stored, a new key would not
		 * open it: the key was lost or not restored with the database. */
		int any = store_has_evidence(s, err);
		if (any != 0 || !create) {
			rc = any < 0 ? err->code
				     : pw_err_set(err, PW_EIO,
						  "Sleutelbestand %s ontbreekt; zet het terug uit de back-up van de sleutel (the "
						  "evidence key file is missing; restore it from its backup).",
						  path);
			break;
		}
		bool exists;
		rc = make_key(path, k, &exists, err);
		if (rc != PW_OK && exists)
			continue; /* another process made it just now: read theirs */
		if (rc == PW_OK && stat(path, &key_st) != 0)
			rc = pw_err_set(err, PW_EIO, "Sleutelbestand %s: %s", path, strerror(errno));
		break;
	}
	if (rc == PW_OK) {
		if (key_cached == NULL && (key_cached = sodium_malloc(KEYBYTES)) == NULL)
			pw_oom();
		memcpy(key_cached, k, KEYBYTES);
		key_valid = true;
	}
out:
	pthread_mutex_unlock(&key_mu);
	pw_arena_free(&a);
	return rc;
}

/* ---- sealing ---- */

static void case_ad(int64_t case_id, unsigned char ad[8])
{
	for (int i = 0; i < 8; i++)
		ad[i] = (unsigned char)((uint64_t)case_id >> (56 - 8 * i));
}

void pw_evidence_sealed_free(struct pw_evidence_sealed *x)
{
	free(x->data);
	x->data = NULL;
	x->len = 0;
}

enum pw_status pw_evidence_seal(struct pw_store *s, int64_t case_id, const void *data, size_t n,
				struct pw_evidence_sealed *out, struct pw_err *err)
{
	memset(out, 0, sizeof *out);
	unsigned char skey[KEYBYTES], fkey[KEYBYTES], hash[crypto_hash_sha256_BYTES], ad[8];
	if (server_key(s, true, skey, err) != PW_OK)
		return err->code;
	crypto_hash_sha256(hash, data, n);
	sodium_bin2hex(out->sha256, sizeof out->sha256, hash, sizeof hash);

	size_t chunks = n == 0 ? 1 : (n + CHUNK - 1) / CHUNK;
	out->len = SEALED_HEAD + n + chunks * crypto_secretstream_xchacha20poly1305_ABYTES;
	out->data = pw_xmalloc(out->len);
	out->data[0] = FORMAT;
	crypto_secretstream_xchacha20poly1305_state st;
	crypto_secretstream_xchacha20poly1305_keygen(fkey);
	crypto_secretstream_xchacha20poly1305_init_push(&st, out->data + 1, fkey);
	case_ad(case_id, ad);
	const unsigned char *in = data;
	size_t pos = SEALED_HEAD;
	for (size_t i = 0; i < chunks; i++) {
		size_t off = i * CHUNK, m = n - off < CHUNK ? n - off : CHUNK;
		unsigned char tag = i + 1 == chunks ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
		unsigned long long clen;
		crypto_secretstream_xchacha20poly1305_push(&st, out->data + pos, &clen, m ? in + off : NULL, m, ad, sizeof ad,
							   tag);
		pos += (size_t)clen;
	}
	/* Wrap the file's key: nonce, then the secretbox of the key. */
	randombytes_buf(out->wrapped, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out->wrapped + crypto_secretbox_NONCEBYTES, fkey, sizeof fkey, out->wrapped, skey);
	sodium_memzero(&st, sizeof st);
	sodium_memzero(fkey, sizeof fkey);
	sodium_memzero(skey, sizeof skey);
	return PW_OK;
}

/* Opens sealed bytes into out (appended); 0 on success. */
static int unseal(const unsigned char *skey, int64_t case_id, const unsigned char *wrapped, size_t wlen,
		  const unsigned char *sealed, size_t slen, struct pw_buf *out)
{
	unsigned char fkey[KEYBYTES], ad[8];
	if (wlen != crypto_secretbox_NONCEBYTES + KEYBYTES + crypto_secretbox_MACBYTES || slen < SEALED_HEAD ||
	    sealed[0] != FORMAT ||
	    crypto_secretbox_open_easy(fkey, wrapped + crypto_secretbox_NONCEBYTES, wlen - crypto_secretbox_NONCEBYTES,
				       wrapped, skey) != 0)
		return -1;
	crypto_secretstream_xchacha20poly1305_state st;
	int rc = crypto_secretstream_xchacha20poly1305_init_pull(&st, sealed + 1, fkey);
	case_ad(case_id, ad);
	size_t pos = SEALED_HEAD;
	bool final = false;
	while (rc == 0 && !final && pos < slen) {
		size_t clen = slen - pos;
		if (clen > CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES)
			clen = CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES;
		pw_buf_reserve(out, clen);
		unsigned long long mlen;
		unsigned char tag;
		rc = crypto_secretstream_xchacha20poly1305_pull(&st, (unsigned char *)out->data + out->len, &mlen, &tag,
								sealed + pos, clen, ad, sizeof ad);
		if (rc == 0) {
			out->len += (size_t)mlen;
			final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
			pos += clen;
		}
	}
	if (out->data)
		out->data[out->len] = '\0';
	sodium_memzero(&st, sizeof st);
	sodium_memzero(fkey, sizeof fkey);
	/* Cut short or with bytes after the final chunk: not what was sealed. */
	return rc == 0 && final && pos == slen ? 0 : -1;
}

/* ---- rows ---- */

enum pw_status pw_store_evidence_add(struct pw_store *s, int64_t case_id, int64_t by, const char *type,
				     const char *description, size_t size, const struct pw_evidence_sealed *sealed,
				     int64_t *id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_EVIDENCE_ADD);
	pw_q_int(&q, 1, case_id);
	pw_q_int(&q, 2, by);
	pw_q_int(&q, 3, pw_now());
	pw_q_text(&q, 4, type);
	pw_q_int(&q, 5, (int64_t)size);
	pw_q_text(&q, 6, sealed->sha256);
	pw_q_text(&q, 7, description ? description : "");
	pw_q_blob(&q, 8, sealed->wrapped, sizeof sealed->wrapped);
	pw_q_blob(&q, 9, sealed->data, sealed->len);
	if (pw_q_exec(&q, err) != PW_OK)
		return err->code;
	*id = pw_db_last_id(db);
	return PW_OK;
}

static void row(struct pw_q *q, struct pw_arena *a, struct pw_evidence *e)
{
	e->id = pw_q_col_int(q, 0);
	e->case_id = pw_q_col_int(q, 1);
	e->added_by = pw_q_col_int(q, 2);
	e->added_at = pw_q_col_int(q, 3);
	const char *t = pw_q_col_text(q, 4), *h = pw_q_col_text(q, 6), *d = pw_q_col_text(q, 7);
	e->type = pw_strdup(a, t ? t : "");
	e->size = pw_q_col_int(q, 5);
	memset(e->sha256, 0, sizeof e->sha256);
	if (h)
		memcpy(e->sha256, h, strnlen(h, sizeof e->sha256 - 1));
	e->description = pw_strdup(a, d ? d : "");
}

enum pw_status pw_store_evidence_list(struct pw_store *s, struct pw_arena *a, int64_t case_id,
				      struct pw_evidence **out, size_t *n, struct pw_err *err)
{
	*out = NULL;
	*n = 0;
	DB_OR_FAIL(s, err);
	size_t cap = 0;
	struct pw_q q;
	int r;
	pw_q_start(&q, db, STMT_EVIDENCE_LIST);
	pw_q_int(&q, 1, case_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		*out = pw_arena_grow(a, *out, *n, &cap, sizeof **out);
		row(&q, a, &(*out)[*n]);
		(*out)[(*n)++].preview = pw_q_col_int(&q, 8) != 0;
	}
	pw_q_end(&q);
	return r < 0 ? err->code : PW_OK;
}

/* Opens the sealed bytes in columns col (wrapped key) and col + 1 of the
 * row q stands on, ends q, and checks them against the size and SHA-256
 * taken before sealing: that proves they are the bytes stored. */
static enum pw_status open_row(struct pw_store *s, struct pw_q *q, int64_t case_id, int64_t id, int col, int64_t size,
			       const char *sha256, struct pw_buf *out, struct pw_err *err)
{
	unsigned char skey[KEYBYTES];
	if (server_key(s, false, skey, err) != PW_OK) {
		pw_q_end(q);
		return err->code;
	}
	size_t wlen, slen, start = out->len;
	const unsigned char *wrapped = pw_q_col_blob(q, col, &wlen), *sealed = pw_q_col_blob(q, col + 1, &slen);
	int bad = wrapped == NULL || sealed == NULL || unseal(skey, case_id, wrapped, wlen, sealed, slen, out) != 0;
	pw_q_end(q);
	sodium_memzero(skey, sizeof skey);
	if (!bad) {
		unsigned char hash[crypto_hash_sha256_BYTES];
		char hex[65];
		crypto_hash_sha256(hash, (const unsigned char *)out->data + start, out->len - start);
		sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
		bad = (int64_t)(out->len - start) != size || strcmp(hex, sha256) != 0;
	}
	if (bad) {
		out->len = start;
		return pw_err_set(err, PW_EIO,
				  "Dit bewijs kan niet worden geopend: het is beschadigd of de sleutel past niet bij de database "
				  "(evidence %lld does not open: damaged, or the key file is not the one it was stored with).",
				  (long long)id);
	}
	return PW_OK;
}

enum pw_status pw_store_evidence_read(struct pw_store *s, struct pw_arena *a, int64_t case_id, int64_t id,
				      struct pw_evidence *meta, struct pw_buf *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_EVIDENCE_GET);
	pw_q_int(&q, 1, case_id);
	pw_q_int(&q, 2, id);
	int r = pw_q_step(&q, err);
	if (r != 1) {
		pw_q_end(&q);
		return r < 0 ? err->code : pw_err_set(err, PW_ENOTFOUND, "Dit bewijs bestaat niet (evidence not found).");
	}
	row(&q, a, meta);
	if (open_row(s, &q, case_id, id, 8, meta->size, meta->sha256, out, err) != PW_OK)
		return err->code;
	return PW_OK;
}

enum pw_status pw_store_evidence_preview_add(struct pw_store *s, int64_t id, const char *type, size_t size,
					     const struct pw_evidence_sealed *sealed, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_EVIDENCE_PREVIEW_ADD);
	pw_q_int(&q, 1, id);
	pw_q_text(&q, 2, type);
	pw_q_int(&q, 3, (int64_t)size);
	pw_q_text(&q, 4, sealed->sha256);
	pw_q_blob(&q, 5, sealed->wrapped, sizeof sealed->wrapped);
	pw_q_blob(&q, 6, sealed->data, sealed->len);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_evidence_preview_read(struct pw_store *s, struct pw_arena *a, int64_t case_id, int64_t id,
					      const char **type, struct pw_buf *out, struct pw_err *err)
{
	*type = NULL;
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_EVIDENCE_PREVIEW_GET);
	pw_q_int(&q, 1, case_id);
	pw_q_int(&q, 2, id);
	int r = pw_q_step(&q, err);
	if (r != 1) {
		pw_q_end(&q);
		return r < 0 ? err->code : pw_err_set(err, PW_ENOTFOUND, "Dit bewijs heeft geen voorbeeld (no preview).");
	}
	const char *t = pw_q_col_text(&q, 0), *h = pw_q_col_text(&q, 2);
	*type = pw_strdup(a, t ? t : "");
	char sha[65] = "";
	if (h)
		memcpy(sha, h, strnlen(h, sizeof sha - 1));
	return open_row(s, &q, case_id, id, 3, pw_q_col_int(&q, 1), sha, out, err);
}
