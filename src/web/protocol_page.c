/* Protocol: the school's anti-bullying protocol, the document rendered from
 * the definition in force (pw_protocol_render_html), served as it is. The
 * document carries its own stylesheet inline; the strict CSP (style-src
 * 'self') would block that, so its CSS is served at /protocol.css and the
 * page links it instead. Both come from the same render, so they cannot
 * drift apart. */
#include <string.h>

#include "core/school_protocol.h"
#include "util/i18n.h"
#include "web/app.h"
#include "web/html.h"
#include "web/ui.h"

/* Renders the school's document into r->out; the start and length of its
 * inline stylesheet (the text between <style> and </style>) into *css, *n. */
static int render(struct pw_req *r, size_t *css, size_t *n)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_ui_auth(r, &a))
		return 0;
	const struct pw_protocol *p = pw_school_protocol(r->app->store, pw_actor_school(&a), NULL, &err);
	if (p == NULL) {
		pw_ui_error_page(r, &a, 500, "Protocol", err.msg, "/");
		return 0;
	}
	pw_protocol_render_html(p, &r->out);
	pw_buf_putc(&r->out, '\0');
	r->out.len--;
	const char *doc = r->out.data, *open = strstr(doc, "<style>"), *close = open ? strstr(open, "</style>") : NULL;
	*css = *n = 0;
	if (open && close) {
		*css = (size_t)(open - doc) + strlen("<style>");
		*n = (size_t)(close - doc) - *css;
	}
	return 1;
}

void pw_h_protocol_page(struct pw_req *r)
{
	size_t css, n;
	if (!render(r, &css, &n))
		return;
	if (n) {
		/* Replace "<style>...</style>" by a link to the same CSS. */
		const char *link = "<link rel=\"stylesheet\" href=\"/protocol.css\">";
		size_t from = css - strlen("<style>"), to = css + n + strlen("</style>");
		struct pw_buf nb;
		pw_buf_init(&nb);
		pw_buf_put(&nb, r->out.data, from);
		pw_html_raw(&nb, link);
		/* The document is the school's protocol as adopted, in Dutch; an
		 * English reader is told so, in English, above it. */
		const char *body = strstr(r->out.data + to, "<body>\n");
		size_t at = body ? (size_t)(body - r->out.data) + strlen("<body>\n") : to;
		pw_buf_put(&nb, r->out.data + to, at - to);
		if (body && strcmp(pw_lang(), "en") == 0)
			pw_html_printf(&nb, "<p class=\"note\" lang=\"en\">%s <a href=\"/\">%s</a></p>\n",
				       _("Dit is het pestprotocol van de school zoals de school het heeft vastgesteld, in het Nederlands."),
				       _("Terug naar Pestwijzer"));
		pw_buf_put(&nb, r->out.data + at, r->out.len - at);
		r->out.len = 0;
		pw_buf_put(&r->out, nb.data, nb.len);
		pw_buf_free(&nb);
	}
	pw_resp_html(r, 200);
}

void pw_h_protocol_css(struct pw_req *r)
{
	size_t css, n;
	if (!render(r, &css, &n))
		return;
	memmove(r->out.data, r->out.data + css, n);
	r->out.len = n;
	pw_resp_html(r, 200);
	r->content_type = "text/css; charset=utf-8";
}
