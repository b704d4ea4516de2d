#include "store/migrations.h"
#include "store/sql_calendar.h"
#include "store/sql_evidence.h"
#include "store/sql_letters.h"
#include "store/sql_outbox.h"
#include "store/sql_prevention.h"
#include "store/sql_surveys.h"

const struct pw_migration pw_migrations[] = {
	{1, "foundation",
	 "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	 /* The audit log: append-only; who read or changed what, when. */
	 "CREATE TABLE audit (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  at INTEGER NOT NULL,\n"
	 "  user_id INTEGER,\n"
	 "  action TEXT NOT NULL,\n"
	 "  object TEXT NOT NULL,\n"
	 "  object_id INTEGER,\n"
	 "  detail TEXT\n"
	 ");\n"
	 "CREATE INDEX audit_object ON audit(object, object_id, at);\n"
	 "CREATE INDEX audit_user ON audit(user_id, at);\n"},
	{2, "people",
	 /* One deployment serves one school board with one or more schools. */
	 "CREATE TABLE board (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
	 "CREATE TABLE school (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  board_id INTEGER NOT NULL REFERENCES board(id),\n"
	 "  code TEXT NOT NULL UNIQUE,\n" /* short name used on the command line: 'lekpoort' */
	 "  name TEXT NOT NULL,\n"
	 "  region TEXT\n" /* holiday region: noord, midden, zuid */
	 ");\n"
	 /* Dates are 'YYYY-MM-DD' text: they sort, compare and read as dates. */
	 "CREATE TABLE schoolyear (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
	 "  name TEXT NOT NULL,\n" /* '2025-2026' */
	 "  start_on TEXT NOT NULL,\n"
	 "  end_on TEXT NOT NULL,\n"
	 "  UNIQUE (school_id, name)\n"
	 ");\n"
	 "CREATE TABLE holiday (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  schoolyear_id INTEGER NOT NULL REFERENCES schoolyear(id),\n"
	 "  name TEXT NOT NULL,\n"
	 "  start_on TEXT NOT NULL,\n"
	 "  end_on TEXT NOT NULL\n"
	 ");\n"
	 "CREATE INDEX holiday_year ON holiday(schoolyear_id, start_on);\n"
	 "CREATE TABLE account (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  login TEXT NOT NULL UNIQUE,\n"
	 "  name TEXT NOT NULL,\n"
	 "  email TEXT,\n"
	 "  external_id TEXT UNIQUE,\n" /* the staff number of the school's administration */
	 "  password_hash TEXT,\n"      /* argon2id string; NULL: no password login (SSO only) */
	 "  sso_issuer TEXT,\n"         /* an outside identity, for single sign-on later */
	 "  sso_subject TEXT,\n"
	 "  parent_id INTEGER REFERENCES parent(id),\n" /* staff who are also a parent here */
	 "  lang TEXT NOT NULL DEFAULT 'nl',\n"
	 "  disabled_at INTEGER,\n"
	 "  created_at INTEGER NOT NULL,\n"
	 "  UNIQUE (sso_issuer, sso_subject)\n"
	 ");\n"
	 /* A functie of PROTOCOL.md, per school; department narrows a clz to one. */
	 "CREATE TABLE user_functie (\n"
	 "  user_id INTEGER NOT NULL REFERENCES account(id),\n"
	 "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
	 "  functie TEXT NOT NULL,\n"
	 "  department TEXT NOT NULL DEFAULT '',\n"
	 "  PRIMARY KEY (user_id, school_id, functie, department)\n"
	 ");\n"
	 "CREATE INDEX user_functie_school ON user_functie(school_id, functie);\n"
	 "CREATE TABLE class (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  schoolyear_id INTEGER NOT NULL REFERENCES schoolyear(id),\n"
	 "  name TEXT NOT NULL,\n"
	 "  year INTEGER NOT NULL CHECK (year BETWEEN 1 AND 8),\n"
	 "  department TEXT NOT NULL DEFAULT '',\n"
	 "  UNIQUE (schoolyear_id, name)\n"
	 ");\n"
	 /* One or two mentors; position 1 is the first (the owner of a mentor case). */
	 "CREATE TABLE class_mentor (\n"
	 "  class_id INTEGER NOT NULL REFERENCES class(id),\n"
	 "  user_id INTEGER NOT NULL REFERENCES account(id),\n"
	 "  position INTEGER NOT NULL CHECK (position IN (1, 2)),\n"
	 "  PRIMARY KEY (class_id, position)\n"
	 ");\n"
	 "CREATE INDEX class_mentor_user ON class_mentor(user_id);\n"
	 "CREATE TABLE student (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  external_id TEXT NOT NULL UNIQUE,\n" /* leerlingnummer, unique across the board */
	 "  first_name TEXT NOT NULL,\n"
	 "  prefix TEXT NOT NULL DEFAULT '',\n" /* tussenvoegsel: 'van der' */
	 "  last_name TEXT NOT NULL,\n"
	 "  birth_date TEXT NOT NULL,\n"
	 "  search TEXT NOT NULL\n" /* lower-case 'first prefix last' for finding by part of a name */
	 ");\n"
	 /* History: a student's class per school year. */
	 "CREATE TABLE enrollment (\n"
	 "  student_id INTEGER NOT NULL REFERENCES student(id),\n"
	 "  schoolyear_id INTEGER NOT NULL REFERENCES schoolyear(id),\n"
	 "  class_id INTEGER NOT NULL REFERENCES class(id),\n"
	 "  PRIMARY KEY (student_id, schoolyear_id)\n"
	 ");\n"
	 "CREATE INDEX enrollment_class ON enrollment(class_id);\n"
	 "CREATE TABLE parent (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  external_id TEXT NOT NULL UNIQUE,\n"
	 "  name TEXT NOT NULL,\n"
	 "  email TEXT,\n"
	 "  phone TEXT\n"
	 ");\n"
	 "CREATE TABLE student_parent (\n"
	 "  student_id INTEGER NOT NULL REFERENCES student(id),\n"
	 "  parent_id INTEGER NOT NULL REFERENCES parent(id),\n"
	 "  relation TEXT NOT NULL DEFAULT 'ouder',\n"
	 "  custody INTEGER NOT NULL DEFAULT 1,\n"  /* gezag */
	 "  restriction TEXT NOT NULL DEFAULT '',\n" /* contact restriction, as the school's records say */
	 "  PRIMARY KEY (student_id, parent_id)\n"
	 ");\n"
	 "CREATE INDEX student_parent_parent ON student_parent(parent_id);\n"
	 /* Sessions and tokens are stored as hashes of the secret: a copy of the
	  * database does not let anyone in. */
	 "CREATE TABLE session (\n"
	 "  hash BLOB PRIMARY KEY,\n"
	 "  user_id INTEGER NOT NULL REFERENCES account(id),\n"
	 "  csrf TEXT NOT NULL,\n"
	 "  created_at INTEGER NOT NULL,\n"
	 "  seen_at INTEGER NOT NULL\n"
	 ");\n"
	 "CREATE INDEX session_user ON session(user_id);\n"
	 "CREATE TABLE token (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  user_id INTEGER NOT NULL REFERENCES account(id),\n"
	 "  hash BLOB NOT NULL UNIQUE,\n"
	 "  name TEXT NOT NULL DEFAULT '',\n"
	 "  created_at INTEGER NOT NULL,\n"
	 "  used_at INTEGER,\n"
	 "  revoked_at INTEGER\n"
	 ");\n"},
	{3, "protocol versions",
	 /* Every definition a school installed, kept whole: a case keeps the
	  * version it started under, so old versions are never deleted. */
	 "CREATE TABLE protocol_version (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
	 "  protocol_key TEXT NOT NULL,\n" /* the definition's id: 'lekpoort' */
	 "  versie TEXT NOT NULL,\n"
	 "  source TEXT NOT NULL,\n"       /* the YAML text as installed */
	 "  installed_at INTEGER NOT NULL,\n"
	 "  installed_by TEXT NOT NULL\n"
	 ");\n"
	 "CREATE INDEX protocol_version_school ON protocol_version(school_id, id);\n"},
	{4, "signals and cases",
	 /* A case (casus): the columns lists need; the rest follows from its
	  * append-only timeline (case_event). */
	 "CREATE TABLE casus (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
	 "  schoolyear_id INTEGER REFERENCES schoolyear(id),\n" /* the year it was opened */
	 "  protocol_version INTEGER NOT NULL DEFAULT 0,\n"    /* 0: the shipped definition */
	 "  status TEXT NOT NULL DEFAULT 'open',\n"
	 "  level TEXT NOT NULL,\n"
	 "  owner_id INTEGER REFERENCES account(id),\n"
	 "  opened_on TEXT NOT NULL,\n"
	 "  opened_at INTEGER NOT NULL,\n"
	 "  updated_at INTEGER NOT NULL,\n"
	 "  closed_at INTEGER,\n"
	 "  closed_year INTEGER,\n"  /* first calendar year of the school year it closed in */
	 "  linked_case INTEGER REFERENCES casus(id)\n"
	 ");\n"
	 "CREATE INDEX casus_school ON casus(school_id, status, updated_at);\n"
	 "CREATE INDEX casus_owner ON casus(owner_id, status);\n"
	 /* The people in a case with their role; students and described others. */
	 "CREATE TABLE case_person (\n"
	 "  case_id INTEGER NOT NULL REFERENCES casus(id),\n"
	 "  student_id INTEGER REFERENCES student(id),\n"
	 "  extern TEXT,\n"
	 "  rol TEXT NOT NULL\n"
	 ");\n"
	 "CREATE INDEX case_person_case ON case_person(case_id);\n"
	 "CREATE INDEX case_person_student ON case_person(student_id);\n"
	 /* A signal (melding); data holds forms, flags, cyber kinds, platforms, checklist items. */
	 "CREATE TABLE signal (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
	 "  reporter_id INTEGER REFERENCES account(id),\n"
	 "  filed_at INTEGER NOT NULL,\n"
	 "  filed_on TEXT NOT NULL,\n"
	 "  occurred_on TEXT NOT NULL,\n"
	 "  location TEXT NOT NULL DEFAULT '',\n"
	 "  description TEXT NOT NULL DEFAULT '',\n"
	 "  systematisch TEXT NOT NULL,\n"
	 "  naar_clz INTEGER NOT NULL DEFAULT 0,\n"
	 "  data TEXT NOT NULL,\n"
	 "  case_id INTEGER REFERENCES casus(id),\n"
	 "  recurrence INTEGER NOT NULL DEFAULT 0\n"
	 ");\n"
	 "CREATE INDEX signal_case ON signal(case_id);\n"
	 "CREATE INDEX signal_school ON signal(school_id, filed_on);\n"
	 "CREATE INDEX signal_reporter ON signal(reporter_id);\n"
	 "CREATE TABLE signal_person (\n"
	 "  signal_id INTEGER NOT NULL REFERENCES signal(id),\n"
	 "  student_id INTEGER REFERENCES student(id),\n"
	 "  extern TEXT,\n"
	 "  rol TEXT NOT NULL\n"
	 ");\n"
	 "CREATE INDEX signal_person_signal ON signal_person(signal_id);\n"
	 "CREATE INDEX signal_person_student ON signal_person(student_id);\n"
	 /* The timeline: append-only; a correction is a new entry. */
	 "CREATE TABLE case_event (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  case_id INTEGER NOT NULL REFERENCES casus(id),\n"
	 "  at INTEGER NOT NULL,\n"
	 "  day TEXT NOT NULL,\n"
	 "  by_id INTEGER REFERENCES account(id),\n"
	 "  kind TEXT NOT NULL,\n"
	 "  data TEXT NOT NULL\n"
	 ");\n"
	 "CREATE INDEX case_event_case ON case_event(case_id, id);\n"
	 /* What someone is told (PROTOCOL.md's "is told"): their task list now, mail later. */
	 "CREATE TABLE notice (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  user_id INTEGER NOT NULL REFERENCES account(id),\n"
	 "  case_id INTEGER REFERENCES casus(id),\n"
	 "  signal_id INTEGER REFERENCES signal(id),\n"
	 "  kind TEXT NOT NULL,\n"
	 "  at INTEGER NOT NULL,\n"
	 "  seen_at INTEGER\n"
	 ");\n"
	 "CREATE INDEX notice_user ON notice(user_id, seen_at);\n"},
	{5, "indexes for lists",
	 "CREATE INDEX class_year ON class(schoolyear_id, year, name);\n"
	 "CREATE INDEX schoolyear_dates ON schoolyear(school_id, start_on, end_on);\n"},
	{6, "confidential entries",
	 /* What a student tells the vertrouwenspersoon: stored apart from the
	  * timeline, read by its author only, unless the student agreed to share
	  * it with named colleagues (recorded with its date). */
	 "CREATE TABLE confidential_entry (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  case_id INTEGER NOT NULL REFERENCES casus(id),\n"
	 "  author_id INTEGER NOT NULL REFERENCES account(id),\n"
	 "  student_id INTEGER REFERENCES student(id),\n"
	 "  text TEXT NOT NULL,\n"
	 "  created_at INTEGER NOT NULL\n"
	 ");\n"
	 "CREATE INDEX confidential_case ON confidential_entry(case_id);\n"
	 "CREATE TABLE confidential_share (\n"
	 "  entry_id INTEGER NOT NULL REFERENCES confidential_entry(id),\n"
	 "  user_id INTEGER NOT NULL REFERENCES account(id),\n"
	 "  consent_at INTEGER NOT NULL,\n"
	 "  PRIMARY KEY (entry_id, user_id)\n"
	 ");\n"},
	{7, "reports by students and parents",
	 /* A report (melding) by a student or parent. The reporter is known by
	  * what they typed and by the keyed hash of their receipt, nothing else:
	  * no address, no account. entered_by: staff who typed it in for them. */
	 "CREATE TABLE report (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
	 "  receipt_hash BLOB NOT NULL UNIQUE,\n"
	 "  text TEXT NOT NULL,\n"
	 "  occurred_on TEXT,\n"
	 "  location TEXT,\n"
	 "  name TEXT,\n"
	 "  contact TEXT,\n"
	 "  status TEXT NOT NULL DEFAULT 'nieuw',\n" /* nieuw, in_behandeling, afgehandeld */
	 "  created_at INTEGER NOT NULL,\n"
	 "  updated_at INTEGER NOT NULL,\n"
	 "  entered_by INTEGER REFERENCES account(id),\n"
	 "  case_id INTEGER REFERENCES casus(id),\n"
	 "  signal_id INTEGER REFERENCES signal(id),\n"
	 "  triage TEXT\n" /* the last triage action: naar_clz, plagen, geen_pesten, case, attach */
	 ");\n"
	 "CREATE INDEX report_school ON report(school_id, status, id);\n"
	 "CREATE TABLE report_message (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  report_id INTEGER NOT NULL REFERENCES report(id),\n"
	 "  at INTEGER NOT NULL,\n"
	 "  from_school INTEGER NOT NULL,\n"
	 "  author_id INTEGER REFERENCES account(id),\n"
	 "  text TEXT NOT NULL\n"
	 ");\n"
	 "CREATE INDEX report_message_report ON report_message(report_id, id);\n"
	 /* A notice can be about a report (a new one; one passed to the CLZ). */
	 "ALTER TABLE notice ADD COLUMN report_id INTEGER REFERENCES report(id);\n"},
	{8, "index for the yearly figures",
	 /* The evaluation counts the cases opened in a school year: without
	  * this, every year's figures read all of the school's cases. */
	 "CREATE INDEX casus_opened ON casus(school_id, opened_on);\n"},
	{9, "evidence files",
	 /* Evidence of a case, sealed (store/evidence.h): the bytes in the
	  * database so a backup stays one consistent file; sealed last, so a
	  * list reads none of their overflow pages. */
	 "CREATE TABLE evidence (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  case_id INTEGER NOT NULL REFERENCES casus(id),\n"
	 "  added_by INTEGER NOT NULL REFERENCES account(id),\n"
	 "  added_at INTEGER NOT NULL,\n"
	 "  content_type TEXT NOT NULL,\n" /* detected from the content */
	 "  size INTEGER NOT NULL,\n"         /* of the original */
	 "  sha256 TEXT NOT NULL,\n"          /* of the original, hex */
	 "  description TEXT NOT NULL DEFAULT '',\n"
	 "  key_wrapped BLOB NOT NULL,\n"     /* the file's key, sealed by DB.key */
	 "  sealed BLOB NOT NULL\n"
	 ");\n"
	 "CREATE INDEX evidence_case ON evidence(case_id, id);\n"},
	{10, "mail outbox", PW_MIGRATION_OUTBOX_SQL},
	{11, "prevention calendar and protocol confirmations", PW_MIGRATION_PREVENTION_SQL},
	{12, "personal calendar feeds", PW_MIGRATION_CALENDAR_SQL},
	{13, "letters to parents", PW_MIGRATION_LETTERS_SQL},
	{14, "evidence previews", PW_MIGRATION_EVIDENCE_PREVIEW_SQL},
	{15, "yearly surveys", PW_MIGRATION_SURVEYS_SQL},
};

const int pw_migrations_count = (int)(sizeof pw_migrations / sizeof pw_migrations[0]);
