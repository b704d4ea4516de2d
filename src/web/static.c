/* Static assets, compiled into the binary: served from memory with a strong
 * ETag, cached by browsers for a day and revalidated cheaply after. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "util/embed.h"
#include "web/app.h"

#define MAX_ASSETS 64

static struct asset {
	const struct pw_embedded *file;
	const char *type;
	char etag[24];
} assets[MAX_ASSETS];
static int nassets;

static const char *mime(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot == NULL)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	if (strcmp(dot, ".woff2") == 0)
		return "font/woff2";
	if (strcmp(dot, ".txt") == 0)
		return "text/plain; charset=utf-8";
	return NULL; /* not an asset (protocol definitions are embedded too) */
}

void pw_app_prepare(struct pw_app *app)
{
	(void)app;
	if (nassets)
		return;
	for (const struct pw_embedded *e = pw_embedded_files; e->name && nassets < MAX_ASSETS; e++) {
		const char *t = mime(e->name);
		if (t == NULL)
			continue;
		struct asset *a = &assets[nassets++];
		a->file = e;
		a->type = t;
		unsigned char h[8];
		crypto_generichash(h, sizeof h, e->data, e->len, NULL, 0);
		snprintf(a->etag, sizeof a->etag, "\"%02x%02x%02x%02x%02x%02x%02x%02x\"", h[0], h[1], h[2], h[3], h[4], h[5],
			 h[6], h[7]);
	}
}

void pw_h_static(struct pw_req *r)
{
	for (int i = 0; i < nassets; i++) {
		struct asset *a = &assets[i];
		if (strcmp(a->file->name, r->params[0]) != 0)
			continue;
		r->cache = "public, max-age=86400";
		pw_resp_header(r, "ETag", a->etag);
		const char *inm = pw_req_header(r, "If-None-Match");
		if (inm && strcmp(inm, a->etag) == 0) {
			r->status = 304;
			return;
		}
		r->status = 200;
		r->content_type = a->type;
		r->static_data = a->file->data;
		r->static_len = a->file->len;
		return;
	}
	pw_resp_text(r, 404, "Niet gevonden (not found)\n");
}
