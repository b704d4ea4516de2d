/* Statements about the school's people (store/people.c, store/session.c). */
#ifndef PW_STORE_SQL_PEOPLE_H
#define PW_STORE_SQL_PEOPLE_H

#define STUDENT_COLS "st.id, st.external_id, st.first_name, st.prefix, st.last_name, st.birth_date"
#define MENTOR_COLS                                                                                   \
	"coalesce((SELECT user_id FROM class_mentor WHERE class_id = c.id AND position = 1), 0), "        \
	"coalesce((SELECT user_id FROM class_mentor WHERE class_id = c.id AND position = 2), 0)"
#define YEAR_AT "sy.start_on <= ?1 AND sy.end_on >= ?1"
/* The year's classes of the user's schools first (a handful), then their
 * enrollments by index: no scan of every enrollment of every year. */
#define SEARCH_WHERE                                                                                     \
	" FROM schoolyear sy JOIN class c ON c.schoolyear_id = sy.id "                                      \
	"JOIN enrollment e ON e.class_id = c.id JOIN student st ON st.id = e.student_id "                   \
	"WHERE sy.id IN (SELECT y.id FROM schoolyear y WHERE y.start_on <= ?1 AND y.end_on >= ?1 "         \
	"AND (?2 = 0 OR y.school_id IN (SELECT school_id FROM user_functie WHERE user_id = ?2))) "         \
	"AND (?4 IS NULL OR c.name = ?4) "                                                                  \
	"AND (?3 IS NULL OR st.search LIKE '%' || ?3 || '%' ESCAPE '\\' OR c.name = upper(?3))"

#define PW_STMTS_PEOPLE(X)                                                                               \
	X(BOARD_FIRST, "SELECT id FROM board ORDER BY id LIMIT 1")                                        \
	X(BOARD_ADD, "INSERT INTO board(name) VALUES (?)")                                                \
	X(SCHOOL_ADD, "INSERT INTO school(board_id, code, name, region) VALUES (?, ?, ?, ?)")             \
	X(SCHOOL_BY_CODE, "SELECT id, code, name, region FROM school WHERE code = ?")                     \
	X(SCHOOL_BY_ID, "SELECT id, code, name, region FROM school WHERE id = ?")                         \
	X(SCHOOL_LIST, "SELECT id, code, name, region FROM school ORDER BY name")                         \
	X(SY_ADD, "INSERT INTO schoolyear(school_id, name, start_on, end_on) VALUES (?, ?, ?, ?)")       \
	X(SY_GET, "SELECT id, school_id, name, start_on, end_on FROM schoolyear WHERE school_id = ? AND name = ?") \
	X(SY_AT, "SELECT id, school_id, name, start_on, end_on FROM schoolyear WHERE school_id = ?2 "      \
		 "AND start_on <= ?1 ORDER BY start_on DESC LIMIT 1")                                      \
	X(SY_LIST, "SELECT id, school_id, name, start_on, end_on FROM schoolyear WHERE school_id = ? ORDER BY start_on") \
	X(HOLIDAY_CLEAR, "DELETE FROM holiday WHERE schoolyear_id = ?")                                   \
	X(HOLIDAY_ADD, "INSERT INTO holiday(schoolyear_id, name, start_on, end_on) VALUES (?, ?, ?, ?)")  \
	X(HOLIDAY_LIST, "SELECT id, name, start_on, end_on FROM holiday WHERE schoolyear_id = ? ORDER BY start_on") \
	X(CLASS_GET, "SELECT c.id, c.schoolyear_id, c.name, c.year, c.department, "                      \
		     "(SELECT user_id FROM class_mentor WHERE class_id = c.id AND position = 1), "         \
		     "(SELECT user_id FROM class_mentor WHERE class_id = c.id AND position = 2), "         \
		     "(SELECT count(*) FROM enrollment WHERE class_id = c.id) "                            \
		     "FROM class c WHERE c.schoolyear_id = ? AND c.name = ?")                              \
	X(CLASS_LIST, "SELECT c.id, c.schoolyear_id, c.name, c.year, c.department, "                     \
		      "(SELECT user_id FROM class_mentor WHERE class_id = c.id AND position = 1), "        \
		      "(SELECT user_id FROM class_mentor WHERE class_id = c.id AND position = 2), "        \
		      "(SELECT count(*) FROM enrollment WHERE class_id = c.id) "                           \
		      "FROM class c WHERE c.schoolyear_id = ? ORDER BY c.year, c.name")                    \
	X(CLASS_ADD, "INSERT INTO class(schoolyear_id, name, year, department) VALUES (?, ?, ?, ?)")     \
	X(CLASS_UPDATE, "UPDATE class SET year = ?, department = ? WHERE id = ?")                        \
	X(MENTOR_GET, "SELECT coalesce((SELECT user_id FROM class_mentor WHERE class_id = ?1 AND position = 1), 0), " \
		      "coalesce((SELECT user_id FROM class_mentor WHERE class_id = ?1 AND position = 2), 0)") \
	X(MENTOR_CLEAR, "DELETE FROM class_mentor WHERE class_id = ?")                                    \
	X(MENTOR_ADD, "INSERT INTO class_mentor(class_id, user_id, position) VALUES (?, ?, ?)")           \
	X(STUDENT_BY_EXT, "SELECT id, first_name, prefix, last_name, birth_date FROM student WHERE external_id = ?") \
	X(STUDENT_ADD, "INSERT INTO student(external_id, first_name, prefix, last_name, birth_date, search) " \
		       "VALUES (?, ?, ?, ?, ?, ?)")                                                        \
	X(STUDENT_UPDATE, "UPDATE student SET first_name = ?, prefix = ?, last_name = ?, birth_date = ?, search = ? " \
			  "WHERE id = ?")                                                                  \
	X(STUDENT_GET, "SELECT " STUDENT_COLS ", c.id, c.name, c.year, c.department, sy.school_id, " MENTOR_COLS \
		       " FROM student st "                                                                \
		       "LEFT JOIN enrollment e ON e.student_id = st.id AND e.schoolyear_id IN "           \
		       "(SELECT id FROM schoolyear sy WHERE " YEAR_AT ") "                                 \
		       "LEFT JOIN class c ON c.id = e.class_id LEFT JOIN schoolyear sy ON sy.id = e.schoolyear_id " \
		       "WHERE st.id = ?2")                                                                 \
	X(ENROLL_GET, "SELECT class_id FROM enrollment WHERE student_id = ? AND schoolyear_id = ?")      \
	X(ENROLL_SET, "INSERT INTO enrollment(student_id, schoolyear_id, class_id) VALUES (?1, ?2, ?3) "  \
		      "ON CONFLICT (student_id, schoolyear_id) DO UPDATE SET class_id = ?3")               \
	X(CLASS_YEAR, "SELECT schoolyear_id FROM class WHERE id = ?")                                     \
	X(STUDENT_SEARCH, "SELECT " STUDENT_COLS ", c.id, c.name, c.year, c.department, sy.school_id, " MENTOR_COLS \
			  SEARCH_WHERE " ORDER BY c.year, c.name, st.last_name, st.first_name LIMIT ?5 OFFSET ?6") \
	X(STUDENT_SEARCH_COUNT, "SELECT count(*)" SEARCH_WHERE)                                            \
	X(PARENT_BY_EXT, "SELECT id, name, email, phone FROM parent WHERE external_id = ?")              \
	X(PARENT_ADD, "INSERT INTO parent(external_id, name, email, phone) VALUES (?, ?, ?, ?)")         \
	X(PARENT_UPDATE, "UPDATE parent SET name = ?, email = ?, phone = ? WHERE id = ?")                \
	X(PARENT_LINK_GET, "SELECT relation, custody, restriction FROM student_parent "                  \
			   "WHERE student_id = ? AND parent_id = ?")                                       \
	X(PARENT_LINK_SET, "INSERT INTO student_parent(student_id, parent_id, relation, custody, restriction) " \
			   "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (student_id, parent_id) DO UPDATE SET " \
			   "relation = ?3, custody = ?4, restriction = ?5")                                 \
	X(USER_ADD, "INSERT INTO account(login, name, email, external_id, password_hash, lang, created_at) " \
		    "VALUES (?, ?, ?, ?, ?, 'nl', ?)")                                                      \
	X(USER_UPDATE, "UPDATE account SET name = ?, email = ?, external_id = ? WHERE id = ?")          \
	X(USER_COLS_BY_ID, "SELECT id, login, name, email, external_id, password_hash, lang, "           \
			   "coalesce(parent_id, 0), disabled_at IS NOT NULL FROM account WHERE id = ?")    \
	X(USER_COLS_BY_LOGIN, "SELECT id, login, name, email, external_id, password_hash, lang, "        \
			      "coalesce(parent_id, 0), disabled_at IS NOT NULL FROM account WHERE login = ?") \
	X(USER_COLS_BY_EXT, "SELECT id, login, name, email, external_id, password_hash, lang, "          \
			    "coalesce(parent_id, 0), disabled_at IS NOT NULL FROM account WHERE external_id = ?") \
	X(USER_LIST, "SELECT id, login, name, email, external_id, NULL, lang, coalesce(parent_id, 0), "  \
		     "disabled_at IS NOT NULL FROM account ORDER BY login")                                \
	X(USER_SET_PASSWORD, "UPDATE account SET password_hash = ? WHERE id = ?")                        \
	X(USER_SET_LANG, "UPDATE account SET lang = ? WHERE id = ?")                                      \
	X(USER_SET_PARENT, "UPDATE account SET parent_id = nullif(?, 0) WHERE id = ?")                  \
	X(USER_DISABLE, "UPDATE account SET disabled_at = ? WHERE id = ?")                               \
	X(USER_ENABLE, "UPDATE account SET disabled_at = NULL WHERE id = ?")                             \
	X(FUNCTIE_ADD, "INSERT INTO user_functie(user_id, school_id, functie, department) VALUES (?, ?, ?, ?) " \
		       "ON CONFLICT DO NOTHING")                                                           \
	X(FUNCTIE_CLEAR, "DELETE FROM user_functie WHERE user_id = ?")                                   \
	X(FUNCTIE_LIST, "SELECT school_id, functie, department FROM user_functie WHERE user_id = ? "     \
			"ORDER BY school_id, functie")                                                     \
	X(USER_CLASSES, "SELECT c.id, c.schoolyear_id, c.name, c.year, c.department, "                  \
			"(SELECT user_id FROM class_mentor WHERE class_id = c.id AND position = 1), "      \
			"(SELECT user_id FROM class_mentor WHERE class_id = c.id AND position = 2), "      \
			"(SELECT count(*) FROM enrollment WHERE class_id = c.id) "                         \
			"FROM class_mentor m JOIN class c ON c.id = m.class_id "                           \
			"JOIN schoolyear sy ON sy.id = c.schoolyear_id WHERE " YEAR_AT " AND m.user_id = ?2 " \
			"ORDER BY c.name")

#endif
