/* pestwijzer report --schoolyear 2025-2026 --format csv|json|xlsx|pdf
 * [--school CODE] [--output FILE]: the yearly evaluation, the same as GET
 * /api/v1/stats (app/evaluation.c makes both), for the apc's evaluation or
 * a board's scripts. The command line is the server's operator, who holds the database anyway, so
 * no functie is asked; small numbers are suppressed all the same. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/evaluation.h"
#include "cli/cli.h"
#include "store/people.h"
#include "util/clock.h"
#include "util/i18n.h"

static const char USAGE[] =
	"Usage: pestwijzer report --schoolyear JJJJ-JJJJ [--format json|csv|xlsx|pdf] [--output BESTAND]\n"
	"                         [--school CODE] [--lang nl|en] [--db PATH]\n\n"
	"Drukt de cijfers voor de jaarlijkse evaluatie af (dezelfde als GET /api/v1/stats): meldingen en\n"
	"casussen per vorm, vlag, cybersoort, platform, plek, leerjaar, afdeling en klas, verdenkingen,\n"
	"opschalingen, consulten, sancties, doorlooptijden en te late of overgeslagen stappen, met de\n"
	"eerdere schooljaren ter vergelijking. Aantallen van 1 tot 4 staan er als \"<5\".\n\n"
	"  --schoolyear  het schooljaar, bijvoorbeeld 2025-2026\n"
	"  --format      json (standaard), csv (schooljaar;maat;sleutel;aantal), xlsx (een werkboek: overzicht\n"
	"                en een blad per uitsplitsing) of pdf (het A4-verslag voor schoolleiding en MR)\n"
	"  --output      schrijf naar BESTAND in plaats van naar de standaarduitvoer. xlsx en pdf zijn\n"
	"                binair: zonder --output weigert report ze naar een terminal te schrijven\n"
	"                (doorsturen met > of | mag wel)\n"
	"  --school      de code van de school; mag weg als het bestuur één school heeft\n"
	"  --lang        de taal van de woorden in xlsx en pdf: nl (standaard) of en (English)\n";

int pw_cmd_report(int argc, char **argv)
{
	static const struct option lo[] = {
		{"db", required_argument, NULL, 'd'},
		{"schoolyear", required_argument, NULL, 'y'},
		{"format", required_argument, NULL, 'f'},
		{"school", required_argument, NULL, 's'},
		{"output", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, 'l'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *db = "pestwijzer.db", *year = NULL, *format = "json", *code = NULL, *output = NULL, *lang = "nl";
	int c, first;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'y': year = optarg; break;
		case 'f': format = optarg; break;
		case 's': code = optarg; break;
		case 'o': output = optarg; break;
		case 'l': lang = optarg; break;
		case 'h': fputs(USAGE, stdout); return 0;
		default: fputs(USAGE, stderr); return 2;
		}
	}
	if (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0) {
		fprintf(stderr, "pestwijzer report: taal \"%s\" bestaat niet; kies nl of en. (Language: nl or en.)\n", lang);
		return 2;
	}
	/* The report's words follow the language of this thread, as a page's do. */
	pw_lang_set(lang);
	int f = pw_eval_format_parse(format);
	if (optind != argc || year == NULL || f < 0) {
		if (f < 0)
			fprintf(stderr, "pestwijzer report: formaat \"%s\" bestaat niet; kies json, csv, xlsx of pdf.\n", format);
		fputs(USAGE, stderr);
		return 2;
	}
	/* Binary on a terminal garbles it and helps nobody. */
	if (output == NULL && (f == PW_EF_XLSX || f == PW_EF_PDF) && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "pestwijzer report: %s is binair en hoort niet op de terminal. Geef --output BESTAND "
				"(bijvoorbeeld --output evaluatie-%s.%s) of stuur het door met >.\n",
			format, year, format);
		return 2;
	}
	if (pw_schoolyear_name_parse(year, &first) != 0) {
		fprintf(stderr, "pestwijzer report: schooljaar \"%s\" kan niet. Schrijf het als twee opeenvolgende jaren: "
				"2025-2026.\n",
			year);
		return 1;
	}
	struct pw_err err;
	struct pw_store *s = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("report", err.msg);
		return 1;
	}
	struct pw_arena a;
	pw_arena_init(&a);
	int rc = 1;
	struct pw_school sc;
	if (code) {
		if (pw_store_school_get(s, &a, code, &sc, &err) != PW_OK) {
			fprintf(stderr, "pestwijzer report: er is geen school met code \"%s\". `pestwijzer school list` toont "
					"de codes.\n",
				code);
			goto done;
		}
	} else {
		struct pw_school *v;
		size_t n;
		if (pw_store_school_list(s, &a, &v, &n, &err) != PW_OK) {
			pw_cli_fail("report", err.msg);
			goto done;
		}
		if (n != 1) {
			pw_cli_fail("report", n ? "het bestuur heeft meer scholen: zeg welke met --school CODE "
						  "(`pestwijzer school list` toont de codes)."
						: "er is nog geen school in deze database.");
			goto done;
		}
		sc = v[0];
	}
	struct pw_evaluation ev;
	if (pw_evaluation_load(s, &a, sc.id, year, pw_day_from_unix(pw_now()), &ev, &err) != PW_OK) {
		pw_cli_fail("report", err.msg);
		goto done;
	}
	struct pw_buf b;
	const char *type, *name;
	pw_buf_init(&b);
	if (pw_evaluation_render(&a, &ev, (enum pw_eval_format)f, &b, &type, &name, &err) != PW_OK) {
		pw_buf_free(&b);
		pw_cli_fail("report", err.msg);
		goto done;
	}
	FILE *fp = output ? fopen(output, "wb") : stdout;
	if (fp == NULL) {
		fprintf(stderr, "pestwijzer report: kan %s niet schrijven: %s.\n", output, strerror(errno));
		pw_buf_free(&b);
		goto done;
	}
	bool ok = fwrite(b.data, 1, b.len, fp) == b.len;
	ok = (output ? fclose(fp) == 0 : fflush(fp) == 0) && ok;
	pw_buf_free(&b);
	if (!ok) {
		fprintf(stderr, "pestwijzer report: kon %s niet helemaal schrijven.\n", output ? output : "de uitvoer");
		if (output)
			unlink(output);
		goto done;
	}
	rc = 0;
done:
	pw_store_close(s);
	pw_arena_free(&a);
	return rc;
}
