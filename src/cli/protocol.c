/* pestwijzer protocol: check and render (src/protocol/cli.c) need no
 * database; install, show and versions work on a school's stored versions. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "store/protocols.h"
#include "util/clock.h"

static const char USAGE[] =
	"Usage: pestwijzer protocol COMMAND ...\n\n"
	"  check FILE                       validates a protocol definition (see docs/protocol-format.md)\n"
	"  render FILE [--out PATH]         writes the document the school publishes (HTML)\n"
	"  install FILE --school CODE       validates FILE and makes it the school's new version;\n"
	"                                   new cases follow it, running cases keep their version\n"
	"  show --json [--school CODE]      prints the definition in force as JSON\n"
	"  versions --school CODE           the versions installed at a school\n"
	"Options: --db PATH (default pestwijzer.db)\n";

/* Reads a whole file into memory (the YAML is stored as it was written). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			char *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		*len = n;
	}
	return buf;
}

int pw_cmd_protocol(int argc, char **argv)
{
	/* `show --json FILE` reads a file, not the database: the definitions' own CLI answers. */
	int show_file = argc >= 2 && strcmp(argv[1], "show") == 0 && argc >= 3 && argv[argc - 1][0] != '-' &&
			strcmp(argv[argc - 2], "--db") != 0 && strcmp(argv[argc - 2], "--school") != 0;
	if (argc < 2 || show_file ||
	    (strcmp(argv[1], "install") != 0 && strcmp(argv[1], "show") != 0 && strcmp(argv[1], "versions") != 0)) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			fputs(USAGE, stdout);
			return 0;
		}
		if (argc < 2) {
			fputs(USAGE, stderr);
			return 2;
		}
		return pw_protocol_cli(argc, argv);
	}
	static const struct option lo[] = {
		{"db", required_argument, NULL, 'd'}, {"school", required_argument, NULL, 's'},
		{"json", no_argument, NULL, 'j'},     {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *db = "pestwijzer.db", *school = NULL, *cmd = argv[1];
	int c;
	optind = 2;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 's': school = optarg; break;
		case 'j': break; /* JSON is the only output of show */
		case 'h': fputs(USAGE, stdout); return 0;
		default: fputs(USAGE, stderr); return 2;
		}
	}
	const char *file = optind < argc ? argv[optind] : NULL;
	if ((strcmp(cmd, "install") == 0 && (file == NULL || school == NULL)) ||
	    (strcmp(cmd, "versions") == 0 && school == NULL)) {
		fputs(USAGE, stderr);
		return 2;
	}
	struct pw_err err;
	struct pw_store *s = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("protocol", err.msg);
		return 1;
	}
	struct pw_arena a;
	pw_arena_init(&a);
	int rc = 1;
	struct pw_school sc = {0};
	if (school && pw_store_school_get(s, &a, school, &sc, &err) != PW_OK)
		goto fail;
	if (school == NULL) {
		struct pw_school *all;
		size_t n;
		if (pw_store_school_list(s, &a, &all, &n, &err) != PW_OK)
			goto fail;
		if (n > 0)
			sc = all[0];
	}
	if (strcmp(cmd, "install") == 0) {
		size_t len;
		char *text = slurp(file, &len);
		if (text == NULL) {
			pw_err_set(&err, PW_ENOTFOUND, "cannot read %s", file);
			goto fail;
		}
		struct pw_protocol *p = pw_protocol_load_buffer(text, len, file, &err);
		if (p == NULL) {
			free(text);
			goto fail;
		}
		const char *by = getenv("USER");
		int64_t id;
		enum pw_status st = pw_store_protocol_install(s, sc.id, p->id, p->versie ? p->versie : "", text,
							      pw_printf(&a, "cli:%s", by ? by : "?"), &id, &err);
		if (st == PW_OK)
			printf("%s (versie %s) is nu het protocol van %s (installatie %lld). Nieuwe casussen volgen deze "
			       "versie; lopende casussen houden hun versie.\n",
			       p->naam, p->versie ? p->versie : "-", sc.name, (long long)id);
		pw_protocol_free(p);
		free(text);
		if (st != PW_OK)
			goto fail;
		rc = 0;
	} else if (strcmp(cmd, "show") == 0) {
		int64_t vid = 0;
		const struct pw_protocol *p = sc.id ? pw_school_protocol(s, sc.id, &vid, &err) : pw_protocol_default(&err);
		if (p == NULL)
			goto fail;
		json_t *j = pw_protocol_to_json(p);
		json_object_set_new(j, "installed_version", json_integer(vid));
		char *out = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
		json_decref(j);
		puts(out ? out : "{}");
		free(out);
		rc = 0;
	} else {
		struct pw_protocol_version *v;
		size_t n;
		if (pw_store_protocol_list(s, &a, sc.id, &v, &n, &err) != PW_OK)
			goto fail;
		if (n == 0)
			printf("%s volgt het meegeleverde Lekpoort-protocol (geen eigen versie geïnstalleerd)\n", sc.name);
		for (size_t i = 0; i < n; i++) {
			char ts[32];
			pw_time_rfc3339(v[i].installed_at, ts, sizeof ts);
			printf("%-4lld %-14s versie %-10s %s door %s%s\n", (long long)v[i].id, v[i].key, v[i].versie, ts,
			       v[i].installed_by, i + 1 == n ? "  (in gebruik)" : "");
		}
		rc = 0;
	}
	goto out;
fail:
	pw_cli_fail("protocol", err.msg);
out:
	pw_arena_free(&a);
	pw_store_close(s);
	return rc;
}
