/* Statements about signals and cases (store/cases.c). */
#ifndef PW_STORE_SQL_CASES_H
#define PW_STORE_SQL_CASES_H

#define CASE_COLS                                                                                        \
	"id, school_id, coalesce(schoolyear_id, 0), protocol_version, status, level, coalesce(owner_id, 0), " \
	"opened_on, opened_at, updated_at, coalesce(closed_at, 0), coalesce(closed_year, 0), coalesce(linked_case, 0)"

#define PW_STMTS_CASES(X)                                                                                 \
	X(CASE_GET, "SELECT " CASE_COLS " FROM casus WHERE id = ?")                                        \
	X(CASE_PERSONS, "SELECT cp.student_id, cp.extern, cp.rol, c.id, c.name, c.department, "             \
			"coalesce((SELECT user_id FROM class_mentor WHERE class_id = c.id AND position = 1), 0), " \
			"coalesce((SELECT user_id FROM class_mentor WHERE class_id = c.id AND position = 2), 0), " \
			"st.first_name, st.prefix, st.last_name "                                          \
			"FROM case_person cp LEFT JOIN student st ON st.id = cp.student_id "                \
			"LEFT JOIN enrollment e ON e.student_id = cp.student_id AND e.schoolyear_id = "     \
			"(SELECT sy.id FROM schoolyear sy JOIN casus k ON k.school_id = sy.school_id "      \
			" WHERE k.id = ?1 AND sy.start_on <= ?2 ORDER BY sy.start_on DESC LIMIT 1) "       \
			"LEFT JOIN class c ON c.id = e.class_id WHERE cp.case_id = ?1 ORDER BY cp.rowid")  \
	X(CASE_EVENTS, "SELECT id, at, day, coalesce(by_id, 0), kind, data FROM case_event WHERE case_id = ? ORDER BY id") \
	X(CASES_OF_STUDENT, "SELECT DISTINCT k.id, k.updated_at FROM case_person cp JOIN casus k ON k.id = cp.case_id " \
			    "WHERE cp.student_id = ? ORDER BY k.updated_at DESC, k.id DESC")              \
	X(CASES_OF_USER, "SELECT id FROM casus WHERE school_id = ?1 AND (?3 IS NULL OR status = ?3) AND id IN ("     \
			 "SELECT id FROM casus WHERE owner_id = ?2 "                                        \
			 "UNION SELECT case_id FROM signal WHERE reporter_id = ?2 AND case_id IS NOT NULL "  \
			 "UNION SELECT cp.case_id FROM class_mentor m JOIN enrollment e ON e.class_id = m.class_id " \
			 "JOIN case_person cp ON cp.student_id = e.student_id WHERE m.user_id = ?2 "           \
			 "UNION SELECT case_id FROM case_event WHERE kind IN ('escalation', 'referral') "      \
			 "AND json_extract(data, '$.user') = ?2) ORDER BY updated_at DESC, id DESC")          \
	X(CASES_OF_SCHOOL, "SELECT id FROM casus WHERE school_id = ?1 AND (?2 IS NULL OR status = ?2) "    \
			   "ORDER BY updated_at DESC, id DESC")                                             \
	X(CASE_ADD, "INSERT INTO casus(school_id, schoolyear_id, protocol_version, status, level, owner_id, " \
		    "opened_on, opened_at, updated_at, linked_case) VALUES (?, nullif(?, 0), ?, ?, ?, nullif(?, 0), ?, ?, ?, nullif(?, 0))") \
	X(CASE_UPDATE, "UPDATE casus SET status = ?, level = ?, owner_id = nullif(?, 0), updated_at = ?, "  \
		       "closed_at = nullif(?, 0), closed_year = nullif(?, 0) WHERE id = ?")                  \
	X(CASE_PERSON_ADD, "INSERT INTO case_person(case_id, student_id, extern, rol) VALUES (?, nullif(?, 0), ?, ?)") \
	X(CASE_EVENT_ADD, "INSERT INTO case_event(case_id, at, day, by_id, kind, data) VALUES (?, ?, ?, nullif(?, 0), ?, ?)") \
	X(SIGNAL_ADD, "INSERT INTO signal(school_id, reporter_id, filed_at, filed_on, occurred_on, location, "  \
		      "description, systematisch, naar_clz, data) VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)") \
	X(SIGNAL_PERSON_ADD, "INSERT INTO signal_person(signal_id, student_id, extern, rol) VALUES (?, nullif(?, 0), ?, ?)") \
	X(SIGNAL_SET_CASE, "UPDATE signal SET case_id = ?, recurrence = ? WHERE id = ?")                   \
	X(SIGNAL_COLS_BY_CASE, "SELECT id, school_id, coalesce(reporter_id, 0), filed_at, coalesce(case_id, 0), " \
			       "filed_on, occurred_on, location, description, systematisch, naar_clz, recurrence, data " \
			       "FROM signal WHERE case_id = ? ORDER BY id")                                 \
	X(SIGNAL_COLS_BY_ID, "SELECT id, school_id, coalesce(reporter_id, 0), filed_at, coalesce(case_id, 0), " \
			     "filed_on, occurred_on, location, description, systematisch, naar_clz, recurrence, data " \
			     "FROM signal WHERE id = ?")                                                    \
	X(SUSPICIONS, "SELECT DISTINCT s.id, s.school_id, coalesce(s.reporter_id, 0), s.filed_at, coalesce(s.case_id, 0), " \
		      "s.filed_on, s.occurred_on, s.location, s.description, s.systematisch, s.naar_clz, s.recurrence, s.data " \
		      "FROM signal s LEFT JOIN signal_person sp ON sp.signal_id = s.id WHERE s.school_id = ?1 " \
		      "AND s.systematisch <> 'ja' AND (?2 = 0 OR sp.student_id = ?2) ORDER BY s.id DESC LIMIT 500") \
	X(SIGNAL_PERSONS, "SELECT sp.student_id, sp.extern, sp.rol, st.first_name, st.prefix, st.last_name "   \
			  "FROM signal_person sp LEFT JOIN student st ON st.id = sp.student_id WHERE sp.signal_id = ? " \
			  "ORDER BY sp.rowid")                                                               \
	X(NOTICE_ADD, "INSERT INTO notice(user_id, case_id, signal_id, kind, at) VALUES (?, nullif(?, 0), nullif(?, 0), ?, ?)") \
	X(SCHOOL_STAFF, "SELECT user_id, functie, department FROM user_functie f JOIN account a ON a.id = f.user_id " \
			"WHERE f.school_id = ? AND a.disabled_at IS NULL ORDER BY user_id")              \
	X(STUDENT_ATTENTION, "SELECT coalesce(k.owner_id, 0) FROM case_person cp JOIN casus k ON k.id = cp.case_id " \
			     "WHERE cp.student_id = ? AND k.status = 'open' ORDER BY k.updated_at DESC LIMIT 1") \
	X(STUDENT_ATTENTION_MANY, "SELECT cp.student_id, coalesce(k.owner_id, 0), k.updated_at FROM case_person cp " \
				  "JOIN casus k ON k.id = cp.case_id WHERE cp.student_id IN (SELECT value FROM json_each(?)) " \
				  "AND k.status = 'open'")                                                           \
	X(PARENT_ACCOUNTS, "SELECT a.id FROM student_parent sp JOIN account a ON a.parent_id = sp.parent_id " \
			   "WHERE sp.student_id = ?")

#endif
