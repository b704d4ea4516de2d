/* pestwijzer serve: opens the store, serves until SIGTERM or SIGINT, then
 * stops accepting, lets in-flight requests finish and closes the store
 * (pending audit rows are committed first). */
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/http.h"
#include "mail/outbox.h"
#include "store/store.h"
#include "util/log.h"
#include "web/app.h"

static const char USAGE[] =
	"Usage: pestwijzer serve [--db PATH] [--listen HOST:PORT] [options]\n\n"
	"Serves the web application and the API.\n\n"
	"  --db PATH              the database (default pestwijzer.db; create it with `pestwijzer init`)\n"
	"  --listen HOST:PORT     address to listen on (default 127.0.0.1:8080; port 0 picks a free one)\n"
	"  --behind-tls-proxy     a TLS reverse proxy is in front: cookies get Secure and the __Host- prefix\n"
	"  --threads N            worker threads (default: four per core, at least 8)\n"
	"  --body-max BYTES       largest ordinary request body (default 262144)\n"
	"  --upload-max BYTES     largest evidence upload (default 20971520)\n"
	"  --request-timeout S    a request must arrive whole within S seconds (default 30), else 408\n"
	"  --quiet                no access log\n"
	"  --test-clock           let tests set the clock over HTTP (never in production)\n"
	"  --smtp URL             send mail by this server: smtp://host:port or smtps://user:pass@host:port\n"
	"  --mail-from ADDR       the sender of mail (needed with --smtp)\n"
	"  --public-url URL       the address people open, for links in mail (default http://LISTEN)\n"
	"  --digest-hour H        hour (0-23, Europe/Amsterdam) of the daily digest of overdue steps (default 7)\n";

static long num_arg(const char *s, long min, long max, const char *name, int *bad)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "pestwijzer serve: %s wants a number from %ld to %ld (got \"%s\")\n", name, min, max, s);
		*bad = 1;
	}
	return v;
}

int pw_cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"listen", required_argument, NULL, 'l'},
		{"behind-tls-proxy", no_argument, NULL, 'T'},
		{"threads", required_argument, NULL, 't'},
		{"body-max", required_argument, NULL, 'b'},
		{"upload-max", required_argument, NULL, 'u'},
		{"request-timeout", required_argument, NULL, 'r'},
		{"quiet", no_argument, NULL, 'q'},
		{"test-clock", no_argument, NULL, 'C'},
		{"smtp", required_argument, NULL, 'S'},
		{"mail-from", required_argument, NULL, 'F'},
		{"public-url", required_argument, NULL, 'P'},
		{"digest-hour", required_argument, NULL, 'H'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *db = "pestwijzer.db", *listen = "127.0.0.1:8080";
	struct pw_app app = {0};
	struct pw_outbox_cfg mail = {.digest_hour = 7};
	struct pw_http_limits lim;
	pw_http_limits_default(&lim);
	int c, bad = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l': listen = optarg; break;
		case 'T': app.behind_tls = 1; break;
		case 't': lim.threads = (unsigned)num_arg(optarg, 1, 256, "--threads", &bad); break;
		case 'b': lim.body_max = (size_t)num_arg(optarg, 1024, 64L << 20, "--body-max", &bad); break;
		case 'u': lim.upload_max = (size_t)num_arg(optarg, 1024, 1L << 30, "--upload-max", &bad); break;
		case 'r': lim.request_secs = (unsigned)num_arg(optarg, 1, 3600, "--request-timeout", &bad); break;
		case 'q': pw_log_quiet(1); break;
		case 'C': app.test_mode = 1; break;
		case 'S': mail.smtp_url = optarg; break;
		case 'F': mail.from = optarg; break;
		case 'P': mail.public_url = app.public_url = optarg; break;
		case 'H': mail.digest_hour = (int)num_arg(optarg, 0, 23, "--digest-hour", &bad); break;
		case 'h': fputs(USAGE, stdout); return 0;
		default: fputs(USAGE, stderr); return 2;
		}
	}
	if (!mail.smtp_url != !mail.from) {
		fputs("pestwijzer serve: --smtp and --mail-from go together\n", stderr);
		bad = 1;
	}
	if (bad)
		return 2;
	if (optind != argc) {
		fputs(USAGE, stderr);
		return 2;
	}

	struct pw_err err;
	struct pw_store *store = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (store == NULL) {
		pw_cli_fail("serve", err.msg);
		return 1;
	}
	if (pw_store_lock_server(store, &err) != PW_OK) {
		pw_cli_fail("serve", err.msg);
		pw_store_close(store);
		return 1;
	}
	app.store = store;
	pw_app_prepare(&app);

	/* Block the stop signals before any thread starts, so that only sigwait
	 * below receives them and no worker is interrupted mid-request. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct pw_server *srv = pw_server_start(listen, pw_routes, &app, &lim, &err);
	if (srv == NULL) {
		pw_cli_fail("serve", err.msg);
		pw_store_close(store);
		return 1;
	}
	if (app.test_mode)
		pw_log("warning: --test-clock is on: anyone can set this server's clock");
	/* The one line tests read to learn the port. */
	char host[256];
	snprintf(host, sizeof host, "%s", listen);
	char *colon = strrchr(host, ':');
	if (colon)
		*colon = '\0';
	printf("listening on http://%s:%u\n", host, pw_server_port(srv));
	char base[300];
	snprintf(base, sizeof base, "http://%s:%u", host, pw_server_port(srv));
	/* The mail thread, when there is a mail server; it stops before the store closes. */
	struct pw_outbox *outbox = NULL;
	if (mail.public_url == NULL)
		mail.public_url = base;
	if (mail.smtp_url && (outbox = pw_outbox_start(store, &mail, &err)) == NULL)
		pw_log("warning: no mail will be sent: %s", err.msg);
	fflush(stdout);

	int sig = 0;
	sigwait(&stop, &sig);
	pw_log("stopping (signal %d): finishing requests in progress", sig);
	pw_outbox_stop(outbox);
	pw_server_stop(srv, 10000);
	pw_store_close(store);
	pw_log("stopped");
	return 0;
}
