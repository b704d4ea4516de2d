/* Statements about evidence files (store/evidence.c). The sealed bytes are
 * the last column, so a list reads none of their overflow pages. */
#ifndef PW_STORE_SQL_EVIDENCE_H
#define PW_STORE_SQL_EVIDENCE_H

#define PW_STMTS_EVIDENCE(X)                                                                              \
	X(EVIDENCE_ADD, "INSERT INTO evidence(case_id, added_by, added_at, content_type, size, sha256, "       \
			"description, key_wrapped, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")                 \
	X(EVIDENCE_LIST, "SELECT id, case_id, added_by, added_at, content_type, size, sha256, description, "    \
			 "EXISTS (SELECT 1 FROM evidence_preview p WHERE p.evidence_id = evidence.id) "          \
			 "FROM evidence WHERE case_id = ? ORDER BY id")                                         \
	X(EVIDENCE_GET, "SELECT id, case_id, added_by, added_at, content_type, size, sha256, description, "     \
			"key_wrapped, sealed FROM evidence WHERE case_id = ? AND id = ?")     \
	X(EVIDENCE_ANY, "SELECT count(*) FROM (SELECT 1 FROM evidence LIMIT 1)")                              \
	X(EVIDENCE_PREVIEW_ADD, "INSERT INTO evidence_preview(evidence_id, content_type, size, sha256, "        \
				"key_wrapped, sealed) VALUES (?, ?, ?, ?, ?, ?)")                       \
	X(EVIDENCE_PREVIEW_GET, "SELECT p.content_type, p.size, p.sha256, p.key_wrapped, p.sealed "             \
				"FROM evidence_preview p JOIN evidence e ON e.id = p.evidence_id "          \
				"WHERE e.case_id = ? AND e.id = ?")

/* Migration 14: the preview of an evidence file (app/preview.h), sealed like
 * the original with a key of its own, in a table apart so that listing
 * evidence reads neither blob. */
#define PW_MIGRATION_EVIDENCE_PREVIEW_SQL                                                              \
	"CREATE TABLE evidence_preview (\n"                                                           \
	"  evidence_id INTEGER PRIMARY KEY REFERENCES evidence(id),\n"                                \
	"  content_type TEXT NOT NULL,\n" /* image/png or image/jpeg */                               \
	"  size INTEGER NOT NULL,\n"                                                                  \
	"  sha256 TEXT NOT NULL,\n"                                                                   \
	"  key_wrapped BLOB NOT NULL,\n"                                                              \
	"  sealed BLOB NOT NULL\n"                                                                    \
	");\n"

#endif
