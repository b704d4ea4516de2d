/* Imports from the school's student administration (Magister, SOMtoday and
 * the like): classes, students, staff and parents as CSV files, and a school
 * year's holidays. Two steps, kept apart so the first can be fuzzed without a
 * database:
 *   1. pw_import_parse reads and validates a whole file into typed rows (no
 *      I/O, no store): delimiter detection, BOM, quoting, UTF-8, columns,
 *      dates, functies, duplicates.
 *   2. pw_import_apply writes the rows in one transaction, all or nothing,
 *      matching on the external ids so a rerun changes nothing.
 * Every error names the file, the line and the column in Dutch, with what to
 * do: "leerlingen.csv:14: geboortedatum ..." (err->line and err->field are
 * set too). The columns are documented in docs/import.md. */
#ifndef PW_IMPORT_CSVIMPORT_H
#define PW_IMPORT_CSVIMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "store/people.h"
#include "util/arena.h"
#include "util/err.h"

enum pw_import_kind {
	PW_IMPORT_CLASSES,
	PW_IMPORT_STUDENTS,
	PW_IMPORT_STAFF,
	PW_IMPORT_PARENTS,
	PW_IMPORT_HOLIDAYS, /* naam;van;tot, for `schoolyear holidays` */
};

/* Limits at the boundary: a school's files are far below them. */
#define PW_IMPORT_MAX_BYTES (64u << 20) /* whole file */
#define PW_IMPORT_MAX_ROWS 100000
#define PW_IMPORT_MAX_FIELD 1000 /* bytes in one field */
#define PW_IMPORT_MAX_COLS 100
#define PW_IMPORT_MAX_FUNCTIES 16

/* A class: klas;leerjaar;afdeling;mentor1;mentor2. */
struct pw_import_class {
	const char *name;
	int year;               /* leerjaar 1..8 */
	const char *department; /* "" when none */
	const char *mentor[2];  /* staff number or login; "" when none */
	int has_mentors;        /* the file has mentor columns: replace the class's mentors */
};

/* A student: leerlingnummer;roepnaam;tussenvoegsel;achternaam;geboortedatum;klas. */
struct pw_import_student {
	const char *external_id, *first_name, *prefix, *last_name;
	const char *birth_date; /* normalised to YYYY-MM-DD */
	const char *class_name;
};

/* A staff member: personeelsnummer;login;naam;email;functies[;afdeling]. */
struct pw_import_staff {
	const char *external_id, *login, *name, *email;
	/* distinct, lower case; whether the school's protocol has them is
	 * checked by pw_import_apply */
	const char *functies[PW_IMPORT_MAX_FUNCTIES];
	size_t n_functies;
	const char *department; /* narrows clz; "" when school-wide */
};

/* One parent-student link: ouder_id;naam;email;telefoon;leerlingnummer;relatie;gezag;contactbeperking. */
struct pw_import_parent {
	const char *external_id, *name, *email, *phone;
	const char *student; /* leerlingnummer */
	const char *relation; /* "ouder" when empty */
	int custody;          /* gezag: 1 ja, 0 nee */
	const char *restriction;
};

/* A holiday: naam;van;tot (dates YYYY-MM-DD). */
struct pw_import_holiday {
	const char *name, *start_on, *end_on;
};

struct pw_import_row {
	int line; /* line in the file where the row starts (1 is the header) */
	union {
		struct pw_import_class cls;
		struct pw_import_student student;
		struct pw_import_staff staff;
		struct pw_import_parent parent;
		struct pw_import_holiday holiday;
	} u;
};

/* A parsed file. Everything lives in the arena given to pw_import_parse. */
struct pw_import {
	enum pw_import_kind kind;
	const char *file; /* the name used in messages */
	char delimiter;   /* ';' or ',' as detected */
	struct pw_import_row *rows;
	size_t n;
};

/* "classes" -> PW_IMPORT_CLASSES (also the Dutch klassen, leerlingen,
 * personeel, ouders). Returns -1 when unknown. */
int pw_import_kind_parse(const char *s);
/* Dutch name of what a kind imports: "leerlingen". */
const char *pw_import_kind_name(enum pw_import_kind k);

/* Reads the file at path whole (at most PW_IMPORT_MAX_BYTES) into *data
 * (malloc'd, NUL-terminated; the caller frees it). Dutch message on error. */
enum pw_status pw_import_read_file(const char *path, char **data, size_t *len, struct pw_err *err);

/* Today as YYYY-MM-DD (from the program's clock, pw_now) into out[11]. */
void pw_import_today(char out[11]);

/* Parses and validates data[0..len) (the whole file) as a file of kind,
 * called file in messages. today (YYYY-MM-DD) is the latest birth date that
 * is accepted. Checks everything a file can get wrong by itself; what needs
 * the database (an unknown class, mentor or student, a functie the school's
 * protocol does not have) pw_import_apply checks.
 * PW_EINVAL (or PW_ETOOBIG) with err naming file, line and field. */
enum pw_status pw_import_parse(struct pw_arena *a, enum pw_import_kind kind, const char *file, const char *data,
			       size_t len, const char *today, struct pw_import *out, struct pw_err *err);

/* Checks a date: YYYY-MM-DD, or (dutch != 0) also DD-MM-YYYY / D-M-YYYY
 * with '-', '/' or '.'; on success writes the normalised YYYY-MM-DD to
 * out[11] and returns 1. 0 when not a date in either form, -1 when in the
 * form but not a real day (31-02-2012). */
int pw_import_date(const char *s, int dutch, char out[11]);

/* What happened to one row, for a dry run and the progress bar. */
struct pw_import_event {
	const struct pw_import_row *row;
	size_t index, total;
	enum pw_change change;
	const char *what; /* short description: "leerling 123456 Jan de Vries (1A)" */
};
typedef void (*pw_import_cb)(const struct pw_import_event *ev, void *data);

struct pw_import_counts {
	size_t added, updated, same;
};

/* Writes the rows of im for school_id (and the school year sy, needed for
 * classes and students; may be NULL otherwise) in one transaction: all rows or none. With
 * dry_run the transaction is rolled back at the end, so the counts and the
 * events tell what would change and nothing is written. cb (may be NULL) is
 * called after each row. Staff accounts are created without password; their
 * functies at school_id are replaced by the file's (other schools' kept). */
enum pw_status pw_import_apply(struct pw_store *s, const struct pw_import *im, int64_t school_id,
			       const struct pw_schoolyear *sy, int dry_run, pw_import_cb cb, void *cbdata,
			       struct pw_import_counts *counts, struct pw_err *err);

#endif
