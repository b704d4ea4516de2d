/* Letters to parents (issue 7): the recipients as the records say, a
 * template filled from the case, sending (mail through the outbox, or a
 * printable letter), and the letters kept. Only those who act on the case
 * (PW_CASE_WORK) reach any of it; what it checks and writes is in
 * app/letters.c. */
#include <string.h>

#include "api/apiutil.h"
#include "app/letters.h"
#include "store/people.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "web/app.h"
#include "web/html.h"

/* Opens the case of the URL for someone who acts on it: 404 when they may
 * not see it, 403 when they only read it. 0 after answering. */
static int open_work(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case *lc)
{
	struct pw_err err;
	if (!pw_api_open_case(r, a, lc))
		return 0;
	if (pw_access_case(a, lc->p, &lc->facts, PW_CASE_WORK, NULL, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return 0;
	}
	return 1;
}

/* An id field of j (a positive integer); 0 after answering 400 naming it. */
static int64_t id_field(struct pw_req *r, json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);
	if (json_is_integer(v) && json_integer_value(v) > 0)
		return (int64_t)json_integer_value(v);
	pw_api_fail(r, PW_EINVAL, key, "Geef een id (een positief getal).");
	return 0;
}

static json_t *letter_json(const struct pw_letter *l, bool full)
{
	json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:o}", "id", (json_int_t)l->id, "student",
			      (json_int_t)l->student_id, "parent", (json_int_t)l->parent_id, "parent_name", l->parent_name,
			      "subject", l->subject, "channel", l->channel, "by", (json_int_t)l->by, "by_name",
			      l->by_name ? l->by_name : "", "at", pw_api_time(l->at));
	if (full)
		json_object_set_new(o, "text", json_string(l->text));
	return o;
}

void pw_h_api_letter_recipients(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	if (!open_work(r, &a, &lc))
		return;
	int64_t student = pw_api_id(pw_req_query(r, "student"));
	struct pw_letter_recipient *rv;
	size_t n;
	int age;
	if (pw_letter_recipients(r->app->store, &r->arena, &lc, student, &rv, &n, &age, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct pw_parent_link *p = &rv[i].link;
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s?, s:b, s:s?, s:b, s:s?, s:s?}", "parent",
						       (json_int_t)p->id, "name", p->name, "relation", p->relation, "email",
						       p->email[0] ? p->email : NULL, "custody", p->custody, "restriction",
						       p->restriction[0] ? p->restriction : NULL, "allowed", rv[i].v.allowed,
						       "reason", rv[i].v.reason, "note", rv[i].v.note));
	}
	pw_resp_json(r, 200,
		     json_pack("{s:I, s:o, s:b, s:o}", "student", (json_int_t)student, "age",
			       age >= 0 ? json_integer(age) : json_null(), "consent_needed", age >= PW_LETTER_CONSENT_AGE,
			       "items", items));
}

void pw_h_api_letter_preview(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	json_t *j = NULL;
	if (!open_work(r, &a, &lc) || (j = pw_api_body(r)) == NULL)
		return;
	const char *key, *subject, *text;
	int64_t student, parent;
	if (!pw_api_text(r, j, "template", 40, 1, &key) || !(student = id_field(r, j, "student")) ||
	    !(parent = id_field(r, j, "parent")))
		goto out;
	if (pw_letter_preview(r->app->store, &r->arena, &a, &lc, key, student, parent, &subject, &text, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		goto out;
	}
	pw_resp_json(r, 200, json_pack("{s:s, s:s, s:s}", "template", key, "subject", subject, "text", text));
out:
	json_decref(j);
}

void pw_h_api_letter_send(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	json_t *j = NULL;
	if (!open_work(r, &a, &lc) || (j = pw_api_body(r)) == NULL)
		return;
	struct pw_letter_send in = {0};
	json_t *consent = json_object_get(j, "consent");
	if (!(in.student = id_field(r, j, "student")) || !(in.parent = id_field(r, j, "parent")) ||
	    !pw_api_text(r, j, "subject", 200, 1, &in.subject) || !pw_api_text(r, j, "text", 20000, 1, &in.text) ||
	    !pw_api_text(r, j, "channel", 10, 1, &in.channel))
		goto out;
	if (consent && !json_is_boolean(consent)) {
		pw_api_fail(r, PW_EINVAL, "consent", "consent is true of false.");
		goto out;
	}
	in.consent = json_is_true(consent);
	struct pw_letter l;
	if (pw_letter_send(r->app->store, &r->arena, &a, &lc, &in, &l, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		goto out;
	}
	json_t *o = letter_json(&l, true);
	if (l.outbox_id)
		json_object_set_new(o, "outbox_id", json_integer(l.outbox_id));
	else
		json_object_set_new(o, "print_url", json_sprintf("/api/v1/cases/%lld/letters/%lld", (long long)l.case_id,
								 (long long)l.id));
	pw_resp_json(r, 201, o);
out:
	json_decref(j);
}

void pw_h_api_letters(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	if (!open_work(r, &a, &lc))
		return;
	struct pw_letter *v;
	size_t n;
	if (pw_store_letter_list(r->app->store, &r->arena, lc.row.id, &v, &n, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, letter_json(&v[i], false));
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* The text as paragraphs (blank lines) with line breaks, every byte escaped. */
static void paragraphs(struct pw_buf *b, const char *t)
{
	pw_html_raw(b, "<p>");
	for (const char *p = t; *p;) {
		size_t k = strcspn(p, "\r\n");
		pw_html_textn(b, p, k);
		p += k;
		if (*p == '\0')
			break;
		int nl = 0;
		while (*p == '\r' || *p == '\n')
			nl += *p++ == '\n';
		if (*p == '\0')
			break;
		pw_html_raw(b, nl >= 2 ? "</p><p>" : "<br>");
	}
	pw_html_raw(b, "</p>");
}

/* The letter as a page to print: the school's name, the date, the
 * addressee, the text as sent, a signature line. Print styles in brief.css
 * (no inline styles: the CSP forbids them). Shared with the case page's
 * letter route (web/brieven.c), which reaches it by session. */
void pw_letter_page(struct pw_req *r, const struct pw_loaded_case *lc, const struct pw_letter *l, const char *school)
{
	struct pw_buf *b = &r->out;
	/* The letter itself (Aan, the date, Betreft, the text) goes to the
	 * parents as written, in Dutch; only the line for the staff member who
	 * prints it, never printed, is in their language. */
	pw_html_printf(b,
		       "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		       "<title>%s · %s</title><link rel=\"stylesheet\" href=\"/static/brief.css\"></head>"
		       "<body class=\"brief\"><main><p class=\"no-print\" lang=\"%s\">%s "
		       "<a href=\"/casus/%lld#brieven\">%s</a></p><article>"
		       "<header><h1 class=\"school\">%s</h1></header>"
		       "<p class=\"aan\">Aan: %s</p><p class=\"datum\">%s</p>"
		       "<p class=\"betreft\"><strong>Betreft:</strong> %s</p><div class=\"tekst\">",
		       l->subject, school, pw_lang(), _("Druk deze brief af met Ctrl+P (Cmd+P)."), (long long)lc->row.id,
		       _("Terug naar de casus"), school, l->parent_name, pw_letter_day(&r->arena, pw_day_from_unix(l->at)),
		       l->subject);
	paragraphs(b, l->text);
	pw_html_printf(b,
		       "</div><div class=\"handtekening\"><div class=\"lijn\"></div><p>%s<br>%s</p></div>"
		       "</article></main></body></html>",
		       l->by_name, school);
	pw_resp_html(r, 200);
}

void pw_h_api_letter_get(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	if (!open_work(r, &a, &lc))
		return;
	struct pw_letter l;
	struct pw_school sc;
	if (pw_store_letter_get(r->app->store, &r->arena, lc.row.id, pw_api_id(r->params[1]), &l, &err) != PW_OK ||
	    pw_store_school_by_id(r->app->store, &r->arena, lc.row.school_id, &sc, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_letter_page(r, &lc, &l, sc.name);
}
