/* schoolyear add, list, holidays: a school's years and their holidays. The
 * year is a first-class thing: classes, mentors and statistics belong to one. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "import/csvimport.h"
#include "store/people.h"

static const char usage[] =
	"Usage: pestwijzer schoolyear add --school CODE JJJJ-JJJJ --start JJJJ-MM-DD --end JJJJ-MM-DD [--db PATH]\n"
	"       pestwijzer schoolyear list --school CODE [--db PATH]\n"
	"       pestwijzer schoolyear holidays --school CODE JJJJ-JJJJ BESTAND.csv [--db PATH]\n\n"
	"add       voegt een schooljaar toe, bijvoorbeeld 2025-2026 --start 2025-08-18 --end 2026-07-17.\n"
	"list      toont de schooljaren van een school.\n"
	"holidays  vervangt de vakanties van een schooljaar door die in BESTAND.csv, met de\n"
	"          kopregel naam;van;tot en datums JJJJ-MM-DD (zie docs/import.md).\n";

static void fail(const char *fmt, ...) PW_PRINTF(1, 2);
static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("pestwijzer schoolyear: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* "2025-2026": two years, the second the next. Returns the first or -1. */
static int year_name(const char *s)
{
	if (strlen(s) != 9 || s[4] != '-')
		return -1;
	int y[2] = {0, 0};
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 4; i++) {
			char ch = s[k * 5 + i];
			if (ch < '0' || ch > '9')
				return -1;
			y[k] = y[k] * 10 + (ch - '0');
		}
	return y[1] == y[0] + 1 && y[0] >= 1900 ? y[0] : -1;
}

static int year_of(const char *date)
{
	return (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
}

/* Opens the store and finds the school; prints why not. */
static struct pw_store *open_school(const char *db, const char *code, struct pw_arena *a, struct pw_school *sc)
{
	struct pw_err err;
	if (code == NULL) {
		fail("zeg om welke school het gaat met --school CODE (`pestwijzer school list` toont de codes).");
		return NULL;
	}
	struct pw_store *s = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("schoolyear", err.msg);
		return NULL;
	}
	enum pw_status st = pw_store_school_get(s, a, code, sc, &err);
	if (st != PW_OK) {
		if (st == PW_ENOTFOUND)
			fail("er is geen school met code \"%s\". `pestwijzer school list` toont de codes.", code);
		else
			pw_cli_fail("schoolyear", err.msg);
		pw_store_close(s);
		return NULL;
	}
	return s;
}

static int sy_add(int argc, char **argv, const char *db, const char *school, const char *start, const char *end)
{
	if (argc != 1 || start == NULL || end == NULL) {
		fputs(usage, stderr);
		return 2;
	}
	const char *name = argv[0];
	int first = year_name(name);
	if (first < 0) {
		fail("schooljaar \"%s\" kan niet. Schrijf het als twee opeenvolgende jaren: 2025-2026.", name);
		return 1;
	}
	char s_on[11], e_on[11];
	if (pw_import_date(start, 0, s_on) != 1) {
		fail("--start \"%s\" is geen bestaande datum. Gebruik JJJJ-MM-DD, bijvoorbeeld 2025-08-18.", start);
		return 1;
	}
	if (pw_import_date(end, 0, e_on) != 1) {
		fail("--end \"%s\" is geen bestaande datum. Gebruik JJJJ-MM-DD, bijvoorbeeld 2026-07-17.", end);
		return 1;
	}
	if (strcmp(e_on, s_on) <= 0) {
		fail("het einde (%s) moet na het begin (%s) liggen.", e_on, s_on);
		return 1;
	}
	if (year_of(s_on) != first) {
		fail("schooljaar %s begint in %.4s, maar --start ligt in een ander jaar. Verbeter --start of de naam.",
		     name, name);
		return 1;
	}
	if (year_of(e_on) != first + 1) {
		fail("schooljaar %s eindigt in %.4s, maar --end ligt in een ander jaar. Verbeter --end of de naam.", name,
		     name + 5);
		return 1;
	}
	struct pw_arena a;
	struct pw_school sc;
	struct pw_err err;
	pw_arena_init(&a);
	int rc = 1;
	struct pw_store *s = open_school(db, school, &a, &sc);
	if (s == NULL)
		goto done;
	/* Years must not overlap: "the year containing a day" has to be one. */
	struct pw_schoolyear *v;
	size_t n;
	if (pw_store_schoolyear_list(s, &a, sc.id, &v, &n, &err) != PW_OK) {
		pw_cli_fail("schoolyear", err.msg);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].name, name) == 0) {
			fail("schooljaar %s bestaat al voor %s. `pestwijzer schoolyear list` toont de jaren.", name, sc.code);
			goto done;
		}
		if (strcmp(v[i].start_on, e_on) <= 0 && strcmp(s_on, v[i].end_on) <= 0) {
			fail("schooljaar %s overlapt met %s. Laat het na het einde van dat jaar beginnen.", name, v[i].name);
			goto done;
		}
	}
	int64_t id;
	if (pw_store_schoolyear_add(s, sc.id, name, s_on, e_on, &id, &err) != PW_OK) {
		pw_cli_fail("schoolyear", err.msg);
		goto done;
	}
	printf("schooljaar %s toegevoegd voor %s: %s t/m %s\n", name, sc.code, s_on, e_on);
	rc = 0;
done:
	pw_store_close(s);
	pw_arena_free(&a);
	return rc;
}

static int sy_list(int argc, const char *db, const char *school)
{
	if (argc != 0) {
		fputs(usage, stderr);
		return 2;
	}
	struct pw_arena a;
	struct pw_school sc;
	struct pw_err err;
	pw_arena_init(&a);
	int rc = 1;
	struct pw_store *s = open_school(db, school, &a, &sc);
	if (s == NULL)
		goto done;
	struct pw_schoolyear *v;
	size_t n;
	if (pw_store_schoolyear_list(s, &a, sc.id, &v, &n, &err) != PW_OK) {
		pw_cli_fail("schoolyear", err.msg);
		goto done;
	}
	if (n == 0)
		printf("%s heeft nog geen schooljaren; voeg er een toe met `pestwijzer schoolyear add`\n", sc.code);
	for (size_t i = 0; i < n; i++) {
		struct pw_holiday *h;
		size_t nh;
		if (pw_store_holiday_list(s, &a, v[i].id, &h, &nh, &err) != PW_OK) {
			pw_cli_fail("schoolyear", err.msg);
			goto done;
		}
		printf("%s\t%s t/m %s\t%zu %s\n", v[i].name, v[i].start_on, v[i].end_on, nh,
		       nh == 1 ? "vakantie" : "vakanties");
	}
	rc = 0;
done:
	pw_store_close(s);
	pw_arena_free(&a);
	return rc;
}

static int sy_holidays(int argc, char **argv, const char *db, const char *school)
{
	if (argc != 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *name = argv[0], *file = argv[1];
	struct pw_arena a;
	struct pw_school sc;
	struct pw_schoolyear sy;
	struct pw_import im;
	struct pw_err err;
	char *data = NULL, today[11];
	size_t len;
	int rc = 1;
	pw_arena_init(&a);
	struct pw_store *s = open_school(db, school, &a, &sc);
	if (s == NULL)
		goto done;
	if (pw_store_schoolyear_get(s, &a, sc.id, name, &sy, &err) != PW_OK) {
		if (err.code == PW_ENOTFOUND)
			fail("%s heeft geen schooljaar %s. Voeg het toe met `pestwijzer schoolyear add`.", sc.code, name);
		else
			pw_cli_fail("schoolyear", err.msg);
		goto done;
	}
	if (pw_import_read_file(file, &data, &len, &err) != PW_OK) {
		pw_cli_fail("schoolyear", err.msg);
		goto done;
	}
	pw_import_today(today);
	if (pw_import_parse(&a, PW_IMPORT_HOLIDAYS, file, data, len, today, &im, &err) != PW_OK) {
		pw_cli_fail("schoolyear", err.msg);
		goto done;
	}
	struct pw_holiday *h = pw_calloc(&a, im.n ? im.n : 1, sizeof *h);
	for (size_t i = 0; i < im.n; i++) {
		const struct pw_import_holiday *in = &im.rows[i].u.holiday;
		if (strcmp(in->start_on, sy.start_on) < 0 || strcmp(in->end_on, sy.end_on) > 0) {
			fprintf(stderr,
				"pestwijzer schoolyear: %s:%d: %s (%s t/m %s) valt buiten schooljaar %s (%s t/m %s). "
				"Verbeter de datums of kies het goede schooljaar.\n",
				file, im.rows[i].line, in->name, in->start_on, in->end_on, sy.name, sy.start_on, sy.end_on);
			goto done;
		}
		h[i] = (struct pw_holiday){.name = in->name, .start_on = in->start_on, .end_on = in->end_on};
	}
	/* Clear and refill as one: a failure halfway leaves the old holidays. */
	if (pw_store_begin(s, &err) != PW_OK || pw_store_holidays_set(s, sy.id, h, im.n, &err) != PW_OK ||
	    pw_store_commit(s, &err) != PW_OK) {
		pw_store_rollback(s);
		pw_cli_fail("schoolyear", err.msg);
		goto done;
	}
	printf("%zu %s opgeslagen voor %s %s\n", im.n, im.n == 1 ? "vakantie" : "vakanties", sc.code, sy.name);
	for (size_t i = 0; i < im.n; i++)
		printf("  %s t/m %s  %s\n", h[i].start_on, h[i].end_on, h[i].name);
	rc = 0;
done:
	free(data);
	pw_store_close(s);
	pw_arena_free(&a);
	return rc;
}

int pw_cmd_schoolyear(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},	 {"school", required_argument, NULL, 's'},
		{"start", required_argument, NULL, 'b'}, {"end", required_argument, NULL, 'e'},
		{"help", no_argument, NULL, 'h'},	 {NULL, 0, NULL, 0},
	};
	const char *db = "pestwijzer.db", *school = NULL, *start = NULL, *end = NULL;
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	const char *sub = argv[1];
	int c;
	optind = 0; /* GNU getopt: full reset */
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 's': school = optarg; break;
		case 'b': start = optarg; break;
		case 'e': end = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	int rest = argc - 1 - optind;
	char **args = argv + 1 + optind;
	if (strcmp(sub, "add") == 0)
		return sy_add(rest, args, db, school, start, end);
	if (strcmp(sub, "list") == 0)
		return sy_list(rest, db, school);
	if (strcmp(sub, "holidays") == 0)
		return sy_holidays(rest, args, db, school);
	fprintf(stderr, "pestwijzer schoolyear: onbekende opdracht \"%s\".\n\n%s", sub, usage);
	return 2;
}
