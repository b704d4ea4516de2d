/* Statements about sessions and API tokens (store/session.c). */
#ifndef PW_STORE_SQL_AUTH_H
#define PW_STORE_SQL_AUTH_H

#define PW_STMTS_AUTH(X)                                                                                 \
	X(SESSION_ADD, "INSERT INTO session(hash, user_id, csrf, created_at, seen_at) VALUES (?, ?, ?, ?, ?)") \
	X(SESSION_GET, "SELECT s.user_id, s.csrf, s.created_at, s.seen_at FROM session s "              \
		       "JOIN account a ON a.id = s.user_id WHERE s.hash = ? AND a.disabled_at IS NULL")   \
	X(SESSION_TOUCH, "UPDATE session SET seen_at = ? WHERE hash = ?")                                \
	X(SESSION_DEL, "DELETE FROM session WHERE hash = ?")                                              \
	X(SESSION_DEL_USER, "DELETE FROM session WHERE user_id = ?")                                      \
	X(SESSION_PURGE, "DELETE FROM session WHERE seen_at < ? OR created_at < ?")                      \
	X(TOKEN_ADD, "INSERT INTO token(user_id, hash, name, created_at) VALUES (?, ?, ?, ?)")            \
	X(TOKEN_GET, "SELECT t.id, t.user_id, coalesce(t.used_at, 0) FROM token t JOIN account a ON a.id = t.user_id " \
		     "WHERE t.hash = ? AND t.revoked_at IS NULL AND a.disabled_at IS NULL")                \
	X(TOKEN_USED, "UPDATE token SET used_at = ? WHERE id = ?")                                        \
	X(TOKEN_LIST, "SELECT t.id, a.login, t.name, t.created_at, coalesce(t.used_at, 0), "             \
		      "coalesce(t.revoked_at, 0) FROM token t JOIN account a ON a.id = t.user_id "         \
		      "WHERE (?1 = 0 OR t.user_id = ?1) ORDER BY t.id")                                    \
	X(TOKEN_REVOKE, "UPDATE token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")           \
	X(TOKEN_REVOKE_USER, "UPDATE token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")

#endif
