/* pestwijzer: one binary, with subcommands. Each takes --db PATH (default
 * pestwijzer.db in the working directory) and --help. Errors go to stderr in
 * plain words with what to do; the exit code is non-zero. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/preview.h"
#include "cli/cli.h"

static const struct pw_command commands[] = {
	{"serve", pw_cmd_serve, "serve the web application and the API"},
	{"init", pw_cmd_init, "create a new, empty database"},
	{"demo", pw_cmd_demo, "fill an empty database with a fictional demo school"},
	{"backup", pw_cmd_backup, "write a consistent copy of a live database"},
	{"restore", pw_cmd_restore, "check a backup and put it in place of a stopped server's database"},
	{"user", pw_cmd_user, "staff accounts: add, list, functies, password, disable"},
	{"token", pw_cmd_token, "API tokens: create, list, revoke"},
	{"protocol", pw_cmd_protocol, "protocol definitions: check, render, install, show, versions"},
	{"school", pw_cmd_school, "the board's schools: add, list"},
	{"schoolyear", pw_cmd_schoolyear, "school years and their holidays: add, list, holidays"},
	{"import", pw_cmd_import, "classes, students, staff, parents from the student administration (CSV)"},
	{"report", pw_cmd_report, "the yearly evaluation's figures as CSV or JSON"},
	{"outbox", pw_cmd_outbox, "the mail queue: list (what failed and why), retry; mail settings per account"},
	{NULL, NULL, NULL},
};

static void usage(FILE *f)
{
	fprintf(f, "Pestwijzer %s: the school's anti-bullying protocol as a working system.\n\n"
		   "Usage: pestwijzer COMMAND [OPTIONS]\n\nCommands:\n",
		PW_VERSION);
	for (const struct pw_command *c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f, "\nEvery command takes --db PATH (default pestwijzer.db) and --help.\n"
		   "pestwijzer --version prints the version.\n");
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0) {
		fputs("pestwijzer: libsodium could not start (no random source?)\n", stderr);
		return 1;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("pestwijzer %s\n", PW_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	/* Not in the list: the server runs it on itself (app/preview.h). */
	if (strcmp(argv[1], "preview-worker") == 0)
		return pw_preview_worker_main(argc - 1, argv + 1);
	for (const struct pw_command *c = commands; c->name; c++)
		if (strcmp(argv[1], c->name) == 0)
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "pestwijzer: unknown command \"%s\". Run `pestwijzer --help` for the list.\n", argv[1]);
	return 2;
}
