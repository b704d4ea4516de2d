#include "web/layout.h"

#include <string.h>

#include "core/calendar.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "web/html.h"
#include "web/ui.h"

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

/* The language switch: a form, so that it works without JavaScript, naming
 * the other language in that language. It brings the user back to this page
 * (a GET page; after a POST to the start page, which always exists). Its
 * button has no type attribute (a submit button all the same) so that it is
 * not taken for the page's own button[type=submit], the login's above all. */
static void lang_switch(struct pw_req *r, const struct pw_actor *actor)
{
	struct pw_buf *b = &r->out;
	int en = strcmp(pw_lang(), "en") == 0;
	const char *back = strcmp(r->method, "GET") == 0 && pw_ui_safe_path(r->path) ? r->path : "/";
	pw_html_raw(b, "<form method=\"post\" action=\"/taal\" class=\"inline lang-switch\">");
	if (actor)
		pw_form_csrf(r, actor);
	pw_html_printf(b,
		       "<input type=\"hidden\" name=\"lang\" value=\"%s\"><input type=\"hidden\" name=\"terug\" value=\"%s\">"
		       "<button class=\"link\" lang=\"%s\">%s</button></form>",
		       en ? "nl" : "en", back, en ? "nl" : "en", en ? "Nederlands" : "English");
}

void pw_page_begin(struct pw_req *r, const char *title, const struct pw_actor *actor)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b,
		       "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		       "<title>%s · Pestwijzer</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
		       "<script src=\"/static/app.js\" defer></script></head><body>"
		       "<a class=\"skip\" href=\"#main\">%s</a>"
		       "<header class=\"top\"><div class=\"bar\"><a class=\"brand\" href=\"/\">Pestwijzer</a>",
		       pw_lang(), title, _("Naar de inhoud"));
	if (actor) {
		pw_html_printf(b,
			       "<nav aria-label=\"%s\"><a class=\"who\" href=\"/instellingen\" title=\"%s\">%s</a>",
			       _("Account"), _("Mijn instellingen"), actor->name);
		lang_switch(r, actor);
		pw_html_raw(b, "<form method=\"post\" action=\"/logout\" class=\"inline\">");
		pw_form_csrf(r, actor);
		pw_html_printf(b,
			       "<button type=\"submit\" class=\"link\">%s</button></form>"
			       "<a class=\"hide-btn\" href=\"/verberg\" id=\"hide\" title=\"%s\">%s</a></nav>",
			       _("Uitloggen"), _("Scherm direct leegmaken"), _("Verberg"));
	} else {
		pw_html_printf(b, "<nav aria-label=\"%s\">", _("Taal"));
		lang_switch(r, NULL);
		pw_html_raw(b, "</nav>");
	}
	pw_html_raw(b, "</div></header><main id=\"main\" class=\"container\">");
}

void pw_page_end(struct pw_req *r, int status)
{
	pw_html_raw(&r->out, "</main></body></html>");
	pw_resp_html(r, status ? status : 200);
}
