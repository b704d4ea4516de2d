/* Beheer › E-mail: the mail the outbox could not deliver (issue 7: "failures
 * visible to beheerder"), the mail still waiting, and the last ones sent,
 * for the beheerder's school; a failed mail goes back in the queue after the
 * address is fixed. The same store calls and the same audit as the API's
 * /api/v1/admin/outbox. */
#include <string.h>

#include "store/outbox.h"
#include "store/people.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "web/app.h"
#include "web/html.h"
#include "web/instellingen.h"
#include "web/layout.h"
#include "web/ui.h"

static const struct {
	const char *title, *lead, *back, *failed, *failed_none, *pending, *pending_none, *sent, *sent_none, *to, *subject,
		*attempts, *error, *next, *at, *retry, *retried, *forbidden;
} T_nl = {
	.title = N_("E-mail"),
	.lead = N_("Wat Pestwijzer mailt, zegt alleen dát er iets is (nooit wat). Mislukt een mail, dan probeert Pestwijzer "
		"het later opnieuw; lukt het na een aantal pogingen niet, dan staat de mail hier. Verbeter het adres bij het "
		"account en kies ‘Opnieuw versturen’."),
	.back = N_("Terug naar Beheer"),
	.failed = N_("Niet afgeleverd"),
	.failed_none = N_("Geen mail die niet kon worden afgeleverd."),
	.pending = N_("Wacht op versturen"),
	.pending_none = N_("Er wacht geen mail."),
	.sent = N_("Laatst verstuurd"),
	.sent_none = N_("Nog niets verstuurd."),
	.to = N_("Aan"),
	.subject = N_("Onderwerp"),
	.attempts = N_("Pogingen"),
	.error = N_("Laatste fout"),
	.next = N_("Volgende poging"),
	.at = N_("Verstuurd"),
	.retry = N_("Opnieuw versturen"),
	.retried = N_("De mail staat weer in de wachtrij."),
	.forbidden = N_("Deze pagina is voor de beheerder van de school."),
};
#define T PW_TR_TABLE(T_nl)

/* The beheerder's school; 0 after answering. */
static int64_t admin_school(struct pw_req *r, const struct pw_actor *a)
{
	struct pw_err err;
	int64_t school = pw_actor_managed_school(a, NULL);
	if (school == 0 || pw_access(a, PW_ACT_ADMIN, school, &err) != PW_OK) {
		pw_ui_error_page(r, a, 403, T.title, T.forbidden, "/");
		return 0;
	}
	return school;
}

static void table(struct pw_req *r, const struct pw_actor *a, const struct pw_outbox_row *v, size_t n, const char *status,
		  const char *id, const char *title, const char *none, size_t max)
{
	struct pw_buf *b = &r->out;
	size_t shown = 0;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>", id, id, title);
	for (size_t i = 0; i < n && shown < max; i++) {
		if (strcmp(v[i].status, status) != 0)
			continue;
		if (shown++ == 0) {
			pw_html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"%s\"><table><thead><tr>"
					  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
				       id, T.to, T.subject, T.attempts);
			if (strcmp(status, "sent") == 0)
				pw_html_printf(b, "<th scope=\"col\">%s</th>", T.at);
			else
				pw_html_printf(b, "<th scope=\"col\">%s</th>", strcmp(status, "failed") == 0 ? T.error : T.next);
			if (strcmp(status, "failed") == 0)
				pw_html_printf(b, "<th scope=\"col\"><span class=\"sr-only\">%s</span></th>", _("Actie"));
			pw_html_raw(b, "</tr></thead><tbody>");
		}
		pw_html_printf(b, "<tr id=\"mail-%lld\"><td>%s</td><td>%s</td><td>%lld</td><td>", (long long)v[i].id, v[i].recipient,
			       v[i].subject[0] ? v[i].subject : "—", (long long)v[i].attempts);
		if (strcmp(status, "sent") == 0)
			pw_html_text(b, pw_ui_time(&r->arena, v[i].sent_at));
		else if (strcmp(status, "failed") == 0)
			pw_html_text(b, v[i].last_error ? v[i].last_error : "—");
		else
			pw_html_text(b, pw_ui_time(&r->arena, v[i].next_attempt_at));
		pw_html_raw(b, "</td>");
		if (strcmp(status, "failed") == 0) {
			pw_html_printf(b, "<td><form method=\"post\" action=\"/beheer/mail/%lld\" class=\"inline\">", (long long)v[i].id);
			pw_form_csrf(r, a);
			pw_html_printf(b, "<button type=\"submit\" class=\"small\">%s<span class=\"sr-only\"> (%s)</span></button></form></td>",
				       T.retry, v[i].recipient);
		}
		pw_html_raw(b, "</tr>");
	}
	if (shown)
		pw_html_raw(b, "</tbody></table></div>");
	else
		pw_html_printf(b, "<p>%s</p>", none);
	pw_html_raw(b, "</section>");
}

/* GET /beheer/mail */
void pw_h_beheer_mail(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_ui_auth(r, &a))
		return;
	int64_t school = admin_school(r, &a);
	if (school == 0)
		return;
	struct pw_outbox_row *v;
	size_t n = 0;
	if (pw_store_outbox_list(r->app->store, &r->arena, NULL, school, 2000, &v, &n, &err) != PW_OK) {
		pw_ui_error_page(r, &a, 500, T.title, err.msg, "/beheer");
		return;
	}
	struct pw_buf *b = &r->out;
	pw_page_begin(r, T.title, &a);
	pw_html_printf(b, "<p class=\"back\"><a href=\"/beheer\">%s</a></p><div class=\"page-head\"><h1>%s</h1>"
			  "<p class=\"lead\">%s</p></div>",
		       T.back, T.title, T.lead);
	if (pw_req_query(r, "klaar"))
		pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>", T.retried);
	table(r, &a, v, n, "failed", "h-mislukt", T.failed, T.failed_none, 200);
	table(r, &a, v, n, "pending", "h-wacht", T.pending, T.pending_none, 200);
	table(r, &a, v, n, "sent", "h-verstuurd", T.sent, T.sent_none, 20);
	pw_page_end(r, 200);
}

/* POST /beheer/mail/{id}: a failed mail of this school's people goes back in the queue. */
void pw_h_beheer_mail_retry(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_fields f;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 4, &f))
		return;
	int64_t school = admin_school(r, &a);
	if (school == 0)
		return;
	int64_t id = pw_ui_id(r->params[0]);
	struct pw_outbox_row *v;
	size_t n = 0;
	bool mine = false;
	if (id && pw_store_outbox_list(r->app->store, &r->arena, "failed", school, 100000, &v, &n, &err) == PW_OK)
		for (size_t i = 0; i < n && !mine; i++)
			mine = v[i].id == id;
	if (!mine) {
		pw_ui_error_page(r, &a, 404, T.title, _("Deze mail bestaat niet, of is niet mislukt."), "/beheer/mail");
		return;
	}
	if (pw_store_outbox_retry(r->app->store, id, pw_now(), &err) != PW_OK ||
	    pw_store_audit_change_now(r->app->store, a.user_id, "retry", "outbox", id, &err) != PW_OK) {
		pw_ui_error_page(r, &a, pw_status_http(err.code), T.title, err.msg, "/beheer/mail");
		return;
	}
	pw_resp_redirect(r, "/beheer/mail?klaar=1");
}
