/* pestwijzer user add|list|functies|password|disable|enable|parent */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth/password.h"
#include "cli/cli.h"
#include "core/staff.h"
#include "store/people.h"

static const char USAGE[] =
	"Usage: pestwijzer user COMMAND [--db PATH] ...\n\n"
	"  add LOGIN --name NAME [--email EMAIL] [--staff-number N] [--school CODE --functies F,F[,..]]\n"
	"            [--department AFD] [--password-stdin]\n"
	"                         a staff account; without a password it cannot log in until one is set\n"
	"  list                   all accounts with their functies\n"
	"  functies LOGIN --school CODE F,F[,..] [--department AFD]\n"
	"                         replaces the account's functies at that school (keys of the school's protocol)\n"
	"  password LOGIN [--stdin]  sets a new password (asked twice on a terminal)\n"
	"  disable LOGIN          ends all sessions and tokens at once; enable LOGIN undoes it\n"
	"  parent LOGIN OUDER_ID  links the account to a parent record (kept out of their child's cases)\n";

struct opts {
	const char *db, *name, *email, *staff, *school, *functies, *department;
	int pw_stdin;
};

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{"db", required_argument, NULL, 'd'},         {"name", required_argument, NULL, 'n'},
		{"email", required_argument, NULL, 'e'},      {"staff-number", required_argument, NULL, 's'},
		{"school", required_argument, NULL, 'S'},     {"functies", required_argument, NULL, 'f'},
		{"department", required_argument, NULL, 'a'}, {"password-stdin", no_argument, NULL, 'p'},
		{"stdin", no_argument, NULL, 'p'},            {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'n': o->name = optarg; break;
		case 'e': o->email = optarg; break;
		case 's': o->staff = optarg; break;
		case 'S': o->school = optarg; break;
		case 'f': o->functies = optarg; break;
		case 'a': o->department = optarg; break;
		case 'p': o->pw_stdin = 1; break;
		case 'h': fputs(USAGE, stdout); return 0;
		default: fputs(USAGE, stderr); return 2;
		}
	}
	return -1;
}

/* Reads one line of stdin; on a terminal without echo. */
static int read_secret(const char *prompt, char *out, size_t n)
{
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	char *got = fgets(out, (int)n, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stderr);
	}
	if (got == NULL)
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

static int set_password(struct pw_store *s, const struct pw_user *u, struct pw_err *err)
{
	char pw[PW_PASSWORD_MAX + 2], again[PW_PASSWORD_MAX + 2], hash[256];
	if (read_secret("Nieuw wachtwoord: ", pw, sizeof pw) != 0) {
		pw_cli_fail("user", "no password given on standard input");
		return 1;
	}
	if (isatty(STDIN_FILENO)) {
		if (read_secret("Nog een keer: ", again, sizeof again) != 0 || strcmp(pw, again) != 0) {
			pw_cli_fail("user", "de wachtwoorden zijn niet gelijk; probeer het opnieuw");
			return 1;
		}
	}
	if (pw_password_check(pw, u->login, u->name, err) != PW_OK || pw_password_hash(pw, hash, sizeof hash, err) != PW_OK ||
	    pw_store_user_set_password(s, u->id, hash, err) != PW_OK) {
		pw_cli_fail("user", err->msg);
		return 1;
	}
	return 0;
}

/* Replaces the account's functies at a school with the comma-separated list. */
static int set_functies(struct pw_store *s, struct pw_arena *a, int64_t user_id, const char *school_code,
			const char *list, const char *department, struct pw_err *err)
{
	struct pw_school sc;
	const char *keys[32];
	size_t n = 0;
	char *copy = pw_strdup(a, list);
	for (char *save = NULL, *f = strtok_r(copy, ",", &save); f && n < 32; f = strtok_r(NULL, ",", &save)) {
		while (*f == ' ')
			f++;
		keys[n++] = f;
	}
	if (pw_store_school_get(s, a, school_code, &sc, err) != PW_OK ||
	    pw_staff_set_functies(s, a, user_id, sc.id, keys, n, department, NULL, NULL, err) != PW_OK) {
		pw_cli_fail("user", err->msg);
		return 1;
	}
	return 0;
}

int pw_cmd_user(int argc, char **argv)
{
	struct opts o = {.db = "pestwijzer.db"};
	int rc = parse(argc, argv, &o);
	if (rc >= 0)
		return rc;
	int rest = optind;
	if (rest >= argc) {
		fputs(USAGE, stderr);
		return 2;
	}
	const char *cmd = argv[rest];
	const char *login = rest + 1 < argc ? argv[rest + 1] : NULL;
	struct pw_err err;
	struct pw_store *s = pw_store_open(o.db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("user", err.msg);
		return 1;
	}
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_user u;
	rc = 0;
	if (strcmp(cmd, "list") == 0) {
		struct pw_user *us;
		size_t n;
		if (pw_store_user_list(s, &a, &us, &n, &err) != PW_OK)
			goto fail;
		for (size_t i = 0; i < n; i++) {
			struct pw_user_functie *f;
			size_t nf;
			printf("%-20s %-30s %s", us[i].login, us[i].name, us[i].disabled ? "(uitgeschakeld) " : "");
			if (pw_store_user_functies(s, &a, us[i].id, &f, &nf, &err) == PW_OK)
				for (size_t k = 0; k < nf; k++)
					printf("%s%s%s%s", k ? "," : "", f[k].functie, f[k].department[0] ? ":" : "", f[k].department);
			putchar('\n');
		}
	} else if (login == NULL) {
		fputs(USAGE, stderr);
		rc = 2;
	} else if (strcmp(cmd, "add") == 0) {
		if (o.name == NULL || o.name[0] == '\0') {
			pw_cli_fail("user", "--name is required: the name colleagues see");
			rc = 2;
			goto out;
		}
		struct pw_user in = {.login = login, .name = o.name, .email = o.email, .external_id = o.staff};
		if (pw_store_begin(s, &err) != PW_OK)
			goto fail;
		if (pw_store_user_add(s, &in, &u.id, &err) != PW_OK) {
			pw_store_rollback(s);
			goto fail;
		}
		u.login = login;
		u.name = o.name;
		if ((o.functies && (o.school == NULL ? (pw_err_set(&err, PW_EINVAL, "--functies needs --school CODE"), 1)
						     : set_functies(s, &a, u.id, o.school, o.functies, o.department, &err))) ||
		    (o.pw_stdin && set_password(s, &u, &err))) {
			pw_store_rollback(s);
			if (o.school == NULL)
				pw_cli_fail("user", err.msg);
			rc = 1;
			goto out;
		}
		if (pw_store_commit(s, &err) != PW_OK)
			goto fail;
		printf("account %s aangemaakt%s\n", login, o.pw_stdin ? "" : " (zonder wachtwoord: zet er een met `pestwijzer user password`)");
	} else if (pw_store_user_by_login(s, &a, login, &u, &err) != PW_OK) {
		goto fail;
	} else if (strcmp(cmd, "functies") == 0) {
		const char *list = rest + 2 < argc ? argv[rest + 2] : o.functies;
		if (list == NULL || o.school == NULL) {
			fputs(USAGE, stderr);
			rc = 2;
			goto out;
		}
		if (pw_store_begin(s, &err) != PW_OK)
			goto fail;
		if (set_functies(s, &a, u.id, o.school, list, o.department, &err)) {
			pw_store_rollback(s);
			rc = 1;
			goto out;
		}
		if (pw_store_commit(s, &err) != PW_OK)
			goto fail;
		printf("functies van %s: %s\n", login, list);
	} else if (strcmp(cmd, "password") == 0) {
		rc = set_password(s, &u, &err);
		if (rc == 0)
			printf("wachtwoord van %s gezet\n", login);
	} else if (strcmp(cmd, "disable") == 0 || strcmp(cmd, "enable") == 0) {
		int dis = strcmp(cmd, "disable") == 0;
		if (pw_store_user_disable(s, u.id, dis, &err) != PW_OK)
			goto fail;
		printf("%s %s\n", login, dis ? "uitgeschakeld; alle sessies en tokens zijn beëindigd" : "weer ingeschakeld");
	} else if (strcmp(cmd, "parent") == 0) {
		int64_t pid;
		if (rest + 2 >= argc) {
			fputs(USAGE, stderr);
			rc = 2;
			goto out;
		}
		if (pw_store_parent_by_external(s, argv[rest + 2], &pid, &err) != PW_OK ||
		    pw_store_user_set_parent(s, u.id, pid, &err) != PW_OK)
			goto fail;
		printf("%s is gekoppeld aan ouder %s\n", login, argv[rest + 2]);
	} else {
		fprintf(stderr, "pestwijzer user: unknown command \"%s\"\n%s", cmd, USAGE);
		rc = 2;
	}
	goto out;
fail:
	pw_cli_fail("user", err.msg);
	rc = 1;
out:
	pw_arena_free(&a);
	pw_store_close(s);
	return rc;
}
