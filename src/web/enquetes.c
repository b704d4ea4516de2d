/* The apc's survey pages (issue 8):
 *   /enquetes             the school's surveys; a new one for a school year and kind
 *   /enquetes/{id}        questions, open and close, codes, the results with earlier years
 *   /enquetes/monitor     the summary for the Inspectie (?jaar=, &format=csv)
 * Reading is for the functies with `cijfers`, running a survey and reading
 * free text the apc's: pw_access_survey decides. The operations are the
 * API's (api/surveys.c). */
#include <stdlib.h>
#include <string.h>

#include "api/surveys.h"
#include "core/stats.h"
#include "store/people.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

/* The words of these pages, in one place. */
static const struct {
	const char *title, *lead, *none, *col_year, *col_kind, *col_status, *col_resp, *col_codes, *new_h, *new_year, *new_kind,
		*new_btn, *monitor_link, *questions_h, *questions_hint, *questions_btn, *own_h, *own_hint, *own_key, *own_text,
		*own_scale, *own_btn, *open_btn, *close_btn, *reopen_btn, *codes_h, *codes_hint, *codes_count, *codes_print,
		*codes_csv, *results_h, *too_few, *answered, *hidden_q, *free_h, *free_hidden, *free_none, *slips_title,
		*slips_lead, *slip_text, *slip_url, *monitor_title, *monitor_lead, *monitor_year, *monitor_show, *monitor_csv,
		*m_resp, *m_safe, *m_unsafe, *m_bullied, *m_online, *m_told, *m_stopped, *m_signals, *m_cases, *m_none,
		*m_explain, *back, *option, *not_shown, *forbidden;
} T_nl = {
	.title = N_("Enquêtes"),
	.lead = N_("De jaarlijkse vragenlijst over sociale veiligheid voor leerlingen, en de vragenlijst over het "
		"anti-pestprotocol voor leerlingen en ouders. Anoniem: antwoorden hangen aan geen naam en geen code."),
	.none = N_("Er zijn nog geen enquêtes."),
	.col_year = N_("Schooljaar"),
	.col_kind = N_("Soort"),
	.col_status = N_("Status"),
	.col_resp = N_("Antwoorden"),
	.col_codes = N_("Codes (gebruikt)"),
	.new_h = N_("Nieuwe enquête"),
	.new_year = N_("Schooljaar"),
	.new_kind = N_("Soort"),
	.new_btn = N_("Enquête maken"),
	.monitor_link = N_("Samenvatting monitor voor de Inspectie"),
	.questions_h = N_("Vragen"),
	.questions_hint = N_("De standaardvragen hebben vaste woorden en antwoorden, zodat je jaren kunt vergelijken. "
			  "Je kunt ze weglaten, niet anders formuleren. Na het openen liggen de vragen vast."),
	.questions_btn = N_("Vragen opslaan"),
	.own_h = N_("Eigen vraag toevoegen"),
	.own_hint = N_("Hoogstens vijf. Gebruik dezelfde sleutel elk jaar, dan kun je vergelijken."),
	.own_key = N_("Sleutel (eigen_ en kleine letters, bijvoorbeeld eigen_sfeer)"),
	.own_text = N_("De vraag"),
	.own_scale = N_("Antwoorden"),
	.own_btn = N_("Vraag toevoegen"),
	.open_btn = N_("Enquête openen"),
	.close_btn = N_("Enquête sluiten"),
	.reopen_btn = N_("Weer openen"),
	.codes_h = N_("Codes"),
	.codes_hint = N_("Elke code werkt één keer. Je ziet de codes maar één keer: print ze, knip de briefjes los en deel "
		      "ze willekeurig uit. Schrijf niet op wie welk briefje kreeg."),
	.codes_count = N_("Aantal codes"),
	.codes_print = N_("Maak codes om te printen"),
	.codes_csv = N_("Maak codes als CSV"),
	.results_h = N_("Uitkomsten"),
	.too_few = N_("Nog te weinig antwoorden om iets te laten zien (minder dan 5): kleine aantallen kunnen iemand "
		   "herkenbaar maken."),
	.answered = N_("%lld beantwoord"),
	.hidden_q = N_("Minder dan 5 antwoorden: niet getoond."),
	.free_h = N_("Open antwoorden"),
	.free_hidden = N_("Open antwoorden leest alleen de anti-pestcoördinator, en pas vanaf 5 antwoorden. Ze staan nooit "
		       "in een export."),
	.free_none = N_("Geen open antwoorden."),
	.slips_title = N_("Codes voor de enquête"),
	.slips_lead = N_("Print deze pagina, knip de briefjes los en deel ze willekeurig uit. Deze codes zie je niet nog eens."),
	.slip_text = N_("Vragenlijst van school. Ga naar"),
	.slip_url = N_("en vul deze code in:"),
	.monitor_title = N_("Monitor sociale veiligheid: samenvatting"),
	.monitor_lead = N_("De Wet veiligheid op school vraagt elke school de sociale veiligheid van leerlingen jaarlijks te "
			"monitoren en de uitkomsten vóór 1 juli aan de Inspectie van het Onderwijs te geven. Dit is de "
			"samenvatting uit de enquête sociale veiligheid van het schooljaar, met de cijfers van de "
			"registratie van incidenten (signalen en casussen) van hetzelfde jaar."),
	.monitor_year = N_("Schooljaar"),
	.monitor_show = N_("Tonen"),
	.monitor_csv = N_("Download als CSV"),
	.m_resp = N_("Aantal leerlingen dat de vragenlijst invulde"),
	.m_safe = N_("Voelt zich veilig of heel veilig op school"),
	.m_unsafe = N_("Voelt zich niet veilig of helemaal niet veilig op school"),
	.m_bullied = N_("Is de afgelopen maanden gepest"),
	.m_online = N_("van wie (ook) online"),
	.m_told = N_("van wie het aan iemand vertelde"),
	.m_stopped = N_("van wie het pesten stopte"),
	.m_signals = N_("Signalen geregistreerd"),
	.m_cases = N_("Casussen geopend"),
	.m_none = N_("Dit schooljaar heeft geen enquête sociale veiligheid met genoeg antwoorden (5 of meer)."),
	.m_explain = N_("Percentages zijn van de leerlingen die de vraag beantwoordden; ‘van wie’ is van de gepeste "
		     "leerlingen. ‘<5’: te weinig om te tonen zonder dat iemand herkenbaar kan worden (ook als de rest "
		     "minder dan 5 is, want dan volgt het getal uit het percentage)."),
	.back = N_("Terug naar de enquêtes"),
	.option = N_("Antwoord"),
	.not_shown = N_("<5"),
	.forbidden = N_("Geen toegang"),
};
#define T PW_TR_TABLE(T_nl)

/* The kinds' names (core/survey.c) as this page shows them, translated. */
static const char *kind_title(const char *kind)
{
	static const char *const marked[] = {N_("Sociale veiligheid (leerlingen)"),
					     N_("Het anti-pestprotocol (leerlingen en ouders)")};
	(void)marked; /* only there for xgettext: the msgids are core/survey.c's words */
	return pw_tr(pw_survey_kind_title(kind));
}

static const char *status_word(const char *s)
{
	return strcmp(s, "open") == 0 ? _("open") : strcmp(s, "gesloten") == 0 ? _("gesloten") : _("concept (nog niet open)");
}

/* The actor, their school and what they may. 0 after answering. */
static int who(struct pw_req *r, struct pw_actor *a, int64_t *school, bool *manage, bool *freetext)
{
	struct pw_err err;
	const struct pw_protocol *p;
	if (!pw_ui_auth(r, a))
		return 0;
	*school = pw_survey_school(r, a, &p, &err);
	if (*school < 0 || pw_access_survey(a, p, *school, PW_SURVEY_READ, &err) != PW_OK) {
		pw_ui_error_page(r, a, *school < 0 ? 500 : 403, T.forbidden, err.msg, "/");
		return 0;
	}
	*manage = pw_access_survey(a, p, *school, PW_SURVEY_MANAGE, &err) == PW_OK;
	*freetext = pw_access_survey(a, p, *school, PW_SURVEY_FREETEXT, &err) == PW_OK;
	return 1;
}

static void list_page(struct pw_req *r, const struct pw_actor *a, int64_t school, bool manage, const char *error,
		      int status)
{
	struct pw_err err;
	struct pw_survey_info *all = NULL;
	size_t n = 0;
	struct pw_schoolyear *years = NULL;
	size_t ny = 0;
	if (pw_store_survey_list(r->app->store, &r->arena, school, &all, &n, &err) != PW_OK ||
	    pw_store_schoolyear_list(r->app->store, &r->arena, school, &years, &ny, &err) != PW_OK) {
		pw_ui_error_page(r, a, 500, T.title, err.msg, "/");
		return;
	}
	pw_page_begin(r, T.title, a);
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><p class=\"lead\">%s</p></div>", T.title, T.lead);
	if (error)
		pw_html_printf(b, "<div class=\"error-summary\" role=\"alert\"><h2>%s</h2><p>%s</p></div>", _("Dat lukte niet"), error);
	pw_html_printf(b, "<p><a href=\"/enquetes/monitor\">%s</a></p>", T.monitor_link);
	if (n == 0)
		pw_html_printf(b, "<p>%s</p>", T.none);
	else {
		pw_html_printf(b,
			       "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table><thead><tr><th>%s</th><th>%s</th>"
			       "<th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
			       T.col_kind, T.col_year, T.col_kind, T.col_status, T.col_resp, T.col_codes);
		for (size_t i = 0; i < n; i++)
			pw_html_printf(b,
				       "<tr><td><a href=\"/enquetes/%lld\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">%lld</td>"
				       "<td class=\"num\">%lld (%lld)</td></tr>",
				       (long long)all[i].id, all[i].schoolyear, kind_title(all[i].kind),
				       status_word(all[i].status), (long long)all[i].respondents, (long long)all[i].codes,
				       (long long)all[i].codes_used);
		pw_html_raw(b, "</tbody></table></div>");
	}
	if (manage && ny > 0) {
		pw_html_printf(b, "<section class=\"card\"><h2>%s</h2><form method=\"post\" action=\"/enquetes\">", T.new_h);
		pw_form_csrf(r, a);
		pw_html_printf(b, "<div class=\"field\"><label for=\"jaar\">%s</label><select id=\"jaar\" name=\"jaar\">", T.new_year);
		for (size_t i = ny; i-- > 0;)
			pw_html_printf(b, "<option value=\"%s\">%s</option>", years[i].name, years[i].name);
		pw_html_printf(b, "</select></div><div class=\"field\"><label for=\"soort\">%s</label><select id=\"soort\" name=\"soort\">",
			       T.new_kind);
		for (size_t i = 0; pw_survey_kinds[i]; i++)
			pw_html_printf(b, "<option value=\"%s\">%s</option>", pw_survey_kinds[i], kind_title(pw_survey_kinds[i]));
		pw_html_printf(b, "</select></div><button type=\"submit\" class=\"primary\">%s</button></form></section>", T.new_btn);
	}
	pw_page_end(r, status);
}

void pw_h_enquetes(struct pw_req *r)
{
	struct pw_actor a;
	int64_t school;
	bool manage, freetext;
	if (!who(r, &a, &school, &manage, &freetext))
		return;
	list_page(r, &a, school, manage, NULL, 200);
}

void pw_h_enquetes_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_fields f;
	struct pw_err err;
	int64_t school, id;
	bool manage, freetext;
	if (!who(r, &a, &school, &manage, &freetext) || !pw_ui_form(r, &a, 8, &f))
		return;
	if (!manage) {
		const struct pw_protocol *p;
		pw_survey_school(r, &a, &p, &err);
		pw_access_survey(&a, p, school, PW_SURVEY_MANAGE, &err);
		pw_ui_error_page(r, &a, 403, T.forbidden, err.msg, "/enquetes");
		return;
	}
	if (pw_survey_create(r, &a, school, pw_fields_get(&f, "jaar"), pw_fields_get(&f, "soort"), NULL, NULL, &id, &err) !=
	    PW_OK) {
		r->out.len = 0;
		list_page(r, &a, school, manage, err.msg, pw_status_http(err.code));
		return;
	}
	pw_resp_redirect(r, pw_printf(&r->arena, "/enquetes/%lld", (long long)id));
}

/* ---- one survey ---- */

static void cell_text(struct pw_req *r, struct pw_buf *b, const struct pw_survey_qresult *q, const char *value)
{
	for (size_t k = 0; k < q->n; k++) {
		if (strcmp(q->cells[k].value, value) != 0)
			continue;
		double p = pw_survey_pct(q, &q->cells[k]);
		if (p < 0)
			pw_html_printf(b, "<td class=\"num\">%s</td>", q->shown ? T.not_shown : "–");
		else
			pw_html_printf(b, "<td class=\"num\">%s%% (%lld)</td>", pw_printf(&r->arena, "%.0f", p),
				       (long long)q->cells[k].count);
		return;
	}
	pw_html_raw(b, "<td class=\"num\">–</td>");
}

static void results(struct pw_req *r, const struct pw_survey_full *s, bool freetext)
{
	struct pw_err err;
	struct pw_survey_full *earlier;
	struct pw_survey_result res, *eres;
	size_t ne;
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\"><h2>%s</h2>", T.results_h);
	if (pw_survey_results(r, s, &res, &earlier, &eres, &ne, &err) != PW_OK) {
		pw_html_printf(b, "<p>%s</p></section>", err.msg);
		return;
	}
	/* Read on the page as through the API: on record, and the free text
	 * (only the apc's) as its own kind of read. */
	struct pw_audit au = {.user_id = r->user_id, .action = "read", .object = "survey", .object_id = s->info.id,
			      .detail = freetext ? "uitkomsten en open antwoorden" : "uitkomsten"};
	if (pw_store_audit_read(r->app->store, &au, &err) != PW_OK) {
		pw_html_printf(b, "<p>%s</p></section>", err.msg);
		return;
	}
	if (!res.shown) {
		pw_html_printf(b, "<p>%s</p></section>", T.too_few);
		return;
	}
	for (size_t i = 0; i < res.n; i++) {
		const struct pw_survey_qresult *q = &res.q[i];
		pw_html_printf(b, "<h3>%s</h3>", pw_ui_title(q->q->text, q->q->text_en));
		if (!q->shown) {
			pw_html_printf(b, "<p class=\"meta\">%s</p>", T.hidden_q);
			continue;
		}
		pw_html_raw(b, "<p class=\"meta\">");
		pw_html_printf(b, T.answered, (long long)q->answered);
		pw_html_raw(b, "</p>");
		if (q->q->scale->text) {
			pw_html_printf(b, "<h4>%s</h4>", T.free_h);
			if (!freetext)
				pw_html_printf(b, "<p>%s</p>", T.free_hidden);
			else if (q->n_texts == 0)
				pw_html_printf(b, "<p>%s</p>", T.free_none);
			else {
				pw_html_raw(b, "<ul>");
				for (size_t t = 0; t < q->n_texts; t++)
					pw_html_printf(b, "<li>%s</li>", q->texts[t]);
				pw_html_raw(b, "</ul>");
			}
			continue;
		}
		pw_html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table><thead><tr><th>%s</th>"
				  "<th class=\"num\">%s</th>", T.option, T.option,
			       s->info.schoolyear);
		/* Earlier years that asked the same key. */
		const struct pw_survey_qresult *eq[4] = {0};
		for (size_t e = 0; e < ne && e < 4; e++)
			for (size_t k = 0; k < eres[e].n; k++)
				if (strcmp(eres[e].q[k].q->key, q->q->key) == 0) {
					eq[e] = &eres[e].q[k];
					pw_html_printf(b, "<th class=\"num\">%s</th>", earlier[e].info.schoolyear);
				}
		pw_html_raw(b, "</tr></thead><tbody>");
		for (size_t k = 0; k < q->n; k++) {
			const struct pw_survey_option *o = &q->q->scale->options[k];
			pw_html_printf(b, "<tr><td>%s</td>", pw_ui_title(o->text, o->text_en));
			cell_text(r, b, q, o->key);
			for (size_t e = 0; e < ne && e < 4; e++)
				if (eq[e])
					cell_text(r, b, eq[e], o->key);
			pw_html_raw(b, "</tr>");
		}
		pw_html_raw(b, "</tbody></table></div>");
	}
	pw_html_raw(b, "</section>");
}

static void survey_page(struct pw_req *r, const struct pw_actor *a, const struct pw_survey_full *s, bool manage,
			bool freetext, const char *error, int status)
{
	struct pw_buf *b = &r->out;
	r->out.len = 0;
	pw_page_begin(r, T.title, a);
	pw_html_printf(b,
		       "<p><a href=\"/enquetes\">%s</a></p><div class=\"page-head\"><h1>%s, %s</h1>"
		       "<p class=\"lead\">%s</p></div>",
		       T.back, kind_title(s->info.kind), s->info.schoolyear,
		       pw_printf(&r->arena, _("Status: %s · %lld antwoorden · %lld codes, %lld gebruikt"), status_word(s->info.status),
				 (long long)s->info.respondents, (long long)s->info.codes, (long long)s->info.codes_used));
	if (error)
		pw_html_printf(b, "<div class=\"error-summary\" role=\"alert\"><h2>%s</h2><p>%s</p></div>", _("Dat lukte niet"), error);
	const char *base = pw_printf(&r->arena, "/enquetes/%lld", (long long)s->info.id);
	if (manage) {
		const char *act = strcmp(s->info.status, "open") == 0 ? "sluiten" : "openen";
		const char *label = strcmp(s->info.status, "open") == 0	    ? T.close_btn
				    : strcmp(s->info.status, "gesloten") == 0 ? T.reopen_btn
										: T.open_btn;
		pw_html_printf(b, "<form method=\"post\" action=\"%s/%s\" class=\"actions-bar\">", base, act);
		pw_form_csrf(r, a);
		pw_html_printf(b, "<button type=\"submit\" class=\"primary\">%s</button></form>", label);
	}
	/* The questions: chosen from the bank while a concept, fixed after. */
	size_t nb;
	const struct pw_survey_question *bank = pw_survey_bank(&nb);
	bool concept = strcmp(s->info.status, "concept") == 0;
	pw_html_printf(b, "<section class=\"card\"><h2>%s</h2><p class=\"hint\">%s</p>", T.questions_h, T.questions_hint);
	if (manage && concept) {
		pw_html_printf(b, "<form method=\"post\" action=\"%s/vragen\"><fieldset><legend>%s</legend>", base, T.questions_h);
		pw_form_csrf(r, a);
		for (size_t i = 0; i < nb; i++) {
			if (strcmp(bank[i].kind, s->info.kind) != 0)
				continue;
			bool in = false;
			for (size_t k = 0; k < s->nq; k++)
				in |= strcmp(s->q[k].key, bank[i].key) == 0;
			pw_html_printf(b,
				       "<div class=\"check\"><input type=\"checkbox\" name=\"vraag\" value=\"%s\" id=\"vr-%s\"%s>"
				       "<label for=\"vr-%s\">%s <span class=\"meta\">(%s)</span></label></div>",
				       bank[i].key, bank[i].key, in ? " checked" : "", bank[i].key, pw_ui_title(bank[i].text, bank[i].text_en), bank[i].key);
		}
		for (size_t k = 0; k < s->nq; k++)
			if (s->q[k].kind == NULL)
				pw_html_printf(b,
					       "<div class=\"check\"><input type=\"checkbox\" name=\"eigen\" value=\"%s\" id=\"vr-%s\" checked>"
					       "<label for=\"vr-%s\">%s <span class=\"meta\">(%s, %s)</span></label></div>",
					       s->q[k].key, s->q[k].key, s->q[k].key, s->q[k].text, s->q[k].key, s->q[k].scale->key);
		pw_html_printf(b, "</fieldset><button type=\"submit\">%s</button></form>", T.questions_btn);
		pw_html_printf(b, "<h3>%s</h3><p class=\"hint\">%s</p><form method=\"post\" action=\"%s/eigen\">", T.own_h,
			       T.own_hint, base);
		pw_form_csrf(r, a);
		pw_html_printf(b,
			       "<div class=\"field\"><label for=\"own-key\">%s</label><input id=\"own-key\" name=\"key\" maxlength=\"30\"></div>"
			       "<div class=\"field\"><label for=\"own-text\">%s</label><input id=\"own-text\" name=\"text\" maxlength=\"300\"></div>"
			       "<div class=\"field\"><label for=\"own-scale\">%s</label><select id=\"own-scale\" name=\"scale\">",
			       T.own_key, T.own_text, T.own_scale);
		static const char *const sc[] = {"ja_nee", "ja_nee_weet", "eens", "veiligheid", "frequentie", "tekst"};
		for (size_t i = 0; i < sizeof sc / sizeof sc[0]; i++) {
			const struct pw_survey_scale *x = pw_survey_scale(sc[i]);
			const char *words = x->text ? _("Open antwoord (tekst)") : pw_printf(&r->arena, "%s ... %s", pw_ui_title(x->options[0].text, x->options[0].text_en),
									   pw_ui_title(x->options[x->n - 1].text, x->options[x->n - 1].text_en));
			pw_html_printf(b, "<option value=\"%s\">%s</option>", sc[i], words);
		}
		pw_html_printf(b, "</select></div><button type=\"submit\">%s</button></form>", T.own_btn);
	} else {
		pw_html_raw(b, "<ol>");
		for (size_t k = 0; k < s->nq; k++)
			pw_html_printf(b, "<li>%s <span class=\"meta\">(%s)</span></li>", pw_ui_title(s->q[k].text, s->q[k].text_en),
				       s->q[k].key);
		pw_html_raw(b, "</ol>");
	}
	pw_html_raw(b, "</section>");
	if (manage && strcmp(s->info.status, "gesloten") != 0) {
		pw_html_printf(b, "<section class=\"card\"><h2>%s</h2><p class=\"hint\">%s</p><form method=\"post\" action=\"%s/codes\">",
			       T.codes_h, T.codes_hint, base);
		pw_form_csrf(r, a);
		pw_html_printf(b,
			       "<div class=\"field\"><label for=\"aantal\">%s</label><input id=\"aantal\" name=\"aantal\" "
			       "type=\"number\" min=\"1\" max=\"%d\" value=\"30\" inputmode=\"numeric\"></div>"
			       "<div class=\"btns\"><button type=\"submit\" name=\"vorm\" value=\"print\">%s</button> "
			       "<button type=\"submit\" name=\"vorm\" value=\"csv\">%s</button></div></form></section>",
			       T.codes_count, PW_SURVEY_CODES_MAX, T.codes_print, T.codes_csv);
	}
	results(r, s, freetext);
	pw_page_end(r, status);
}

/* The survey of the URL, for this actor. 0 after answering. */
static int load(struct pw_req *r, struct pw_actor *a, struct pw_survey_full *s, bool *manage, bool *freetext)
{
	struct pw_err err;
	int64_t school;
	if (!who(r, a, &school, manage, freetext))
		return 0;
	int64_t id = pw_ui_id(r->params[0]);
	if (id == 0 || pw_survey_load(r, school, id, s, &err) != PW_OK) {
		pw_ui_error_page(r, a, 404, T.title, _("Deze enquête bestaat niet."), "/enquetes");
		return 0;
	}
	return 1;
}

void pw_h_enquetes_one(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_survey_full s;
	bool manage, freetext;
	if (!load(r, &a, &s, &manage, &freetext))
		return;
	survey_page(r, &a, &s, manage, freetext, NULL, 200);
}

static void slips(struct pw_req *r, const struct pw_actor *a, const struct pw_survey_full *s, char **codes, int n)
{
	const char *host = r->app->public_url ? r->app->public_url : pw_printf(&r->arena, "%s", pw_req_header(r, "Host") ? pw_req_header(r, "Host") : "");
	pw_page_begin(r, T.slips_title, a);
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<div class=\"no-print\"><h1>%s</h1><p class=\"lead\">%s</p><p><a href=\"/enquetes/%lld\">%s</a></p></div>",
		       T.slips_title, T.slips_lead, (long long)s->info.id, T.back);
	pw_html_raw(b, "<ul class=\"slips\">");
	for (int i = 0; i < n; i++)
		pw_html_printf(b, "<li><span>%s</span> <strong>%s/enquete</strong> <span>%s</span> <code class=\"slip-code\">%s</code></li>",
			       T.slip_text, host, T.slip_url, codes[i]);
	pw_html_raw(b, "</ul>");
	pw_page_end(r, 201);
}

void pw_h_enquetes_one_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_survey_full s;
	struct pw_fields f;
	struct pw_err err;
	bool manage, freetext;
	if (!load(r, &a, &s, &manage, &freetext) || !pw_ui_form(r, &a, 64, &f))
		return;
	if (!manage) {
		pw_ui_error_page(r, &a, 403, T.forbidden,
				 _("Enquêtes maken, openen en codes maken doet de anti-pestcoördinator."), "/enquetes");
		return;
	}
	const char *act = r->params[1];
	enum pw_status st = PW_OK;
	if (strcmp(act, "openen") == 0 || strcmp(act, "sluiten") == 0) {
		st = pw_survey_update(r, &a, &s, NULL, NULL, act[0] == 'o' ? "open" : "gesloten", &err);
	} else if (strcmp(act, "vragen") == 0 || strcmp(act, "eigen") == 0) {
		/* The standard keys ticked, and the own questions kept (plus a new one). */
		json_t *keys = json_array(), *own = json_array();
		size_t nv;
		const char **v = pw_ui_values(&r->arena, &f, "vraag", &nv);
		if (strcmp(act, "eigen") == 0) {
			for (size_t k = 0; k < s.nq; k++)
				if (s.q[k].kind)
					json_array_append_new(keys, json_string(s.q[k].key));
		} else {
			for (size_t i = 0; i < nv; i++)
				json_array_append_new(keys, json_string(v[i]));
		}
		for (size_t k = 0; k < s.nq; k++)
			if (s.q[k].kind == NULL && (strcmp(act, "eigen") == 0 || pw_ui_has_value(&f, "eigen", s.q[k].key)))
				json_array_append_new(own, json_pack("{s:s, s:s, s:s}", "key", s.q[k].key, "text", s.q[k].text,
								     "scale", s.q[k].scale->key));
		if (strcmp(act, "eigen") == 0) {
			const char *key = pw_ui_get(&r->arena, &f, "key"), *text = pw_ui_get(&r->arena, &f, "text"),
				   *scale = pw_fields_get(&f, "scale");
			json_array_append_new(own, json_pack("{s:s?, s:s?, s:s?}", "key", key, "text", text, "scale", scale));
		}
		st = pw_survey_update(r, &a, &s, keys, own, NULL, &err);
		json_decref(keys);
		json_decref(own);
	} else if (strcmp(act, "codes") == 0) {
		const char *n = pw_fields_get(&f, "aantal");
		char *end;
		long count = n ? strtol(n, &end, 10) : 0;
		if (n == NULL || *n == '\0' || *end)
			count = 0;
		char **codes;
		st = pw_survey_make_codes(r, &a, &s, (int)(count > 0 && count <= PW_SURVEY_CODES_MAX ? count : 0), &codes, &err);
		if (st == PW_OK) {
			const char *vorm = pw_fields_get(&f, "vorm");
			if (vorm && strcmp(vorm, "csv") == 0) {
				r->status = 201;
				r->content_type = "text/csv; charset=utf-8";
				r->out.len = 0;
				pw_buf_puts(&r->out, "code\r\n");
				for (long i = 0; i < count; i++)
					pw_buf_printf(&r->out, "%s\r\n", codes[i]);
				pw_resp_header(r, "Content-Disposition",
					       pw_printf(&r->arena, "attachment; filename=\"enquete-%lld-codes.csv\"",
							 (long long)s.info.id));
				return;
			}
			slips(r, &a, &s, codes, (int)count);
			return;
		}
	} else {
		pw_ui_error_page(r, &a, 404, T.title, _("Deze actie bestaat niet."), "/enquetes");
		return;
	}
	if (st != PW_OK) {
		survey_page(r, &a, &s, manage, freetext, err.msg, pw_status_http(err.code));
		return;
	}
	pw_resp_redirect(r, pw_printf(&r->arena, "/enquetes/%lld", (long long)s.info.id));
}

/* ---- the monitor ---- */

static void share_row(struct pw_req *r, struct pw_buf *b, const char *label, const struct pw_survey_monitor *m,
		      const struct pw_survey_share *s, bool sub)
{
	pw_html_printf(b, "<tr><th scope=\"row\">%s%s</th>", sub ? "… " : "", label);
	if (!m->shown || !s->shown)
		pw_html_printf(b, "<td class=\"num\">%s</td></tr>", T.not_shown);
	else
		pw_html_printf(b, _("<td class=\"num\">%s%% <span class=\"meta\">(%lld van %lld)</span></td></tr>"),
			       pw_printf(&r->arena, "%.0f", s->pct), (long long)s->n, (long long)s->base);
}

static void count_row(struct pw_buf *b, const char *label, int64_t v)
{
	if (v < 0)
		pw_html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td></tr>", label, T.not_shown);
	else
		pw_html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td></tr>", label, (long long)v);
}

void pw_h_enquetes_monitor(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	int64_t school;
	bool manage, freetext;
	if (!who(r, &a, &school, &manage, &freetext))
		return;
	struct pw_schoolyear *years = NULL;
	size_t ny = 0;
	if (pw_store_schoolyear_list(r->app->store, &r->arena, school, &years, &ny, &err) != PW_OK || ny == 0) {
		pw_ui_error_page(r, &a, 404, T.monitor_title, _("Er zijn nog geen schooljaren ingevoerd."), "/enquetes");
		return;
	}
	const char *year = pw_req_query(r, "jaar");
	struct pw_schoolyear sy;
	bool known = false;
	for (size_t i = 0; year && i < ny; i++)
		known |= strcmp(years[i].name, year) == 0;
	if (!known) {
		year = pw_store_schoolyear_at(r->app->store, &r->arena, school, pw_today(r), &sy, &err) == PW_OK
			       ? sy.name
			       : years[ny - 1].name;
	}
	struct pw_survey_monitor m;
	if (pw_survey_monitor(r, school, year, &m, &err) != PW_OK) {
		pw_ui_error_page(r, &a, pw_status_http(err.code), T.monitor_title, err.msg, "/enquetes");
		return;
	}
	const char *format = pw_req_query(r, "format");
	if (format && strcmp(format, "csv") == 0) {
		r->status = 200;
		r->content_type = "text/csv; charset=utf-8";
		pw_survey_monitor_csv(&r->out, &m);
		pw_resp_header(r, "Content-Disposition",
			       pw_printf(&r->arena, "attachment; filename=\"pestwijzer-monitor-%s.csv\"", year));
		return;
	}
	pw_page_begin(r, T.monitor_title, &a);
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<p><a href=\"/enquetes\">%s</a></p><div class=\"page-head\"><h1>%s</h1><p class=\"lead\">%s</p></div>",
		       T.back, T.monitor_title, T.monitor_lead);
	pw_html_printf(b, "<form method=\"get\" action=\"/enquetes/monitor\" class=\"search-row\"><label for=\"jaar\" class=\"sr-only\">%s</label>"
			  "<select id=\"jaar\" name=\"jaar\">",
		       T.monitor_year);
	for (size_t i = ny; i-- > 0;)
		pw_html_printf(b, "<option value=\"%s\"%s>%s</option>", years[i].name, strcmp(years[i].name, year) == 0 ? " selected" : "",
			       years[i].name);
	pw_html_printf(b, "</select><button type=\"submit\">%s</button></form>", T.monitor_show);
	pw_html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s %s\"><table><caption>%s %s</caption><tbody>",
		       T.monitor_year, year, T.monitor_year, year);
	count_row(b, T.m_resp, m.respondents);
	share_row(r, b, T.m_safe, &m, &m.safe, false);
	share_row(r, b, T.m_unsafe, &m, &m.unsafe, false);
	share_row(r, b, T.m_bullied, &m, &m.bullied, false);
	share_row(r, b, T.m_online, &m, &m.online, true);
	share_row(r, b, T.m_told, &m, &m.told, true);
	share_row(r, b, T.m_stopped, &m, &m.stopped, true);
	count_row(b, T.m_signals, m.signals);
	count_row(b, T.m_cases, m.cases);
	pw_html_raw(b, "</tbody></table></div>");
	if (!m.shown)
		pw_html_printf(b, "<div class=\"notice-box\" role=\"note\"><p>%s</p></div>", T.m_none);
	pw_html_printf(b, "<p class=\"hint\">%s</p><p><a class=\"button\" href=\"/enquetes/monitor?jaar=%s&amp;format=csv\">%s</a></p>",
		       T.m_explain, year, T.monitor_csv);
	pw_page_end(r, 200);
}
