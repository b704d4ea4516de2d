/* school add, school list: the board's schools (vestigingen). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "http/http.h" /* pw_utf8_valid_text */
#include "store/people.h"

static const char usage[] =
	"Usage: pestwijzer school add CODE NAAM [--region noord|midden|zuid] [--db PATH]\n"
	"       pestwijzer school list [--db PATH]\n\n"
	"add   voegt een school (vestiging) toe. CODE is de korte naam op de opdrachtregel\n"
	"      (kleine letters, cijfers en -, bijvoorbeeld lekpoort); NAAM de volledige naam.\n"
	"      --region is de vakantieregio.\n"
	"list  toont de scholen: code, naam, regio.\n";

/* Codes are typed on command lines and in URLs: keep them plain. */
static int code_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 32 || s[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static int school_add(int argc, char **argv, const char *db, const char *region)
{
	if (argc != 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *code = argv[0], *name = argv[1];
	if (!code_ok(code)) {
		fprintf(stderr, "pestwijzer school: code \"%s\" kan niet. Gebruik kleine letters, cijfers en -, "
				"hoogstens 32 tekens (bijvoorbeeld lekpoort).\n",
			code);
		return 1;
	}
	size_t nl = strlen(name);
	if (nl == 0 || nl > 200 || !pw_utf8_valid_text(name, nl) || strpbrk(name, "\r\n\t")) {
		fputs("pestwijzer school: de naam moet tekst zijn van 1 tot 200 tekens, op één regel.\n", stderr);
		return 1;
	}
	if (region && strcmp(region, "noord") != 0 && strcmp(region, "midden") != 0 && strcmp(region, "zuid") != 0) {
		fprintf(stderr, "pestwijzer school: regio \"%s\" bestaat niet. Kies noord, midden of zuid.\n", region);
		return 2;
	}
	struct pw_err err;
	struct pw_store *s = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("school", err.msg);
		return 1;
	}
	int64_t id;
	int rc = 0;
	if (pw_store_school_add(s, code, name, region, &id, &err) != PW_OK) {
		if (err.code == PW_ECONFLICT)
			fprintf(stderr, "pestwijzer school: er is al een school met code \"%s\". Kies een andere code; "
					"`pestwijzer school list` toont de scholen.\n",
				code);
		else
			pw_cli_fail("school", err.msg);
		rc = 1;
	} else {
		printf("school %s toegevoegd: %s%s%s\n", code, name, region ? ", regio " : "", region ? region : "");
	}
	pw_store_close(s);
	return rc;
}

static int school_list(int argc, const char *db)
{
	if (argc != 0) {
		fputs(usage, stderr);
		return 2;
	}
	struct pw_err err;
	struct pw_store *s = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("school", err.msg);
		return 1;
	}
	struct pw_arena a;
	struct pw_school *v;
	size_t n;
	int rc = 0;
	pw_arena_init(&a);
	if (pw_store_school_list(s, &a, &v, &n, &err) != PW_OK) {
		pw_cli_fail("school", err.msg);
		rc = 1;
	} else if (n == 0) {
		puts("nog geen scholen; voeg er een toe met `pestwijzer school add CODE NAAM`");
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%s\t%s\t%s\n", v[i].code, v[i].name, v[i].region ? v[i].region : "");
	}
	pw_arena_free(&a);
	pw_store_close(s);
	return rc;
}

int pw_cmd_school(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"region", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *db = "pestwijzer.db", *region = NULL;
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
	/* getopt over the subcommand's arguments; 0 resets GNU getopt fully. */
	optind = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'r': region = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	int rest = argc - 1 - optind;
	char **args = argv + 1 + optind;
	if (strcmp(sub, "add") == 0)
		return school_add(rest, args, db, region);
	if (strcmp(sub, "list") == 0) {
		if (region) {
			fputs(usage, stderr);
			return 2;
		}
		return school_list(rest, db);
	}
	fprintf(stderr, "pestwijzer school: onbekende opdracht \"%s\".\n\n%s", sub, usage);
	return 2;
}
