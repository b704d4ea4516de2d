/* CSV imports: the parser and validator on its own, then the import into a
 * real SQLite store in a temporary directory. Each bad file is refused with
 * its own message naming file, line and field, and leaves the store as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/csvimport.h"
#include "store/people.h"
#include "util/log.h"

#define TODAY "2026-01-15"

static char dir[256];
static struct pw_store *st;
static int64_t school_id, other_school_id;
static struct pw_schoolyear year;
static struct pw_arena year_arena;

/* ---- parser only ---- */

static enum pw_status parse(struct pw_arena *a, enum pw_import_kind k, const char *file, const char *text,
			    struct pw_import *im, struct pw_err *e)
{
	return pw_import_parse(a, k, file, text, strlen(text), TODAY, im, e);
}

/* Parses text expecting failure; checks the message contains want and the
 * error's line. */
static void refused(enum pw_import_kind k, const char *text, int line, const char *field, const char *want)
{
	struct pw_arena a;
	struct pw_import im;
	struct pw_err e;
	pw_arena_init(&a);
	enum pw_status s = parse(&a, k, "f.csv", text, &im, &e);
	if (s == PW_OK || strstr(e.msg, want) == NULL || e.line != line || strcmp(e.field, field) != 0)
		fail_msg("want line %d field \"%s\" message with \"%s\"; got status %d line %d field \"%s\": %s", line, field,
			 want, s, e.line, e.field, e.msg);
	pw_arena_free(&a);
}

static void dates(void **state)
{
	(void)state;
	char d[11];
	assert_int_equal(pw_import_date("2012-09-03", 0, d), 1);
	assert_string_equal(d, "2012-09-03");
	assert_int_equal(pw_import_date("03-09-2012", 1, d), 1);
	assert_string_equal(d, "2012-09-03");
	assert_int_equal(pw_import_date("3-9-2012", 1, d), 1);
	assert_string_equal(d, "2012-09-03");
	assert_int_equal(pw_import_date("29/02/2012", 1, d), 1);
	assert_string_equal(d, "2012-02-29");
	assert_int_equal(pw_import_date("03-09-2012", 0, d), 0); /* ISO only */
	assert_int_equal(pw_import_date("31-02-2012", 1, d), -1);
	assert_int_equal(pw_import_date("2013-02-29", 1, d), -1);
	assert_int_equal(pw_import_date("2000-02-29", 1, d), 1); /* a leap year by the 400 rule */
	assert_int_equal(pw_import_date("1900-02-29", 1, d), -1);
	assert_int_equal(pw_import_date("2012-13-01", 1, d), -1);
	assert_int_equal(pw_import_date("2012-9-3", 1, d), 0);
	assert_int_equal(pw_import_date("03-09/2012", 1, d), 0);
	assert_int_equal(pw_import_date("", 1, d), 0);
	assert_int_equal(pw_import_date("2012-09-03x", 1, d), 0);
	assert_int_equal(pw_import_date("12345-09-03", 1, d), 0);
}

static void students_semicolon_bom_crlf(void **state)
{
	(void)state;
	struct pw_arena a;
	struct pw_import im;
	struct pw_err e;
	pw_arena_init(&a);
	const char *text = "\xef\xbb\xbfLeerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Klas;Extra\r\n"
			   "1001;Jan;van der;Berg;03-09-2012;1A;x\r\n"
			   "\r\n"
			   "1002; Özlem ;;Yılmaz;2012-11-30;1A;\r\n"
			   ";;;;;;\r\n";
	assert_int_equal(parse(&a, PW_IMPORT_STUDENTS, "leerlingen.csv", text, &im, &e), PW_OK);
	assert_int_equal(im.delimiter, ';');
	assert_int_equal(im.n, 2);
	const struct pw_import_student *s0 = &im.rows[0].u.student, *s1 = &im.rows[1].u.student;
	assert_int_equal(im.rows[0].line, 2);
	assert_string_equal(s0->external_id, "1001");
	assert_string_equal(s0->prefix, "van der");
	assert_string_equal(s0->birth_date, "2012-09-03");
	assert_string_equal(s0->class_name, "1A");
	assert_int_equal(im.rows[1].line, 4);
	assert_string_equal(s1->first_name, "Özlem"); /* trimmed */
	assert_string_equal(s1->last_name, "Yılmaz");
	assert_string_equal(s1->prefix, "");
	pw_arena_free(&a);
}

static void comma_and_quoted_fields(void **state)
{
	(void)state;
	struct pw_arena a;
	struct pw_import im;
	struct pw_err e;
	pw_arena_init(&a);
	/* A parent's restriction spans two lines; the next row's line number
	 * still counts physical lines. */
	const char *text = "ouder_id,naam,email,telefoon,leerlingnummer,relatie,gezag,contactbeperking\n"
			   "77,\"Jansen, A.\",a@example.nl,0612345678,1001,moeder,ja,\"geen contact op school,\n"
			   "alleen \"\"telefonisch\"\"\"\n"
			   "78,B. de Vries,,,1001,vader,Nee,\n";
	assert_int_equal(parse(&a, PW_IMPORT_PARENTS, "ouders.csv", text, &im, &e), PW_OK);
	assert_int_equal(im.delimiter, ',');
	assert_int_equal(im.n, 2);
	const struct pw_import_parent *p0 = &im.rows[0].u.parent, *p1 = &im.rows[1].u.parent;
	assert_string_equal(p0->name, "Jansen, A.");
	assert_string_equal(p0->restriction, "geen contact op school,\nalleen \"telefonisch\"");
	assert_int_equal(p0->custody, 1);
	assert_int_equal(im.rows[1].line, 4);
	assert_int_equal(p1->custody, 0);
	assert_string_equal(p1->relation, "vader");
	pw_arena_free(&a);
}

static void staff_functies_and_cr_only(void **state)
{
	(void)state;
	struct pw_arena a;
	struct pw_import im;
	struct pw_err e;
	pw_arena_init(&a);
	/* Old Mac Excel ends lines with a bare CR. */
	const char *text = "personeelsnummer;login;naam;email;functies;afdeling\r"
			   "P1;jdevries;J. de Vries;j@school.nl;mentor|CLZ, vakdocent|mentor;onderbouw\r"
			   "P2;kbakker;K. Bakker;;;\r";
	assert_int_equal(parse(&a, PW_IMPORT_STAFF, "personeel.csv", text, &im, &e), PW_OK);
	assert_int_equal(im.n, 2);
	const struct pw_import_staff *s0 = &im.rows[0].u.staff;
	assert_int_equal(s0->n_functies, 3); /* mentor once */
	assert_string_equal(s0->functies[0], "mentor");
	assert_string_equal(s0->functies[1], "clz");
	assert_string_equal(s0->functies[2], "vakdocent");
	assert_string_equal(s0->department, "onderbouw");
	assert_int_equal(im.rows[1].line, 3);
	assert_int_equal(im.rows[1].u.staff.n_functies, 0);
	pw_arena_free(&a);
}

static void classes_and_holidays(void **state)
{
	(void)state;
	struct pw_arena a;
	struct pw_import im;
	struct pw_err e;
	pw_arena_init(&a);
	assert_int_equal(parse(&a, PW_IMPORT_CLASSES, "klassen.csv", "klas;leerjaar\n1A;1\n2B;2\n", &im, &e), PW_OK);
	assert_int_equal(im.n, 2);
	assert_int_equal(im.rows[1].u.cls.year, 2);
	assert_int_equal(im.rows[1].u.cls.has_mentors, 0);
	assert_int_equal(parse(&a, PW_IMPORT_CLASSES, "klassen.csv", "klas;leerjaar;mentor1;mentor2\n1A;1;;P2\n", &im, &e),
			 PW_OK);
	assert_string_equal(im.rows[0].u.cls.mentor[0], "P2"); /* a lone second mentor moves up */
	assert_string_equal(im.rows[0].u.cls.mentor[1], "");
	assert_int_equal(parse(&a, PW_IMPORT_HOLIDAYS, "vakanties.csv",
			       "naam;van;tot\nHerfstvakantie;2025-10-18;2025-10-26\nKerst;20-12-2025;4-1-2026\n", &im, &e),
			 PW_OK);
	assert_string_equal(im.rows[1].u.holiday.end_on, "2026-01-04");
	/* A file with only a header is valid and empty. */
	assert_int_equal(parse(&a, PW_IMPORT_CLASSES, "klassen.csv", "klas;leerjaar\n", &im, &e), PW_OK);
	assert_int_equal(im.n, 0);
	pw_arena_free(&a);
}

#define STU_HDR "leerlingnummer;roepnaam;tussenvoegsel;achternaam;geboortedatum;klas\n"

static void bad_files(void **state)
{
	(void)state;
	/* The example of the brief, to the letter. */
	struct pw_arena a;
	struct pw_import im;
	struct pw_err e;
	pw_arena_init(&a);
	char text[4096] = STU_HDR;
	for (int i = 2; i < 14; i++) {
		size_t l = strlen(text);
		snprintf(text + l, sizeof text - l, "%d;Jan;;Berg;2012-01-01;1A\n", 1000 + i);
	}
	size_t l = strlen(text);
	snprintf(text + l, sizeof text - l, "2000;Piet;;Puk;31-02-2012;1A\n");
	assert_int_equal(parse(&a, PW_IMPORT_STUDENTS, "leerlingen.csv", text, &im, &e), PW_EINVAL);
	assert_string_equal(e.msg, "leerlingen.csv:14: geboortedatum \"31-02-2012\" is geen bestaande datum. "
				   "Gebruik JJJJ-MM-DD of DD-MM-JJJJ.");
	assert_int_equal(e.line, 14);
	assert_string_equal(e.field, "geboortedatum");
	pw_arena_free(&a);

	refused(PW_IMPORT_STUDENTS, "leerlingnummer;roepnaam;achternaam\n1;a;b\n", 1, "geboortedatum",
		"kolommen geboortedatum, klas ontbreekt in de kopregel");
	refused(PW_IMPORT_STUDENTS, "leerlingnummer;roepnaam;achternaam;geboortedatum;klas;KLAS\n", 1, "klas",
		"kolom klas staat twee keer");
	refused(PW_IMPORT_STUDENTS, STU_HDR "1;Jan;;Berg;2012-01-01;1A\n2;Jan \"J\";;Berg;2012-01-01;1A\n", 3, "",
		"de aanhalingstekens kloppen niet");
	refused(PW_IMPORT_STUDENTS, STU_HDR "1;\"Jan;;Berg;2012-01-01;1A\n2;Jan;;Berg;2012-01-01;1A\n", 2, "",
		"eindigt binnen een veld tussen aanhalingstekens");
	refused(PW_IMPORT_STUDENTS, STU_HDR "1;Jan;;Berg;2012-01-01;1A\n2;Piet;;Puk;2012-01-01;1A\n1;Kees;;Berg;2012-01-01;1B\n",
		4, "leerlingnummer", "leerlingnummer \"1\" staat ook op regel 2");
	refused(PW_IMPORT_STUDENTS, STU_HDR "1;Jan;;B\xe9rg;2012-01-01;1A\n", 2, "achternaam", "geen UTF-8");
	refused(PW_IMPORT_STUDENTS, STU_HDR "1;Jan;;Berg;2026-01-16;1A\n", 2, "geboortedatum", "ligt in de toekomst");
	refused(PW_IMPORT_STUDENTS, STU_HDR "1;Jan;;Berg;12 maart 2012;1A\n", 2, "geboortedatum",
		"\"12 maart 2012\" is geen datum. Gebruik JJJJ-MM-DD of DD-MM-JJJJ.");
	refused(PW_IMPORT_STUDENTS, STU_HDR "1;Jan;;;2012-01-01;1A\n", 2, "achternaam", "achternaam is leeg");
	refused(PW_IMPORT_STUDENTS, STU_HDR "1;Jan;de;Berg;2012-01-01;1A;x;y\n", 2, "", "deze regel heeft 8 velden, de kopregel 6");
	refused(PW_IMPORT_STAFF, "personeelsnummer;login;naam;functies\nP1;jan;Jan;mentor|vak docent\n", 2, "functies",
		"functie \"vak docent\" is geen functie");
	refused(PW_IMPORT_STAFF, "personeelsnummer;login;naam;functies\nP1;jan;Jan;mentor\nP2;jan;Jan 2;mentor\n", 3, "login",
		"login \"jan\" staat ook op regel 2");
	refused(PW_IMPORT_STAFF, "personeelsnummer;login;naam;email;functies\nP1;jan;Jan;jan.school.nl;mentor\n", 2, "email",
		"is geen e-mailadres");
	refused(PW_IMPORT_CLASSES, "klas;leerjaar\n1A;1\n1A;2\n", 3, "klas", "klas \"1A\" staat ook op regel 2");
	refused(PW_IMPORT_CLASSES, "klas;leerjaar\n1A;9\n", 2, "leerjaar", "van 1 tot en met 8");
	refused(PW_IMPORT_CLASSES, "klas;leerjaar;mentor1;mentor2\n1A;1;P1;P1\n", 2, "mentor2", "allebei");
	refused(PW_IMPORT_PARENTS, "ouder_id;naam;leerlingnummer;gezag\n7;A;1;misschien\n", 2, "gezag", "geen ja of nee");
	refused(PW_IMPORT_PARENTS, "ouder_id;naam;leerlingnummer;gezag\n7;A;1;ja\n7;A;1;nee\n", 3, "ouder_id",
		"ouder \"7\" met leerling \"1\" staat ook op regel 2");
	refused(PW_IMPORT_PARENTS, "ouder_id;naam;leerlingnummer;gezag\n7;A;1;ja\n8;B;1;ja\n7;A.;2;ja\n", 4, "ouder_id",
		"ouder \"7\" staat ook op regel 2, met een andere naam");
	refused(PW_IMPORT_HOLIDAYS, "naam;van;tot\nKerst;2026-01-04;2025-12-20\n", 2, "tot", "ligt voor van");
	refused(PW_IMPORT_STUDENTS, "", 0, "", "het bestand is leeg");
	refused(PW_IMPORT_STUDENTS, "\xff\xfel\0e\0", 1, "", "UTF-16");
}

/* ---- against a real store ---- */

static int setup(void **state)
{
	(void)state;
	struct pw_err e;
	snprintf(dir, sizeof dir, "/tmp/pw-import-XXXXXX");
	assert_non_null(mkdtemp(dir));
	pw_log_quiet(1);
	char p[320];
	snprintf(p, sizeof p, "%s/t.db", dir);
	st = pw_store_open(p, PW_STORE_CREATE, &e);
	assert_non_null(st);
	assert_int_equal(pw_store_school_add(st, "lekpoort", "Lekpoort College", "midden", &school_id, &e), PW_OK);
	assert_int_equal(pw_store_school_add(st, "rijnhove", "Rijnhove", "midden", &other_school_id, &e), PW_OK);
	int64_t id;
	assert_int_equal(pw_store_schoolyear_add(st, school_id, "2025-2026", "2025-08-18", "2026-07-17", &id, &e), PW_OK);
	pw_arena_init(&year_arena);
	assert_int_equal(pw_store_schoolyear_get(st, &year_arena, school_id, "2025-2026", &year, &e), PW_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pw_store_close(st);
	pw_arena_free(&year_arena);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

/* Every row of the people tables, as one string: "unchanged" means equal. */
static char *snapshot(void)
{
	static const char *const tables[] = {"account", "user_functie", "class",	  "class_mentor",
					     "student", "enrollment",	"parent", "student_parent"};
	char p[320];
	snprintf(p, sizeof p, "%s/t.db", dir);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	size_t cap = 1 << 16, len = 0;
	char *out = calloc(1, cap);
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1, 2", tables[t]);
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const unsigned char *v = sqlite3_column_text(s, c);
				len += (size_t)snprintf(out + len, cap - len, "%s|", v ? (const char *)v : "NULL");
				assert_true(len < cap);
			}
			out[len++] = '\n';
		}
		sqlite3_finalize(s);
	}
	sqlite3_close(h);
	return out;
}

static enum pw_status run(enum pw_import_kind k, const char *file, const char *text, int dry,
			  struct pw_import_counts *c, struct pw_err *e)
{
	struct pw_arena a;
	struct pw_import im;
	pw_arena_init(&a);
	enum pw_status s = pw_import_parse(&a, k, file, text, strlen(text), TODAY, &im, e);
	if (s == PW_OK)
		s = pw_import_apply(st, &im, school_id, &year, dry, NULL, NULL, c, e);
	pw_arena_free(&a);
	return s;
}

static void expect(enum pw_import_kind k, const char *text, size_t added, size_t updated, size_t same)
{
	struct pw_import_counts c;
	struct pw_err e;
	if (run(k, "f.csv", text, 0, &c, &e) != PW_OK)
		fail_msg("import failed: %s", e.msg);
	if (c.added != added || c.updated != updated || c.same != same)
		fail_msg("want %zu/%zu/%zu, got %zu nieuw, %zu gewijzigd, %zu ongewijzigd", added, updated, same, c.added,
			 c.updated, c.same);
}

/* An import that must fail in apply (or parse) and leave the store as it was. */
static void refused_db(enum pw_import_kind k, const char *text, int line, const char *field, const char *want)
{
	char *before = snapshot();
	struct pw_import_counts c;
	struct pw_err e;
	enum pw_status s = run(k, "f.csv", text, 0, &c, &e);
	if (s == PW_OK || strstr(e.msg, want) == NULL || e.line != line || strcmp(e.field, field) != 0)
		fail_msg("want line %d field \"%s\" message with \"%s\"; got %d line %d field \"%s\": %s", line, field, want,
			 s, e.line, e.field, e.msg);
	char *after = snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static const char staff_csv[] = "personeelsnummer;login;naam;email;functies;afdeling\n"
				"P1;jdevries;J. de Vries;j@lekpoort.nl;mentor|vakdocent;\n"
				"P2;kbakker;K. Bakker;k@lekpoort.nl;\"mentor,clz\";onderbouw\n"
				"P3;ssmit;S. Smit;;vertrouwenspersoon;\n";
static const char classes_csv[] = "klas;leerjaar;afdeling;mentor1;mentor2\n"
				  "1A;1;onderbouw;P1;kbakker\n"
				  "2B;2;onderbouw;P2;\n";
static const char students_csv[] = "\xef\xbb\xbfleerlingnummer,roepnaam,tussenvoegsel,achternaam,geboortedatum,klas\r\n"
				   "1001,Jan,van der,Berg,03-09-2012,1A\r\n"
				   "1002,\"Sanne, \"\"Sas\"\"\",,Jansen,2011-05-20,2B\r\n"
				   "1003,Özlem,,Yılmaz,2012-11-30,1A\r\n";
static const char parents_csv[] = "ouder_id;naam;email;telefoon;leerlingnummer;relatie;gezag;contactbeperking\n"
				  "O1;A. van der Berg;a@example.nl;0612345678;1001;moeder;ja;\n"
				  "O2;B. van der Berg;;;1001;vader;nee;\"geen contact; zie dossier\"\n"
				  "O3;C. Jansen;c@example.nl;;1002;moeder;ja;\n"
				  "O3;C. Jansen;c@example.nl;;1003;voogd;ja;\n";

static void import_all_then_idempotent(void **state)
{
	(void)state;
	struct pw_err e;
	struct pw_arena a;
	pw_arena_init(&a);
	/* A functie at another school stays when this school's are replaced. */
	struct pw_user pre = {.login = "kbakker", .name = "K. Bakker"};
	int64_t kb;
	assert_int_equal(pw_store_user_add(st, &pre, &kb, &e), PW_OK);
	struct pw_user_functie other = {.school_id = other_school_id, .functie = "mt", .department = ""};
	assert_int_equal(pw_store_user_functie_add(st, kb, &other, NULL, &e), PW_OK);

	/* Order: staff, classes (mentors), students, parents. kbakker existed
	 * without a staff number: adopted, so "gewijzigd". */
	expect(PW_IMPORT_STAFF, staff_csv, 2, 1, 0);
	expect(PW_IMPORT_CLASSES, classes_csv, 2, 0, 0);
	expect(PW_IMPORT_STUDENTS, students_csv, 3, 0, 0);
	expect(PW_IMPORT_PARENTS, parents_csv, 4, 0, 0);

	/* What was written. */
	struct pw_user u;
	assert_int_equal(pw_store_user_by_external(st, &a, "P2", &u, &e), PW_OK);
	assert_int_equal(u.id, kb);
	assert_null(u.password_hash); /* they set one with `pestwijzer user password` */
	struct pw_user_functie *f;
	size_t n;
	assert_int_equal(pw_store_user_functies(st, &a, kb, &f, &n, &e), PW_OK);
	assert_int_equal(n, 3);
	int saw_mt = 0, saw_clz = 0;
	for (size_t i = 0; i < n; i++) {
		saw_mt |= f[i].school_id == other_school_id && strcmp(f[i].functie, "mt") == 0;
		saw_clz |= f[i].school_id == school_id && strcmp(f[i].functie, "clz") == 0 &&
			   strcmp(f[i].department, "onderbouw") == 0;
	}
	assert_true(saw_mt && saw_clz);
	struct pw_class cls;
	assert_int_equal(pw_store_class_get(st, &a, year.id, "1A", &cls, &e), PW_OK);
	assert_int_equal(cls.mentor[1], kb);
	assert_int_equal(cls.students, 2);
	int64_t sid;
	assert_int_equal(pw_store_student_by_external(st, "1002", &sid, &e), PW_OK);
	struct pw_student s;
	assert_int_equal(pw_store_student_get(st, &a, sid, "2025-10-01", &s, &e), PW_OK);
	assert_string_equal(s.first_name, "Sanne, \"Sas\"");
	assert_string_equal(s.class_name, "2B");

	/* The same files again: nothing changes. */
	char *before = snapshot();
	expect(PW_IMPORT_STAFF, staff_csv, 0, 0, 3);
	expect(PW_IMPORT_CLASSES, classes_csv, 0, 0, 2);
	expect(PW_IMPORT_STUDENTS, students_csv, 0, 0, 3);
	expect(PW_IMPORT_PARENTS, parents_csv, 0, 0, 4);
	char *after = snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* One change each. */
	expect(PW_IMPORT_STUDENTS,
	       "leerlingnummer;roepnaam;tussenvoegsel;achternaam;geboortedatum;klas\n"
	       "1001;Jan;van der;Berg;2012-09-03;2B\n1002;\"Sanne, \"\"Sas\"\"\";;Jansen;2011-05-20;2B\n",
	       0, 1, 1);
	expect(PW_IMPORT_STAFF,
	       "personeelsnummer;login;naam;functies\nP3;ssmit;S. Smit;vertrouwenspersoon|ib\n", 0, 1, 0);
	expect(PW_IMPORT_CLASSES, "klas;leerjaar;afdeling;mentor1;mentor2\n2B;2;onderbouw;P2;P3\n", 0, 1, 0);
	pw_arena_free(&a);
}

static void dry_run_writes_nothing(void **state)
{
	(void)state;
	char *before = snapshot();
	struct pw_import_counts c;
	struct pw_err e;
	assert_int_equal(run(PW_IMPORT_STUDENTS, "f.csv",
			     STU_HDR "2001;Nieuw;;Kind;2013-01-01;1A\n1003;Özlem;;Yılmaz-Kaya;2012-11-30;1A\n", 1, &c, &e),
			 PW_OK);
	assert_int_equal(c.added, 1);
	assert_int_equal(c.updated, 1);
	char *after = snapshot();
	assert_string_equal(before, after);
	int64_t id;
	assert_int_equal(pw_store_student_by_external(st, "2001", &id, &e), PW_ENOTFOUND);
	free(before);
	free(after);
}

static void bad_rows_change_nothing(void **state)
{
	(void)state;
	/* A good row first: it must be rolled back with the bad one. */
	refused_db(PW_IMPORT_STUDENTS, STU_HDR "3001;Goed;;Kind;2013-01-01;1A\n3002;Fout;;Kind;2013-01-01;9Z\n", 3, "klas",
		   "klas \"9Z\" bestaat niet in schooljaar 2025-2026");
	refused_db(PW_IMPORT_CLASSES, "klas;leerjaar;mentor1\n3C;3;P1\n4D;4;nobody\n", 3, "mentor1",
		   "mentor1 \"nobody\" is onbekend");
	refused_db(PW_IMPORT_PARENTS, "ouder_id;naam;leerlingnummer;gezag\nO9;X;1001;ja\nO9;X;9999;ja\n", 3,
		   "leerlingnummer", "leerlingnummer \"9999\" is onbekend");
	refused_db(PW_IMPORT_STAFF, "personeelsnummer;login;naam;functies\nP8;nieuw;N;mentor\nP9;jdevries;J;mentor\n", 3,
		   "login", "login \"jdevries\" hoort al bij personeelsnummer P1");
	/* And the parser's refusals leave it unchanged too. */
	refused_db(PW_IMPORT_STUDENTS, STU_HDR "3001;Goed;;Kind;2013-01-01;1A\n3001;Dubbel;;Kind;2013-01-01;1A\n", 3,
		   "leerlingnummer", "staat ook op regel 2");
	refused_db(PW_IMPORT_STUDENTS, STU_HDR "3001;Goed;;Kind;2013-01-01;1A\n3002;Fout;;K\xc3;2013-01-01;1A\n", 3,
		   "achternaam", "geen UTF-8");
	refused_db(PW_IMPORT_STUDENTS, STU_HDR "3001;Goed;;Kind;2027-01-01;1A\n", 2, "geboortedatum", "in de toekomst");
	refused_db(PW_IMPORT_STAFF, "personeelsnummer;login;naam;functies\nP8;nieuw;N;mentor\nP9;ander;A;leraar\n", 3,
		   "functies",
		   "functie \"leraar\" is onbekend in het protocol van deze school. Kies uit: vakdocent, mentor, clz, apc, "
		   "mt, leerlingbegeleider, ib, vertrouwenspersoon, beheerder");
	refused_db(PW_IMPORT_CLASSES, "klas;afdeling\n3C;bovenbouw\n", 1, "leerjaar", "kolom leerjaar ontbreekt");
	refused_db(PW_IMPORT_CLASSES, "klas;leerjaar\n3C;3\n\"4D;4\n", 3, "", "eindigt binnen een veld");
}

int main(void)
{
	const struct CMUnitTest parser[] = {
		cmocka_unit_test(dates),
		cmocka_unit_test(students_semicolon_bom_crlf),
		cmocka_unit_test(comma_and_quoted_fields),
		cmocka_unit_test(staff_functies_and_cr_only),
		cmocka_unit_test(classes_and_holidays),
		cmocka_unit_test(bad_files),
	};
	/* In order: each builds on the store the one before left. */
	const struct CMUnitTest store[] = {
		cmocka_unit_test(import_all_then_idempotent),
		cmocka_unit_test(dry_run_writes_nothing),
		cmocka_unit_test(bad_rows_change_nothing),
	};
	int failed = cmocka_run_group_tests_name("parser", parser, NULL, NULL);
	failed += cmocka_run_group_tests_name("store", store, setup, teardown);
	return failed;
}
