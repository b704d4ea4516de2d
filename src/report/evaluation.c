/* The yearly evaluation's words and tables, shared by page, XLSX and PDF. */
#include "report/evaluation.h"

#include "core/survey.h"
#include "util/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STR2(x) #x
#define STR(x) STR2(x)
#define PW_STATS_K_TEXT STR(PW_STATS_K)

const char PW_EVAL_NOTE[] = N_(
	"Een aantal van 1 tot en met 4 leerlingen, meldingen of casussen staat er als \"<5\", "
	"nooit als getal, want in een klas of leerjaar weten collega's dan vaak wie het is. Waar een verborgen aantal "
	"terug te rekenen zou zijn uit een totaal en de andere aantallen, is ook een tweede aantal verborgen. Nul staat "
	"er wel: niemand is niemand. Een mediaan over minder dan 5 casussen staat er niet. De cijfers over preventie en "
	"het protocol tellen klassen en medewerkers, geen leerlingen, en staan er volledig.");

const struct pw_eval_key PW_EVAL_KEYS[] = {
	{"signals", N_("Meldingen")},
	{"signals.systematisch:ja", N_("Meldingen van systematisch pesten")},
	{"suspicions", N_("Vermoedens (geen of onbekend of het systematisch is)")},
	{"cases", N_("Casussen geopend")},
	{"cases.status:closed", N_("Casussen gesloten")},
	{"cases.escalated", N_("Casussen opgeschaald")},
	{"cases.consult", N_("Casussen met een consult")},
	{"cases.brought_in", N_("Casussen waarbij iemand is ingeschakeld")},
	{"cases.recurrence", N_("Casussen waarin het pesten terugkwam")},
	{"sanctions", N_("Sancties")},
	{"cases.overdue", N_("Casussen met een te late stap")},
	{"median.first_step_days", N_("Mediaan: schooldagen tot de eerste stap")},
	{"median.closing_days", N_("Mediaan: schooldagen tot sluiten")},
	{"prevention.classes", N_("Klassen")},
	{"prevention.classes_behind", N_("Klassen met een preventieactiviteit te laat")},
	{"prevention.status:done", N_("Preventieactiviteiten van klassen gedaan")},
	{"staff.protocol:confirmed", N_("Medewerkers die het protocol bevestigden")},
	{"staff.protocol:not_confirmed", N_("Medewerkers die het nog niet bevestigden")},
	{"survey.veiligheid", N_("Leerlingen die de enquête sociale veiligheid invulden")},
	{"survey.protocol", N_("Deelnemers aan de vragenlijst over het protocol")},
};
const size_t PW_EVAL_NKEYS = sizeof PW_EVAL_KEYS / sizeof PW_EVAL_KEYS[0];

static const struct {
	const char *measure, *title;
	bool chart;
} TITLES[] = {
	{"signals.systematisch", N_("Meldingen: systematisch pesten?"), true},
	{"signals.vorm", N_("Meldingen per vorm van pesten"), true},
	{"signals.flag", N_("Meldingen per kenmerk"), false},
	{"signals.flag_choice", N_("Meldingen per keuze bij een kenmerk"), false},
	{"signals.cyber", N_("Meldingen per soort cyberpesten"), true},
	{"signals.platform", N_("Meldingen per platform"), true},
	{"signals.location", N_("Meldingen per plek"), true},
	{"signals.leerjaar", N_("Meldingen per leerjaar"), true},
	{"signals.department", N_("Meldingen per afdeling"), false},
	{"signals.class", N_("Meldingen per klas"), false},
	{"suspicions.case", N_("Vermoedens: wel of geen casus"), false},
	{"cases.vorm", N_("Casussen per vorm van pesten"), false},
	{"cases.flag", N_("Casussen per kenmerk"), false},
	{"cases.flag_choice", N_("Casussen per keuze bij een kenmerk"), false},
	{"cases.cyber", N_("Casussen per soort cyberpesten"), false},
	{"cases.platform", N_("Casussen per platform"), false},
	{"cases.location", N_("Casussen per plek"), false},
	{"cases.leerjaar", N_("Casussen per leerjaar"), false},
	{"cases.department", N_("Casussen per afdeling"), false},
	{"cases.class", N_("Casussen per klas"), false},
	{"cases.status", N_("Casussen: open of gesloten"), false},
	{"cases.start_level", N_("Casussen per niveau bij de start"), true},
	{"cases.level", N_("Casussen per niveau nu"), false},
	{"cases.raised_to", N_("Casussen opgeschaald naar"), true},
	{"cases.escalation", N_("Casussen: consulten en inschakelingen"), true},
	{"sanctions.rung", N_("Sancties per trede"), true},
	{"steps.overdue", N_("Te late stappen"), false},
	{"steps.skipped", N_("Overgeslagen stappen"), false},
	{"prevention.status", N_("Preventieactiviteiten van klassen"), true},
	{"prevention.due", N_("Klassen waarvoor een preventieactiviteit gold"), false},
	{"prevention.done", N_("Klassen die een preventieactiviteit deden"), true},
	{"staff.protocol", N_("Medewerkers en het protocol dat nu geldt"), false},
	{"survey.veiligheid.answers", N_("Enquête sociale veiligheid: de antwoorden van leerlingen"), false},
	{"survey.protocol.answers", N_("Vragenlijst over het protocol: de antwoorden"), false},
	/* Totals (the key figures name most of them their own way). */
	{"signals", N_("Meldingen"), false},
	{"suspicions", N_("Vermoedens"), false},
	{"cases", N_("Casussen"), false},
	{"cases.escalated", N_("Casussen opgeschaald"), false},
	{"cases.consult", N_("Casussen met een consult"), false},
	{"cases.brought_in", N_("Casussen waarbij iemand is ingeschakeld"), false},
	{"cases.recurrence", N_("Casussen waarin het pesten terugkwam"), false},
	{"sanctions", N_("Sancties"), false},
	{"cases.overdue", N_("Casussen met een te late stap"), false},
	{"cases.skipped", N_("Casussen met een overgeslagen stap"), false},
	{"prevention.classes", N_("Klassen"), false},
	{"prevention.classes_behind", N_("Klassen met een preventieactiviteit te laat"), false},
	{"prevention.tasks", N_("Preventieactiviteiten van klassen"), false},
	{"survey.veiligheid", N_("Enquête sociale veiligheid"), false},
	{"survey.protocol", N_("Vragenlijst over het protocol"), false},
};

static int title_at(const char *measure)
{
	for (size_t i = 0; i < sizeof TITLES / sizeof TITLES[0]; i++)
		if (strcmp(TITLES[i].measure, measure) == 0)
			return (int)i;
	return -1;
}

const char *pw_eval_title(const char *measure)
{
	int i = title_at(measure);
	return i >= 0 ? _(TITLES[i].title) : measure;
}

static bool ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

const char *pw_eval_label(struct pw_arena *a, const struct pw_protocol *p, const char *measure, const char *key)
{
	static const char *const FIXED[][2] = {
		{"ja", N_("ja")},
		{"nee", N_("nee")},
		{"onbekend", N_("onbekend")},
		{"casus", N_("werd een casus")},
		{"geen_casus", N_("geen casus")},
		{"open", N_("open")},
		{"closed", N_("gesloten")},
		{"done", N_("gedaan")},
		{"skipped", N_("overgeslagen")},
		{"behind", N_("te laat")},
		{"confirmed", N_("bevestigd")},
		{"not_confirmed", N_("niet bevestigd")},
	};
	if (strncmp(measure, "survey.", 7) == 0 && ends(measure, ".answers")) {
		/* "question.option": the question as asked, and the answer. */
		const char *dot = strchr(key, '.');
		const struct pw_survey_question *q = dot ? pw_survey_standard(pw_strndup(a, key, (size_t)(dot - key))) : NULL;
		const struct pw_survey_option *o = q ? pw_survey_option(q->scale, dot + 1) : NULL;
		return q && o ? pw_printf(a, "%s: %s", pw_tr_title(q->text, q->text_en), pw_tr_title(o->text, o->text_en)) : key;
	}
	if (strcmp(measure, "prevention.status") == 0 && strcmp(key, "open") == 0)
		return _("nog open, niet te laat");
	if (ends(measure, ".vorm")) {
		const struct pw_form *f = pw_protocol_form(p, key);
		return f ? PW_TR_TITLE(f) : key;
	}
	if (ends(measure, ".flag")) {
		const struct pw_flag *f = pw_protocol_flag(p, key);
		return f ? PW_TR_TITLE(f) : key;
	}
	if (ends(measure, ".flag_choice")) {
		const char *dot = strchr(key, '.');
		const struct pw_flag *f = dot ? pw_protocol_flag(p, pw_strndup(a, key, (size_t)(dot - key))) : NULL;
		const struct pw_item *c = f ? pw_flag_choice(f, dot + 1) : NULL;
		return f && c ? pw_printf(a, "%s: %s", PW_TR_TITLE(f), PW_TR_TITLE(c)) : key;
	}
	if (ends(measure, ".cyber")) {
		for (size_t i = 0; i < p->cyber.n_kinds; i++)
			if (strcmp(p->cyber.kinds[i].key, key) == 0)
				return PW_TR_TITLE(&p->cyber.kinds[i]);
		return key;
	}
	if (ends(measure, ".platform")) {
		for (size_t i = 0; i < p->cyber.n_platforms; i++)
			if (strcmp(p->cyber.platforms[i].key, key) == 0)
				return p->cyber.platforms[i].titel; /* names (Instagram, WhatsApp): no English title */
		return key;
	}
	if (ends(measure, ".leerjaar"))
		return pw_printf(a, _("leerjaar %s"), key);
	if (ends(measure, "level") || ends(measure, ".raised_to")) {
		const struct pw_level *l = pw_protocol_level(p, key);
		return l ? PW_TR_TITLE(l) : key;
	}
	if (strcmp(measure, "cases.escalation") == 0) {
		const struct pw_escalation *e = pw_protocol_escalation(p, key);
		return e ? PW_TR_TITLE(e) : key;
	}
	if (strcmp(measure, "sanctions.rung") == 0) {
		const struct pw_rung *r = pw_protocol_rung(p, key);
		return r ? PW_TR_TITLE(r) : key;
	}
	if (strncmp(measure, "steps.", 6) == 0) {
		const struct pw_step *s = pw_protocol_step(p, key);
		return s ? PW_TR_TITLE(s) : key;
	}
	if (strcmp(measure, "prevention.due") == 0 || strcmp(measure, "prevention.done") == 0) {
		const struct pw_prevention *v = pw_protocol_prevention(p, key);
		return v ? PW_TR_TITLE(v) : key;
	}
	if (ends(measure, ".location") || ends(measure, ".class") || ends(measure, ".department"))
		return key;
	for (size_t i = 0; i < sizeof FIXED / sizeof FIXED[0]; i++)
		if (strcmp(FIXED[i][0], key) == 0)
			return _(FIXED[i][1]);
	return key;
}

static const struct pw_stats_measure *measure_of(const struct pw_stats_year *y, const char *name)
{
	for (size_t i = 0; i < y->n_m; i++)
		if (strcmp(y->m[i].name, name) == 0)
			return &y->m[i];
	return NULL;
}

/* A key a year's breakdown does not list (a class or a place of another
 * year) counted nothing that year: 0. Only a measure the year does not have
 * at all (staff.protocol before this year) is missing. */
static struct pw_chart_value value_of(const struct pw_stats_measure *m, const char *key)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (strcmp(m->cells[i].key, key) == 0)
			return (struct pw_chart_value){m->cells[i].count, m->cells[i].suppressed, false};
	return (struct pw_chart_value){0, false, m == NULL};
}

struct pw_chart_value pw_eval_key_value(const struct pw_stats_year *y, const char *measure, double *days)
{
	*days = -1;
	if (strcmp(measure, "median.first_step_days") == 0 || strcmp(measure, "median.closing_days") == 0) {
		*days = measure[7] == 'f' ? y->median_first_step : y->median_closing;
		return (struct pw_chart_value){-1, false, *days < 0};
	}
	const char *colon = strchr(measure, ':');
	char name[64];
	snprintf(name, sizeof name, "%.*s", colon ? (int)(colon - measure) : (int)strlen(measure), measure);
	return value_of(measure_of(y, name), colon ? colon + 1 : "");
}

const char *pw_eval_value_text(struct pw_arena *a, struct pw_chart_value v, double days)
{
	if (v.count < 0 && !v.missing) {
		char *s = pw_printf(a, "%.1f", days);
		char *dot = strchr(s, '.');
		if (dot && dot[1] == '0')
			*dot = '\0';
		else if (dot && strcmp(pw_lang(), "nl") == 0)
			*dot = ',';
		return s;
	}
	if (v.missing)
		return "-";
	if (v.suppressed)
		return "<" PW_STATS_K_TEXT;
	return pw_printf(a, "%lld", (long long)v.count);
}

size_t pw_eval_tables(struct pw_arena *a, const struct pw_evaluation *ev, struct pw_eval_table **out)
{
	/* The breakdowns of the year asked, then those only earlier years have
	 * (a survey held last year but not yet this year). */
	size_t total = 0;
	for (size_t k = 0; k < ev->n_years; k++)
		total += ev->years[k].n_m;
	const struct pw_stats_measure **ms = pw_calloc(a, total + 1, sizeof *ms);
	size_t nm = 0;
	for (size_t k = 0; k < ev->n_years; k++)
		for (size_t i = 0; i < ev->years[k].n_m; i++) {
			const struct pw_stats_measure *m = &ev->years[k].m[i];
			bool seen = !m->breakdown;
			for (size_t j = 0; j < nm && !seen; j++)
				seen = strcmp(ms[j]->name, m->name) == 0;
			if (!seen)
				ms[nm++] = m;
		}
	struct pw_eval_table *t = pw_calloc(a, nm + 1, sizeof *t);
	size_t n = 0;
	for (size_t i = 0; i < nm; i++) {
		const struct pw_stats_measure *m = ms[i];
		struct pw_eval_table *x = &t[n++];
		int ti = title_at(m->name);
		x->measure = m->name;
		x->title = ti >= 0 ? _(TITLES[ti].title) : m->name;
		x->chart = ti >= 0 && TITLES[ti].chart;
		x->about_students = pw_stats_about_students(m->name);
		x->n_cols = ev->n_years;
		/* The rows: the year asked's keys in its order, then keys only
		 * earlier years had. */
		size_t cap = 0;
		for (size_t k = 0; k < ev->n_years; k++) {
			const struct pw_stats_measure *e = measure_of(&ev->years[k], m->name);
			for (size_t c = 0; e && c < e->n; c++) {
				bool seen = false;
				for (size_t r = 0; r < x->n_rows && !seen; r++)
					seen = strcmp(x->keys[r], e->cells[c].key) == 0;
				if (seen)
					continue;
				size_t cap2 = cap;
				x->keys = pw_arena_grow(a, x->keys, x->n_rows, &cap, sizeof *x->keys);
				x->labels = pw_arena_grow(a, x->labels, x->n_rows, &cap2, sizeof *x->labels);
				x->keys[x->n_rows] = e->cells[c].key;
				x->labels[x->n_rows] = pw_eval_label(a, ev->p, m->name, e->cells[c].key);
				x->n_rows++;
			}
		}
		x->v = pw_calloc(a, x->n_rows * x->n_cols + 1, sizeof *x->v);
		for (size_t k = 0; k < ev->n_years; k++) {
			const struct pw_stats_measure *e = measure_of(&ev->years[k], m->name);
			for (size_t r = 0; r < x->n_rows; r++)
				x->v[r * x->n_cols + k] = value_of(e, x->keys[r]);
		}
	}
	*out = t;
	return n;
}

/* Hotspots and the like can run long: a chart shows the first rows (the
 * year's largest, as the figures are ordered) and the table has them all. */
#define CHART_ROWS 8

void pw_eval_chart(struct pw_arena *a, const struct pw_evaluation *ev, const struct pw_eval_table *t,
		   size_t max_years, struct pw_chart *out)
{
	size_t ns = t->n_cols < max_years ? t->n_cols : max_years;
	if (ns > PW_CHART_SERIES)
		ns = PW_CHART_SERIES;
	memset(out, 0, sizeof *out);
	out->title = t->title;
	out->labels = t->labels;
	out->n_rows = t->n_rows > CHART_ROWS ? CHART_ROWS : t->n_rows;
	const char **series = pw_calloc(a, ns + 1, sizeof *series);
	for (size_t k = 0; k < ns; k++)
		series[k] = ev->years[k].schoolyear;
	struct pw_chart_value *v = pw_calloc(a, out->n_rows * ns + 1, sizeof *v);
	for (size_t r = 0; r < out->n_rows; r++)
		for (size_t k = 0; k < ns; k++)
			v[r * ns + k] = t->v[r * t->n_cols + k];
	out->series = series;
	out->n_series = ns;
	out->v = v;
	out->suppressed_as = "<" PW_STATS_K_TEXT;
}

const char *pw_eval_date(struct pw_arena *a, int y, int m, int d)
{
	static const char *const MONTHS[2][12] = {
		{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
		 "november", "december"},
		{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
		 "November", "December"},
	};
	int en = strcmp(pw_lang(), "en") == 0;
	return pw_printf(a, "%d %s %d", d, MONTHS[en][(m >= 1 && m <= 12 ? m : 1) - 1], y);
}
