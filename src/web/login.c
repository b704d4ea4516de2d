/* Inloggen and uitloggen. The login form carries a CSRF token too: before a
 * session exists it is a random value in a short-lived cookie, echoed by the
 * form (double submit); SameSite=Strict keeps other sites out as well. */
#include <string.h>

#include "auth/auth.h"
#include "auth/password.h"
#include "store/people.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

#define PRE_COOKIE "pw_login"

static void login_form(struct pw_req *r, const char *login, const char *error, int status)
{
	const char *pre = pw_ui_anon_token(r, PRE_COOKIE, "/login", 3600);
	pw_page_begin(r, _("Inloggen"), NULL);
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<div class=\"narrow\"><h1>%s</h1>", _("Inloggen"));
	if (error)
		pw_html_printf(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2><p>%s</p></div>",
			       _("Dat lukte niet"), error);
	pw_html_printf(b,
		       "<form method=\"post\" action=\"/login\" novalidate>"
		       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		       "<div class=\"field\"><label for=\"login\">%s</label>"
		       "<input id=\"login\" name=\"login\" autocomplete=\"username\" autocapitalize=\"none\" "
		       "spellcheck=\"false\" required value=\"%s\"></div>"
		       "<div class=\"field\"><label for=\"password\">%s</label>"
		       "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>"
		       "<button type=\"submit\" class=\"primary\">%s</button></form></div>",
		       pre, _("Inlognaam"), login ? login : "", _("Wachtwoord"), _("Inloggen"));
	pw_page_end(r, status);
}

void pw_h_login_form(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (pw_auth_request(r, &a, 0, &err) == PW_OK) {
		pw_resp_redirect(r, "/");
		return;
	}
	pw_ui_lang_anon(r);
	login_form(r, NULL, NULL, 200);
}

void pw_h_login(struct pw_req *r)
{
	struct pw_err err;
	struct pw_fields f;
	pw_ui_lang_anon(r);
	if (pw_form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len, 16, &f, &err) != PW_OK) {
		login_form(r, NULL, _("Het formulier kwam niet goed aan. Probeer het opnieuw."), 400);
		return;
	}
	const char *login = pw_fields_get(&f, "login"), *pw = pw_fields_get(&f, "password");
	if (!pw_ui_anon_token_ok(r, &f, PRE_COOKIE)) {
		login_form(r, login, _("De pagina was verlopen. Vul je gegevens opnieuw in."), 403);
		return;
	}
	if (login == NULL || login[0] == '\0' || pw == NULL || pw[0] == '\0') {
		login_form(r, login, _("Vul je inlognaam en wachtwoord in."), 400);
		return;
	}
	char addr[64], akey[96], ukey[96];
	pw_req_addr(r, addr, sizeof addr);
	snprintf(akey, sizeof akey, "a:%s", addr);
	snprintf(ukey, sizeof ukey, "u:%.80s", login);
	int wait = pw_throttle_wait(ukey, PW_THROTTLE_ACCOUNT);
	int wa = pw_throttle_wait(akey, PW_THROTTLE_ADDRESS);
	if (wa > wait)
		wait = wa;
	if (wait > 0) {
		pw_resp_header(r, "Retry-After", pw_printf(&r->arena, "%d", wait));
		login_form(r, login,
			   pw_printf(&r->arena, _("Te veel mislukte pogingen. Wacht %d seconden en probeer het dan opnieuw."), wait),
			   429);
		return;
	}
	struct pw_user u;
	int ok = pw_store_user_by_login(r->app->store, &r->arena, login, &u, &err) == PW_OK && !u.disabled &&
		 pw_password_verify(u.password_hash, pw);
	if (!ok) {
		pw_throttle_fail(ukey);
		pw_throttle_fail(akey);
		/* The same words whether the login or the password was wrong. */
		login_form(r, login, _("Inlognaam of wachtwoord klopt niet."), 401);
		return;
	}
	pw_throttle_clear(ukey);
	if (pw_password_needs_rehash(u.password_hash)) {
		char h[128];
		if (pw_password_hash(pw, h, sizeof h, &err) == PW_OK)
			pw_store_user_set_password(r->app->store, u.id, h, &err);
	}
	if (pw_auth_login(r, u.id, &err) != PW_OK) {
		login_form(r, login, _("Inloggen lukt nu niet door een storing. Probeer het zo opnieuw."), 500);
		return;
	}
	pw_resp_redirect(r, "/");
}

void pw_h_logout(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	struct pw_fields f;
	if (pw_auth_request(r, &a, 0, &err) != PW_OK) {
		pw_resp_redirect(r, "/login");
		return;
	}
	if (pw_form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len, 8, &f, &err) != PW_OK ||
	    !pw_auth_csrf_ok(&a, pw_fields_get(&f, "csrf"))) {
		pw_resp_text(r, 403, _("Ongeldig formulier (CSRF). Ga terug en probeer het opnieuw.\n"));
		return;
	}
	pw_auth_logout(r, &a);
	/* The login page that follows speaks the language the user chose. */
	pw_resp_header(r, "Set-Cookie",
		       pw_printf(&r->arena, "%s=%s; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax%s", PW_UI_LANG_COOKIE,
				 a.lang && strcmp(a.lang, "en") == 0 ? "en" : "nl", r->app->behind_tls ? "; Secure" : ""));
	pw_resp_redirect(r, "/login");
}
