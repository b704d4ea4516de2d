#include "web/layout.h"

#include <string.h>

#include "core/calendar.h"
#include "util/clock.h"
#include "web/html.h"

const char *pw_today(struct pw_req *r)
{
	char *d = pw_alloc(&r->arena, 11);
	pw_day_format(pw_day_from_unix(pw_now()), d);
	return d;
}

void pw_form_csrf(struct pw_req *r, const struct pw_actor *actor)
{
	pw_html_printf(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", actor->csrf);
}

void pw_page_begin(struct pw_req *r, const char *title, const struct pw_actor *actor)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b,
		       "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		       "<title>%s · Pestwijzer</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
		       "<script src=\"/static/app.js\" defer></script></head><body>"
		       "<a class=\"skip\" href=\"#main\">Naar de inhoud</a>"
		       "<header class=\"top\"><div class=\"bar\"><a class=\"brand\" href=\"/\">Pestwijzer</a>",
		       title);
	if (actor) {
		pw_html_printf(b,
			       "<nav aria-label=\"Account\"><span class=\"who\">%s</span>"
			       "<form method=\"post\" action=\"/logout\" class=\"inline\">",
			       actor->name);
		pw_form_csrf(r, actor);
		pw_html_raw(b, "<button type=\"submit\" class=\"link\">Uitloggen</button></form>"
			       "<a class=\"hide-btn\" href=\"/verberg\" id=\"hide\" title=\"Scherm direct leegmaken\">"
			       "Verberg</a></nav>");
	}
	pw_html_raw(b, "</div></header><main id=\"main\" class=\"container\">");
}

void pw_page_end(struct pw_req *r, int status)
{
	pw_html_raw(&r->out, "</main></body></html>");
	pw_resp_html(r, status ? status : 200);
}
