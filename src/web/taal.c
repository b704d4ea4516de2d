/* The language switch (POST /taal): Dutch or English, from the form in every
 * page's header. A logged-in user's choice is kept with the account, so it
 * follows them to another device and survives logging out; every visitor's
 * choice is kept in the pw_lang cookie as well (the login page and the
 * anonymous pages read it), which holds nothing but "nl" or "en". */
#include <string.h>

#include "auth/auth.h"
#include "store/people.h"
#include "util/i18n.h"
#include "web/app.h"
#include "web/ui.h"

/* Without a session there is no CSRF token; a form posted from another site
 * could at most change this visitor's language, but refuse it all the same
 * when the browser says where it came from. */
static int same_origin(struct pw_req *r)
{
	const char *origin = pw_req_header(r, "Origin"), *host = pw_req_header(r, "Host");
	if (origin == NULL || strcmp(origin, "null") == 0)
		return origin == NULL;
	const char *h = strstr(origin, "://");
	return host != NULL && h != NULL && strcmp(h + 3, host) == 0;
}

void pw_h_taal(struct pw_req *r)
{
	struct pw_fields f;
	struct pw_err err;
	struct pw_actor a;
	int in = pw_auth_request(r, &a, 0, &err) == PW_OK && !a.via_token;
	if (in)
		pw_lang_set(a.lang);
	else
		pw_ui_lang_anon(r);
	if (in) {
		if (!pw_ui_form(r, &a, 8, &f))
			return;
	} else if (pw_form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len, 8, &f, &err) != PW_OK ||
		   !same_origin(r)) {
		pw_ui_error_page(r, NULL, 400, _("Er ging iets mis"),
				 _("Het formulier kwam niet goed aan. Ga terug en probeer het opnieuw."), NULL);
		return;
	}
	const char *lang = pw_fields_get(&f, "lang"), *back = pw_fields_get(&f, "terug");
	if (lang == NULL || (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0)) {
		pw_ui_error_page(r, in ? &a : NULL, 400, _("Er ging iets mis"), _("Kies Nederlands of Engels."), NULL);
		return;
	}
	if (in && pw_store_user_set_lang(r->app->store, a.user_id, lang, &err) != PW_OK) {
		pw_ui_error_page(r, &a, 500, _("Er ging iets mis"),
				 _("De taal kon nu niet worden bewaard. Probeer het zo opnieuw."), NULL);
		return;
	}
	pw_resp_header(r, "Set-Cookie",
		       pw_printf(&r->arena, "%s=%s; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax%s", PW_UI_LANG_COOKIE,
				 lang, r->app->behind_tls ? "; Secure" : ""));
	pw_resp_redirect(r, pw_ui_safe_path(back) ? back : "/");
}
