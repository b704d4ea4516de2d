#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

void pw_cli_fail(const char *cmd, const char *msg)
{
	fprintf(stderr, "pestwijzer %s: %s\n", cmd, msg);
}

int pw_cli_simple(int argc, char **argv, const char *usage, const char **db, int *optind_out)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': *db = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	*optind_out = optind;
	return -1;
}
