/* pestwijzer outbox list [--status S] | retry ID | pref LOGIN [--notices M] [--overdue M]:
 * the beheerder's view of the mail queue (what could not be delivered, and
 * why) and of a person's mail settings, on the server itself. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/outbox.h"
#include "store/people.h"
#include "util/clock.h"

static const char USAGE[] =
	"Usage: pestwijzer outbox COMMAND [--db PATH]\n\n"
	"  list [--status S] [--limit N]  mails, newest first; S is pending, sent or failed\n"
	"                                 (pending with an error: the mail server is retried with back-off)\n"
	"  retry ID                       send a failed mail again (after fixing the address)\n"
	"  pref LOGIN [--notices M] [--overdue M]\n"
	"                                 how the account gets mail: notices direct, digest or none;\n"
	"                                 overdue steps digest or none\n";

static void print_time(int64_t t)
{
	char s[32] = "-";
	if (t > 0)
		pw_time_rfc3339(t, s, sizeof s);
	fputs(s, stdout);
}

static int list(struct pw_store *s, struct pw_arena *a, const char *status, int limit)
{
	struct pw_err err;
	struct pw_outbox_row *v;
	size_t n;
	if (pw_store_outbox_list(s, a, status, 0, limit, &v, &n, &err) != PW_OK) {
		pw_cli_fail("outbox", err.msg);
		return 1;
	}
	printf("id\tstatus\tattempts\trecipient\tcreated\tnext/sent\tsubject\terror\n");
	for (size_t i = 0; i < n; i++) {
		printf("%lld\t%s\t%lld\t%s\t", (long long)v[i].id, v[i].status, (long long)v[i].attempts, v[i].recipient);
		print_time(v[i].created_at);
		putchar('\t');
		print_time(strcmp(v[i].status, "sent") == 0 ? v[i].sent_at
			   : strcmp(v[i].status, "pending") == 0 ? v[i].next_attempt_at : 0);
		printf("\t%s\t%s\n", v[i].subject[0] ? v[i].subject : "(nog niet opgesteld)",
		       v[i].last_error ? v[i].last_error : "");
	}
	return 0;
}

int pw_cmd_outbox(int argc, char **argv)
{
	static const struct option lo[] = {
		{"db", required_argument, NULL, 'd'},
		{"status", required_argument, NULL, 's'},
		{"limit", required_argument, NULL, 'l'},
		{"notices", required_argument, NULL, 'n'},
		{"overdue", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *db = "pestwijzer.db", *status = NULL, *notices = NULL, *overdue = NULL;
	long limit = 100;
	int c;
	char *end;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 's': status = optarg; break;
		case 'n': notices = optarg; break;
		case 'o': overdue = optarg; break;
		case 'l':
			limit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || limit < 1 || limit > 100000) {
				pw_cli_fail("outbox", "--limit wants a number from 1 to 100000");
				return 2;
			}
			break;
		case 'h': fputs(USAGE, stdout); return 0;
		default: fputs(USAGE, stderr); return 2;
		}
	}
	if (optind >= argc) {
		fputs(USAGE, stderr);
		return 2;
	}
	const char *cmd = argv[optind], *arg = optind + 1 < argc ? argv[optind + 1] : NULL;
	if (status && strcmp(status, "pending") != 0 && strcmp(status, "sent") != 0 && strcmp(status, "failed") != 0) {
		pw_cli_fail("outbox", "--status is pending, sent or failed");
		return 2;
	}
	if ((notices && strcmp(notices, "direct") != 0 && strcmp(notices, "digest") != 0 && strcmp(notices, "none") != 0) ||
	    (overdue && strcmp(overdue, "digest") != 0 && strcmp(overdue, "none") != 0)) {
		pw_cli_fail("outbox", "--notices is direct, digest or none; --overdue is digest or none");
		return 2;
	}
	struct pw_err err;
	struct pw_store *s = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("outbox", err.msg);
		return 1;
	}
	struct pw_arena a;
	pw_arena_init(&a);
	int rc = 0;
	if (strcmp(cmd, "list") == 0) {
		rc = list(s, &a, status, (int)limit);
	} else if (strcmp(cmd, "retry") == 0) {
		long long id = arg ? strtoll(arg, &end, 10) : 0;
		if (arg == NULL || *arg == '\0' || *end != '\0' || id <= 0) {
			fputs(USAGE, stderr);
			rc = 2;
		} else if (pw_store_outbox_retry(s, id, pw_now(), &err) != PW_OK ||
			   pw_store_audit_change_now(s, 0, "retry", "outbox", id, &err) != PW_OK) {
			pw_cli_fail("outbox", err.msg);
			rc = 1;
		} else {
			printf("mail %lld staat weer in de wachtrij (queued again)\n", id);
		}
	} else if (strcmp(cmd, "pref") == 0) {
		struct pw_user u;
		const char *cur_n, *cur_o;
		if (arg == NULL) {
			fputs(USAGE, stderr);
			rc = 2;
		} else if (pw_store_user_by_login(s, &a, arg, &u, &err) != PW_OK ||
			   pw_store_mail_pref_get(s, &a, u.id, &cur_n, &cur_o, &err) != PW_OK ||
			   ((notices || overdue) &&
			    pw_store_mail_pref_set(s, u.id, notices ? notices : cur_n, overdue ? overdue : cur_o, &err) != PW_OK)) {
			pw_cli_fail("outbox", err.msg);
			rc = 1;
		} else {
			printf("notices\t%s\noverdue\t%s\n", notices ? notices : cur_n, overdue ? overdue : cur_o);
		}
	} else {
		fputs(USAGE, stderr);
		rc = 2;
	}
	pw_arena_free(&a);
	pw_store_close(s);
	return rc;
}
