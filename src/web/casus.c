/* Casus: one case as a page, and each action on it as a small form that
 * posts to /casus/{id}/{action}. Every action goes through the same
 * functions as the API (app/caseforms.c, then pw_case_record with the access
 * function), so a page can do nothing the API would refuse, and the other
 * way round.
 *
 * A form that fails comes back on the same page with the summary at the top
 * and the message at its field (ids are "<form>-<field>", the field being
 * the API's name, so the shared functions' errors land where they belong),
 * with what was typed kept. A success redirects (post, redirect, get) to the
 * case with a short confirmation.
 *
 * Who sees what: the full view shows people, steps, talks, agreements,
 * parents and the timeline; the reduced view (a reporting vakdocent) shows
 * status, level, owner and one's own entries, as the access function says. */
#include <stdlib.h>
#include <string.h>

#include "app/caseforms.h"
#include "app/referralforms.h"
#include "app/sanctionforms.h"
#include "store/sanctions.h"
#include "store/notices.h"
#include "store/people.h"
#include "util/text.h"
#include "web/app.h"
#include "web/bewijs.h"
#include "web/vertrouwelijk.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

/* The words of this page, in one place. */
static const struct {
	const char *title, *not_found, *not_found_msg, *saved;
	const char *open, *closed, *level, *owner, *opened, *none;
	const char *people, *steps, *steps_hint, *talks, *talks_hint, *agreements, *agreements_none, *parents,
		*parents_none, *timeline, *more, *reduced;
	const char *st_done, *st_open, *st_overdue, *st_blocked, *st_skipped, *st_optional, *st_advised, *due, *done_on;
	const char *mark_done, *skip, *skip_reason, *skip_btn, *via_talk, *via_parents, *protocol_says;
	const char *with, *agreement_n, *agreement_due, *agreement_due_hint, *save_talk;
	const char *eval, *eval_result, *eval_note, *eval_btn, *eval_due;
	const char *pc_student, *pc_channel, *pc_on, *pc_summary, *pc_btn;
	const char *esc, *esc_to, *esc_reason, *esc_btn, *own, *own_user, *own_reason, *own_btn;
	const char *note, *note_text, *note_btn, *close, *close_outcome, *close_reason, *close_reason_hint, *close_follow,
		*close_btn;
	const char *cyber, *advice;
	const char *sanctions, *sanctions_hint, *ladder, *ladder_none, *ladder_last, *sanctions_none, *sn_student, *sn_status,
		*sn_days, *sn_by, *sn_decided, *sn_heard, *sn_notice, *s_applied, *s_proposed, *s_approved, *s_rejected, *s_waits,
		*s_direct;
	const char *propose, *propose_hint, *p_student, *p_kind, *p_reason, *p_start, *p_end, *p_dates_hint, *p_notice,
		*p_heard, *p_btn;
	const char *decide, *d_decision, *d_approve, *d_reject, *d_reason, *d_dates_hint, *d_btn;
	const char *deviation, *deviation_hint, *dv_reason, *dv_btn, *deviated;
	const char *referrals, *referrals_hint, *rf_to, *rf_student, *rf_note, *rf_btn, *rf_none;
	const char *esc_user, *esc_user_hint, *esc_user_default;
} T_nl = {
	.title = N_("Casus %lld"),
	.not_found = N_("Niet gevonden"),
	.not_found_msg = N_("Deze casus bestaat niet, of je mag hem niet inzien."),
	.saved = N_("Opgeslagen."),
	.open = N_("open"),
	.closed = N_("gesloten"),
	.level = N_("Niveau"),
	.owner = N_("Eigenaar"),
	.opened = N_("Geopend"),
	.none = N_("niemand"),
	.people = N_("Betrokkenen"),
	.steps = N_("Stappen van het protocol"),
	.steps_hint = N_("Wat er moet gebeuren, in de volgorde van het protocol. Een stap overslaan kan, met een reden."),
	.talks = N_("Gesprekken"),
	.talks_hint = N_("Leg een gesprek vast; de vragen uit de leidraad van het protocol staan naast de antwoordvelden."),
	.agreements = N_("Afspraken"),
	.agreements_none = N_("Nog geen afspraken."),
	.parents = N_("Contact met ouders"),
	.parents_none = N_("Nog geen contact met ouders vastgelegd."),
	.timeline = N_("Tijdlijn"),
	.more = N_("Meer acties"),
	.reduced = N_("Je ziet van deze casus wat je als melder mag zien: de stand en je eigen meldingen en notities."),
	.st_done = N_("Afgerond"),
	.st_open = N_("Open"),
	.st_overdue = N_("Te laat"),
	.st_blocked = N_("Nog niet mogelijk"),
	.st_skipped = N_("Overgeslagen"),
	.st_optional = N_("Als het nodig is"),
	.st_advised = N_("Aangeraden"),
	.due = N_("uiterlijk %s"),
	.done_on = N_("op %s"),
	.mark_done = N_("Markeer als afgerond"),
	.skip = N_("Overslaan"),
	.skip_reason = N_("Waarom sla je deze stap over?"),
	.skip_btn = N_("Stap overslaan"),
	.via_talk = N_("Leg het gesprek vast"),
	.via_parents = N_("Leg het contact met ouders vast"),
	.protocol_says = N_("Wat het protocol zegt"),
	.with = N_("Met wie"),
	.agreement_n = N_("Afspraak %d"),
	.agreement_due = N_("Evalueren op (afspraak %d)"),
	.agreement_due_hint = N_("Leeg: over tien schooldagen."),
	.save_talk = N_("Gesprek opslaan"),
	.eval = N_("Evalueren"),
	.eval_result = N_("Is het pesten gestopt?"),
	.eval_note = N_("Toelichting"),
	.eval_btn = N_("Evaluatie opslaan"),
	.eval_due = N_("evalueren op %s"),
	.pc_student = N_("Ouders van"),
	.pc_channel = N_("Hoe"),
	.pc_on = N_("Wanneer"),
	.pc_summary = N_("Wat is besproken"),
	.pc_btn = N_("Contact opslaan"),
	.esc = N_("Opschalen of iemand inschakelen"),
	.esc_to = N_("Naar"),
	.esc_reason = N_("Reden"),
	.esc_btn = N_("Opschalen"),
	.own = N_("Andere eigenaar"),
	.own_user = N_("Nieuwe eigenaar"),
	.own_reason = N_("Reden"),
	.own_btn = N_("Eigenaar wijzigen"),
	.note = N_("Notitie toevoegen"),
	.note_text = N_("Notitie"),
	.note_btn = N_("Notitie opslaan"),
	.close = N_("Casus sluiten"),
	.close_outcome = N_("Wat is eruit gekomen?"),
	.close_reason = N_("Reden om nu te sluiten"),
	.close_reason_hint = N_("Alleen nodig als er nog afspraken open staan (bijvoorbeeld: de leerling is van school)."),
	.close_follow = N_("Nog eens kijken op (niet verplicht)"),
	.close_btn = N_("Casus sluiten"),
	.cyber = N_("Cyberpesten: adviezen"),
	.advice = N_("Advies"),
	.sanctions = N_("Sancties"),
	.sanctions_hint = N_("De ladder van het protocol: elke trede vraagt eerst de vorige, toegepast bij deze leerling "
			  "(over al zijn casussen van dit en vorig schooljaar)."),
	.ladder = N_("Plaats op de ladder"),
	.ladder_none = N_("nog geen sanctie toegepast"),
	.ladder_last = N_("laatst toegepast: %s (%s)"),
	.sanctions_none = N_("Nog geen sancties in deze casus."),
	.sn_student = N_("Leerling"),
	.sn_status = N_("Status"),
	.sn_days = N_("%s t/m %s (schooldagen: %d)"),
	.sn_by = N_("Door %s op %s"),
	.sn_decided = N_("Besluit door %s op %s"),
	.sn_heard = N_("Gehoord"),
	.sn_notice = N_("Schriftelijk meegedeeld op"),
	.s_applied = N_("Toegepast"),
	.s_proposed = N_("Voorgesteld"),
	.s_approved = N_("Goedgekeurd, nog niet van kracht"),
	.s_rejected = N_("Afgewezen"),
	.s_waits = N_("wacht op besluit van: %s"),
	.s_direct = N_("Afwijking van het protocol"),
	.propose = N_("Sanctie toepassen of voorstellen"),
	.propose_hint = N_("Je ziet alleen de treden die jij mag toepassen of voorstellen. Een trede met een besluit gaat als "
			"voorstel naar wie beslist."),
	.p_student = N_("Leerling"),
	.p_kind = N_("Trede"),
	.p_reason = N_("Reden"),
	.p_start = N_("Eerste dag"),
	.p_end = N_("Laatste dag"),
	.p_dates_hint = N_("Alleen bij een schorsing: de schooldagen van de schorsing."),
	.p_notice = N_("Schriftelijk meegedeeld op (niet verplicht)"),
	.p_heard = N_("Wie is er gehoord?"),
	.p_btn = N_("Sanctie opslaan"),
	.decide = N_("Besluiten over dit voorstel"),
	.d_decision = N_("Besluit"),
	.d_approve = N_("Goedkeuren"),
	.d_reject = N_("Afwijzen"),
	.d_reason = N_("Redenen van het besluit"),
	.d_dates_hint = N_("Leeg: de dagen uit het voorstel."),
	.d_btn = N_("Besluit opslaan"),
	.deviation = N_("Afwijken van het protocol"),
	.deviation_hint = N_("In zeer ernstige gevallen kan de school afwijken van het protocol. Daarna kan een sanctie "
			  "buiten de volgorde van de ladder worden toegepast; de plichten uit de wet blijven gelden."),
	.dv_reason = N_("Reden van de afwijking"),
	.dv_btn = N_("Afwijking vastleggen"),
	.deviated = N_("Op deze casus is afgeweken van het protocol."),
	.referrals = N_("Doorverwijzen"),
	.referrals_hint = N_("Verwijs een leerling door naar hulp binnen of buiten school. Een doorverwijzing naar een collega "
			  "geeft die collega inzage in wat is doorverwezen."),
	.rf_to = N_("Naar"),
	.rf_student = N_("Leerling"),
	.rf_note = N_("Toelichting (niet verplicht)"),
	.rf_btn = N_("Doorverwijzen"),
	.rf_none = N_("Nog geen doorverwijzingen."),
	.esc_user = N_("Welke collega?"),
	.esc_user_hint = N_("Alleen bij overleg of inschakelen. Leeg: de vaste collega met die rol."),
	.esc_user_default = N_("De vaste collega"),
};
#define T PW_TR_TABLE(T_nl)

/* A failed form: which one, what was posted, and the errors. */
struct failed {
	const char *form; /* form id, or NULL */
	const struct pw_fields *f;
	struct pw_ui_errors err;
	const struct pw_confidential_fail *conf; /* a confidential form's failure (web/vertrouwelijk.c), or NULL */
};

static const char *kept(struct pw_req *r, const struct failed *fl, const char *form, const char *name)
{
	if (fl == NULL || fl->form == NULL || strcmp(fl->form, form) != 0)
		return NULL;
	const char *v = pw_fields_get(fl->f, name);
	(void)r;
	return v;
}

static bool kept_has(const struct failed *fl, const char *form, const char *name, const char *value)
{
	return fl && fl->form && strcmp(fl->form, form) == 0 && pw_ui_has_value(fl->f, name, value);
}

static const struct pw_ui_errors *errs(const struct failed *fl, const char *form)
{
	return fl && fl->form && strcmp(fl->form, form) == 0 ? &fl->err : NULL;
}

/* The form-level message (no field) of a failed form, at the form. */
static void form_error(struct pw_buf *b, const struct failed *fl, const char *form)
{
	const char *msg = pw_ui_error_of(errs(fl, form), form);
	if (msg)
		pw_html_printf(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>", form, msg);
}

static void form_begin(struct pw_req *r, const struct pw_actor *a, int64_t id, const char *action, const char *form)
{
	pw_html_printf(&r->out, "<form method=\"post\" action=\"/casus/%lld/%s\" id=\"%s\" novalidate>", (long long)id, action,
		       form);
	pw_form_csrf(r, a);
}

static void textarea(struct pw_req *r, const struct failed *fl, const char *form, const char *name, const char *label,
		     const char *hint, int rows)
{
	struct pw_buf *b = &r->out;
	const char *id = pw_printf(&r->arena, "%s-%s", form, name);
	pw_ui_field_begin(b, errs(fl, form), id, label, hint);
	pw_html_printf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"%d\" maxlength=\"5000\"", id, name, rows);
	pw_ui_described(b, errs(fl, form), id, hint ? pw_printf(&r->arena, "%s-hint", id) : NULL);
	const char *v = kept(r, fl, form, name);
	pw_html_printf(b, ">%s</textarea>", v ? v : "");
	pw_ui_field_end(b);
}

static void input(struct pw_req *r, const struct failed *fl, const char *form, const char *name, const char *type,
		  const char *label, const char *hint)
{
	struct pw_buf *b = &r->out;
	const char *id = pw_printf(&r->arena, "%s-%s", form, name);
	pw_ui_field_begin(b, errs(fl, form), id, label, hint);
	const char *v = kept(r, fl, form, name);
	pw_html_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"", type, id, name, v ? v : "");
	pw_ui_described(b, errs(fl, form), id, hint ? pw_printf(&r->arena, "%s-hint", id) : NULL);
	pw_html_raw(b, ">");
	pw_ui_field_end(b);
}

static bool may(const struct pw_actor *a, struct pw_loaded_case *lc, enum pw_case_act act, const struct pw_step *step)
{
	struct pw_err err;
	return pw_access_case(a, lc->p, &lc->facts, act, step, &err) == PW_OK;
}

static const char *sitrole_title(const struct pw_protocol *p, const char *key)
{
	const struct pw_sitrole *s = pw_protocol_sitrole(p, key);
	return s ? PW_UI_TITLE(s) : key;
}

/* ---- sections ---- */

static void render_people(struct pw_req *r, struct pw_loaded_case *lc)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-betrokkenen\"><h2 id=\"h-betrokkenen\">%s</h2><ul class=\"plain\">",
		       T.people);
	for (size_t i = 0; i < lc->c.n_persons; i++) {
		const struct pw_person *pp = &lc->c.persons[i];
		if (pp->student_id)
			pw_html_printf(b, "<li><a href=\"/leerling/%lld\">%s</a> <span class=\"meta\">%s</span> · %s</li>",
				       (long long)pp->student_id, pp->name, pp->class_name ? pp->class_name : "",
				       sitrole_title(lc->p, pp->rol));
		else
			pw_html_printf(b, "<li>%s · %s</li>", pp->extern_desc, sitrole_title(lc->p, pp->rol));
	}
	pw_html_raw(b, "</ul></section>");
}

static void step_tag(struct pw_req *r, const struct pw_step_view *v)
{
	struct pw_buf *b = &r->out;
	switch (v->status) {
	case PW_STEP_DONE:
		pw_ui_tag(b, "done", T.st_done);
		break;
	case PW_STEP_SKIPPED:
		pw_ui_tag(b, "skipped", T.st_skipped);
		break;
	case PW_STEP_BLOCKED:
		pw_ui_tag(b, "blocked", T.st_blocked);
		break;
	case PW_STEP_OPEN:
		if (v->overdue)
			pw_ui_tag(b, "overdue", T.st_overdue);
		else if (v->optional)
			pw_ui_tag(b, "optional", v->step->need == PW_NEED_ADVISED ? T.st_advised : T.st_optional);
		else
			pw_ui_tag(b, "open", T.st_open);
		break;
	}
}

static void render_steps(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct failed *fl)
{
	struct pw_buf *b = &r->out;
	struct pw_step_view *sv;
	size_t ns = pw_case_steps(&r->arena, &lc->c, &lc->cal, lc->today, &sv);
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-stappen\"><h2 id=\"h-stappen\">%s</h2><p class=\"hint\">%s</p>"
			  "<ol class=\"task-list\">",
		       T.steps, T.steps_hint);
	bool open = !lc->c.closed;
	for (size_t i = 0; i < ns; i++) {
		const struct pw_step_view *v = &sv[i];
		const char *form = pw_printf(&r->arena, "stap-%s", v->key);
		pw_html_printf(b, "<li class=\"task\" id=\"%s\"><div class=\"task-name\"><span class=\"step-title\">%s</span>", form,
			       PW_UI_TITLE(v->step));
		if (v->status == PW_STEP_OPEN && v->due_on)
			pw_html_printf(b, "<span class=\"why\">%s</span>",
				       pw_printf(&r->arena, T.due, pw_ui_day_short(&r->arena, v->due_on)));
		if (v->status == PW_STEP_BLOCKED && v->why_blocked)
			pw_html_printf(b, "<span class=\"why\">%s</span>", pw_ui_title(v->why_blocked, v->why_blocked_en));
		if ((v->status == PW_STEP_DONE || v->status == PW_STEP_SKIPPED) && v->done_at) {
			pw_html_printf(b, "<span class=\"why\">%s", pw_printf(&r->arena, T.done_on, pw_ui_time(&r->arena, v->done_at)));
			if (v->done_by)
				pw_html_printf(b, ", %s", pw_ui_user_name(r, v->done_by));
			pw_html_printf(b, "%s%s</span>", v->note ? ": " : "", v->note ? v->note : "");
		}
		pw_html_raw(b, "</div><div class=\"task-status\">");
		step_tag(r, v);
		pw_html_raw(b, "</div>");
		if (v->step->tekst) {
			pw_html_printf(b, "<details class=\"aside\"><summary>%s<span class=\"sr-only\">: %s</span></summary>", T.protocol_says,
				       PW_UI_TITLE(v->step));
			pw_ui_prose(b, v->step->tekst);
			pw_html_raw(b, "</details>");
		}
		if (open && (v->status == PW_STEP_OPEN || v->status == PW_STEP_BLOCKED)) {
			pw_html_raw(b, "<div class=\"actions\">");
			form_error(b, fl, form);
			if (v->status == PW_STEP_OPEN && may(a, lc, PW_CASE_STEP, v->step)) {
				if (v->step->done_by == PW_DONE_MANUAL) {
					form_begin(r, a, lc->row.id, "stap", pw_printf(&r->arena, "%s-klaar", form));
					pw_html_printf(b, "<input type=\"hidden\" name=\"stap\" value=\"%s\"><input type=\"hidden\" name=\"status\" "
							  "value=\"done\"><button type=\"submit\" class=\"small\">%s<span class=\"sr-only\">: %s</span></button></form>",
						       v->key, T.mark_done, PW_UI_TITLE(v->step));
				} else if (v->step->done_by == PW_DONE_CONVERSATION && v->step->n_kinds) {
					pw_html_printf(b, "<a href=\"#gesprek-%s\">%s<span class=\"sr-only\">: %s</span></a>", v->step->kinds[0]->key,
						       T.via_talk, PW_UI_TITLE(v->step->kinds[0]));
				} else if (v->step->done_by == PW_DONE_PARENT_CONTACT) {
					pw_html_printf(b, "<a href=\"#ouders\">%s</a>", T.via_parents);
				}
			}
			if (may(a, lc, PW_CASE_SKIP, NULL)) {
				bool failed = errs(fl, form) != NULL;
				pw_html_printf(b, "<details class=\"aside\"%s><summary>%s<span class=\"sr-only\">: %s</span></summary>",
					       failed ? " open" : "", T.skip, PW_UI_TITLE(v->step));
				form_begin(r, a, lc->row.id, "stap", pw_printf(&r->arena, "%s-form", form));
				pw_html_printf(b, "<input type=\"hidden\" name=\"stap\" value=\"%s\"><input type=\"hidden\" name=\"status\" value=\"skipped\">",
					       v->key);
				textarea(r, fl, form, "note", T.skip_reason, NULL, 2);
				pw_html_printf(b, "<button type=\"submit\" class=\"small\">%s</button></form></details>", T.skip_btn);
			}
			pw_html_raw(b, "</div>");
		}
		pw_html_raw(b, "</li>");
	}
	pw_html_raw(b, "</ol></section>");
}

static void render_talk_form(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct pw_kind *k,
			     const struct failed *fl)
{
	struct pw_buf *b = &r->out;
	const char *form = pw_printf(&r->arena, "gesprek-%s", k->key);
	bool failed = errs(fl, form) != NULL;
	pw_html_printf(b, "<details class=\"aside\" id=\"%s\"%s><summary>%s</summary>", form, failed ? " open" : "", PW_UI_TITLE(k));
	form_begin(r, a, lc->row.id, "gesprek", pw_printf(&r->arena, "%s-form", form));
	pw_html_printf(b, "<input type=\"hidden\" name=\"kind\" value=\"%s\">", k->key);
	form_error(b, fl, form);
	if (!k->whole_class) {
		const char *id = pw_printf(&r->arena, "%s-students", form), *msg = pw_ui_error_of(errs(fl, form), id);
		pw_html_printf(b, "<fieldset class=\"field%s\" id=\"%s\"><legend>%s</legend>", msg ? " has-error" : "", id, T.with);
		if (msg)
			pw_html_printf(b, "<span class=\"field-error\">%s</span>", msg);
		for (size_t i = 0; i < lc->c.n_persons; i++) {
			const struct pw_person *pp = &lc->c.persons[i];
			if (pp->student_id == 0 || !pw_kind_fits(k, pp))
				continue;
			const char *sid = pw_printf(&r->arena, "%lld", (long long)pp->student_id);
			bool on = failed ? kept_has(fl, form, "students", sid) : true;
			pw_html_printf(b, "<div class=\"check\"><input type=\"checkbox\" name=\"students\" value=\"%s\" id=\"%s-s%s\"%s>"
					  "<label for=\"%s-s%s\">%s <span class=\"meta\">%s</span></label></div>",
				       sid, form, sid, on ? " checked" : "", form, sid, pp->name, sitrole_title(lc->p, pp->rol));
		}
		pw_html_raw(b, "</fieldset>");
	}
	const struct pw_guide *g = k->guide;
	if (g) {
		pw_html_printf(b, "<div class=\"guide\"><p><strong>%s</strong>%s%s%s</p>", PW_UI_TITLE(g), g->bijlage ? _(" (bijlage ") : "",
			       g->bijlage ? g->bijlage : "", g->bijlage ? ")" : "");
		pw_ui_prose(b, g->inleiding);
		pw_html_raw(b, "</div>");
		for (size_t p = 0; p < g->n_parts; p++) {
			const struct pw_guide_part *part = &g->parts[p];
			pw_html_printf(b, "<h4>%s</h4>", part->titel);
			if (part->tekst) {
				pw_html_printf(b, "<details class=\"aside\"><summary>%s</summary>", _("Toelichting"));
				pw_ui_prose(b, part->tekst);
				pw_html_raw(b, "</details>");
			}
			for (size_t q = 0; q < part->n_questions; q++) {
				const struct pw_question *qq = &part->questions[q];
				const char *name = pw_printf(&r->arena, "a_%s", qq->key), *id = pw_printf(&r->arena, "%s-%s", form, name);
				const char *v = kept(r, fl, form, name);
				pw_html_printf(b, "<div class=\"qa\"><label class=\"q\" for=\"%s\">%s", id, qq->vraag);
				if (qq->toelichting)
					pw_html_printf(b, "<span class=\"hint\" id=\"%s-hint\">%s</span>", id, qq->toelichting);
				pw_html_printf(b, "</label><textarea id=\"%s\" name=\"%s\" rows=\"2\" maxlength=\"5000\"", id, name);
				if (qq->toelichting)
					pw_html_printf(b, " aria-describedby=\"%s-hint\"", id);
				pw_html_printf(b, ">%s</textarea></div>", v ? v : "");
			}
		}
	}
	if (k->agreements) {
		const char *id = pw_printf(&r->arena, "%s-agreements", form), *msg = pw_ui_error_of(errs(fl, form), id);
		pw_html_printf(b, "<fieldset class=\"field%s\" id=\"%s\"><legend>%s</legend>", msg ? " has-error" : "", id, T.agreements);
		if (msg)
			pw_html_printf(b, "<span class=\"field-error\">%s</span>", msg);
		for (int i = 1; i <= 2; i++) {
			const char *tn = pw_printf(&r->arena, "afspraak_%d", i), *dn = pw_printf(&r->arena, "afspraak_datum_%d", i);
			const char *tv = kept(r, fl, form, tn), *dv = kept(r, fl, form, dn);
			pw_html_printf(b, "<div class=\"forms-grid\"><div class=\"field\"><label for=\"%s-%s\">", form, tn);
			pw_html_printf(b, T.agreement_n, i);
			pw_html_printf(b, "</label><input type=\"text\" id=\"%s-%s\" name=\"%s\" value=\"%s\" maxlength=\"2000\"></div>"
					  "<div class=\"field\"><label for=\"%s-%s\">",
				       form, tn, tn, tv ? tv : "", form, dn);
			pw_html_printf(b, T.agreement_due, i);
			pw_html_printf(b, "</label><span class=\"hint\" id=\"%s-%s-hint\">%s</span><input type=\"date\" id=\"%s-%s\" name=\"%s\" "
					  "value=\"%s\" aria-describedby=\"%s-%s-hint\"></div></div>",
				       form, dn, T.agreement_due_hint, form, dn, dn, dv ? dv : "", form, dn);
		}
		pw_html_raw(b, "</fieldset>");
	}
	pw_html_printf(b, "<button type=\"submit\" class=\"primary\">%s</button></form></details>", T.save_talk);
}

static void render_talks(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct failed *fl)
{
	struct pw_buf *b = &r->out;
	if (lc->c.closed || !may(a, lc, PW_CASE_WORK, NULL))
		return;
	pw_html_printf(b, "<section class=\"card no-print\" aria-labelledby=\"h-gesprekken\"><h2 id=\"h-gesprekken\">%s</h2><p class=\"hint\">%s</p>",
		       T.talks, T.talks_hint);
	for (size_t i = 0; i < lc->p->n_kinds; i++)
		render_talk_form(r, a, lc, &lc->p->kinds[i], fl);
	pw_html_raw(b, "</section>");
}

static void render_agreements(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct failed *fl)
{
	struct pw_buf *b = &r->out;
	struct pw_agreement_view *av;
	size_t na = pw_case_agreements(&r->arena, &lc->c, &av);
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-afspraken\"><h2 id=\"h-afspraken\">%s</h2>", T.agreements);
	if (na == 0)
		pw_html_printf(b, "<p>%s</p>", T.agreements_none);
	bool can = !lc->c.closed && may(a, lc, PW_CASE_WORK, NULL);
	for (size_t i = 0; i < na; i++) {
		const struct pw_agreement_view *v = &av[i];
		const char *form = pw_printf(&r->arena, "afspraak-%lld", (long long)v->id);
		pw_html_printf(b, "<div class=\"agreement\" id=\"%s\"><p><strong>%s</strong></p><p class=\"meta\">%s · ", form,
			       v->text, pw_printf(&r->arena, _("gemaakt op %s"), pw_ui_day(&r->arena, v->made_on)));
		if (v->open)
			pw_html_printf(b, T.eval_due, pw_ui_day(&r->arena, v->due_on));
		pw_html_raw(b, "</p>");
		if (v->result) {
			const struct pw_eval_outcome *o = pw_protocol_outcome(lc->p, v->result);
			pw_ui_tag(b, v->open ? "warn" : "done", o ? PW_UI_TITLE(o) : v->result);
		}
		if (v->open && can) {
			bool failed = errs(fl, form) != NULL;
			pw_html_printf(b, "<details class=\"aside\"%s><summary>%s<span class=\"sr-only\">: %s</span></summary>",
				       failed ? " open" : "", T.eval, v->text);
			form_begin(r, a, lc->row.id, "evaluatie", pw_printf(&r->arena, "%s-form", form));
			pw_html_printf(b, "<input type=\"hidden\" name=\"afspraak\" value=\"%lld\">", (long long)v->id);
			form_error(b, fl, form);
			const char *rid = pw_printf(&r->arena, "%s-result", form), *msg = pw_ui_error_of(errs(fl, form), rid);
			pw_html_printf(b, "<fieldset class=\"field%s\" id=\"%s\"><legend>%s</legend>", msg ? " has-error" : "", rid,
				       T.eval_result);
			if (msg)
				pw_html_printf(b, "<span class=\"field-error\">%s</span>", msg);
			for (size_t k = 0; k < lc->p->rules.n_outcomes; k++) {
				const struct pw_eval_outcome *o = &lc->p->rules.outcomes[k];
				pw_html_printf(b, "<div class=\"check radio\"><input type=\"radio\" name=\"result\" value=\"%s\" id=\"%s-%s\"%s>"
						  "<label for=\"%s-%s\">%s</label></div>",
					       o->key, rid, o->key, kept_has(fl, form, "result", o->key) ? " checked" : "", rid, o->key, PW_UI_TITLE(o));
			}
			pw_html_raw(b, "</fieldset>");
			textarea(r, fl, form, "note", T.eval_note, NULL, 2);
			pw_html_printf(b, "<button type=\"submit\" class=\"small\">%s</button></form></details>", T.eval_btn);
		}
		pw_html_raw(b, "</div>");
	}
	pw_html_raw(b, "</section>");
}

static void render_parents(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct failed *fl)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\" id=\"ouders\" aria-labelledby=\"h-ouders\"><h2 id=\"h-ouders\">%s</h2>", T.parents);
	size_t shown = 0;
	for (size_t i = 0; i < lc->c.n_events; i++) {
		const struct pw_event *e = &lc->c.events[i];
		if (e->kind != PW_EV_PARENT_CONTACT)
			continue;
		const struct pw_person *pp = pw_case_person(&lc->c, e->student);
		if (shown++ == 0)
			pw_html_raw(b, "<ul class=\"plain\">");
		pw_html_printf(b, "<li><span class=\"when\">%s</span> %s · %s%s%s</li>", pw_ui_day_short(&r->arena, e->on),
			       pp && pp->name ? pp->name : "", pw_cf_channel_word(e->key), e->text ? ": " : "", e->text ? e->text : "");
	}
	if (shown)
		pw_html_raw(b, "</ul>");
	else
		pw_html_printf(b, "<p>%s</p>", T.parents_none);
	if (!lc->c.closed && may(a, lc, PW_CASE_WORK, NULL)) {
		const char *form = "ouders";
		form_begin(r, a, lc->row.id, "ouders", "ouders-form");
		form_error(b, fl, form);
		pw_html_raw(b, "<div class=\"forms-grid\">");
		pw_ui_field_begin(b, errs(fl, form), "ouders-student", T.pc_student, NULL);
		pw_html_raw(b, "<select id=\"ouders-student\" name=\"student\"");
		pw_ui_described(b, errs(fl, form), "ouders-student", NULL);
		pw_html_raw(b, ">");
		const char *cur = kept(r, fl, form, "student");
		for (size_t i = 0; i < lc->c.n_persons; i++) {
			const struct pw_person *pp = &lc->c.persons[i];
			if (pp->student_id == 0)
				continue;
			const char *sid = pw_printf(&r->arena, "%lld", (long long)pp->student_id);
			pw_html_printf(b, "<option value=\"%s\"%s>%s (%s)</option>", sid, cur && strcmp(cur, sid) == 0 ? " selected" : "",
				       pp->name, sitrole_title(lc->p, pp->rol));
		}
		pw_html_raw(b, "</select>");
		pw_ui_field_end(b);
		pw_ui_field_begin(b, errs(fl, form), "ouders-channel", T.pc_channel, NULL);
		pw_html_raw(b, "<select id=\"ouders-channel\" name=\"channel\"");
		pw_ui_described(b, errs(fl, form), "ouders-channel", NULL);
		pw_html_raw(b, ">");
		const char *ch = kept(r, fl, form, "channel");
		for (size_t i = 0; i < 4; i++)
			pw_html_printf(b, "<option value=\"%s\"%s>%s</option>", pw_cf_channels[i],
				       ch && strcmp(ch, pw_cf_channels[i]) == 0 ? " selected" : "", _(pw_cf_channels[i]));
		pw_html_raw(b, "</select>");
		pw_ui_field_end(b);
		pw_html_raw(b, "</div>");
		input(r, fl, form, "on", "date", T.pc_on, NULL);
		textarea(r, fl, form, "summary", T.pc_summary, NULL, 2);
		pw_html_printf(b, "<button type=\"submit\">%s</button></form>", T.pc_btn);
	}
	pw_html_raw(b, "</section>");
}

/* ---- sanctions, deviation, referrals ---- */

/* The form shows only what the access function allows, so nobody is offered
 * a rung they would be refused. */
static bool may_rung(const struct pw_actor *a, struct pw_loaded_case *lc, const struct pw_rung *g, bool decide)
{
	struct pw_err err;
	return pw_access_rung(a, lc->p, &lc->facts, g, decide, !decide && pw_case_deviated(&lc->c), &err) == PW_OK;
}

/* Who may be heard: everyone any rung names, so the forms offer the
 * protocol's own words (leerling, ouders, docenten) and nothing invented. */
static void heard_fieldset(struct pw_req *r, const struct pw_protocol *p, const struct failed *fl, const char *form)
{
	struct pw_buf *b = &r->out;
	const char *keys[16];
	size_t n = 0;
	for (size_t i = 0; i < p->sanctions.n_rungs; i++)
		for (size_t k = 0; k < p->sanctions.rungs[i].n_heard; k++) {
			const char *h = p->sanctions.rungs[i].heard[k];
			bool dup = false;
			for (size_t j = 0; j < n; j++)
				dup |= strcmp(keys[j], h) == 0;
			if (!dup && n < sizeof keys / sizeof keys[0])
				keys[n++] = h;
		}
	if (n == 0)
		return;
	const char *id = pw_printf(&r->arena, "%s-heard", form), *msg = pw_ui_error_of(errs(fl, form), id);
	pw_html_printf(b, "<fieldset class=\"field%s\" id=\"%s\"><legend>%s</legend>", msg ? " has-error" : "", id, T.p_heard);
	if (msg)
		pw_html_printf(b, "<span class=\"field-error\">%s</span>", msg);
	for (size_t i = 0; i < n; i++)
		pw_html_printf(b, "<div class=\"check\"><input type=\"checkbox\" name=\"heard\" value=\"%s\" id=\"%s-%s\"%s>"
				  "<label for=\"%s-%s\">%s</label></div>",
			       keys[i], id, keys[i], kept_has(fl, form, "heard", keys[i]) ? " checked" : "", id, keys[i], keys[i]);
	pw_html_raw(b, "</fieldset>");
}

static void student_select(struct pw_req *r, struct pw_loaded_case *lc, const struct failed *fl, const char *form,
			   const char *label)
{
	struct pw_buf *b = &r->out;
	const char *id = pw_printf(&r->arena, "%s-student", form), *cur = kept(r, fl, form, "student");
	pw_ui_field_begin(b, errs(fl, form), id, label, NULL);
	pw_html_printf(b, "<select id=\"%s\" name=\"student\"", id);
	pw_ui_described(b, errs(fl, form), id, NULL);
	pw_html_raw(b, ">");
	for (size_t i = 0; i < lc->c.n_persons; i++) {
		const struct pw_person *pp = &lc->c.persons[i];
		if (pp->student_id == 0)
			continue;
		const char *sid = pw_printf(&r->arena, "%lld", (long long)pp->student_id);
		pw_html_printf(b, "<option value=\"%s\"%s>%s (%s)</option>", sid, cur && strcmp(cur, sid) == 0 ? " selected" : "",
			       pp->name, sitrole_title(lc->p, pp->rol));
	}
	pw_html_raw(b, "</select>");
	pw_ui_field_end(b);
}

static void sanction_tag(struct pw_buf *b, const struct pw_sanction *s)
{
	switch (s->status) {
	case PW_SANCTION_APPLIED:
		pw_ui_tag(b, "done", T.s_applied);
		break;
	case PW_SANCTION_PROPOSED:
		pw_ui_tag(b, "warn", T.s_proposed);
		break;
	case PW_SANCTION_APPROVED:
		pw_ui_tag(b, "open", T.s_approved);
		break;
	case PW_SANCTION_REJECTED:
		pw_ui_tag(b, "skipped", T.s_rejected);
		break;
	}
}

static void render_decision_form(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc,
				 const struct pw_sanction *s, const struct failed *fl)
{
	struct pw_buf *b = &r->out;
	const char *form = pw_printf(&r->arena, "besluit-%lld", (long long)s->id);
	pw_html_printf(b, "<details class=\"aside\" id=\"%s\"%s><summary>%s<span class=\"sr-only\">: %s</span></summary>", form,
		       errs(fl, form) ? " open" : "", T.decide, PW_UI_TITLE(s->rung));
	form_begin(r, a, lc->row.id, "besluit", pw_printf(&r->arena, "%s-form", form));
	pw_html_printf(b, "<input type=\"hidden\" name=\"sanctie\" value=\"%lld\">", (long long)s->id);
	form_error(b, fl, form);
	const char *id = pw_printf(&r->arena, "%s-decision", form), *msg = pw_ui_error_of(errs(fl, form), id);
	const char *cur = kept(r, fl, form, "decision");
	pw_html_printf(b, "<fieldset class=\"field%s\" id=\"%s\"><legend>%s</legend>", msg ? " has-error" : "", id, T.d_decision);
	if (msg)
		pw_html_printf(b, "<span class=\"field-error\">%s</span>", msg);
	pw_html_printf(b, "<div class=\"check radio\"><input type=\"radio\" name=\"decision\" value=\"approved\" id=\"%s-ja\"%s>"
			  "<label for=\"%s-ja\">%s</label></div>"
			  "<div class=\"check radio\"><input type=\"radio\" name=\"decision\" value=\"rejected\" id=\"%s-nee\"%s>"
			  "<label for=\"%s-nee\">%s</label></div></fieldset>",
		       id, cur && strcmp(cur, "approved") == 0 ? " checked" : "", id, T.d_approve, id,
		       cur && strcmp(cur, "rejected") == 0 ? " checked" : "", id, T.d_reject);
	textarea(r, fl, form, "reason", T.d_reason, NULL, 2);
	if (s->rung->kind == PW_RUNG_SUSPENSION) {
		pw_html_raw(b, "<div class=\"row\">");
		input(r, fl, form, "start_on", "date", T.p_start, T.d_dates_hint);
		input(r, fl, form, "end_on", "date", T.p_end, NULL);
		pw_html_raw(b, "</div>");
	}
	heard_fieldset(r, lc->p, fl, form);
	if (lc->p->sanctions.written_notice)
		input(r, fl, form, "notice_sent_on", "date", T.p_notice, NULL);
	pw_html_printf(b, "<button type=\"submit\">%s</button></form></details>", T.d_btn);
}

static void render_sanctions(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct failed *fl)
{
	struct pw_buf *b = &r->out;
	struct pw_arena *ar = &r->arena;
	const struct pw_sanctions *ps = &lc->p->sanctions;
	if (ps->n_rungs == 0)
		return;
	struct pw_err err;
	struct pw_sanction *sv;
	size_t n = pw_sanctions_of_events(ar, lc->p, lc->row.id, lc->c.events, lc->c.n_events, &sv);
	/* Who was heard and the written notice live in the events' data beyond
	 * the engine's fields (as in the API's case view). */
	struct pw_sanction_row *rows = NULL;
	size_t nrows = 0;
	if (pw_store_case_sanction_events(r->app->store, ar, lc->row.id, &rows, &nrows, &err) != PW_OK)
		nrows = 0;
	pw_html_printf(b, "<section class=\"card\" id=\"sancties\" aria-labelledby=\"h-sancties\"><h2 id=\"h-sancties\">%s</h2>"
			  "<p class=\"hint\">%s</p>",
		       T.sanctions, T.sanctions_hint);
	if (pw_case_deviated(&lc->c))
		pw_html_printf(b, "<p class=\"notice-box\">%s</p>", T.deviated);
	/* Each student's place on the ladder, over all their cases in the window. */
	pw_html_printf(b, "<h3>%s</h3><ul class=\"plain ladder\">", T.ladder);
	for (size_t i = 0; i < lc->c.n_persons; i++) {
		const struct pw_person *pp = &lc->c.persons[i];
		if (pp->student_id == 0)
			continue;
		struct pw_sanction *h;
		size_t nh = 0;
		const struct pw_sanction *top = NULL;
		if (pw_sf_history(r->app->store, ar, lc, pp->student_id, &h, &nh, &err) == PW_OK)
			for (size_t k = 0; k < nh; k++)
				if (h[k].student == pp->student_id && h[k].status == PW_SANCTION_APPLIED && h[k].rung && (!top || h[k].rung->index > top->rung->index))
					top = &h[k];
		pw_html_printf(b, "<li>%s: %s</li>", pp->name,
			       top ? pw_printf(ar, T.ladder_last, PW_UI_TITLE(top->rung), pw_ui_day(ar, top->on)) : T.ladder_none);
	}
	pw_html_raw(b, "</ul>");
	if (n == 0)
		pw_html_printf(b, "<p>%s</p>", T.sanctions_none);
	else
		pw_html_raw(b, "<ul class=\"task-list\">");
	for (size_t i = 0; i < n; i++) {
		const struct pw_sanction *s = &sv[i];
		const struct pw_person *pp = pw_sf_student(&lc->c, s->student);
		pw_html_printf(b, "<li class=\"task\" id=\"sanctie-%lld\"><div class=\"task-name\"><span class=\"step-title\">%s · %s</span>",
			       (long long)s->id, s->rung ? PW_UI_TITLE(s->rung) : s->kind, pp ? pp->name : "");
		if (s->start_on)
			pw_html_printf(b, "<span class=\"why\">%s</span>",
				       pw_printf(ar, T.sn_days, pw_ui_day(ar, s->start_on), pw_ui_day(ar, s->end_on ? s->end_on : s->start_on),
						 pw_suspension_days(&lc->cal, s->start_on, s->end_on ? s->end_on : s->start_on)));
		pw_html_printf(b, "<span class=\"why\">%s", pw_printf(ar, T.sn_by, pw_ui_user_name(r, s->by), pw_ui_day(ar, s->on)));
		pw_html_printf(b, "%s%s</span>", s->reason ? ": " : "", s->reason ? s->reason : "");
		if (s->decision) {
			pw_html_printf(b, "<span class=\"why\">%s", pw_printf(ar, T.sn_decided, pw_ui_user_name(r, s->decision->by),
									   pw_ui_day(ar, s->decision->day)));
			pw_html_printf(b, "%s%s</span>", s->decision->text ? ": " : "", s->decision->text ? s->decision->text : "");
		}
		const struct pw_sanction_row *extra = NULL;
		int64_t extra_id = s->decision ? s->decision->id : s->id;
		for (size_t k = 0; k < nrows; k++)
			if (rows[k].ev.id == extra_id)
				extra = &rows[k];
		if (extra && extra->n_heard) {
			pw_html_printf(b, "<span class=\"why\">%s: ", T.sn_heard);
			for (size_t k = 0; k < extra->n_heard; k++)
				pw_html_printf(b, "%s%s", k ? ", " : "", extra->heard[k]);
			pw_html_raw(b, "</span>");
		}
		if (extra && extra->notice_sent_on)
			pw_html_printf(b, "<span class=\"why\">%s %s</span>", T.sn_notice, pw_ui_day(ar, extra->notice_sent_on));
		if (s->direct)
			pw_html_printf(b, "<span class=\"why\">%s</span>", T.s_direct);
		if (s->status == PW_SANCTION_PROPOSED && s->rung && s->rung->decides)
			pw_html_printf(b, "<span class=\"why\">%s</span>", pw_printf(ar, T.s_waits, PW_UI_TITLE(s->rung->decides)));
		pw_html_raw(b, "</div><div class=\"task-status\">");
		sanction_tag(b, s);
		pw_html_raw(b, "</div>");
		if (!lc->c.closed && s->status == PW_SANCTION_PROPOSED && s->rung && s->rung->decides && may_rung(a, lc, s->rung, true)) {
			pw_html_raw(b, "<div class=\"actions\">");
			render_decision_form(r, a, lc, s, fl);
			pw_html_raw(b, "</div>");
		}
		pw_html_raw(b, "</li>");
	}
	if (n)
		pw_html_raw(b, "</ul>");
	/* The rungs this actor may apply or propose now. */
	bool any = false;
	for (size_t i = 0; i < ps->n_rungs && !lc->c.closed; i++)
		any |= may_rung(a, lc, &ps->rungs[i], false);
	if (any) {
		const char *form = "sanctie";
		pw_html_printf(b, "<details class=\"aside\" id=\"%s\"%s><summary>%s</summary><p class=\"hint\">%s</p>", form,
			       errs(fl, form) ? " open" : "", T.propose, T.propose_hint);
		form_begin(r, a, lc->row.id, "sanctie", "sanctie-form");
		form_error(b, fl, form);
		student_select(r, lc, fl, form, T.p_student);
		const char *cur = kept(r, fl, form, "kind");
		pw_ui_field_begin(b, errs(fl, form), "sanctie-kind", T.p_kind, NULL);
		pw_html_raw(b, "<select id=\"sanctie-kind\" name=\"kind\"");
		pw_ui_described(b, errs(fl, form), "sanctie-kind", NULL);
		pw_html_raw(b, ">");
		for (size_t i = 0; i < ps->n_rungs; i++) {
			const struct pw_rung *g = &ps->rungs[i];
			if (!may_rung(a, lc, g, false))
				continue;
			pw_html_printf(b, "<option value=\"%s\"%s>%zu. %s%s%s</option>", g->key, cur && strcmp(cur, g->key) == 0 ? " selected" : "",
				       g->index + 1, PW_UI_TITLE(g), g->decides ? _(" — besluit: ") : "", g->decides ? PW_UI_TITLE(g->decides) : "");
		}
		pw_html_raw(b, "</select>");
		pw_ui_field_end(b);
		textarea(r, fl, form, "reason", T.p_reason, NULL, 2);
		pw_html_raw(b, "<div class=\"row\">");
		input(r, fl, form, "start_on", "date", T.p_start, T.p_dates_hint);
		input(r, fl, form, "end_on", "date", T.p_end, NULL);
		pw_html_raw(b, "</div>");
		/* Applied directly under a deviation, the law's hearing still applies. */
		if (pw_case_deviated(&lc->c))
			heard_fieldset(r, lc->p, fl, form);
		pw_html_printf(b, "<button type=\"submit\">%s</button></form></details>", T.p_btn);
	}
	if (!lc->c.closed && may(a, lc, PW_CASE_DEVIATE, NULL)) {
		const char *form = "afwijking";
		pw_html_printf(b, "<details class=\"aside\" id=\"%s\"%s><summary>%s</summary><p class=\"hint\">%s</p>", form,
			       errs(fl, form) ? " open" : "", T.deviation, T.deviation_hint);
		form_begin(r, a, lc->row.id, "afwijking", "afwijking-form");
		form_error(b, fl, form);
		textarea(r, fl, form, "reason", T.dv_reason, NULL, 3);
		pw_html_printf(b, "<button type=\"submit\">%s</button></form></details>", T.dv_btn);
	}
	pw_html_raw(b, "</section>");
}

static void render_referrals(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct failed *fl)
{
	struct pw_buf *b = &r->out;
	if (lc->p->n_referrals == 0)
		return;
	pw_html_printf(b, "<section class=\"card\" id=\"doorverwijzen\" aria-labelledby=\"h-doorverwijzen\"><h2 id=\"h-doorverwijzen\">%s</h2>",
		       T.referrals);
	size_t shown = 0;
	pw_html_raw(b, "<ul class=\"plain\">");
	for (size_t i = 0; i < lc->c.n_events; i++) {
		const struct pw_event *e = &lc->c.events[i];
		if (e->kind != PW_EV_REFERRAL)
			continue;
		const struct pw_referral *ref = e->key ? pw_protocol_referral(lc->p, e->key) : NULL;
		const struct pw_person *pp = pw_sf_student(&lc->c, e->student);
		pw_html_printf(b, "<li><strong>%s</strong> · %s · %s", ref ? PW_UI_TITLE(ref) : e->key, pp ? pp->name : "",
			       pw_ui_day(&r->arena, e->day));
		if (e->user)
			pw_html_printf(b, " · %s", pw_ui_user_name(r, e->user));
		if (e->text)
			pw_html_printf(b, "<br><span class=\"meta\">%s</span>", e->text);
		pw_html_raw(b, "</li>");
		shown++;
	}
	pw_html_raw(b, "</ul>");
	if (shown == 0)
		pw_html_printf(b, "<p>%s</p>", T.rf_none);
	if (!lc->c.closed && may(a, lc, PW_CASE_WORK, NULL)) {
		const char *form = "doorverwijzen";
		pw_html_printf(b, "<details class=\"aside\"%s><summary>%s</summary><p class=\"hint\">%s</p>", errs(fl, form) ? " open" : "",
			       T.referrals, T.referrals_hint);
		form_begin(r, a, lc->row.id, "doorverwijzen", "doorverwijzen-form");
		form_error(b, fl, form);
		const char *cur = kept(r, fl, form, "to");
		pw_ui_field_begin(b, errs(fl, form), "doorverwijzen-to", T.rf_to, NULL);
		pw_html_raw(b, "<select id=\"doorverwijzen-to\" name=\"to\"");
		pw_ui_described(b, errs(fl, form), "doorverwijzen-to", NULL);
		pw_html_raw(b, ">");
		for (size_t i = 0; i < lc->p->n_referrals; i++)
			pw_html_printf(b, "<option value=\"%s\"%s>%s</option>", lc->p->referrals[i].key,
				       cur && strcmp(cur, lc->p->referrals[i].key) == 0 ? " selected" : "", PW_UI_TITLE(&lc->p->referrals[i]));
		pw_html_raw(b, "</select>");
		pw_ui_field_end(b);
		student_select(r, lc, fl, form, T.rf_student);
		textarea(r, fl, form, "note", T.rf_note, NULL, 2);
		pw_html_printf(b, "<button type=\"submit\">%s</button></form></details>", T.rf_btn);
	}
	pw_html_raw(b, "</section>");
}

static void render_timeline(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-tijdlijn\"><h2 id=\"h-tijdlijn\">%s</h2><ol class=\"timeline\">",
		       T.timeline);
	for (size_t i = lc->c.n_events; i-- > 0;) {
		const struct pw_event *e = &lc->c.events[i];
		if (lc->view != PW_VIEW_FULL && !pw_case_own_entry(e, a->user_id))
			continue;
		const char *text = pw_case_event_text(&r->arena, &lc->c, e);
		pw_html_printf(b, "<li><span class=\"by\">%s%s%s</span><br>%s</li>", pw_ui_time(&r->arena, e->at), e->by ? " · " : "",
			       e->by ? pw_ui_user_name(r, e->by) : "", text ? text : "");
	}
	pw_html_raw(b, "</ol></section>");
}

/* The colleague to consult or bring in (the escalation's `user`): everyone
 * at the school holding a role some consult or bring-in asks; the operation
 * checks that the one chosen holds the role of the escalation picked. */
static void esc_user_select(struct pw_req *r, struct pw_loaded_case *lc, const struct failed *fl)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	struct pw_staff *staff;
	size_t n = 0;
	if (pw_store_school_staff(r->app->store, &r->arena, lc->row.school_id, &staff, &n, &err) != PW_OK)
		n = 0;
	const char *cur = kept(r, fl, "opschalen", "user");
	pw_ui_field_begin(b, errs(fl, "opschalen"), "opschalen-user", T.esc_user, T.esc_user_hint);
	pw_html_raw(b, "<select id=\"opschalen-user\" name=\"user\"");
	pw_ui_described(b, errs(fl, "opschalen"), "opschalen-user", "opschalen-user-hint");
	pw_html_printf(b, "><option value=\"\">%s</option>", T.esc_user_default);
	for (size_t i = 0; i < n; i++) {
		const struct pw_escalation *hit = NULL;
		for (size_t e = 0; e < lc->p->n_escalations && !hit; e++)
			if (lc->p->escalations[e].kind != PW_ESC_LEVEL && lc->p->escalations[e].role &&
			    pw_role_has_functie(lc->p->escalations[e].role, staff[i].functie))
				hit = &lc->p->escalations[e];
		bool dup = false;
		for (size_t k = 0; k < i; k++)
			dup |= staff[k].user_id == staff[i].user_id;
		if (!hit || dup)
			continue;
		const char *sid = pw_printf(&r->arena, "%lld", (long long)staff[i].user_id);
		pw_html_printf(b, "<option value=\"%s\"%s>%s (%s)</option>", sid, cur && strcmp(cur, sid) == 0 ? " selected" : "",
			       pw_ui_user_name(r, staff[i].user_id), PW_UI_TITLE(hit->role));
	}
	pw_html_raw(b, "</select>");
	pw_ui_field_end(b);
}

static void render_more(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct failed *fl)
{
	struct pw_buf *b = &r->out;
	bool open = !lc->c.closed;
	pw_html_printf(b, "<section class=\"card no-print\" aria-labelledby=\"h-meer\"><h2 id=\"h-meer\">%s</h2>", T.more);
	if (may(a, lc, PW_CASE_NOTE, NULL)) {
		pw_html_printf(b, "<details class=\"aside\" id=\"notitie\"%s><summary>%s</summary>", errs(fl, "notitie") ? " open" : "",
			       T.note);
		form_begin(r, a, lc->row.id, "notitie", "notitie-form");
		form_error(b, fl, "notitie");
		textarea(r, fl, "notitie", "text", T.note_text, NULL, 3);
		pw_html_printf(b, "<button type=\"submit\">%s</button></form></details>", T.note_btn);
	}
	if (open && lc->view == PW_VIEW_FULL && lc->p->n_escalations && may(a, lc, PW_CASE_ESCALATE, NULL)) {
		pw_html_printf(b, "<details class=\"aside\" id=\"opschalen\"%s><summary>%s</summary>",
			       errs(fl, "opschalen") ? " open" : "", T.esc);
		form_begin(r, a, lc->row.id, "opschalen", "opschalen-form");
		form_error(b, fl, "opschalen");
		pw_ui_field_begin(b, errs(fl, "opschalen"), "opschalen-to", T.esc_to, NULL);
		pw_html_raw(b, "<select id=\"opschalen-to\" name=\"to\">");
		const char *cur = kept(r, fl, "opschalen", "to");
		for (size_t i = 0; i < lc->p->n_escalations; i++)
			pw_html_printf(b, "<option value=\"%s\"%s>%s</option>", lc->p->escalations[i].key,
				       cur && strcmp(cur, lc->p->escalations[i].key) == 0 ? " selected" : "", PW_UI_TITLE(&lc->p->escalations[i]));
		pw_html_raw(b, "</select>");
		pw_ui_field_end(b);
		textarea(r, fl, "opschalen", "reason", T.esc_reason, NULL, 2);
		esc_user_select(r, lc, fl);
		pw_html_printf(b, "<button type=\"submit\">%s</button></form></details>", T.esc_btn);
	}
	const struct pw_level *l = pw_case_level(&lc->c);
	if (open && l && may(a, lc, PW_CASE_OWNER, NULL)) {
		struct pw_err err;
		struct pw_staff *staff;
		size_t n = 0;
		pw_store_school_staff(r->app->store, &r->arena, lc->row.school_id, &staff, &n, &err);
		pw_html_printf(b, "<details class=\"aside\" id=\"eigenaar\"%s><summary>%s</summary>", errs(fl, "eigenaar") ? " open" : "",
			       T.own);
		form_begin(r, a, lc->row.id, "eigenaar", "eigenaar-form");
		form_error(b, fl, "eigenaar");
		pw_ui_field_begin(b, errs(fl, "eigenaar"), "eigenaar-user", T.own_user, NULL);
		pw_html_raw(b, "<select id=\"eigenaar-user\" name=\"user\">");
		for (size_t i = 0; i < n; i++) {
			bool dup = false;
			for (size_t k = 0; k < i; k++)
				dup |= staff[k].user_id == staff[i].user_id && pw_role_has_functie(l->owner, staff[k].functie);
			if (dup || !pw_role_has_functie(l->owner, staff[i].functie))
				continue;
			pw_html_printf(b, "<option value=\"%lld\"%s>%s</option>", (long long)staff[i].user_id,
				       staff[i].user_id == lc->row.owner_id ? " selected" : "", pw_ui_user_name(r, staff[i].user_id));
		}
		pw_html_raw(b, "</select>");
		pw_ui_field_end(b);
		textarea(r, fl, "eigenaar", "reason", T.own_reason, NULL, 2);
		pw_html_printf(b, "<button type=\"submit\">%s</button></form></details>", T.own_btn);
	}
	if (open && may(a, lc, PW_CASE_CLOSE, NULL)) {
		pw_html_printf(b, "<details class=\"aside\" id=\"sluiten\"%s><summary>%s</summary>", errs(fl, "sluiten") ? " open" : "",
			       T.close);
		form_begin(r, a, lc->row.id, "sluiten", "sluiten-form");
		form_error(b, fl, "sluiten");
		textarea(r, fl, "sluiten", "outcome", T.close_outcome, NULL, 2);
		textarea(r, fl, "sluiten", "reason", T.close_reason, T.close_reason_hint, 2);
		input(r, fl, "sluiten", "follow_up_on", "date", T.close_follow, NULL);
		pw_html_printf(b, "<button type=\"submit\">%s</button></form></details>", T.close_btn);
	}
	pw_html_raw(b, "</section>");
}

static void render_cyber(struct pw_req *r, struct pw_loaded_case *lc)
{
	struct pw_buf *b = &r->out;
	if (lc->c.n_cyber == 0 || lc->p->cyber.n_advice == 0)
		return;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-cyber\"><h2 id=\"h-cyber\">%s</h2>", T.cyber);
	pw_html_raw(b, "<p>");
	for (size_t i = 0; i < lc->c.n_cyber; i++) {
		const struct pw_cyber_kind *k = pw_protocol_cyber_kind(lc->p, lc->c.cyber_kinds[i]);
		pw_html_printf(b, "%s%s", i ? ", " : "", k ? PW_UI_TITLE(k) : lc->c.cyber_kinds[i]);
	}
	pw_html_raw(b, "</p>");
	if (pw_protocol_forbids_evidence(lc->p, lc->c.cyber_kinds, lc->c.n_cyber) && lc->p->cyber.no_evidence_msg) {
		pw_html_raw(b, "<div class=\"notice-box\">");
		pw_ui_prose(b, lc->p->cyber.no_evidence_msg);
		pw_html_raw(b, "</div>");
	}
	pw_html_raw(b, "<ol>");
	for (size_t i = 0; i < lc->p->cyber.n_advice; i++) {
		pw_html_printf(b, "<li><strong>%s</strong>", PW_UI_TITLE(&lc->p->cyber.advice[i]));
		pw_ui_prose(b, lc->p->cyber.advice[i].omschrijving);
		pw_html_raw(b, "</li>");
	}
	pw_html_raw(b, "</ol></section>");
}

static void render(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct failed *fl, int status)
{
	struct pw_buf *b = &r->out;
	r->out.len = 0;
	const char *title = pw_printf(&r->arena, T.title, (long long)lc->row.id);
	pw_page_begin(r, title, a);
	const char *owner = pw_ui_user_name(r, lc->row.owner_id);
	pw_html_printf(b, "<p class=\"print-only\">%s</p>",
		       pw_printf(&r->arena, _("Dossier · %s · afgedrukt %s"), lc->p->naam, pw_ui_day(&r->arena, lc->today)));
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s <span class=\"meta\">· %s</span></h1><div class=\"case-head\">", title,
		       pw_ui_case_name(&r->arena, &lc->c));
	pw_ui_tag(b, lc->c.closed ? "done" : "open", lc->c.closed ? T.closed : T.open);
	pw_html_printf(b, "</div><dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl></div>", T.level,
		       pw_ui_level_title(lc->p, lc->row.level), T.owner, owner[0] ? owner : T.none, T.opened,
		       lc->row.opened_on);
	if (fl && fl->err.n)
		pw_ui_error_summary(b, &fl->err);
	else if (pw_req_query(r, "klaar"))
		pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>", T.saved);
	if (lc->view != PW_VIEW_FULL) {
		pw_html_printf(b, "<p class=\"notice-box info\">%s</p>", T.reduced);
		render_timeline(r, a, lc);
		render_more(r, a, lc, fl);
		pw_confidential_section(r, a, lc, fl ? fl->conf : NULL);
		pw_page_end(r, status);
		return;
	}
	if (!lc->c.closed && pw_case_advises(lc)) {
		pw_html_printf(b, "<div class=\"notice-box\"><p><strong>%s:</strong></p>", T.advice);
		pw_ui_prose(b, lc->p->rules.advice_tekst);
		pw_html_raw(b, "</div>");
	}
	render_people(r, lc);
	render_steps(r, a, lc, fl);
	render_cyber(r, lc);
	pw_bewijs_section(r, a, lc);
	render_talks(r, a, lc, fl);
	render_agreements(r, a, lc, fl);
	render_parents(r, a, lc, fl);
	pw_letters_section(r, a, lc);
	render_sanctions(r, a, lc, fl);
	render_referrals(r, a, lc, fl);
	render_timeline(r, a, lc);
	render_more(r, a, lc, fl);
	pw_confidential_section(r, a, lc, fl ? fl->conf : NULL);
	pw_page_end(r, status);
}

void pw_casus_render_failed(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc,
			    const struct pw_confidential_fail *fail)
{
	struct failed fl;
	memset(&fl, 0, sizeof fl);
	fl.conf = fail;
	render(r, a, lc, &fl, 400);
}

static void release_case(void *p)
{
	pw_case_done(p);
}

/* Loads the case in the URL for the page's user; 0 after answering. */
int pw_casus_load(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case **out)
{
	struct pw_err err;
	int64_t id = pw_ui_id(r->params[0]);
	struct pw_loaded_case *lc = pw_alloc(&r->arena, sizeof *lc);
	if (id == 0 || pw_case_open(r->app->store, &r->arena, a, id, lc, &err) != PW_OK) {
		if (id && err.code != PW_ENOTFOUND)
			pw_ui_error_page(r, a, pw_status_http(err.code), T.not_found, err.msg, "/");
		else
			pw_ui_error_page(r, a, 404, T.not_found, T.not_found_msg, "/");
		return 0;
	}
	pw_req_defer(r, release_case, lc);
	*out = lc;
	return 1;
}

void pw_h_casus(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case *lc;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !pw_casus_load(r, &a, &lc))
		return;
	/* Opening the case is seeing what one was told about it. */
	pw_store_notices_seen_case(r->app->store, a.user_id, lc->row.id, &err);
	render(r, &a, lc, NULL, 200);
}

/* The form id and the error's field id for an action's failure. */
static const char *error_id(struct pw_arena *ar, const char *form, const struct pw_err *err)
{
	return err->field[0] ? pw_printf(ar, "%s-%s", form, err->field) : form;
}

static pw_day date_field(struct pw_req *r, const struct pw_fields *f, const char *name, struct failed *fl,
			 const char *form)
{
	const char *v = pw_ui_get(&r->arena, f, name);
	pw_day d = 0;
	if (v && pw_day_parse(v, &d) != 0)
		pw_ui_error_add(&fl->err, pw_printf(&r->arena, "%s-%s", form, name), _("Vul een datum in als JJJJ-MM-DD."));
	return d;
}

/* A text field of a form: trimmed; over max or not clean text is an error. */
static const char *text_field(struct pw_req *r, const struct pw_fields *f, const char *name, size_t max, struct failed *fl,
			      const char *form)
{
	const char *v = pw_ui_get(&r->arena, f, name);
	if (v && (strlen(v) > max || !pw_utf8_valid_text(v, strlen(v)))) {
		pw_ui_error_add(&fl->err, pw_printf(&r->arena, "%s-%s", form, name),
				pw_printf(&r->arena, _("Dit veld is te lang (hoogstens %zu tekens)."), max));
		return NULL;
	}
	return v;
}

/* Friendlier words for the shared functions' field errors on a page. */
static const char *page_message(const struct pw_err *err)
{
	static const struct {
		const char *field, *msg;
	} t[] = {
		{"note", N_("Geef de reden waarom je deze stap overslaat.")},
		{"text", N_("Schrijf de notitie.")},
		{"reason", N_("Geef de reden: die komt in de tijdlijn.")},
		{"outcome", N_("Schrijf wat er uit de casus is gekomen.")},
		{"channel", N_("Kies hoe je de ouders hebt gesproken.")},
		{"result", N_("Kies of het pesten is gestopt, verminderd of doorgegaan.")},
		{"kind", N_("Kies een trede van de ladder.")},
		{"student", N_("Kies een leerling van deze casus.")},
	};
	for (size_t i = 0; err->code == PW_EINVAL && i < sizeof t / sizeof t[0]; i++)
		if (strcmp(err->field, t[i].field) == 0)
			return _(t[i].msg);
	return err->msg;
}

/* Where a success lands: a decision's form is gone once decided, so its
 * sanction's entry. */
static const char *decide_anchor(struct pw_arena *ar, const char *form)
{
	return strncmp(form, "besluit-", 8) == 0 ? pw_printf(ar, "sanctie-%s", form + 8) : form;
}

void pw_h_casus_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case *lc;
	struct pw_fields f;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 200, &f) || !pw_casus_load(r, &a, &lc))
		return;
	struct pw_arena *ar = &r->arena;
	const char *action = r->params[1];
	struct failed fl;
	memset(&fl, 0, sizeof fl);
	fl.f = &f;
	struct pw_case_change ch;
	enum pw_status st = PW_EINVAL;
	pw_err_clear(&err);
	const char *form = action;
	bool written = false; /* the operation wrote itself (sanctions, referrals) */
	/* A note may be added to a closed case; everything else needs it open. */
	if (strcmp(action, "notitie") != 0 && pw_cf_open_only(lc, &err) != PW_OK) {
		fl.form = form;
		pw_ui_error_add(&fl.err, form, err.msg);
		render(r, &a, lc, &fl, 409);
		return;
	}
	if (strcmp(action, "stap") == 0) {
		const char *key = pw_fields_get(&f, "stap"), *status = pw_fields_get(&f, "status");
		form = pw_printf(ar, "stap-%s", key ? key : "");
		const char *note = text_field(r, &f, "note", 2000, &fl, form);
		if (!fl.err.n)
			st = pw_cf_step(ar, lc, key, status && strcmp(status, "skipped") == 0, note, &ch, &err);
	} else if (strcmp(action, "notitie") == 0) {
		const char *t = text_field(r, &f, "text", 10000, &fl, form);
		if (!fl.err.n)
			st = pw_cf_note(ar, t, &ch, &err);
	} else if (strcmp(action, "gesprek") == 0) {
		const char *kind = pw_fields_get(&f, "kind");
		form = pw_printf(ar, "gesprek-%s", kind ? kind : "");
		size_t n;
		const char **sv = pw_ui_values(ar, &f, "students", &n);
		int64_t *ids = pw_calloc(ar, n + 1, sizeof *ids);
		for (size_t i = 0; i < n; i++)
			ids[i] = pw_ui_id(sv[i]);
		json_t *answers = json_object();
		for (size_t i = 0; i < f.n; i++) {
			const char *v = pw_ui_get(ar, &f, f.v[i].name);
			if (strncmp(f.v[i].name, "a_", 2) == 0 && v)
				json_object_set_new(answers, f.v[i].name + 2, json_string(v));
		}
		struct pw_cf_agreement ag[2];
		size_t nag = 0;
		for (int i = 1; i <= 2; i++) {
			const char *t = text_field(r, &f, pw_printf(ar, "afspraak_%d", i), 2000, &fl, form);
			pw_day d = date_field(r, &f, pw_printf(ar, "afspraak_datum_%d", i), &fl, form);
			if (t)
				ag[nag++] = (struct pw_cf_agreement){t, d};
		}
		if (!fl.err.n)
			st = pw_cf_conversation(ar, lc, kind, ids, n, answers, ag, nag, &ch, &err);
		json_decref(answers);
	} else if (strcmp(action, "ouders") == 0) {
		const char *summary = text_field(r, &f, "summary", 5000, &fl, form);
		pw_day on = date_field(r, &f, "on", &fl, form);
		if (!fl.err.n)
			st = pw_cf_parent_contact(ar, lc, pw_ui_id(pw_fields_get(&f, "student")), pw_fields_get(&f, "channel"), summary,
						  on, &ch, &err);
	} else if (strcmp(action, "evaluatie") == 0) {
		const char *aid = pw_fields_get(&f, "afspraak");
		form = pw_printf(ar, "afspraak-%s", aid ? aid : "");
		const char *note = text_field(r, &f, "note", 5000, &fl, form);
		if (!fl.err.n)
			st = pw_cf_evaluation(r->app->store, ar, lc, pw_ui_id(aid), pw_fields_get(&f, "result"), note, &ch, &err);
	} else if (strcmp(action, "opschalen") == 0) {
		const char *reason = text_field(r, &f, "reason", 5000, &fl, form);
		if (!fl.err.n)
			st = pw_cf_escalation(r->app->store, ar, &a, lc, pw_fields_get(&f, "to"), reason,
					      pw_ui_id(pw_fields_get(&f, "user")), &ch, &err);
	} else if (strcmp(action, "eigenaar") == 0) {
		const char *reason = text_field(r, &f, "reason", 2000, &fl, form);
		if (!fl.err.n)
			st = pw_cf_owner(r->app->store, ar, lc, pw_ui_id(pw_fields_get(&f, "user")), reason, &ch, &err);
	} else if (strcmp(action, "sluiten") == 0) {
		const char *outcome = text_field(r, &f, "outcome", 5000, &fl, form), *reason = text_field(r, &f, "reason", 5000, &fl, form);
		pw_day follow = date_field(r, &f, "follow_up_on", &fl, form);
		if (!fl.err.n)
			st = pw_cf_close(r->app->store, ar, lc, outcome, reason, follow, &ch, &err);
	} else if (strcmp(action, "sanctie") == 0 || strcmp(action, "besluit") == 0) {
		/* Sanctions write through their own operations (app/sanctionforms.c). */
		bool decide = action[0] == 'b';
		const char *sid = pw_fields_get(&f, "sanctie");
		if (decide)
			form = pw_printf(ar, "besluit-%s", sid ? sid : "");
		const char *reason = text_field(r, &f, "reason", 5000, &fl, form);
		pw_day start = date_field(r, &f, "start_on", &fl, form), end = date_field(r, &f, "end_on", &fl, form),
		       notice = date_field(r, &f, "notice_sent_on", &fl, form);
		size_t nh;
		const char **heard = pw_ui_values(ar, &f, "heard", &nh);
		enum pw_sanction_status sst;
		if (fl.err.n == 0 && !decide) {
			struct pw_sf_sanction in = {.student = pw_ui_id(pw_fields_get(&f, "student")), .kind = pw_fields_get(&f, "kind"),
						    .reason = reason, .start_on = start, .end_on = end, .notice_sent_on = notice,
						    .heard = heard, .n_heard = nh};
			int64_t id;
			if (pw_sf_student(&lc->c, in.student) == NULL)
				pw_err_field(&err, PW_EINVAL, "student", "%s", _("Kies een leerling van deze casus."));
			else if (in.kind == NULL || in.kind[0] == '\0')
				pw_err_field(&err, PW_EINVAL, "kind", "%s", _("Kies een trede van de ladder."));
			else
				st = pw_sf_propose(r->app->store, ar, &a, lc, &in, &id, &sst, &err);
			written = true;
		} else if (fl.err.n == 0) {
			const char *d = pw_fields_get(&f, "decision");
			struct pw_sf_decision in = {.sanction = pw_ui_id(sid), .approve = d && strcmp(d, "approved") == 0,
						    .reason = reason, .start_on = start, .end_on = end, .notice_sent_on = notice,
						    .heard = heard, .n_heard = nh};
			if (d == NULL || (strcmp(d, "approved") != 0 && strcmp(d, "rejected") != 0))
				pw_err_field(&err, PW_EINVAL, "decision", "%s", _("Kies: goedkeuren of afwijzen."));
			else
				st = pw_sf_decide(r->app->store, ar, &a, lc, &in, &sst, &err);
			written = true;
		}
	} else if (strcmp(action, "afwijking") == 0) {
		const char *reason = text_field(r, &f, "reason", 5000, &fl, form);
		int64_t id;
		if (fl.err.n == 0)
			st = pw_sf_deviation(r->app->store, &a, lc, reason, &id, &err);
		written = true;
	} else if (strcmp(action, "doorverwijzen") == 0) {
		struct pw_rf_referral in = {.to = pw_fields_get(&f, "to"), .student = pw_ui_id(pw_fields_get(&f, "student")),
					    .user = pw_ui_id(pw_fields_get(&f, "user")), .note = text_field(r, &f, "note", 5000, &fl, form)};
		int64_t id, user;
		if (fl.err.n == 0)
			st = pw_rf_refer(r->app->store, ar, &a, lc, &in, &id, &user, &err);
		written = true;
	} else {
		pw_ui_error_page(r, &a, 404, T.not_found, T.not_found_msg, "/");
		return;
	}
	fl.form = form;
	if (written && fl.err.n == 0 && st == PW_OK) {
		pw_resp_redirect(r, pw_printf(ar, "/casus/%lld?klaar=1#%s", (long long)lc->row.id, decide_anchor(ar, form)));
		return;
	}
	if (!written && fl.err.n == 0 && st == PW_OK && pw_case_change_write(r->app->store, &a, lc, &ch, &err) == PW_OK) {
		pw_resp_redirect(r, pw_printf(ar, "/casus/%lld?klaar=1#%s", (long long)lc->row.id, form));
		return;
	}
	if (fl.err.n == 0)
		pw_ui_error_add(&fl.err, error_id(ar, form, &err), pw_strdup(ar, page_message(&err)));
	/* The case is shown as it stands (nothing was written). */
	render(r, &a, lc, &fl, err.code == PW_OK || err.code == PW_EINVAL ? 400 : pw_status_http(err.code));
}
