/* Evidence: the type judged by content (core/filetype.c), and sealing at
 * rest (store/evidence.c): a round trip, tampering and a wrong or missing
 * key are caught, the key file is 0600. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/filetype.h"
#include "store/evidence.h"
#include "store/people.h"
#include "util/log.h"

#define B(s) (const unsigned char *)(s), sizeof(s) - 1

static const char *type_of(const unsigned char *p, size_t n)
{
	const struct pw_filetype *t = pw_filetype_detect(p, n);
	return t ? t->mime : "none";
}

static void detects_accepted_types(void **state)
{
	(void)state;
	assert_string_equal(type_of(B("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1")), "image/png");
	assert_string_equal(type_of(B("\xff\xd8\xff\xe0\0\x10JFIF\0")), "image/jpeg");
	assert_string_equal(type_of(B("\xff\xd8\xff\xdb\0\x43")), "image/jpeg");
	assert_string_equal(type_of(B("GIF89a\1\0\1\0\x80\0\0")), "image/gif");
	assert_string_equal(type_of(B("GIF87a\1\0\1\0\x80\0\0")), "image/gif");
	assert_string_equal(type_of(B("RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0")), "image/webp");
	assert_string_equal(type_of(B("RIFF\x24\0\0\0WEBPVP8L\x18\0\0\0")), "image/webp");
	assert_string_equal(type_of(B("\0\0\0\x18" "ftypheic\0\0\0\0mif1heic")), "image/heic");
	assert_string_equal(type_of(B("\0\0\0\x1c" "ftypmif1\0\0\0\0mif1heicmiaf")), "image/heic");
	assert_string_equal(type_of(B("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")), "application/pdf");
	assert_string_equal(type_of(B("%PDF-2.0\n")), "application/pdf");
	const struct pw_filetype *t = pw_filetype_detect(B("%PDF-1.4\n"));
	assert_string_equal(t->ext, "pdf");
	assert_ptr_equal(pw_filetype_by_mime("image/png"), pw_filetype_detect(B("\x89PNG\r\n\x1a\n\0\0\0\rIHDR")));
	assert_null(pw_filetype_by_mime("text/html"));
	assert_non_null(strstr(pw_filetype_accepted(), "HEIC"));
}

static void refuses_everything_else(void **state)
{
	(void)state;
	assert_null(pw_filetype_detect(NULL, 0));
	assert_null(pw_filetype_detect("", 0));
	/* Text, whatever its name; HTML and SVG (scripts) never. */
	assert_string_equal(type_of(B("Dit is tekst.\n")), "none");
	assert_string_equal(type_of(B("<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>")), "none");
	assert_string_equal(type_of(B("<!doctype html><p>hoi")), "none");
	/* Cut-off or look-alike signatures. */
	assert_string_equal(type_of(B("\x89PNG\r\n\x1a\n")), "none");             /* no IHDR */
	assert_string_equal(type_of(B("\x89PNG\r\n\x1a\n\0\0\0\rIDAT")), "none"); /* first chunk not IHDR */
	assert_string_equal(type_of(B("\xff\xd8\xff")), "none");
	assert_string_equal(type_of(B("\xff\xd8\xff\xff")), "none");
	assert_string_equal(type_of(B("GIF89a")), "none");
	assert_string_equal(type_of(B("GIF90a\1\0\1\0\x80\0\0")), "none");
	assert_string_equal(type_of(B("RIFF\x24\0\0\0WAVEfmt \x10\0\0\0")), "none"); /* audio */
	assert_string_equal(type_of(B("RIFF\x24\0\0\0WEBPVP9 \x18\0\0\0")), "none");
	assert_string_equal(type_of(B("\0\0\0\x18" "ftypavif\0\0\0\0mif1avif")), "none"); /* AVIF, not HEIC */
	assert_string_equal(type_of(B("\0\0\0\x18" "ftypisom\0\0\0\0isommp41")), "none"); /* MP4 video */
	assert_string_equal(type_of(B("\0\0\0\x13" "ftypheic\0\0\0\0mif1")), "none");     /* size not on a brand */
	assert_string_equal(type_of(B("\0\0\1\0" "ftypheic\0\0\0\0mif1heic")), "none");   /* box larger than the file */
	assert_string_equal(type_of(B("\0\0\0\x0c" "ftypheic\0\0\0\0")), "none");         /* box too small */
	/* The minor version is not a brand. */
	assert_string_equal(type_of(B("\0\0\0\x14" "ftypmif1heicmiaf")), "none");
	assert_string_equal(type_of(B("%PDF-")), "none");
	assert_string_equal(type_of(B("%PDF-x.y\n")), "none");
	assert_string_equal(type_of(B("  %PDF-1.4\n")), "none");
	assert_string_equal(type_of(B("PK\3\4")), "none"); /* zip, docx */
	assert_string_equal(type_of(B("MZ\x90\0")), "none"); /* a program */
}

/* ---- sealing ---- */

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/pw-evidence-XXXXXX");
	assert_non_null(mkdtemp(dir));
	pw_log_quiet(1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

/* A store with one account (1) and one case (1) to hang evidence on; the
 * rest of a case does not matter here (foreign keys off for this setup). */
static struct pw_store *store_with_case(const char *name, char *dbpath, size_t n)
{
	struct pw_err e;
	snprintf(dbpath, n, "%s/%s", dir, name);
	struct pw_store *s = pw_store_open(dbpath, PW_STORE_CREATE, &e);
	assert_non_null(s);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h,
				      "PRAGMA foreign_keys = OFF;"
				      "INSERT INTO account(id, login, name, created_at) VALUES (1, 'mentor', 'M', 0);"
				      "INSERT INTO casus(id, school_id, level, opened_on, opened_at, updated_at) "
				      "VALUES (1, 1, 'mentor', '2025-09-01', 0, 0);"
				      "INSERT INTO casus(id, school_id, level, opened_on, opened_at, updated_at) "
				      "VALUES (2, 1, 'mentor', '2025-09-01', 0, 0);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	return s;
}

static int64_t add(struct pw_store *s, int64_t case_id, const void *data, size_t n)
{
	struct pw_err e;
	struct pw_evidence_sealed x;
	int64_t id = 0;
	assert_int_equal(pw_evidence_seal(s, case_id, data, n, &x, &e), PW_OK);
	/* Not the plaintext. */
	if (n >= 16)
		assert_null(memmem(x.data, x.len, data, 16));
	assert_int_equal(pw_store_begin(s, &e), PW_OK);
	assert_int_equal(pw_store_evidence_add(s, case_id, 1, "image/png", "omschrijving", n, &x, &id, &e), PW_OK);
	assert_int_equal(pw_store_commit(s, &e), PW_OK);
	pw_evidence_sealed_free(&x);
	return id;
}

static void sql(const char *dbpath, const char *stmt)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, stmt, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static void seals_and_opens_byte_for_byte(void **state)
{
	(void)state;
	char db[320], kp[340];
	struct pw_store *s = store_with_case("a.db", db, sizeof db);
	snprintf(kp, sizeof kp, "%s.key", db);
	/* Sizes around the chunk boundary (64 KiB), and the empty file. */
	static const size_t sizes[] = {0, 1, 100, 65535, 65536, 65537, 3 * 65536, 200001};
	unsigned char *data = malloc(200001);
	randombytes_buf(data, 200001);
	int64_t ids[8];
	for (size_t i = 0; i < 8; i++)
		ids[i] = add(s, 1, data, sizes[i]);
	struct stat st;
	assert_int_equal(stat(kp, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 32);

	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_err e;
	for (size_t i = 0; i < 8; i++) {
		struct pw_buf b;
		struct pw_evidence m;
		pw_buf_init(&b);
		assert_int_equal(pw_store_evidence_read(s, &a, 1, ids[i], &m, &b, &e), PW_OK);
		assert_int_equal(b.len, sizes[i]);
		assert_int_equal(m.size, (int64_t)sizes[i]);
		if (sizes[i])
			assert_memory_equal(b.data, data, sizes[i]);
		assert_string_equal(m.type, "image/png");
		assert_string_equal(m.description, "omschrijving");
		assert_int_equal(strlen(m.sha256), 64);
		pw_buf_free(&b);
	}
	/* Another case's id: not found. */
	struct pw_buf b;
	struct pw_evidence m;
	pw_buf_init(&b);
	assert_int_equal(pw_store_evidence_read(s, &a, 2, ids[1], &m, &b, &e), PW_ENOTFOUND);
	struct pw_evidence *v;
	size_t n;
	assert_int_equal(pw_store_evidence_list(s, &a, 1, &v, &n, &e), PW_OK);
	assert_int_equal(n, 8);
	assert_int_equal(v[7].id, ids[7]);

	/* Sealed bytes moved to another case do not open there (the case id is
	 * bound into every chunk). */
	char q[256];
	snprintf(q, sizeof q, "UPDATE evidence SET case_id = 2 WHERE id = %lld", (long long)ids[2]);
	sql(db, q);
	assert_int_equal(pw_store_evidence_read(s, &a, 2, ids[2], &m, &b, &e), PW_EIO);
	assert_int_equal(b.len, 0);
	/* A flipped byte in the sealed bytes, or a truncation, is caught. */
	snprintf(q, sizeof q,
		 "UPDATE evidence SET sealed = substr(sealed, 1, 40) || x'00' || substr(sealed, 42) WHERE id = %lld",
		 (long long)ids[3]);
	sql(db, q);
	assert_int_equal(pw_store_evidence_read(s, &a, 1, ids[3], &m, &b, &e), PW_EIO);
	snprintf(q, sizeof q, "UPDATE evidence SET sealed = substr(sealed, 1, 70000) WHERE id = %lld", (long long)ids[6]);
	sql(db, q);
	assert_int_equal(pw_store_evidence_read(s, &a, 1, ids[6], &m, &b, &e), PW_EIO);
	assert_non_null(strstr(e.msg, "beschadigd"));
	/* The recorded hash is checked too. */
	snprintf(q, sizeof q, "UPDATE evidence SET sha256 = '%064d' WHERE id = %lld", 0, (long long)ids[4]);
	sql(db, q);
	assert_int_equal(pw_store_evidence_read(s, &a, 1, ids[4], &m, &b, &e), PW_EIO);
	/* The untouched ones still open. */
	assert_int_equal(pw_store_evidence_read(s, &a, 1, ids[7], &m, &b, &e), PW_OK);
	assert_int_equal(b.len, 200001);
	pw_buf_free(&b);
	pw_arena_free(&a);
	pw_store_close(s);
	free(data);
}

static void a_lost_key_is_never_replaced(void **state)
{
	(void)state;
	char db[320], kp[340];
	struct pw_err e;
	struct pw_store *s = store_with_case("b.db", db, sizeof db);
	snprintf(kp, sizeof kp, "%s.key", db);
	int64_t id = add(s, 1, "%PDF-1.4 geheim", 15);
	pw_store_close(s);
	/* Lost with the database kept: sealing refuses rather than make a new key. */
	assert_int_equal(unlink(kp), 0);
	s = pw_store_open(db, PW_STORE_EXISTING, &e);
	assert_non_null(s);
	struct pw_evidence_sealed x;
	assert_int_equal(pw_evidence_seal(s, 1, "x", 1, &x, &e), PW_EIO);
	pw_evidence_sealed_free(&x);
	assert_non_null(strstr(e.msg, "ontbreekt"));
	assert_int_not_equal(access(kp, F_OK), 0);
	pw_store_close(s);

	/* Another key (a wrong file restored): nothing opens. And a key others may read is refused. */
	char other[320];
	struct pw_store *s2 = store_with_case("c.db", other, sizeof other);
	add(s2, 1, "x", 1);
	pw_store_close(s2);
	char cmd[800];
	snprintf(cmd, sizeof cmd, "cp -p %s.key %s", other, kp);
	assert_int_equal(system(cmd), 0);
	s = pw_store_open(db, PW_STORE_EXISTING, &e);
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_buf b;
	struct pw_evidence m;
	pw_buf_init(&b);
	assert_int_equal(pw_store_evidence_read(s, &a, 1, id, &m, &b, &e), PW_EIO);
	assert_non_null(strstr(e.msg, "sleutel"));
	pw_store_close(s);
	assert_int_equal(chmod(kp, 0644), 0);
	s = pw_store_open(db, PW_STORE_EXISTING, &e);
	assert_int_equal(pw_store_evidence_read(s, &a, 1, id, &m, &b, &e), PW_EIO);
	assert_non_null(strstr(e.msg, "chmod 600"));
	pw_store_close(s);
	pw_buf_free(&b);
	pw_arena_free(&a);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detects_accepted_types),
		cmocka_unit_test(refuses_everything_else),
		cmocka_unit_test(seals_and_opens_byte_for_byte),
		cmocka_unit_test(a_lost_key_is_never_replaced),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
