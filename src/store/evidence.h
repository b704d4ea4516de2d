/* Evidence files of a case (PROTOCOL.md, cyber.bewijs_bewaren): kept
 * unaltered but encrypted at rest, with the SHA-256 of the original, who
 * added it and when.
 *
 * Each file is sealed with its own random key (libsodium secretstream,
 * XChaCha20-Poly1305, in 64 KiB chunks); that key is wrapped (secretbox) by
 * the server's key, kept in the file DB.key beside the database (mode 0600,
 * made on first use). A backup of the database alone holds no readable
 * evidence: the key file must be backed up too, and kept apart. The sealed
 * bytes live in the database (table evidence), so `pestwijzer backup` and
 * restore still move one consistent file. */
#ifndef PW_STORE_EVIDENCE_H
#define PW_STORE_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"

/* One evidence file's record (strings in the caller's arena). */
struct pw_evidence {
	int64_t id, case_id;
	int64_t added_by;        /* the uploader's account */
	int64_t added_at;        /* seconds, UTC */
	const char *type;        /* the detected mime type */
	int64_t size;            /* bytes of the original */
	char sha256[65];         /* of the original, lowercase hex */
	const char *description; /* "" when none */
	bool preview;            /* a preview is stored (filled by the list) */
};

/* A file sealed for storage, before it is written (pw_evidence_seal). */
struct pw_evidence_sealed {
	unsigned char *data;       /* format byte, secretstream header, chunks; malloc'd */
	size_t len;
	unsigned char wrapped[72]; /* nonce (24) and the secretbox of the file's key (48) */
	char sha256[65];           /* of the plaintext */
};

/* Hashes and seals n bytes for case_id (the case id is bound into every
 * chunk, so sealed bytes moved to another case do not open). Loads or makes
 * the server's key beside the store's database: PW_EIO when it cannot be
 * read or written. Does not touch the database: call it before a transaction. */
enum pw_status pw_evidence_seal(struct pw_store *s, int64_t case_id, const void *data, size_t n,
				struct pw_evidence_sealed *out, struct pw_err *err);
/* Frees what a sealed file holds (also after a failed seal). */
void pw_evidence_sealed_free(struct pw_evidence_sealed *x);

/* Writes a sealed file's record inside the caller's transaction; *id gets its id. */
enum pw_status pw_store_evidence_add(struct pw_store *s, int64_t case_id, int64_t by, const char *type,
				     const char *description, size_t size, const struct pw_evidence_sealed *sealed,
				     int64_t *id, struct pw_err *err);

/* The case's evidence records, oldest first. */
enum pw_status pw_store_evidence_list(struct pw_store *s, struct pw_arena *a, int64_t case_id,
				      struct pw_evidence **out, size_t *n, struct pw_err *err);

/* Opens evidence id of case_id: its record into *meta and the original bytes
 * appended to out, checked against the stored SHA-256. PW_ENOTFOUND when the
 * case has no such evidence; PW_EIO when the key is missing or the bytes do
 * not open (damaged, or a different key file). */
enum pw_status pw_store_evidence_read(struct pw_store *s, struct pw_arena *a, int64_t case_id, int64_t id,
				      struct pw_evidence *meta, struct pw_buf *out, struct pw_err *err);

/* Writes the sealed preview (image/png or image/jpeg) of evidence id
 * inside the caller's transaction. The preview is sealed for the case of its
 * evidence, like the original (pw_evidence_seal). */
enum pw_status pw_store_evidence_preview_add(struct pw_store *s, int64_t id, const char *type, size_t size,
					     const struct pw_evidence_sealed *sealed, struct pw_err *err);

/* Opens the preview of evidence id of case_id: bytes appended to out,
 * *type its mime type (arena). PW_ENOTFOUND when the case has no such
 * evidence or it has no preview; PW_EIO as pw_store_evidence_read. */
enum pw_status pw_store_evidence_preview_read(struct pw_store *s, struct pw_arena *a, int64_t case_id, int64_t id,
					      const char **type, struct pw_buf *out, struct pw_err *err);

/* The path of the server's key file for a database path (arena copy). */
const char *pw_evidence_key_path(struct pw_arena *a, const char *db_path);

#endif
