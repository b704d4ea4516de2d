/* CSV imports: parsing and validation of a whole file of each kind, without
 * a database. The first byte picks the kind, the rest is the file. */
#include <stdint.h>
#include <string.h>

#include "http/http.h"
#include "import/csvimport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s)
{
	/* Every accepted value is trimmed, clean UTF-8 text. */
	if (s == NULL || !pw_utf8_valid_text(s, strlen(s)))
		__builtin_trap();
	size_t n = strlen(s);
	if (n && (s[0] == ' ' || s[n - 1] == ' '))
		__builtin_trap();
}

static void check_date(const char *d)
{
	char again[11];
	if (strlen(d) != 10 || pw_import_date(d, 0, again) != 1 || strcmp(again, d) != 0)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	enum pw_import_kind kind = (enum pw_import_kind)(data[0] % 5);
	struct pw_arena a;
	struct pw_import im;
	struct pw_err e;
	pw_arena_init(&a);
	enum pw_status st = pw_import_parse(&a, kind, "fuzz.csv", (const char *)data + 1, size - 1, "2026-01-15", &im, &e);
	if (st == PW_OK) {
		int prev = 1;
		for (size_t i = 0; i < im.n; i++) {
			const struct pw_import_row *r = &im.rows[i];
			/* Rows come in file order, after the header. */
			if (r->line <= prev)
				__builtin_trap();
			prev = r->line;
			switch (kind) {
			case PW_IMPORT_CLASSES:
				check_text(r->u.cls.name);
				if (r->u.cls.year < 1 || r->u.cls.year > 8 || !r->u.cls.name[0])
					__builtin_trap();
				break;
			case PW_IMPORT_STUDENTS:
				check_text(r->u.student.external_id);
				check_text(r->u.student.last_name);
				check_date(r->u.student.birth_date);
				if (strcmp(r->u.student.birth_date, "2026-01-15") > 0)
					__builtin_trap();
				break;
			case PW_IMPORT_STAFF:
				check_text(r->u.staff.login);
				if (r->u.staff.n_functies > PW_IMPORT_MAX_FUNCTIES)
					__builtin_trap();
				break;
			case PW_IMPORT_PARENTS:
				check_text(r->u.parent.restriction);
				if (r->u.parent.custody != 0 && r->u.parent.custody != 1)
					__builtin_trap();
				break;
			case PW_IMPORT_HOLIDAYS:
				check_date(r->u.holiday.start_on);
				check_date(r->u.holiday.end_on);
				if (strcmp(r->u.holiday.start_on, r->u.holiday.end_on) > 0)
					__builtin_trap();
				break;
			}
		}
	} else if (strncmp(e.msg, "fuzz.csv", 8) != 0) {
		/* Every refusal names the file. */
		__builtin_trap();
	}
	pw_arena_free(&a);
	return 0;
}
