/* The subcommands of the pestwijzer binary, one file each. Each gets argv
 * starting at its own name and returns the process exit code: 0 success,
 * 1 failure (the message on stderr says what to do), 2 wrong usage. */
#ifndef PW_CLI_CLI_H
#define PW_CLI_CLI_H

struct pw_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

int pw_cmd_serve(int argc, char **argv);
int pw_cmd_init(int argc, char **argv);
int pw_cmd_backup(int argc, char **argv);
int pw_cmd_restore(int argc, char **argv);
int pw_cmd_user(int argc, char **argv);
int pw_cmd_token(int argc, char **argv);
int pw_cmd_protocol(int argc, char **argv);
int pw_cmd_school(int argc, char **argv);
int pw_cmd_schoolyear(int argc, char **argv);
int pw_cmd_import(int argc, char **argv);
int pw_cmd_demo(int argc, char **argv);
int pw_cmd_report(int argc, char **argv);
int pw_cmd_outbox(int argc, char **argv);

/* Shared option handling: parses --db and --help for commands with no other
 * options. Returns -1 to go on, else the exit code. */
int pw_cli_simple(int argc, char **argv, const char *usage, const char **db, int *optind_out);

/* Prints "pestwijzer CMD: MSG" to stderr. */
void pw_cli_fail(const char *cmd, const char *msg);

#endif
