/* Statements about evidence files (store/evidence.c). The sealed bytes are
 * the last column, so a list reads none of their overflow pages. */
#ifndef PW_STORE_SQL_EVIDENCE_H
#define PW_STORE_SQL_EVIDENCE_H

#define PW_STMTS_EVIDENCE(X)                                                                              \
	X(EVIDENCE_ADD, "INSERT INTO evidence(case_id, added_by, added_at, content_type, size, sha256, "       \
			"description, key_wrapped, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")                 \
	X(EVIDENCE_LIST, "SELECT id, case_id, added_by, added_at, content_type, size, sha256, description "     \
			 "FROM evidence WHERE case_id = ? ORDER BY id")                                         \
	X(EVIDENCE_GET, "SELECT id, case_id, added_by, added_at, content_type, size, sha256, description, "     \
			"key_wrapped, sealed FROM evidence WHERE case_id = ? AND id = ?")     \
	X(EVIDENCE_ANY, "SELECT count(*) FROM (SELECT 1 FROM evidence LIMIT 1)")

#endif
