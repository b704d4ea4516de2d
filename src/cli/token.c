/* pestwijzer token create LOGIN [--name N] | list [LOGIN] | revoke ID */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "store/session.h"
#include "util/clock.h"

static const char USAGE[] = "Usage: pestwijzer token COMMAND [--db PATH]\n\n"
			    "  create LOGIN [--name NAME]  prints a new API token for the account (shown once)\n"
			    "  list [LOGIN]                tokens, with when they were last used\n"
			    "  revoke ID                   the token stops working at once\n";

int pw_cmd_token(int argc, char **argv)
{
	static const struct option lo[] = {
		{"db", required_argument, NULL, 'd'},
		{"name", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *db = "pestwijzer.db", *name = "";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'n': name = optarg; break;
		case 'h': fputs(USAGE, stdout); return 0;
		default: fputs(USAGE, stderr); return 2;
		}
	}
	if (optind >= argc) {
		fputs(USAGE, stderr);
		return 2;
	}
	const char *cmd = argv[optind], *arg = optind + 1 < argc ? argv[optind + 1] : NULL;
	struct pw_err err;
	struct pw_store *s = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("token", err.msg);
		return 1;
	}
	struct pw_arena a;
	pw_arena_init(&a);
	int rc = 0;
	struct pw_user u = {0};
	if (strcmp(cmd, "create") == 0) {
		char tok[80];
		int64_t id;
		if (arg == NULL) {
			fputs(USAGE, stderr);
			rc = 2;
		} else if (pw_store_user_by_login(s, &a, arg, &u, &err) != PW_OK ||
			   pw_auth_token_create(s, u.id, name, tok, sizeof tok, &id, &err) != PW_OK) {
			rc = 1;
		} else {
			puts(tok); /* just the token: scripts capture it */
		}
	} else if (strcmp(cmd, "list") == 0) {
		struct pw_token_row *t;
		size_t n;
		if (arg && pw_store_user_by_login(s, &a, arg, &u, &err) != PW_OK)
			rc = 1;
		else if (pw_store_token_list(s, &a, u.id, &t, &n, &err) != PW_OK)
			rc = 1;
		else
			for (size_t i = 0; i < n; i++) {
				char cr[32], used[32] = "nooit";
				pw_time_rfc3339(t[i].created_at, cr, sizeof cr);
				if (t[i].used_at)
					pw_time_rfc3339(t[i].used_at, used, sizeof used);
				printf("%-5lld %-16s %-20s aangemaakt %s, laatst gebruikt %s%s\n", (long long)t[i].id, t[i].login,
				       t[i].name, cr, used, t[i].revoked_at ? " (ingetrokken)" : "");
			}
	} else if (strcmp(cmd, "revoke") == 0) {
		char *end;
		long long id = arg ? strtoll(arg, &end, 10) : 0;
		if (arg == NULL || *end || id <= 0) {
			fputs(USAGE, stderr);
			rc = 2;
		} else if (pw_store_token_revoke(s, id, &err) != PW_OK) {
			rc = 1;
		} else {
			printf("token %lld ingetrokken\n", id);
		}
	} else {
		fputs(USAGE, stderr);
		rc = 2;
	}
	if (rc == 1)
		pw_cli_fail("token", err.msg);
	pw_arena_free(&a);
	pw_store_close(s);
	return rc;
}
