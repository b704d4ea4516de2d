/* Mijn taken: the home page. Per user, what the protocol asks of them now:
 * what they were told (notices), the steps of the cases they own (overdue
 * first, then by due date) and the agreements due for evaluation, the
 * suspicions about students of their classes, the cases they follow, and for
 * those who read the whole school (CLZ, MT) the school's open cases by level
 * and age. Every case goes through pw_case_open, as the API's list does, so
 * what one sees here is what the access function allows. */
#include <stdlib.h>
#include <string.h>

#include "app/casework.h"
#include "app/mytasks.h"
#include "app/opencase.h"
#include "app/sanctionforms.h"
#include "core/school_protocol.h"
#include "store/notices.h"
#include "store/reports.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/preventie.h"
#include "web/ui.h"
#include "util/i18n.h"

/* The words of this page, in one place. */
static const struct {
	const char *title, *welcome, *melden, *melden_hint, *protocol;
	const char *notices, *seen;
	const char *tasks, *tasks_none, *due, *overdue, *no_due, *optional, *evaluate;
	const char *follow, *follow_hint;
	const char *suspicions, *suspicions_hint, *suspicions_none;
	const char *school, *school_hint, *school_none, *col_level, *col_week, *col_month, *col_older, *col_total;
	const char *open_cases, *age_days, *age_day;
	const char *open_from, *open_from_hint, *pick_one, *opened, *proposals, *proposals_hint, *proposal_line, *classes,
		*class_link, *admin_link, *reports, *reports_one, *reports_new, *reports_none,
		*reports_link, *enter_report, *confirmed, *prevention, *figures_link, *overviews, *surveys_link;
} T_nl = {
	.title = N_("Mijn taken"),
	.welcome = N_("Welkom, %s."),
	.melden = N_("Pesten melden"),
	.melden_hint = N_("Zag of hoorde je iets? Een melding kost een minuut."),
	.protocol = N_("Het anti-pestprotocol lezen"),
	.notices = N_("Nieuw voor jou"),
	.seen = N_("Gezien"),
	.tasks = N_("Stappen voor jou"),
	.tasks_none = N_("Er staan geen stappen voor je open."),
	.due = N_("uiterlijk %s"),
	.overdue = N_("te laat, was %s"),
	.no_due = N_("geen termijn"),
	.optional = N_("als het nodig is"),
	.evaluate = N_("Afspraak evalueren: %s"),
	.follow = N_("Casussen die je volgt"),
	.follow_hint = N_("Casussen waarin je meldde of die je mag inzien, maar die niet van jou zijn."),
	.suspicions = N_("Verdenkingen om op te letten"),
	.suspicions_hint = N_("Meldingen waarbij de melder (nog) geen systematisch pesten zag. Ze openen geen casus; "
			   "let op of het vaker gebeurt."),
	.suspicions_none = N_("Geen verdenkingen."),
	.school = N_("Open casussen van de school"),
	.school_hint = N_("Per niveau, naar hoe lang ze open staan."),
	.school_none = N_("De school heeft geen open casussen."),
	.col_level = N_("Niveau"),
	.col_week = N_("Deze week"),
	.col_month = N_("1 tot 4 weken"),
	.col_older = N_("Langer"),
	.col_total = N_("Totaal"),
	.open_cases = N_("Alle open casussen"),
	.age_days = N_("%d dagen open"),
	.age_day = N_("%d dag open"),
	.open_from = N_("Open een casus met de gekozen verdenkingen"),
	.open_from_hint = N_("Zie je een patroon? Kies de verdenkingen die erbij horen: ze komen samen in één nieuwe casus, "
			  "met alle betrokken leerlingen."),
	.pick_one = N_("Kies ten minste één verdenking."),
	.opened = N_("De casus is geopend."),
	.proposals = N_("Sancties om over te besluiten"),
	.proposals_hint = N_("Voorstellen die op jouw besluit wachten. Open de casus om te besluiten."),
	.proposal_line = N_("%s voor %s, voorgesteld op %s"),
	.classes = N_("Mijn klassen"),
	.class_link = N_("Klas %s"),
	.reports = N_("Meldingen van leerlingen en ouders"),
	.reports_one = N_("Er is %lld nieuwe melding."),
	.reports_new = N_("Er zijn %lld nieuwe meldingen."),
	.reports_none = N_("Er zijn geen nieuwe meldingen."),
	.reports_link = N_("Naar de meldingen"),
	.enter_report = N_("Melding van een leerling of ouder invoeren"),
	.confirmed = N_("Bedankt: je bevestigde dat je het protocol kent."),
	.prevention = N_("Preventie: welke klassen en collega's lopen achter"),
	.admin_link = N_("Naar beheer: accounts, klassen, schooljaren, import, API-tokens, protocol"),
	.overviews = N_("Overzichten"),
	.surveys_link = N_("Enquêtes en de monitor sociale veiligheid"),
	.figures_link = N_("Jaarevaluatie: de cijfers van het schooljaar met grafieken, als PDF, Excel of CSV"),
};
#define T PW_TR_TABLE(T_nl)

/* What a notice kind means for the user. */
static const char *notice_text(const char *kind)
{
	static const struct {
		const char *kind, *text;
	} t[] = {
		{"nieuwe_casus", N_("Er is een nieuwe casus voor je.")},
		{"melding", N_("Er is een nieuwe melding bij je casus.")},
		{"herhaling", N_("Herhaling: er is opnieuw gemeld na de afspraken.")},
		{"escalatie", N_("Een casus is bij jou gekomen.")},
		{"informatie", N_("Er is nieuwe informatie (een verdenking) bij je casus.")},
		{"verdenking", N_("Een verdenking over een leerling van je klas.")},
		{"patroon", N_("Meerdere verdenkingen over dezelfde leerling: is dit een patroon?")},
		{"consult", N_("Je wordt om advies gevraagd bij een casus.")},
		{"ingeschakeld", N_("Je bent ingeschakeld bij een casus.")},
		{"eigenaar", N_("Je bent eigenaar geworden van een casus.")},
		{"doorverwijzing", N_("Er is een leerling naar je doorverwezen.")},
		{"melding_leerling", N_("Er is een melding van een leerling of ouder.")},
		{"bericht_melder", N_("De melder van een melding schreef terug.")},
		{"melding_naar_clz", N_("Een melding van een leerling of ouder is aan je doorgegeven.")},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].kind, kind) == 0)
			return _(t[i].text);
	return _("Er is iets veranderd bij een casus.");
}

/* One line on the task list: a step, or an agreement to evaluate. */
struct task {
	int64_t case_id;
	const char *case_name, *title, *anchor;
	pw_day due;
	bool overdue, optional;
};

static int task_cmp(const void *x, const void *y)
{
	const struct task *a = x, *b = y;
	if (a->overdue != b->overdue)
		return a->overdue ? -1 : 1;
	if (a->optional != b->optional)
		return a->optional ? 1 : -1;
	pw_day da = a->due ? a->due : 0x7fffffff, db = b->due ? b->due : 0x7fffffff;
	if (da != db)
		return da < db ? -1 : 1;
	return a->case_id < b->case_id ? -1 : a->case_id > b->case_id;
}

struct seen_case {
	int64_t id;
	const char *name, *level, *owner, *status;
	pw_day opened;
	int age;
};

struct home {
	struct task *tasks;
	size_t ntasks, cap;
	struct seen_case *follow;
	size_t nfollow, capf;
	/* School overview: counts per level (index) and age bucket. */
	int counts[16][3];
	const struct pw_protocol *p;
	bool reads_school;
	struct seen_case *school;
	size_t nschool, caps;
	/* Sanction proposals the user decides (the deciding role, e.g. mt). */
	struct proposal {
		int64_t case_id, sanction_id;
		const char *case_name, *text;
	} *proposals;
	size_t nprop, capp;
};

static void add_task(struct pw_arena *a, struct home *h, struct task t)
{
	h->tasks = pw_arena_grow(a, h->tasks, h->ntasks, &h->cap, sizeof *h->tasks);
	h->tasks[h->ntasks++] = t;
}

/* Gathers the tasks and the cases one follows from one loaded case. */
static void gather(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, struct home *h)
{
	struct pw_arena *ar = &r->arena;
	const char *name = pw_ui_case_name(ar, &lc->c);
	pw_day opened = 0;
	pw_day_parse(lc->row.opened_on, &opened);
	int age = opened ? (int)(lc->today - opened) : 0;
	struct seen_case sc = {lc->row.id, name, pw_ui_level_title(lc->p, lc->row.level), NULL, lc->row.status, opened, age};
	if (!lc->c.closed && lc->view == PW_VIEW_FULL && lc->p->sanctions.n_rungs) {
		/* Proposals wait for the rung's deciding role: listed for whoever the
		 * access function lets decide them. */
		struct pw_sanction *sv;
		size_t ns = pw_sanctions_of_events(ar, lc->p, lc->row.id, lc->c.events, lc->c.n_events, &sv);
		for (size_t i = 0; i < ns; i++) {
			struct pw_err err;
			if (sv[i].status != PW_SANCTION_PROPOSED || !sv[i].rung || !sv[i].rung->decides ||
			    pw_access_rung(a, lc->p, &lc->facts, sv[i].rung, true, false, &err) != PW_OK)
				continue;
			const struct pw_person *pp = pw_sf_student(&lc->c, sv[i].student);
			h->proposals = pw_arena_grow(ar, h->proposals, h->nprop, &h->capp, sizeof *h->proposals);
			h->proposals[h->nprop++] = (struct proposal){
				lc->row.id, sv[i].id, name,
				pw_printf(ar, T.proposal_line, PW_UI_TITLE(sv[i].rung), pp ? pp->name : "", pw_ui_day(ar, sv[i].on))};
		}
	}
	if (h->reads_school && !lc->c.closed) {
		const struct pw_level *l = pw_case_level(&lc->c);
		if (l && l->index < 16)
			h->counts[l->index][age < 7 ? 0 : age <= 28 ? 1 : 2]++;
		sc.owner = pw_ui_user_name(r, lc->row.owner_id);
		h->school = pw_arena_grow(ar, h->school, h->nschool, &h->caps, sizeof *h->school);
		h->school[h->nschool++] = sc;
	}
	if (lc->row.owner_id != a->user_id || lc->view != PW_VIEW_FULL || lc->c.closed) {
		if (!h->reads_school || lc->view != PW_VIEW_FULL) {
			sc.owner = pw_ui_user_name(r, lc->row.owner_id);
			h->follow = pw_arena_grow(ar, h->follow, h->nfollow, &h->capf, sizeof *h->follow);
			h->follow[h->nfollow++] = sc;
		}
		return;
	}
	/* Mijn taken's selection, shared with the calendar feed (app/mytasks.c);
	 * agreements show from two school days before their evaluation. */
	struct pw_task *tv;
	size_t nt = pw_tasks_of_case(ar, a, lc, pw_cal_add_school_days(&lc->cal, lc->today, 2), &tv);
	for (size_t i = 0; i < nt; i++)
		add_task(ar, h,
			 (struct task){lc->row.id, name,
				       tv[i].step ? PW_UI_TITLE(tv[i].step) : pw_printf(ar, T.evaluate, tv[i].text),
				       tv[i].step ? pw_printf(ar, "stap-%s", tv[i].key)
						  : pw_printf(ar, "afspraak-%lld", (long long)tv[i].agreement_id),
				       tv[i].due, tv[i].overdue, tv[i].optional});
}

struct gather_ctx {
	struct pw_req *r;
	const struct pw_actor *a;
	struct home *h;
};

static void gather_one(void *ctx, struct pw_loaded_case *lc)
{
	struct gather_ctx *g = ctx;
	gather(g->r, g->a, lc, g->h);
}

static void render_notices(struct pw_req *r, const struct pw_actor *a)
{
	struct pw_buf *b = &r->out;
	struct pw_notice *nv;
	size_t n;
	struct pw_err err;
	if (pw_store_notices_unseen(r->app->store, &r->arena, a->user_id, 10, &nv, &n, &err) != PW_OK || n == 0)
		return;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-nieuw\"><h2 id=\"h-nieuw\">%s</h2><ul class=\"notices\">",
		       T.notices);
	for (size_t i = 0; i < n; i++) {
		pw_html_printf(b, "<li><span class=\"when\">%s</span> ", pw_ui_time(&r->arena, nv[i].at));
		if (nv[i].report_id)
			pw_html_printf(b, "<a href=\"/meldingen/%lld\">%s</a>", (long long)nv[i].report_id, notice_text(nv[i].kind));
		else if (nv[i].case_id)
			pw_html_printf(b, "<a href=\"/casus/%lld\">%s</a>", (long long)nv[i].case_id, notice_text(nv[i].kind));
		else {
			/* A suspicion: link to its first student, where the suspicions show. */
			struct pw_signal_row sr;
			int64_t student = 0;
			if (nv[i].signal_id && pw_store_signal_get(r->app->store, &r->arena, nv[i].signal_id, &sr, &err) == PW_OK) {
				for (size_t k = 0; k < sr.n_persons && student == 0; k++)
					student = sr.persons[k].student_id;
				json_decref(sr.data);
			}
			if (student)
				pw_html_printf(b, "<a href=\"/leerling/%lld\">%s</a>", (long long)student, notice_text(nv[i].kind));
			else
				pw_html_text(b, notice_text(nv[i].kind));
		}
		pw_html_printf(b, "<form method=\"post\" action=\"/gezien/%lld\" class=\"inline\">", (long long)nv[i].id);
		pw_form_csrf(r, a);
		pw_html_printf(b, "<button type=\"submit\" class=\"small\">%s<span class=\"sr-only\"> (%s)</span></button></form></li>",
			       T.seen, notice_text(nv[i].kind));
	}
	pw_html_raw(b, "</ul></section>");
}

/* For functies with `meldingen`: how many reports wait, and the way to them.
 * Counting reads no report's content, so it is not an audited read. */
static void render_reports(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol *p, int64_t school)
{
	struct pw_err err;
	if (pw_access_report(a, p, school, PW_REPORT_READ, &err) != PW_OK)
		return;
	struct pw_report_row *v;
	size_t n;
	int64_t fresh = 0;
	if (pw_store_reports_list(r->app->store, &r->arena, school, "nieuw", 1, 0, &v, &n, &fresh, &err) != PW_OK)
		return;
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-meldingen\"><h2 id=\"h-meldingen\">%s</h2><p>",
		       T.reports);
	if (fresh)
		pw_html_printf(b, fresh == 1 ? T.reports_one : T.reports_new, (long long)fresh);
	else
		pw_html_text(b, T.reports_none);
	pw_html_printf(b, "</p><p><a href=\"/meldingen\">%s</a></p></section>", T.reports_link);
}

/* The school-wide pages the user may open (the figures, surveys, the
 * prevention overview, administration), in one card rather than one each. */
static void render_overviews(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol *p, int64_t school)
{
	struct pw_err err;
	struct link {
		const char *href, *text;
	} v[4];
	size_t n = 0;
	if (p && pw_reads_figures(a, p, school))
		v[n++] = (struct link){"/evaluatie", T.figures_link};
	if (p && pw_access_survey(a, p, school, PW_SURVEY_READ, NULL) == PW_OK)
		v[n++] = (struct link){"/enquetes", T.surveys_link};
	if (p && pw_access_prevention(a, p, school, NULL, PW_PREV_OVERVIEW, &err) == PW_OK)
		v[n++] = (struct link){"/preventie", T.prevention};
	if (pw_access(a, PW_ACT_ADMIN, 0, NULL) == PW_OK)
		v[n++] = (struct link){"/beheer", T.admin_link};
	if (n == 0)
		return;
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<nav class=\"card\" aria-labelledby=\"h-overzichten\"><h2 id=\"h-overzichten\">%s</h2>"
			  "<ul class=\"plain links\">",
		       T.overviews);
	for (size_t i = 0; i < n; i++)
		pw_html_printf(b, "<li><a href=\"%s\">%s</a></li>", v[i].href, v[i].text);
	pw_html_raw(b, "</ul></nav>");
}

static void render_tasks(struct pw_req *r, struct home *h)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-taken\"><h2 id=\"h-taken\">%s</h2>", T.tasks);
	if (h->ntasks == 0) {
		pw_html_printf(b, "<p>%s</p></section>", T.tasks_none);
		return;
	}
	qsort(h->tasks, h->ntasks, sizeof *h->tasks, task_cmp);
	pw_html_raw(b, "<ul class=\"task-list\">");
	for (size_t i = 0; i < h->ntasks; i++) {
		const struct task *t = &h->tasks[i];
		pw_html_printf(b, "<li class=\"task\"><div class=\"task-name\"><a href=\"/casus/%lld#%s\">%s</a>"
				  "<span class=\"task-case\">%s</span></div><div class=\"task-status\">",
			       (long long)t->case_id, t->anchor, t->title,
			       pw_printf(&r->arena, _("Casus %lld · %s"), (long long)t->case_id, t->case_name));
		if (t->overdue)
			pw_ui_tag(b, "overdue", pw_printf(&r->arena, T.overdue, pw_ui_day_short(&r->arena, t->due)));
		else if (t->due)
			pw_ui_tag(b, t->optional ? "optional" : "open", pw_printf(&r->arena, T.due, pw_ui_day_short(&r->arena, t->due)));
		else
			pw_ui_tag(b, t->optional ? "optional" : "open", t->optional ? T.optional : T.no_due);
		pw_html_raw(b, "</div></li>");
	}
	pw_html_raw(b, "</ul></section>");
}

static void render_case_items(struct pw_req *r, const struct seen_case *v, size_t n)
{
	struct pw_buf *b = &r->out;
	pw_html_raw(b, "<ul class=\"case-list\">");
	for (size_t i = 0; i < n; i++) {
		pw_html_printf(b, "<li><a href=\"/casus/%lld\">%s</a> <span class=\"meta\">%s%s%s · ",
			       (long long)v[i].id, pw_printf(&r->arena, _("Casus %lld · %s"), (long long)v[i].id, v[i].name), v[i].level, v[i].owner && v[i].owner[0] ? ": " : "",
			       v[i].owner ? v[i].owner : "");
		pw_html_printf(b, v[i].age == 1 ? T.age_day : T.age_days, v[i].age);
		pw_html_raw(b, "</span> ");
		if (strcmp(v[i].status, "closed") == 0)
			pw_ui_tag(b, "done", _("gesloten"));
		pw_html_raw(b, "</li>");
	}
	pw_html_raw(b, "</ul>");
}

static void render_cases(struct pw_req *r, const char *id, const char *title, const char *hint,
			 const struct seen_case *v, size_t n)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>", id, id, title);
	if (hint)
		pw_html_printf(b, "<p class=\"hint\">%s</p>", hint);
	render_case_items(r, v, n);
	pw_html_raw(b, "</section>");
}

static void render_school(struct pw_req *r, struct home *h)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-school\"><h2 id=\"h-school\">%s</h2>", T.school);
	if (h->nschool == 0) {
		pw_html_printf(b, "<p>%s</p></section>", T.school_none);
		return;
	}
	pw_html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"h-school\"><table><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
			  "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
		       T.school_hint, T.col_level, T.col_week, T.col_month, T.col_older, T.col_total);
	for (size_t l = 0; l < h->p->n_levels && l < 16; l++) {
		int *c = h->counts[l];
		pw_html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
				  "<td class=\"num\">%d</td><td class=\"num\">%d</td></tr>",
			       PW_UI_TITLE(&h->p->levels[l]), c[0], c[1], c[2], c[0] + c[1] + c[2]);
	}
	pw_html_raw(b, "</tbody></table></div>");
	pw_html_printf(b, "<details><summary>%s (%zu)</summary>", T.open_cases, h->nschool);
	render_case_items(r, h->school, h->nschool);
	pw_html_raw(b, "</details></section>");
}

/* Suspicions about students of the user's classes (or the whole school). */
static void render_suspicions(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol *p, int64_t school,
			      bool all, const struct pw_ui_errors *e, const struct pw_fields *picked)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	struct pw_class *cls;
	size_t ncls = 0;
	pw_store_user_classes(r->app->store, &r->arena, a->user_id, pw_today(r), &cls, &ncls, &err);
	if (!all && ncls == 0)
		return;
	struct pw_signal_row *v;
	size_t n;
	if (pw_store_suspicions(r->app->store, &r->arena, school, 0, &v, &n, &err) != PW_OK)
		return;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-verdenking\"><h2 id=\"h-verdenking\">%s</h2><p class=\"hint\">%s</p>",
		       T.suspicions, T.suspicions_hint);
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		bool mine = all;
		for (size_t k = 0; k < v[i].n_persons && !mine; k++) {
			struct pw_student st;
			if (v[i].persons[k].student_id &&
			    pw_store_student_get(r->app->store, &r->arena, v[i].persons[k].student_id, pw_today(r), &st, &err) == PW_OK)
				for (size_t c = 0; c < ncls; c++)
					mine |= st.class_id == cls[c].id;
		}
		if (mine && shown < 10 && v[i].case_id == 0) {
			if (shown++ == 0) {
				/* One form around the list: tick the suspicions that belong
				 * together, one button opens the case (no script needed). */
				pw_html_raw(b, "<form method=\"post\" action=\"/verdenkingen/casus\" id=\"verdenkingen\" novalidate>");
				pw_form_csrf(r, a);
				const char *msg = pw_ui_error_of(e, "verdenkingen-v");
				pw_html_printf(b, "<fieldset class=\"field%s\" id=\"verdenkingen-v\"><legend class=\"sr-only\">%s</legend>",
					       msg ? " has-error" : "", T.suspicions);
				if (msg)
					pw_html_printf(b, "<span class=\"field-error\">%s</span>", msg);
				pw_html_raw(b, "<ul class=\"case-list\">");
			}
			pw_day d = 0;
			pw_day_parse(v[i].filed_on, &d);
			const char *vid = pw_printf(&r->arena, "%lld", (long long)v[i].id);
			pw_html_printf(b, "<li class=\"pick\"><input type=\"checkbox\" name=\"verdenking\" value=\"%s\" id=\"v-%s\"%s>"
					  "<label for=\"v-%s\" class=\"when\">%s</label> ",
				       vid, vid, picked && pw_ui_has_value(picked, "verdenking", vid) ? " checked" : "", vid,
				       pw_ui_day_short(&r->arena, d));
			for (size_t k = 0; k < v[i].n_persons; k++) {
				const struct pw_person *pp = &v[i].persons[k];
				if (pp->student_id)
					pw_html_printf(b, "%s<a href=\"/leerling/%lld\">%s</a> (%s)", k ? ", " : "", (long long)pp->student_id,
						       pp->name, pw_ui_sitrole_title(p, pp->rol));
				else
					pw_html_printf(b, "%s%s (%s)", k ? ", " : "", pp->extern_desc, pw_ui_sitrole_title(p, pp->rol));
			}
			pw_html_raw(b, " ");
			pw_ui_tag(b, "info", strcmp(v[i].systematisch, "nee") == 0 ? _("niet systematisch") : _("onbekend of systematisch"));
			if (v[i].description && v[i].description[0])
				pw_html_printf(b, "<span class=\"excerpt\">%s</span>", v[i].description);
			pw_html_raw(b, "</li>");
		}
		json_decref(v[i].data);
	}
	if (shown)
		pw_html_printf(b, "</ul></fieldset><p class=\"hint\" id=\"verdenkingen-hint\">%s</p>"
				  "<button type=\"submit\" aria-describedby=\"verdenkingen-hint\">%s</button></form>",
			       T.open_from_hint, T.open_from);
	else
		pw_html_printf(b, "<p>%s</p>", T.suspicions_none);
	pw_html_raw(b, "</section>");
}

static void render_proposals(struct pw_req *r, const struct home *h)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-besluiten\"><h2 id=\"h-besluiten\">%s</h2><p class=\"hint\">%s</p>"
			  "<ul class=\"case-list\">",
		       T.proposals, T.proposals_hint);
	for (size_t i = 0; i < h->nprop; i++)
		pw_html_printf(b, "<li><a href=\"/casus/%lld#sanctie-%lld\">%s</a><span class=\"excerpt\">%s</span></li>",
			       (long long)h->proposals[i].case_id, (long long)h->proposals[i].sanction_id, h->proposals[i].case_name,
			       h->proposals[i].text);
	pw_html_raw(b, "</ul></section>");
}

/* Links to the classes one is mentor of (their Klas pages). */
static void render_classes(struct pw_req *r, const struct pw_actor *a)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	struct pw_class *cls;
	size_t n = 0;
	if (pw_store_user_classes(r->app->store, &r->arena, a->user_id, pw_today(r), &cls, &n, &err) != PW_OK || n == 0)
		return;
	pw_html_printf(b, "<nav class=\"card\" aria-labelledby=\"h-klassen\"><h2 id=\"h-klassen\">%s</h2><ul class=\"inline-list\">",
		       T.classes);
	for (size_t i = 0; i < n; i++)
		pw_html_printf(b, "<li><a href=\"/klas/%s\">%s</a></li>", cls[i].name, pw_printf(&r->arena, T.class_link, cls[i].name));
	pw_html_raw(b, "</ul></nav>");
}

static void home(struct pw_req *r, const struct pw_actor *ap, const struct pw_ui_errors *e, const struct pw_fields *picked,
		 int status)
{
	struct pw_actor a = *ap;
	struct pw_err err;
	struct pw_buf *b = &r->out;
	r->out.len = 0;
	int64_t school = pw_actor_school(&a);
	struct home h;
	memset(&h, 0, sizeof h);
	h.p = pw_school_protocol(r->app->store, school, NULL, &err);
	h.reads_school = h.p && pw_reads_school(&a, h.p, school);
	/* Every open case of the user's schools goes past the access function. */
	struct gather_ctx g = {r, &a, &h};
	if (h.p)
		pw_each_open_case(r->app->store, &r->arena, &a, gather_one, &g);
	pw_page_begin(r, T.title, &a);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><p class=\"lead\">", T.title);
	pw_html_printf(b, T.welcome, a.name);
	pw_html_printf(b, "</p></div><div class=\"actions-bar\"><a class=\"button primary big\" href=\"/melden\">%s</a>"
			  "<span class=\"hint\">%s</span><a href=\"/meldingen/nieuw\">%s</a></div>",
		       T.melden, T.melden_hint, T.enter_report);
	if (e && e->n)
		pw_ui_error_summary(b, e);
	else if (pw_req_query(r, "klaar"))
		pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>",
			       strcmp(pw_req_query(r, "klaar"), "bevestigd") == 0 ? T.confirmed : T.opened);
	pw_prevention_confirm_box(r, &a);
	render_notices(r, &a);
	if (h.p)
		render_reports(r, &a, h.p, school);
	render_overviews(r, &a, h.p, school);
	if (h.nprop)
		render_proposals(r, &h);
	if (h.ntasks > 0 || (h.p && pw_works_cases(&a, h.p, school)))
		render_tasks(r, &h);
	if (h.p)
		render_suspicions(r, &a, h.p, school, h.reads_school, e, picked);
	render_classes(r, &a);
	if (h.nfollow)
		render_cases(r, "h-volg", T.follow, T.follow_hint, h.follow, h.nfollow);
	if (h.reads_school)
		render_school(r, &h);
	pw_html_printf(b, "<p class=\"after\"><a href=\"/protocol\">%s</a></p>", T.protocol);
	pw_page_end(r, status);
}

void pw_h_home(struct pw_req *r)
{
	struct pw_actor a;
	if (!pw_ui_auth(r, &a))
		return;
	home(r, &a, NULL, NULL, 200);
}

/* The mentor's button: the ticked suspicions become one case, through the
 * same operation as POST /api/v1/signals/{id}/case. */
void pw_h_home_open_case(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_fields f;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 40, &f))
		return;
	struct pw_ui_errors e;
	memset(&e, 0, sizeof e);
	size_t n;
	const char **v = pw_ui_values(&r->arena, &f, "verdenking", &n);
	if (n == 0 || n > 21) {
		pw_ui_error_add(&e, "verdenkingen-v", T.pick_one);
		home(r, &a, &e, &f, 400);
		return;
	}
	int64_t *ids = pw_calloc(&r->arena, n, sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = pw_ui_id(v[i]);
	int64_t school = pw_actor_school(&a);
	const struct pw_protocol *p = pw_school_protocol(r->app->store, school, NULL, &err);
	json_t *j = json_object();
	struct pw_filed filed;
	enum pw_status st = p ? pw_case_from_suspicions(r->app->store, &r->arena, &a, school, p, pw_today(r), ids, n, j, &filed, &err)
			      : err.code;
	json_decref(j);
	if (st != PW_OK) {
		pw_ui_error_add(&e, "verdenkingen-v", pw_strdup(&r->arena, err.msg));
		home(r, &a, &e, &f, pw_status_http(err.code));
		return;
	}
	pw_resp_redirect(r, pw_printf(&r->arena, "/casus/%lld?klaar=1", (long long)filed.case_id));
}

/* A notice was seen: it leaves the task list. */
void pw_h_notice_seen(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_fields f;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 8, &f))
		return;
	int64_t id = pw_ui_id(r->params[0]);
	if (id)
		pw_store_notice_seen(r->app->store, a.user_id, id, &err);
	pw_resp_redirect(r, "/");
}

/* The hide control's landing page: nothing on it that anyone may not see. */
void pw_h_hide(struct pw_req *r)
{
	pw_ui_lang_anon(r);
	pw_html_printf(&r->out, "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
				"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				"<title>Pestwijzer</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
				"<body class=\"hidden-screen\"><main class=\"container\"><p><a href=\"/\">%s</a></p>"
				"</main></body></html>",
		       pw_lang(), _("Verder"));
	pw_resp_html(r, 200);
}
