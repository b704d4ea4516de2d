/* Statements about the yearly surveys (store/surveys.c), and their schema. */
#ifndef PW_STORE_SQL_SURVEYS_H
#define PW_STORE_SQL_SURVEYS_H

/* Answers are anonymous by construction: a code is a keyed hash that is
 * only flagged used (no time, no link); a response is a row with a random
 * id and its survey, nothing else; its answers carry that random id. The
 * code and response tables are WITHOUT ROWID, keyed by a hash and a random
 * id, so neither a rowid nor the order of the rows in the file follows the
 * order of answering: nothing joins an answer back to its code. */
#define PW_MIGRATION_SURVEYS_SQL                                                                     \
	"CREATE TABLE survey (\n"                                                                      \
	"  id INTEGER PRIMARY KEY,\n"                                                                  \
	"  school_id INTEGER NOT NULL REFERENCES school(id),\n"                                        \
	"  schoolyear TEXT NOT NULL,\n"                                                                \
	"  kind TEXT NOT NULL,\n"                                                                      \
	"  status TEXT NOT NULL DEFAULT 'concept',\n"                                                  \
	"  created_by INTEGER REFERENCES account(id),\n"                                               \
	"  created_at INTEGER NOT NULL,\n"                                                             \
	"  UNIQUE (school_id, schoolyear, kind)\n"                                                     \
	");\n"                                                                                         \
	"CREATE TABLE survey_question (\n"                                                             \
	"  survey_id INTEGER NOT NULL REFERENCES survey(id),\n"                                        \
	"  key TEXT NOT NULL,\n"                                                                       \
	"  pos INTEGER NOT NULL,\n"                                                                    \
	"  text TEXT,\n"  /* a school's own question only; a standard one's words are the bank's */  \
	"  scale TEXT,\n" /* idem */                                                                   \
	"  PRIMARY KEY (survey_id, key)\n"                                                             \
	") WITHOUT ROWID;\n"                                                                           \
	"CREATE TABLE survey_code (\n"                                                                 \
	"  hash BLOB PRIMARY KEY,\n"                                                                   \
	"  survey_id INTEGER NOT NULL REFERENCES survey(id),\n"                                        \
	"  used INTEGER NOT NULL DEFAULT 0\n"                                                          \
	") WITHOUT ROWID;\n"                                                                           \
	"CREATE INDEX survey_code_survey ON survey_code(survey_id, used);\n"                          \
	"CREATE TABLE survey_response (\n"                                                             \
	"  id BLOB PRIMARY KEY,\n"                                                                     \
	"  survey_id INTEGER NOT NULL REFERENCES survey(id)\n"                                         \
	") WITHOUT ROWID;\n"                                                                           \
	"CREATE INDEX survey_response_survey ON survey_response(survey_id);\n"                        \
	"CREATE TABLE survey_answer (\n"                                                               \
	"  response_id BLOB NOT NULL REFERENCES survey_response(id),\n"                                \
	"  key TEXT NOT NULL,\n"                                                                       \
	"  value TEXT NOT NULL,\n"                                                                     \
	"  PRIMARY KEY (response_id, key, value)\n"                                                    \
	") WITHOUT ROWID;\n"

#define SURVEY_COLS                                                                                   \
	"s.id, s.school_id, s.schoolyear, s.kind, s.status, s.created_at, "                             \
	"(SELECT count(*) FROM survey_response r WHERE r.survey_id = s.id), "                           \
	"(SELECT count(*) FROM survey_code c WHERE c.survey_id = s.id), "                               \
	"(SELECT count(*) FROM survey_code c WHERE c.survey_id = s.id AND c.used = 1)"

#define PW_STMTS_SURVEYS(X)                                                                           \
	X(SURVEY_ADD, "INSERT INTO survey(school_id, schoolyear, kind, created_by, created_at) "         \
		      "VALUES (?, ?, ?, nullif(?, 0), ?)")                                                  \
	X(SURVEY_GET, "SELECT " SURVEY_COLS " FROM survey s WHERE s.id = ?")                             \
	X(SURVEY_LIST, "SELECT " SURVEY_COLS " FROM survey s WHERE s.school_id = ? "                     \
		       "ORDER BY s.schoolyear DESC, s.kind")                                                \
	X(SURVEY_STATUS, "UPDATE survey SET status = ?2 WHERE id = ?1")                                  \
	X(SURVEY_Q_DEL, "DELETE FROM survey_question WHERE survey_id = ?")                              \
	X(SURVEY_Q_ADD, "INSERT INTO survey_question(survey_id, key, pos, text, scale) VALUES (?, ?, ?, ?, ?)") \
	X(SURVEY_Q_LIST, "SELECT key, text, scale FROM survey_question WHERE survey_id = ? ORDER BY pos") \
	X(SURVEY_CODE_ADD, "INSERT INTO survey_code(hash, survey_id) VALUES (?, ?)")                     \
	X(SURVEY_CODE_FIND, "SELECT survey_id, used FROM survey_code WHERE hash = ?")                    \
	/* Spending a code: only an unused one of an open survey; the caller \
	 * checks that exactly one row changed, inside its transaction. */   \
	X(SURVEY_CODE_USE, "UPDATE survey_code SET used = 1 WHERE hash = ?1 AND used = 0 AND survey_id = ?2 " \
			   "AND (SELECT status FROM survey WHERE id = ?2) = 'open'")                      \
	X(SURVEY_RESP_ADD, "INSERT INTO survey_response(id, survey_id) VALUES (?, ?)")                   \
	X(SURVEY_ANSWER_ADD, "INSERT OR IGNORE INTO survey_answer(response_id, key, value) VALUES (?, ?, ?)") \
	X(SURVEY_ROWS, "SELECT r.id, a.key, a.value FROM survey_response r "                             \
		       "JOIN survey_answer a ON a.response_id = r.id WHERE r.survey_id = ? ORDER BY r.id, a.key, a.value")

#endif
