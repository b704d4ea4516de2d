/* libmicrohttpd glue: an epoll thread pool; each request read whole into a
 * pw_req (within limits), routed, handled, answered from one buffer.
 * Responses are queued on the second call of the access handler at the
 * earliest: libmicrohttpd 0.9.75 closes the connection after a response
 * queued on the first call, which would cost keep-alive. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "http/http.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/log.h"
#include "web/html.h"

struct pw_server {
	struct MHD_Daemon *d;
	const struct pw_route *routes;
	struct pw_app *app;
	struct pw_http_limits lim;
	atomic_int inflight;
	unsigned port;
};

void pw_http_limits_default(struct pw_http_limits *l)
{
	l->body_max = 256 * 1024;
	l->upload_max = 20 * 1024 * 1024;
	l->header_max = 16 * 1024;
	l->request_secs = 30;
	l->idle_secs = 60;
	l->threads = 0;
}

/* ---- routing ---- */

/* Matches path against a pattern; fills params. 1 on a match. */
static int match(struct pw_req *r, const char *pat, const char *path)
{
	int np = 0;
	while (*pat && *path) {
		if (pat[0] == '{' && pat[1] == '}') {
			const char *end = strchr(path, '/');
			size_t n = end ? (size_t)(end - path) : strlen(path);
			if (n == 0 || np == PW_MAX_PARAMS)
				return 0;
			r->params[np++] = pw_strndup(&r->arena, path, n);
			path += n;
			pat += 2;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	if (*pat || *path)
		return 0;
	r->nparams = np;
	return 1;
}

/* The route for method and path; *method_ok tells whether the path exists at all. */
static const struct pw_route *route_find(struct pw_server *s, struct pw_req *r, int *path_found)
{
	*path_found = 0;
	for (const struct pw_route *rt = s->routes; rt->method; rt++) {
		if (!match(r, rt->pattern, r->path))
			continue;
		*path_found = 1;
		if (strcmp(rt->method, r->method) == 0 || (strcmp(r->method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0))
			return rt;
	}
	r->nparams = 0;
	return NULL;
}

/* ---- responses ---- */

const char *pw_req_header(struct pw_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

void pw_req_addr(struct pw_req *r, char *out, size_t n)
{
	out[0] = '\0';
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || ci->client_addr == NULL)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)n);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)n);
}

const char *pw_req_query(struct pw_req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
	/* A value that is not clean UTF-8 text is treated as absent. */
	if (v && !pw_utf8_valid_text(v, strlen(v)))
		return NULL;
	return v;
}

void pw_resp_header(struct pw_req *r, const char *name, const char *value)
{
	if (r->nheaders < (int)(sizeof r->headers / sizeof r->headers[0])) {
		r->headers[r->nheaders].name = name;
		r->headers[r->nheaders].value = value;
		r->nheaders++;
	}
}

void pw_resp_html(struct pw_req *r, int status)
{
	r->status = status;
	r->content_type = "text/html; charset=utf-8";
}

void pw_resp_text(struct pw_req *r, int status, const char *text)
{
	r->status = status;
	r->content_type = "text/plain; charset=utf-8";
	r->out.len = 0;
	pw_buf_puts(&r->out, text);
}

void pw_resp_json(struct pw_req *r, int status, json_t *j)
{
	r->status = status;
	r->content_type = "application/json";
	r->out.len = 0;
	/* Fifteen significant digits: a share rounded to 78.9 is written 78.9,
	 * not the 78.900000000000006 of the double's full precision. */
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(15));
	json_decref(j);
	if (s == NULL)
		pw_oom();
	pw_buf_puts(&r->out, s);
	free(s);
}

void pw_resp_error_json(struct pw_req *r, const struct pw_err *err)
{
	json_t *e = json_pack("{s:s, s:s}", "code", pw_status_name(err->code), "message", err->msg);
	if (err->field[0])
		json_object_set_new(e, "fields", json_pack("{s:s}", err->field, err->msg));
	pw_resp_json(r, pw_status_http(err->code), json_pack("{s:o}", "error", e));
}

void pw_resp_redirect(struct pw_req *r, const char *location)
{
	r->status = 303;
	pw_resp_header(r, "Location", location);
	r->content_type = "text/plain; charset=utf-8";
}

/* An error the HTTP layer itself answers (404, 405, 408, 413): JSON under
 * /api/, a plain page elsewhere. */
static void layer_error(struct pw_req *r, enum pw_status code, const char *msg)
{
	struct pw_err err;
	pw_err_set(&err, code, "%s", msg);
	if (strncmp(r->path, "/api/", 5) == 0) {
		pw_resp_error_json(r, &err);
		return;
	}
	r->out.len = 0;
	pw_html_printf(&r->out,
		       "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		       "<title>%s</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
		       "<body><main class=\"container\"><h1>%s</h1><p><a href=\"/\">Naar de startpagina</a></p>"
		       "</main></body></html>",
		       msg, msg);
	pw_resp_html(r, pw_status_http(code));
}

static const char CSP[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			  "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
			  "frame-ancestors 'none'";

static enum MHD_Result respond(struct pw_server *s, struct pw_req *r)
{
	struct MHD_Response *resp;
	if (r->static_data) {
		resp = MHD_create_response_from_buffer(r->static_len, (void *)r->static_data, MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len;
		char *data = pw_buf_steal(&r->out, &len);
		resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	}
	if (resp == NULL)
		return MHD_NO;
	if (r->content_type)
		MHD_add_response_header(resp, "Content-Type", r->content_type);
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	MHD_add_response_header(resp, "Cache-Control", r->cache ? r->cache : "no-store");
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	(void)s;
	return ret;
}

/* How much of an unwanted body we read and discard so the client can read
 * our answer (closing with unread data makes its TCP stack reset). */
static size_t discard_max(const struct pw_req *r)
{
	return r->body_max * 4 > (1u << 20) ? r->body_max * 4 : (1u << 20);
}

static enum MHD_Result answer_too_big(struct pw_server *s, struct pw_req *r)
{
	if (r->status == 404 || r->status == 405)
		r->status = 0;
	layer_error(r, PW_ETOOBIG, "Het verzoek is te groot (request too large). Stuur minder gegevens.");
	return respond(s, r);
}

void pw_req_defer(struct pw_req *r, void (*fn)(void *), void *arg)
{
	if (r->ndefers == (int)(sizeof r->defers / sizeof r->defers[0])) {
		fputs("pw_req_defer: too many deferred calls in one request\n", stderr);
		abort();
	}
	r->defers[r->ndefers].fn = fn;
	r->defers[r->ndefers].arg = arg;
	r->ndefers++;
}

static void req_free(struct pw_req *r)
{
	while (r->ndefers > 0) {
		r->ndefers--;
		r->defers[r->ndefers].fn(r->defers[r->ndefers].arg);
	}
	pw_buf_free(&r->body);
	pw_buf_free(&r->out);
	pw_arena_free(&r->arena);
	free(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	struct pw_server *s = cls;
	struct pw_req *r = *con_cls;
	(void)version;

	if (r == NULL) {
		r = pw_xcalloc(1, sizeof *r);
		pw_arena_init(&r->arena);
		pw_buf_init(&r->body);
		pw_buf_init(&r->out);
		r->app = s->app;
		r->conn = c;
		r->method = pw_strdup(&r->arena, method);
		r->path = pw_strdup(&r->arena, url);
		r->start_ms = pw_mono_ms();
		r->status = 0;
		int found;
		r->route = route_find(s, r, &found);
		r->body_max = r->route && (r->route->flags & PW_ROUTE_UPLOAD) ? s->lim.upload_max : s->lim.body_max;
		if (r->route == NULL)
			r->status = found ? 405 : 404;
		*con_cls = r;
		atomic_fetch_add(&s->inflight, 1);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
		if (declared > r->body_max) {
			r->body_too_big = 1;
			/* Far too big to read and discard: answer at once (the connection
			 * closes after it, which is right for such a client). */
			if (declared > discard_max(r))
				return answer_too_big(s, r);
		}
		return MHD_YES;
	}

	if (*upload_data_size) {
		/* libmicrohttpd 0.9.75 accepts a response only on the first call or
		 * once the whole body is in. So a body over the limit, or one that
		 * trickles in too slowly, is read and thrown away, and answered at its
		 * end (413 or 408); past discard_max the connection is dropped. */
		if (!r->body_too_big && !r->timed_out) {
			if (pw_mono_ms() - r->start_ms > (int64_t)s->lim.request_secs * 1000)
				r->timed_out = 1;
			else if (r->body.len + *upload_data_size > r->body_max)
				r->body_too_big = 1;
			else
				pw_buf_put(&r->body, upload_data, *upload_data_size);
			if (r->body_too_big || r->timed_out)
				pw_buf_free(&r->body);
		}
		if (r->body_too_big || r->timed_out) {
			r->discarded += *upload_data_size;
			if (r->discarded > discard_max(r))
				return MHD_NO;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}

	if (r->status == 404) {
		layer_error(r, PW_ENOTFOUND, "Deze pagina bestaat niet (not found)");
	} else if (r->status == 405) {
		layer_error(r, PW_EMETHOD, "Deze methode kan hier niet (method not allowed)");
	} else if (r->body_too_big && !(r->route->flags & PW_ROUTE_OWN_TOOBIG)) {
		return answer_too_big(s, r);
	} else if (r->timed_out) {
		layer_error(r, PW_ETIMEOUT, "Het verzoek duurde te lang (request timeout). Probeer het opnieuw.");
	} else if (r->status == 0) {
		/* Threads serve many requests: the last one's language must not
		 * carry over (pages set it again: util/i18n.h). */
		pw_lang_set(NULL);
		r->route->handler(r);
		if (r->status == 0)
			r->status = 500;
	}
	return respond(s, r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct pw_server *s = cls;
	struct pw_req *r = *con_cls;
	(void)toe;
	(void)conn;
	if (r == NULL)
		return;
	char addr[INET6_ADDRSTRLEN + 8] = "";
	unsigned flags = r->route ? r->route->flags : 0;
	if (!(flags & PW_ROUTE_ANON)) {
		addr[0] = ' ';
		pw_req_addr(r, addr + 1, sizeof addr - 1);
	}
	/* Never a query string; a route whose path is a secret logs its pattern. */
	const char *p = (flags & PW_ROUTE_NOLOG) ? r->route->pattern : r->path;
	pw_log("%s %s %d %lldms%s", r->method, p, r->status, (long long)(pw_mono_ms() - r->start_ms), addr);
	req_free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	(void)cls;
	vsnprintf(line, sizeof line, fmt, ap);
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	pw_log("http: %s", line);
}

struct pw_server *pw_server_start(const char *listen, const struct pw_route *routes, struct pw_app *app,
				  const struct pw_http_limits *limits, struct pw_err *err)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	if (colon == NULL || colon == listen || (size_t)(colon - listen) >= sizeof host || colon[1] == '\0') {
		pw_err_set(err, PW_EINVAL, "--listen wants HOST:PORT, like 127.0.0.1:8080 (got \"%s\")", listen);
		return NULL;
	}
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV}, *ai = NULL;
	int gr = getaddrinfo(host, colon + 1, &hints, &ai);
	if (gr != 0) {
		pw_err_set(err, PW_EINVAL, "cannot use the address %s: %s", listen, gai_strerror(gr));
		return NULL;
	}
	struct pw_server *s = pw_xcalloc(1, sizeof *s);
	s->routes = routes;
	s->app = app;
	s->lim = *limits;
	unsigned threads = limits->threads;
	if (threads == 0) {
		/* More workers than cores: a worker waiting for the audit group commit
		 * (a disk sync) holds its thread, and the more requests wait together,
		 * the more share one sync. */
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? 4 * (unsigned)n : 8;
		if (threads < 8)
			threads = 8;
	}
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
				MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
				MHD_OPTION_SOCK_ADDR, ai->ai_addr,
				MHD_OPTION_THREAD_POOL_SIZE, threads,
				MHD_OPTION_CONNECTION_TIMEOUT, limits->idle_secs,
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, limits->header_max + 4096,
				MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
				MHD_OPTION_LISTENING_ADDRESS_REUSE, 1,
				MHD_OPTION_END);
	freeaddrinfo(ai);
	if (s->d == NULL) {
		pw_err_set(err, PW_EIO, "cannot listen on %s: is the port in use, or not yours to use? Choose another with --listen.",
			   listen);
		free(s);
		return NULL;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : 0;
	return s;
}

unsigned pw_server_port(const struct pw_server *s)
{
	return s->port;
}

void pw_server_stop(struct pw_server *s, int grace_ms)
{
	MHD_socket ls = MHD_quiesce_daemon(s->d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	int64_t until = pw_mono_ms() + grace_ms;
	while (atomic_load(&s->inflight) > 0 && pw_mono_ms() < until)
		usleep(10000);
	MHD_stop_daemon(s->d);
	free(s);
}
