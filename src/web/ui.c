#include "web/ui.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store/people.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "util/i18n.h"

/* The words of this file, in one place (see ui.h). */
static const struct {
	const char *form_bad, *form_expired, *summary_title, *back;
	const char *error_prefix, *day, *day_short;
	const char *months[12], *months_short[12], *weekdays[7];
} T_nl = {
	.form_bad = N_("Het formulier kwam niet goed aan. Ga terug en probeer het opnieuw."),
	.form_expired = N_("De pagina was verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens."),
	.summary_title = N_("Er ging iets mis"),
	.back = N_("Terug"),
	.error_prefix = N_("Fout: "),
	/* TRANSLATORS: a day, "3 februari 2026": the day, the month, the year. */
	.day = N_("%d %s %d"),
	/* TRANSLATORS: a short day for lists, "di 3 feb": weekday, day, month. */
	.day_short = N_("%s %d %s"),
	.months = {N_("januari"), N_("februari"), N_("maart"), N_("april"), N_("mei"), N_("juni"), N_("juli"),
		   N_("augustus"), N_("september"), N_("oktober"), N_("november"), N_("december")},
	/* TRANSLATORS: short month names. */
	.months_short = {N_("jan"), N_("feb"), N_("mrt"), N_("apr"), N_("mei"), N_("jun"), N_("jul"), N_("aug"),
			 N_("sep"), N_("okt"), N_("nov"), N_("dec")},
	.weekdays = {N_("ma"), N_("di"), N_("wo"), N_("do"), N_("vr"), N_("za"), N_("zo")},
};
#define T PW_TR_TABLE(T_nl)

int pw_ui_auth(struct pw_req *r, struct pw_actor *a)
{
	struct pw_err err;
	if (pw_auth_request(r, a, 0, &err) != PW_OK || a->via_token) {
		pw_resp_redirect(r, "/login");
		return 0;
	}
	pw_lang_set(a->lang);
	return 1;
}

const char *pw_ui_anon_token(struct pw_req *r, const char *cookie, const char *path, int max_age)
{
	char *t = pw_alloc(&r->arena, 64);
	pw_auth_secret(t, 64);
	pw_resp_header(r, "Set-Cookie",
		       pw_printf(&r->arena, "%s=%s; Path=%s; HttpOnly; SameSite=Strict; Max-Age=%d%s", cookie, t, path, max_age,
				 r->app->behind_tls ? "; Secure" : ""));
	return t;
}

bool pw_ui_anon_token_ok(struct pw_req *r, const struct pw_fields *f, const char *cookie)
{
	const char *csrf = pw_fields_get(f, "csrf"), *c = pw_req_cookie(r, cookie);
	size_t n = c ? strlen(c) : 0;
	return csrf && n > 0 && strlen(csrf) == n && sodium_memcmp(csrf, c, n) == 0;
}

void pw_ui_lang_anon(struct pw_req *r)
{
	const char *c = pw_req_cookie(r, PW_UI_LANG_COOKIE);
	if (c && (strcmp(c, "en") == 0 || strcmp(c, "nl") == 0))
		pw_lang_set(c);
	else
		pw_lang_set(pw_lang_accept(pw_req_header(r, "Accept-Language")));
}

bool pw_ui_safe_path(const char *p)
{
	/* A path on this site: "/x", never "//host" or "/\\host" (browsers read
	 * both as another site), and nothing that could end the header. */
	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\' || strlen(p) > 512)
		return false;
	for (const unsigned char *c = (const unsigned char *)p; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || *c == '\\')
			return false;
	return true;
}

const char *pw_ui_title(const char *titel, const char *title_en)
{
	return title_en && title_en[0] && strcmp(pw_lang(), "en") == 0 ? title_en : titel;
}

void pw_ui_error_page(struct pw_req *r, const struct pw_actor *a, int status, const char *title, const char *msg,
		      const char *back)
{
	r->out.len = 0;
	pw_page_begin(r, title, a);
	pw_html_printf(&r->out, "<div class=\"panel\"><h1>%s</h1><p>%s</p><p><a href=\"%s\">%s</a></p></div>", title, msg,
		       back ? back : "/", T.back);
	pw_page_end(r, status);
}

int pw_ui_form(struct pw_req *r, const struct pw_actor *a, size_t max, struct pw_fields *f)
{
	struct pw_err err;
	if (pw_form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len, max, f, &err) != PW_OK) {
		pw_ui_error_page(r, a, 400, T.summary_title, T.form_bad, NULL);
		return 0;
	}
	if (!pw_auth_csrf_ok(a, pw_fields_get(f, "csrf"))) {
		pw_ui_error_page(r, a, 403, T.summary_title, T.form_expired, NULL);
		return 0;
	}
	return 1;
}

void pw_ui_error_add(struct pw_ui_errors *e, const char *field, const char *msg)
{
	if (e->n < PW_UI_MAX_ERRORS && pw_ui_error_of(e, field ? field : "") == NULL) {
		e->v[e->n].field = field ? field : "";
		e->v[e->n].msg = msg;
		e->n++;
	}
}

const char *pw_ui_error_of(const struct pw_ui_errors *e, const char *field)
{
	for (size_t i = 0; e && i < e->n; i++)
		if (strcmp(e->v[i].field, field) == 0)
			return e->v[i].msg;
	return NULL;
}

void pw_ui_error_summary(struct pw_buf *b, const struct pw_ui_errors *e)
{
	if (e == NULL || e->n == 0)
		return;
	/* role=alert and focus (app.js) so a screen reader hears it first. */
	pw_html_printf(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"fouten\"><h2>%s</h2><ul>",
		       T.summary_title);
	for (size_t i = 0; i < e->n; i++) {
		if (e->v[i].field[0])
			pw_html_printf(b, "<li><a href=\"#%s\">%s</a></li>", e->v[i].field, e->v[i].msg);
		else
			pw_html_printf(b, "<li>%s</li>", e->v[i].msg);
	}
	pw_html_raw(b, "</ul></div>");
}

void pw_ui_field_begin(struct pw_buf *b, const struct pw_ui_errors *e, const char *id, const char *label,
		       const char *hint)
{
	const char *msg = pw_ui_error_of(e, id);
	pw_html_printf(b, "<div class=\"field%s\"><label for=\"%s\">%s</label>", msg ? " has-error" : "", id, label);
	if (hint)
		pw_html_printf(b, "<span class=\"hint\" id=\"%s-hint\">%s</span>", id, hint);
	if (msg)
		pw_html_printf(b, "<span class=\"field-error\" id=\"%s-error\"><span class=\"sr-only\">%s</span>%s</span>", id,
			       T.error_prefix, msg);
}

void pw_ui_described(struct pw_buf *b, const struct pw_ui_errors *e, const char *id, const char *hint)
{
	const char *msg = pw_ui_error_of(e, id);
	if (!hint && !msg)
		return;
	pw_html_raw(b, " aria-describedby=\"");
	if (hint)
		pw_html_printf(b, "%s-hint", id);
	if (hint && msg)
		pw_html_raw(b, " ");
	if (msg)
		pw_html_printf(b, "%s-error", id);
	pw_html_raw(b, msg ? "\" aria-invalid=\"true\"" : "\"");
}

void pw_ui_field_end(struct pw_buf *b)
{
	pw_html_raw(b, "</div>");
}

const char **pw_ui_values(struct pw_arena *a, const struct pw_fields *f, const char *name, size_t *n)
{
	const char **v = pw_calloc(a, f->n + 1, sizeof *v);
	*n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0 && f->v[i].value[0])
			v[(*n)++] = f->v[i].value;
	return v;
}

bool pw_ui_has_value(const struct pw_fields *f, const char *name, const char *value)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0 && strcmp(f->v[i].value, value) == 0)
			return true;
	return false;
}

const char *pw_ui_get(struct pw_arena *a, const struct pw_fields *f, const char *name)
{
	const char *v = f ? pw_fields_get(f, name) : NULL;
	if (v == NULL)
		return NULL;
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
		n--;
	if (n == 0)
		return NULL;
	char *s = pw_alloc(a, n + 1);
	memcpy(s, v, n);
	s[n] = '\0';
	return s;
}

const char *pw_ui_day(struct pw_arena *a, pw_day d)
{
	int y, m, dd;
	if (d == 0)
		return "";
	pw_day_to_ymd(d, &y, &m, &dd);
	return pw_printf(a, T.day, dd, T.months[m - 1], y);
}

const char *pw_ui_day_short(struct pw_arena *a, pw_day d)
{
	int y, m, dd;
	if (d == 0)
		return "";
	pw_day_to_ymd(d, &y, &m, &dd);
	return pw_printf(a, T.day_short, T.weekdays[pw_day_weekday(d) - 1], dd, T.months_short[m - 1]);
}

const char *pw_ui_time(struct pw_arena *a, int64_t t)
{
	if (t == 0)
		return "";
	int64_t local = t + pw_amsterdam_offset(t);
	pw_day d = pw_day_from_unix(t);
	int64_t sod = ((local % 86400) + 86400) % 86400;
	return pw_printf(a, "%s, %02d:%02d", pw_ui_day(a, d), (int)(sod / 3600), (int)(sod % 3600 / 60));
}

void pw_ui_tag(struct pw_buf *b, const char *kind, const char *text)
{
	pw_html_printf(b, "<strong class=\"tag tag-%s\">%s</strong>", kind, text);
}

static bool bullet(const char *line, size_t n, size_t *skip)
{
	if (n >= 2 && line[0] == '-' && line[1] == ' ') {
		*skip = 2;
		return true;
	}
	return false;
}

void pw_ui_prose(struct pw_buf *b, const char *text)
{
	if (text == NULL)
		return;
	/* Paragraphs are separated by blank lines; a "- " line starts a list
	 * item, and indented lines continue the item or paragraph before. */
	enum { NONE, PARA, LIST } state = NONE;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *line = p;
		size_t len = n;
		while (len && (*line == ' ' || *line == '\t')) {
			line++;
			len--;
		}
		size_t skip = 0;
		if (len == 0) {
			pw_html_raw(b, state == PARA ? "</p>" : state == LIST ? "</li></ul>" : "");
			state = NONE;
		} else if (bullet(line, len, &skip)) {
			if (state == PARA)
				pw_html_raw(b, "</p>");
			pw_html_raw(b, state == LIST ? "</li><li>" : "<ul><li>");
			state = LIST;
			pw_html_textn(b, line + skip, len - skip);
		} else if (state == NONE) {
			pw_html_raw(b, "<p>");
			state = PARA;
			pw_html_textn(b, line, len);
		} else {
			pw_html_raw(b, " ");
			pw_html_textn(b, line, len);
		}
		p = nl ? nl + 1 : p + n;
	}
	pw_html_raw(b, state == PARA ? "</p>" : state == LIST ? "</li></ul>" : "");
}

const char *pw_ui_user_name(struct pw_req *r, int64_t user_id)
{
	struct pw_user u;
	struct pw_err err;
	if (user_id <= 0 || pw_store_user_get(r->app->store, &r->arena, user_id, &u, &err) != PW_OK)
		return "";
	return u.name;
}

int64_t pw_ui_id(const char *s)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	return s && *s && *end == '\0' && v > 0 ? v : 0;
}

const char *pw_ui_case_name(struct pw_arena *a, const struct pw_case *c)
{
	const struct pw_level *l = pw_case_level(c);
	const struct pw_person *who = NULL;
	for (size_t i = 0; i < c->n_persons && who == NULL; i++)
		if (l && l->owner_of && strcmp(c->persons[i].rol, l->owner_of->key) == 0)
			who = &c->persons[i];
	if (who == NULL && c->n_persons)
		who = &c->persons[0];
	if (who == NULL)
		return "";
	if (who->student_id == 0)
		return who->extern_desc ? who->extern_desc : "";
	return who->class_name ? pw_printf(a, "%s (%s)", who->name ? who->name : "", who->class_name)
			       : (who->name ? who->name : "");
}

const char *pw_ui_level_title(const struct pw_protocol *p, const char *level)
{
	const struct pw_level *l = level ? pw_protocol_level(p, level) : NULL;
	return l ? pw_ui_title(l->titel, l->title_en) : (level ? level : "");
}

const char *pw_ui_sitrole_title(const struct pw_protocol *p, const char *key)
{
	const struct pw_sitrole *s = key && p ? pw_protocol_sitrole(p, key) : NULL;
	return s ? PW_UI_TITLE(s) : (key ? key : "");
}

const char *pw_ui_functie_title(const struct pw_protocol *p, const char *key)
{
	const struct pw_functie *f = key && p ? pw_protocol_functie(p, key) : NULL;
	return f ? PW_UI_TITLE(f) : (key ? key : "");
}
