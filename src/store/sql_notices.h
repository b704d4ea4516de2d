/* Statements about notices (store/notices.c): what a user was told. */
#ifndef PW_STORE_SQL_NOTICES_H
#define PW_STORE_SQL_NOTICES_H

#define PW_STMTS_NOTICES(X)                                                                               \
	X(NOTICES_UNSEEN, "SELECT id, coalesce(case_id, 0), coalesce(signal_id, 0), kind, at, coalesce(report_id, 0) FROM notice "   \
			  "WHERE user_id = ? AND seen_at IS NULL ORDER BY id DESC LIMIT ?")                  \
	X(NOTICE_SEEN, "UPDATE notice SET seen_at = ?3 WHERE id = ?2 AND user_id = ?1 AND seen_at IS NULL") \
	X(NOTICES_SEEN_CASE, "UPDATE notice SET seen_at = ?3 WHERE user_id = ?1 AND case_id = ?2 AND seen_at IS NULL")

#endif
