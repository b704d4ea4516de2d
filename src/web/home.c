/* Mijn taken: the home page. Until the protocol engine lands it shows who
 * you are, your functies and your classes. */
#include <string.h>

#include "store/people.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"

static const char *functie_title(const char *f)
{
	static const struct {
		const char *key, *title;
	} t[] = {
		{"vakdocent", "vakdocent"},
		{"mentor", "mentor"},
		{"clz", "coördinator leerlingzaken (CLZ)"},
		{"apc", "anti-pestcoördinator"},
		{"mt", "management (MT)"},
		{"leerlingbegeleider", "leerlingbegeleider"},
		{"ib", "interne begeleiding"},
		{"vertrouwenspersoon", "vertrouwenspersoon"},
		{"beheerder", "beheerder"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].key, f) == 0)
			return t[i].title;
	return f;
}

void pw_h_home(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (pw_auth_request(r, &a, 0, &err) != PW_OK) {
		pw_resp_redirect(r, "/login");
		return;
	}
	struct pw_buf *b = &r->out;
	pw_page_begin(r, "Mijn taken", &a);
	pw_html_printf(b, "<h1>Mijn taken</h1><p class=\"lead\">Welkom, %s.</p>", a.name);
	pw_html_raw(b, "<h2>Je functies</h2><ul>");
	for (size_t i = 0; i < a.nfuncties; i++) {
		struct pw_school sc;
		const char *school = pw_store_school_by_id(r->app->store, &r->arena, a.functies[i].school_id, &sc, &err) == PW_OK
					     ? sc.name
					     : "";
		pw_html_printf(b, "<li>%s, %s%s%s</li>", functie_title(a.functies[i].functie), school,
			       a.functies[i].department[0] ? ", afdeling " : "", a.functies[i].department);
	}
	pw_html_raw(b, "</ul>");
	struct pw_class *cls;
	size_t n;
	if (pw_store_user_classes(r->app->store, &r->arena, a.user_id, pw_today(r), &cls, &n, &err) == PW_OK && n) {
		pw_html_raw(b, "<h2>Je mentorklassen</h2><ul>");
		for (size_t i = 0; i < n; i++)
			pw_html_printf(b, "<li>%s (leerjaar %d, %d leerlingen)</li>", cls[i].name, cls[i].year, cls[i].students);
		pw_html_raw(b, "</ul>");
	}
	pw_page_end(r, 200);
}

/* The hide control's landing page: nothing on it that anyone may not see. */
void pw_h_hide(struct pw_req *r)
{
	pw_html_raw(&r->out, "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
			     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
			     "<title>Pestwijzer</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
			     "<body class=\"hidden-screen\"><main class=\"container\"><p><a href=\"/\">Verder</a></p>"
			     "</main></body></html>");
	pw_resp_html(r, 200);
}
