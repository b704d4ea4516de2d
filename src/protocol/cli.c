/* `pestwijzer protocol ...`: check a definition, render the document a
 * school publishes, print the definition as JSON. (`install` and `show` of
 * the loaded protocol need the store and live in the CLI module.) */
#include "protocol/protocol.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("Usage: pestwijzer protocol COMMAND FILE\n"
	      "\n"
	      "Protocol definitions are YAML files (see docs/protocol-format.md).\n"
	      "\n"
	      "Commands:\n"
	      "  check FILE               validate the definition; say what is wrong and where\n"
	      "  render FILE [--out PATH] write the protocol as a standalone HTML document\n"
	      "                           (to standard output, or to PATH)\n"
	      "  show --json FILE         print the definition as JSON\n"
	      "  --help                   this text\n",
	      f);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("pestwijzer protocol: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nRun 'pestwijzer protocol --help' for the commands.\n", stderr);
	return 2;
}

static struct pw_protocol *load(const char *path)
{
	struct pw_err err;
	struct pw_protocol *p = pw_protocol_load_file(path, &err);
	if (p == NULL)
		fprintf(stderr, "%s\n", err.msg);
	return p;
}

static int check(const char *path)
{
	struct pw_protocol *p = load(path);
	if (p == NULL)
		return 1;
	size_t n_levels = p->n_levels, n_steps = p->n_steps, n_rungs = p->sanctions.n_rungs;
	printf("%s: '%s' (%s, version %s) is valid: %zu levels, %zu steps, %zu sanction rungs.\n", path, p->naam,
	       p->id, p->versie, n_levels, n_steps, n_rungs);
	pw_protocol_free(p);
	return 0;
}

static int write_all(FILE *f, const char *data, size_t len)
{
	return fwrite(data, 1, len, f) == len ? 0 : -1;
}

static int render(const char *path, const char *out)
{
	struct pw_protocol *p = load(path);
	if (p == NULL)
		return 1;
	struct pw_buf b;
	pw_buf_init(&b);
	pw_protocol_render_html(p, &b);
	pw_protocol_free(p);
	int rc = 0;
	if (out == NULL) {
		if (write_all(stdout, b.data, b.len) != 0 || fflush(stdout) != 0) {
			fprintf(stderr, "pestwijzer protocol: could not write to standard output (%s).\n", strerror(errno));
			rc = 1;
		}
	} else {
		/* Written beside the target and renamed, so a failed write never
		 * leaves a half document where the school expects the whole. */
		size_t tl = strlen(out) + 8;
		char *tmp = pw_xmalloc(tl);
		snprintf(tmp, tl, "%s.tmp", out);
		FILE *f = fopen(tmp, "wb");
		if (f == NULL) {
			fprintf(stderr, "pestwijzer protocol: cannot create %s (%s). Check that the folder exists and is writable.\n",
				tmp, strerror(errno));
			rc = 1;
		} else {
			bool ok = write_all(f, b.data, b.len) == 0;
			ok = (fclose(f) == 0) && ok;
			if (!ok || rename(tmp, out) != 0) {
				fprintf(stderr, "pestwijzer protocol: could not write %s (%s).\n", out, strerror(errno));
				remove(tmp);
				rc = 1;
			}
		}
		free(tmp);
	}
	pw_buf_free(&b);
	return rc;
}

static int show_json(const char *path)
{
	struct pw_protocol *p = load(path);
	if (p == NULL)
		return 1;
	json_t *j = pw_protocol_to_json(p);
	int rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 ? 0 : 1;
	fputc('\n', stdout);
	json_decref(j);
	pw_protocol_free(p);
	return rc;
}

int pw_protocol_cli(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%s", "which command? check, render or show.");
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
	if (strcmp(cmd, "check") == 0) {
		if (argc != 3)
			return usage_error("%s", "check takes one FILE: pestwijzer protocol check protocols/lekpoort.yaml");
		return check(argv[2]);
	}
	if (strcmp(cmd, "render") == 0) {
		const char *file = NULL, *out = NULL;
		for (int i = 2; i < argc; i++) {
			if (strcmp(argv[i], "--out") == 0) {
				if (i + 1 >= argc)
					return usage_error("%s", "--out needs a PATH.");
				out = argv[++i];
			} else if (strncmp(argv[i], "--out=", 6) == 0) {
				out = argv[i] + 6;
			} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
				return usage_error("unknown option '%s' for render.", argv[i]);
			} else if (file == NULL) {
				file = argv[i];
			} else {
				return usage_error("%s", "render takes one FILE.");
			}
		}
		if (file == NULL)
			return usage_error("%s", "render needs a FILE: pestwijzer protocol render protocols/lekpoort.yaml --out protocol.html");
		if (out != NULL && *out == '\0')
			return usage_error("%s", "--out needs a PATH.");
		return render(file, out);
	}
	if (strcmp(cmd, "show") == 0) {
		if (argc == 4 && strcmp(argv[2], "--json") == 0)
			return show_json(argv[3]);
		if (argc == 4 && strcmp(argv[3], "--json") == 0)
			return show_json(argv[2]);
		return usage_error("%s", "show takes --json and a FILE here: pestwijzer protocol show --json protocols/lekpoort.yaml");
	}
	return usage_error("unknown command '%s'; the commands are check, render and show.", cmd);
}
