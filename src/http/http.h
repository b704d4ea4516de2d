/* The HTTP layer: thin glue over libmicrohttpd. A request is read whole
 * (within limits) into a pw_req, matched against the route table, handed to
 * its handler, and the handler's response is queued in one buffer. */
#ifndef PW_HTTP_HTTP_H
#define PW_HTTP_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"

struct pw_app;
struct pw_req;

typedef void (*pw_handler)(struct pw_req *r);

enum pw_route_flags {
	PW_ROUTE_ANON = 1 << 0,   /* anonymous channel: no client address in any log */
	PW_ROUTE_UPLOAD = 1 << 1, /* may carry a large multipart body */
	PW_ROUTE_NOLOG = 1 << 2,  /* the path itself is a secret: log the route pattern only */
	/* The handler answers a body over the limit itself (body_too_big set, no
	 * body): a page that ties "too large" to its file field. */
	PW_ROUTE_OWN_TOOBIG = 1 << 3,
};

struct pw_route {
	const char *method;  /* "GET", "POST" */
	const char *pattern; /* "/api/v1/cases/{}/steps/{}": each {} captures one segment */
	pw_handler handler;
	unsigned flags;
};

/* One name=value pair of a form or query string; value NUL-terminated, may hold
 * NUL bytes before len (multipart files). */
struct pw_field {
	const char *name;
	const char *value;
	size_t len;
	const char *filename;     /* multipart files only */
	const char *content_type; /* multipart parts only */
};

struct pw_fields {
	struct pw_field *v;
	size_t n;
};

#define PW_MAX_PARAMS 4

struct pw_req {
	struct pw_arena arena; /* everything the request allocates; freed at its end */
	struct pw_app *app;
	void *conn;            /* struct MHD_Connection * */
	const char *method;
	const char *path;      /* without the query string */
	const struct pw_route *route;
	const char *params[PW_MAX_PARAMS]; /* the {} captures, in order */
	int nparams;
	int64_t start_ms;
	int tls;               /* served over TLS, or behind a proxy that says so */

	struct pw_buf body;    /* the raw request body */
	size_t body_max;
	int body_too_big;
	int timed_out;
	size_t discarded;      /* bytes of an unwanted body read and thrown away */

	/* Response, filled by the handler. */
	int status;
	struct pw_buf out;
	const char *content_type;
	const char *cache;     /* Cache-Control; default no-store */
	struct pw_resp_header {
		const char *name, *value;
	} headers[8];
	int nheaders;
	const void *static_data; /* a response body we do not own (assets) */
	size_t static_len;

	/* Who is asking (filled by auth). */
	int64_t user_id;

	/* Calls made when the request ends, newest first (resources outside the arena). */
	struct pw_defer {
		void (*fn)(void *);
		void *arg;
	} defers[8];
	int ndefers;
};

/* Runs fn(arg) when the request ends. Aborts past 8: a programming error. */
void pw_req_defer(struct pw_req *r, void (*fn)(void *), void *arg);

/* Server limits, settable from the command line (tests shrink them). */
struct pw_http_limits {
	size_t body_max;        /* bytes, ordinary routes */
	size_t upload_max;      /* bytes, PW_ROUTE_UPLOAD routes */
	size_t header_max;      /* bytes, all headers of a request together */
	unsigned request_secs;  /* a request must arrive whole within this time (else 408) */
	unsigned idle_secs;     /* an idle keep-alive connection is closed after this */
	unsigned threads;       /* 0: one per core */
};

void pw_http_limits_default(struct pw_http_limits *l);

struct pw_server;

/* Starts serving host:port with the route table (terminated by a NULL method).
 * Returns NULL with err filled when the address cannot be used. */
struct pw_server *pw_server_start(const char *listen, const struct pw_route *routes, struct pw_app *app,
				  const struct pw_http_limits *limits, struct pw_err *err);
/* The port actually bound (for --listen 127.0.0.1:0). */
unsigned pw_server_port(const struct pw_server *s);
/* Stops accepting, lets in-flight requests finish (up to grace_ms), then stops. */
void pw_server_stop(struct pw_server *s, int grace_ms);

/* ---- request helpers ---- */
const char *pw_req_header(struct pw_req *r, const char *name);
/* The client's address as text ("" when unknown). Never log or store it on
 * anonymous routes. */
void pw_req_addr(struct pw_req *r, char *out, size_t n);
/* A query-string argument, or NULL. */
const char *pw_req_query(struct pw_req *r, const char *name);

/* ---- responses ---- */
void pw_resp_header(struct pw_req *r, const char *name, const char *value);
/* HTML page: body taken from the buffer the handler wrote into r->out. */
void pw_resp_html(struct pw_req *r, int status);
/* JSON: steals the reference to j. */
void pw_resp_json(struct pw_req *r, int status, json_t *j);
/* API error body of API.md; fields from err->field. */
void pw_resp_error_json(struct pw_req *r, const struct pw_err *err);
/* 303 See Other to a local path. */
void pw_resp_redirect(struct pw_req *r, const char *location);
void pw_resp_text(struct pw_req *r, int status, const char *text);

/* ---- body parsers (pure functions over a buffer, fuzzed) ---- */

/* application/x-www-form-urlencoded (also query strings). Values are decoded;
 * invalid percent escapes or bad UTF-8 are PW_EINVAL. At most max_fields. */
enum pw_status pw_form_parse(struct pw_arena *a, const char *s, size_t n, size_t max_fields, struct pw_fields *out,
			     struct pw_err *err);
/* The value of a field, or NULL. */
const char *pw_fields_get(const struct pw_fields *f, const char *name);
const struct pw_field *pw_fields_find(const struct pw_fields *f, const char *name);

/* multipart/form-data with the boundary from content_type. */
enum pw_status pw_multipart_parse(struct pw_arena *a, const char *content_type, const char *s, size_t n,
				  size_t max_parts, struct pw_fields *out, struct pw_err *err);

/* A JSON request body: must be one object. Returns a new reference. */
json_t *pw_json_parse_body(const char *s, size_t n, struct pw_err *err);


#endif
