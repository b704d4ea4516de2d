/* pestwijzer report --schoolyear 2025-2026 --format csv|json [--school CODE]:
 * the yearly evaluation's figures, the same as GET /api/v1/stats (one
 * function makes both), for the apc's evaluation or a board's scripts. The
 * command line is the server's operator, who holds the database anyway, so
 * no functie is asked; small numbers are suppressed all the same. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/people.h"
#include "store/stats.h"
#include "util/clock.h"

static const char USAGE[] =
	"Usage: pestwijzer report --schoolyear JJJJ-JJJJ [--format csv|json] [--school CODE] [--db PATH]\n\n"
	"Drukt de cijfers voor de jaarlijkse evaluatie af (dezelfde als GET /api/v1/stats): meldingen en\n"
	"casussen per vorm, vlag, cybersoort, platform, plek, leerjaar, afdeling en klas, verdenkingen,\n"
	"opschalingen, consulten, sancties, doorlooptijden en te late of overgeslagen stappen, met de\n"
	"eerdere schooljaren ter vergelijking. Aantallen van 1 tot 4 staan er als \"<5\".\n\n"
	"  --schoolyear  het schooljaar, bijvoorbeeld 2025-2026\n"
	"  --format      csv (schooljaar;maat;sleutel;aantal) of json (standaard)\n"
	"  --school      de code van de school; mag weg als het bestuur één school heeft\n";

int pw_cmd_report(int argc, char **argv)
{
	static const struct option lo[] = {
		{"db", required_argument, NULL, 'd'},
		{"schoolyear", required_argument, NULL, 'y'},
		{"format", required_argument, NULL, 'f'},
		{"school", required_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *db = "pestwijzer.db", *year = NULL, *format = "json", *code = NULL;
	int c, first;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'y': year = optarg; break;
		case 'f': format = optarg; break;
		case 's': code = optarg; break;
		case 'h': fputs(USAGE, stdout); return 0;
		default: fputs(USAGE, stderr); return 2;
		}
	}
	if (optind != argc || year == NULL || (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)) {
		fputs(USAGE, stderr);
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
	struct pw_stats_year y, *earlier = NULL;
	size_t ne = 0;
	if (pw_store_stats(s, &a, sc.id, year, pw_day_from_unix(pw_now()), &y, &earlier, &ne, &err) != PW_OK) {
		pw_cli_fail("report", err.msg);
		goto done;
	}
	if (strcmp(format, "csv") == 0) {
		struct pw_buf b;
		pw_buf_init(&b);
		pw_stats_csv(&b, &y, earlier, ne);
		fwrite(b.data, 1, b.len, stdout);
		pw_buf_free(&b);
	} else {
		json_t *j = pw_stats_json(&y, earlier, ne);
		if (json_dumpf(j, stdout, JSON_INDENT(2)) != 0) {
			json_decref(j);
			pw_cli_fail("report", "kon de cijfers niet schrijven.");
			goto done;
		}
		json_decref(j);
		putchar('\n');
	}
	rc = fflush(stdout) == 0 ? 0 : 1;
done:
	pw_store_close(s);
	pw_arena_free(&a);
	return rc;
}
