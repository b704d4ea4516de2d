/* import classes|students|staff|parents FILE.csv: the school's people from
 * its student administration. The work is in src/import/csvimport.c; this
 * file is the command line: options, the progress bar, the summary. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "import/csvimport.h"
#include "store/people.h"
#include "util/clock.h"

static const char usage[] =
	"Usage: pestwijzer import classes|students|staff|parents BESTAND.csv --school CODE\n"
	"                        [--schoolyear 2025-2026] [--dry-run] [--db PATH]\n\n"
	"Leest klassen, leerlingen, personeel of ouders in uit een CSV-export van de\n"
	"leerlingadministratie (scheidingsteken ; of ,). Alles of niets: bij één fout\n"
	"wordt niets opgeslagen en zegt de melding welke regel en welk veld. Nog een keer\n"
	"hetzelfde bestand inlezen verandert niets. De kolommen staan in docs/import.md.\n\n"
	"Volgorde: personeel, klassen (mentoren zijn personeel), leerlingen, ouders.\n"
	"--schoolyear  nodig voor klassen en leerlingen\n"
	"--dry-run     laat zien wat er zou veranderen, en slaat niets op\n";

struct progress {
	int tty;      /* stderr is a terminal: draw the bar */
	int dry_run;  /* print each changed row on stdout */
	int drawn;    /* a bar is on the screen */
	int64_t last; /* when it was drawn (ms), to redraw a few times a second */
};

static void bar_clear(struct progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = 0;
	}
}

static void on_event(const struct pw_import_event *ev, void *data)
{
	struct progress *p = data;
	if (p->dry_run && ev->change != PW_SAME) {
		bar_clear(p);
		printf("regel %d: %s: %s\n", ev->row->line, ev->change == PW_NEW ? "nieuw" : "gewijzigd", ev->what);
		fflush(stdout);
	}
	if (!p->tty)
		return;
	int64_t now = pw_mono_ms();
	if (ev->index + 1 < ev->total && p->drawn && now - p->last < 100)
		return;
	p->last = now;
	int width = 30, done = ev->total ? (int)((ev->index + 1) * (size_t)width / ev->total) : width;
	char bar[32];
	for (int i = 0; i < width; i++)
		bar[i] = i < done ? '#' : '.';
	bar[width] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu", bar, ev->index + 1, ev->total);
	p->drawn = 1;
}

int pw_cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},	      {"school", required_argument, NULL, 's'},
		{"schoolyear", required_argument, NULL, 'y'}, {"dry-run", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},	      {NULL, 0, NULL, 0},
	};
	const char *db = "pestwijzer.db", *school = NULL, *year = NULL;
	int dry_run = 0, c;
	optind = 0; /* GNU getopt: full reset */
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 's': school = optarg; break;
		case 'y': year = optarg; break;
		case 'n': dry_run = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (argc - optind != 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *what = argv[optind], *file = argv[optind + 1];
	int kind = pw_import_kind_parse(what);
	if (kind < 0 || kind == PW_IMPORT_HOLIDAYS) {
		fprintf(stderr, "pestwijzer import: \"%s\" kan niet worden ingelezen. Kies classes, students, staff of "
				"parents (vakanties: `pestwijzer schoolyear holidays`).\n",
			what);
		return 2;
	}
	if (school == NULL) {
		fputs("pestwijzer import: zeg voor welke school met --school CODE (`pestwijzer school list` toont de "
		      "codes).\n",
		      stderr);
		return 2;
	}
	if (year == NULL && (kind == PW_IMPORT_CLASSES || kind == PW_IMPORT_STUDENTS)) {
		fprintf(stderr, "pestwijzer import: %s horen bij een schooljaar; geef het met --schoolyear 2025-2026.\n",
			pw_import_kind_name((enum pw_import_kind)kind));
		return 2;
	}

	struct pw_arena a;
	struct pw_err err;
	struct pw_school sc;
	struct pw_schoolyear sy, *syp = NULL;
	struct pw_import im;
	struct pw_import_counts counts;
	struct progress prog = {.tty = isatty(STDERR_FILENO), .dry_run = dry_run};
	char *data = NULL, today[11];
	size_t len;
	int rc = 1;
	pw_arena_init(&a);
	struct pw_store *s = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("import", err.msg);
		goto done;
	}
	if (pw_store_school_get(s, &a, school, &sc, &err) != PW_OK) {
		if (err.code == PW_ENOTFOUND)
			fprintf(stderr, "pestwijzer import: er is geen school met code \"%s\". `pestwijzer school list` "
					"toont de codes.\n",
				school);
		else
			pw_cli_fail("import", err.msg);
		goto done;
	}
	if (year) {
		if (pw_store_schoolyear_get(s, &a, sc.id, year, &sy, &err) != PW_OK) {
			if (err.code == PW_ENOTFOUND)
				fprintf(stderr, "pestwijzer import: %s heeft geen schooljaar \"%s\". Voeg het toe met "
						"`pestwijzer schoolyear add`, of kies een jaar uit `pestwijzer schoolyear "
						"list --school %s`.\n",
					sc.code, year, sc.code);
			else
				pw_cli_fail("import", err.msg);
			goto done;
		}
		syp = &sy;
	}
	if (pw_import_read_file(file, &data, &len, &err) != PW_OK) {
		pw_cli_fail("import", err.msg);
		goto done;
	}
	pw_import_today(today);
	if (pw_import_parse(&a, (enum pw_import_kind)kind, file, data, len, today, &im, &err) != PW_OK) {
		pw_cli_fail("import", err.msg);
		fputs("pestwijzer import: er is niets ingelezen.\n", stderr);
		goto done;
	}
	enum pw_status st = pw_import_apply(s, &im, sc.id, syp, dry_run, on_event, &prog, &counts, &err);
	bar_clear(&prog);
	if (st != PW_OK) {
		pw_cli_fail("import", err.msg);
		fputs("pestwijzer import: er is niets ingelezen.\n", stderr);
		goto done;
	}
	printf("%s: %zu nieuw, %zu gewijzigd, %zu ongewijzigd\n", file, counts.added, counts.updated, counts.same);
	if (dry_run)
		puts("proefrun (--dry-run): er is niets opgeslagen.");
	rc = 0;
done:
	free(data);
	pw_store_close(s);
	pw_arena_free(&a);
	return rc;
}
