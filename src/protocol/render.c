/* The document a school publishes: the whole protocol in readable Dutch, as
 * one standalone HTML page (embedded CSS, no script) that prints well. It is
 * drawn from the same definition the engine enforces, so the text parents
 * read and the rules the system applies cannot drift apart.
 *
 * Every byte goes through the escaping writer of web/html.h: the prose is
 * the school's text, never markup. */
#include "protocol/protocol.h"

#include <string.h>

#include "protocol/internal.h"
#include "web/html.h"

static const char css[] =
	"body{font-family:\"DejaVu Serif\",Georgia,serif;font-size:11.5pt;line-height:1.5;color:#1b1b1b;"
	"max-width:46rem;margin:2rem auto;padding:0 1.25rem}\n"
	"h1,h2,h3,h4{font-family:\"DejaVu Sans\",Arial,sans-serif;line-height:1.25;break-after:avoid}\n"
	"h1{font-size:1.9rem;margin:.2rem 0}h2{font-size:1.4rem;margin-top:2.4rem;border-bottom:2px solid #1b1b1b;"
	"padding-bottom:.2rem}h3{font-size:1.15rem;margin-top:1.6rem}h4{font-size:1rem;margin-bottom:.3rem}\n"
	".school{font-family:\"DejaVu Sans\",Arial,sans-serif;text-transform:uppercase;letter-spacing:.06em;"
	"font-size:.85rem;margin:0}\n"
	".meta,.note{color:#444;font-size:.9rem}\n"
	"nav ol{padding-left:1.4rem}a{color:#0b4f8a}\n"
	"dl{margin:.5rem 0}dt{font-weight:bold;margin-top:.6rem}dd{margin:0 0 0 1.2rem}\n"
	".step{border-left:4px solid #0b4f8a;padding:.1rem 0 .1rem .8rem;margin:1rem 0;break-inside:avoid}\n"
	".step.advies{border-left-color:#6a6a6a}.step.optioneel{border-left-color:#b8b8b8}\n"
	".step h4{margin-top:.2rem}\n"
	".tag{font-family:\"DejaVu Sans\",Arial,sans-serif;font-size:.75rem;font-weight:normal;border:1px solid #666;"
	"border-radius:3px;padding:0 .3rem;margin-left:.4rem;white-space:nowrap}\n"
	".facts{font-size:.9rem;color:#333;margin:.3rem 0 0;padding:0;list-style:none}\n"
	".facts li::before{content:\"\\2192  \"}\n"
	"table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.6rem 0}\n"
	"th,td{border:1px solid #999;padding:.3rem .45rem;text-align:left;vertical-align:top}\n"
	"th{background:#eee}tr{break-inside:avoid}\n"
	".box{border:1px solid #999;padding:.5rem .8rem;margin:.8rem 0;background:#f6f6f6;break-inside:avoid}\n"
	".key{font-family:\"DejaVu Sans Mono\",monospace;font-size:.8rem;color:#555}\n"
	"footer{margin-top:3rem;border-top:1px solid #999;padding-top:.5rem}\n"
	"@media print{body{margin:0;max-width:none;font-size:10.5pt}a{color:inherit;text-decoration:none}"
	"nav{break-after:page}h2{break-before:page}.box{background:none}}\n"
	"@page{size:A4;margin:2cm 2cm 2.2cm}\n";

/* ---- prose ------------------------------------------------------------ */

/* A line's list marker: "- " (bullet) or "12. " (numbered); its length, or 0. */
static size_t marker(const char *s, size_t n, bool *numbered)
{
	if (n >= 2 && s[0] == '-' && s[1] == ' ') {
		*numbered = false;
		return 2;
	}
	size_t i = 0;
	while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i + 1 < n && s[i] == '.' && s[i + 1] == ' ') {
		*numbered = true;
		return i + 2;
	}
	return 0;
}

/* The definition's small markup: blank lines between paragraphs, "- " and
 * "1. " items (indented lines continue an item), other lines joined. */
static void prose(struct pw_buf *b, const char *text)
{
	if (text == NULL)
		return;
	enum open_kind { NONE, PARA, UL, OL } open = NONE;
	const char *p = text;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		const char *next = eol ? eol + 1 : p + n;
		size_t lead = 0;
		while (lead < n && p[lead] == ' ')
			lead++;
		const char *s = p + lead;
		size_t sn = n - lead;
		bool numbered = false;
		size_t mk = lead == 0 ? marker(s, sn, &numbered) : 0;
		if (sn == 0) {
			pw_html_raw(b, open == PARA ? "</p>\n" : open == UL ? "</li></ul>\n" : open == OL ? "</li></ol>\n" : "");
			open = NONE;
		} else if (mk) {
			enum open_kind want = numbered ? OL : UL;
			if (open != want) {
				pw_html_raw(b, open == PARA ? "</p>\n" : open == UL ? "</li></ul>\n" : open == OL ? "</li></ol>\n" : "");
				pw_html_raw(b, numbered ? "<ol>\n<li>" : "<ul>\n<li>");
				open = want;
			} else {
				pw_html_raw(b, "</li>\n<li>");
			}
			pw_html_textn(b, s + mk, sn - mk);
		} else if ((open == UL || open == OL) && lead > 0) {
			pw_html_raw(b, " ");
			pw_html_textn(b, s, sn);
		} else {
			if (open == UL || open == OL) {
				pw_html_raw(b, open == UL ? "</li></ul>\n" : "</li></ol>\n");
				open = NONE;
			}
			pw_html_raw(b, open == PARA ? " " : "<p>");
			open = PARA;
			pw_html_textn(b, s, sn);
		}
		p = next;
	}
	pw_html_raw(b, open == PARA ? "</p>\n" : open == UL ? "</li></ul>\n" : open == OL ? "</li></ol>\n" : "");
}

/* ---- words ------------------------------------------------------------ */

static const char *need_word(enum pw_need n)
{
	switch (n) {
	case PW_NEED_REQUIRED: return "verplicht";
	case PW_NEED_ADVISED: return "aanbevolen";
	case PW_NEED_OPTIONAL: return "zo nodig";
	}
	return "";
}

static const char *read_word(enum pw_read_scope r)
{
	static const char *const w[] = {
		"geen enkele casus",
		"eigen meldingen en, beperkt, de casussen waar die bij horen",
		"de casussen van leerlingen uit de eigen klassen",
		"alle casussen van de eigen afdeling",
		"alle casussen van de school",
		"alleen casussen waarover hij of zij is geraadpleegd",
		"alleen wat naar hem of haar is doorverwezen",
	};
	return w[r];
}

static const char *act_word(enum pw_act_scope a)
{
	static const char *const w[] = {
		"niets",
		"meldingen en notities toevoegen",
		"handelen als eigenaar of als mentor van de klas",
		"handelen in elke casus die hij of zij mag lezen",
		"handelen in alle casussen",
		"advies geven in de tijdlijn",
		"eigen aantekeningen maken",
	};
	return w[a];
}

/* "A, B of C" from titles of keyed items reached through pointers. */
#define TITLES(b, arr, n, last)                                   \
	do {                                                      \
		for (size_t i_ = 0; i_ < (n); i_++) {             \
			if (i_ > 0)                               \
				pw_html_raw((b), i_ + 1 == (n) ? (last) : ", "); \
			pw_html_text((b), (arr)[i_]->titel);      \
		}                                                 \
	} while (0)

static void who(struct pw_buf *b, const struct pw_role *const *roles, size_t n, bool owner)
{
	if (owner) {
		pw_html_raw(b, "de eigenaar van de casus");
		if (n)
			pw_html_raw(b, " of ");
	}
	TITLES(b, roles, n, " of ");
}

static void due(struct pw_buf *b, const struct pw_step *s)
{
	const struct pw_due *d = &s->due;
	pw_html_printf(b, "binnen %d schooldag%s ", d->school_days, d->school_days == 1 ? "" : "en");
	switch (d->from) {
	case PW_DUE_SIGNAL: pw_html_raw(b, "na de melding"); break;
	case PW_DUE_LEVEL:
		pw_html_printf(b, "nadat de casus bij niveau ‘%s’ is gekomen", s->level ? s->level->titel : "");
		break;
	case PW_DUE_FIRST_OF:
		pw_html_raw(b, d->n_steps > 1 ? "na de eerste van: " : "na: ");
		TITLES(b, d->steps, d->n_steps, " en ");
		break;
	case PW_DUE_LAST_OF:
		pw_html_raw(b, d->n_steps > 1 ? "na de laatste van: " : "na: ");
		TITLES(b, d->steps, d->n_steps, " en ");
		break;
	case PW_DUE_DECISION: pw_html_raw(b, "na het besluit over de sanctie"); break;
	case PW_DUE_NONE: break;
	}
}

static void done_by(struct pw_buf *b, const struct pw_step *s)
{
	switch (s->done_by) {
	case PW_DONE_MANUAL: pw_html_raw(b, "de uitvoerder vinkt de stap af"); break;
	case PW_DONE_CONVERSATION:
		pw_html_raw(b, "een vastgelegd gesprek: ");
		TITLES(b, s->kinds, s->n_kinds, " of ");
		break;
	case PW_DONE_PARENT_CONTACT:
		pw_html_raw(b, "vastgelegd contact met de ouders van elke ");
		TITLES(b, s->about, s->n_about, " en elke ");
		break;
	case PW_DONE_REFERRAL:
		pw_html_raw(b, "een doorverwijzing: ");
		TITLES(b, s->referrals, s->n_referrals, " of ");
		break;
	case PW_DONE_ESCALATION: pw_html_text(b, s->escalation->titel); break;
	case PW_DONE_SANCTION: pw_html_raw(b, "een vastgelegde sanctie"); break;
	}
}

static void step_card(struct pw_buf *b, const struct pw_step *s, int number)
{
	pw_html_printf(b, "<div class=\"step %s\" id=\"s-%s\">\n<h4>", pw_need_names[s->need], s->key);
	if (number > 0)
		pw_html_printf(b, "%d. ", number);
	pw_html_printf(b, "%s<span class=\"tag\">%s</span></h4>\n", s->titel, need_word(s->need));
	prose(b, s->tekst);
	pw_html_raw(b, "<ul class=\"facts\">\n<li>Wie: ");
	who(b, s->who, s->n_who, s->owner_may);
	pw_html_raw(b, "</li>\n");
	if (s->n_after) {
		pw_html_raw(b, "<li>Na: ");
		TITLES(b, s->after, s->n_after, " en ");
		pw_html_raw(b, "</li>\n");
	}
	if (s->due.from != PW_DUE_NONE) {
		pw_html_raw(b, "<li>Termijn: ");
		due(b, s);
		pw_html_raw(b, "</li>\n");
	}
	pw_html_raw(b, "<li>Klaar bij: ");
	done_by(b, s);
	pw_html_raw(b, "</li>\n</ul>\n");
	pw_html_printf(b, "<p class=\"key\">%s</p>\n</div>\n", s->key);
}

/* ---- blocks ----------------------------------------------------------- */

#define DL(b, arr, n)                                                                     \
	do {                                                                              \
		pw_html_raw((b), "<dl>\n");                                               \
		for (size_t i_ = 0; i_ < (n); i_++) {                                     \
			pw_html_printf((b), "<dt>%s</dt>\n<dd>", (arr)[i_].titel);        \
			prose((b), (arr)[i_].omschrijving);                               \
			pw_html_raw((b), "</dd>\n");                                      \
		}                                                                         \
		pw_html_raw((b), "</dl>\n");                                              \
	} while (0)

static void block_vormen(struct pw_buf *b, const struct pw_protocol *p)
{
	DL(b, p->forms, p->n_forms);
}

static void block_vlaggen(struct pw_buf *b, const struct pw_protocol *p)
{
	if (p->n_flags == 0)
		return;
	pw_html_raw(b, "<p>Bij een melding wordt daarnaast vastgelegd:</p>\n<dl>\n");
	for (size_t i = 0; i < p->n_flags; i++) {
		const struct pw_flag *f = &p->flags[i];
		pw_html_printf(b, "<dt>%s</dt>\n<dd>", f->titel);
		prose(b, f->omschrijving);
		if (f->choice) {
			pw_html_raw(b, "<p>Een van: ");
			for (size_t k = 0; k < f->n_choices; k++)
				pw_html_printf(b, "%s%s", k ? ", " : "", f->choices[k].titel);
			pw_html_raw(b, ".</p>\n");
		}
		pw_html_raw(b, "</dd>\n");
	}
	pw_html_raw(b, "</dl>\n");
}

static void block_situatierollen(struct pw_buf *b, const struct pw_protocol *p)
{
	DL(b, p->sitroles, p->n_sitroles);
}

static void block_checklists(struct pw_buf *b, const struct pw_protocol *p)
{
	for (size_t i = 0; i < p->n_checklists; i++) {
		const struct pw_checklist *c = &p->checklists[i];
		pw_html_printf(b, "<h3>%s</h3>\n<ul>\n", c->titel);
		for (size_t k = 0; k < c->n_items; k++)
			pw_html_printf(b, "<li>%s</li>\n", c->items[k].titel);
		pw_html_raw(b, "</ul>\n");
	}
}

static void block_cyber(struct pw_buf *b, const struct pw_protocol *p)
{
	const struct pw_cyber *c = &p->cyber;
	prose(b, c->tekst);
	if (c->n_kinds) {
		pw_html_raw(b, "<h3>Vormen van cyberpesten</h3>\n");
		DL(b, c->kinds, c->n_kinds);
	}
	if (c->n_platforms) {
		pw_html_raw(b, "<p>Platforms: ");
		for (size_t i = 0; i < c->n_platforms; i++)
			pw_html_printf(b, "%s%s", i ? ", " : "", c->platforms[i].titel);
		pw_html_raw(b, ".</p>\n");
	}
	int n = 0;
	for (size_t i = 0; i < p->n_steps; i++)
		if (p->steps[i].kind == PW_STEP_CYBER) {
			if (n == 0)
				pw_html_raw(b, "<h3>Stappenplan bij cyberpesten</h3>\n"
					       "<p>Bij cyberpesten volgt iedereen het stappenplan; daarnaast:</p>\n");
			step_card(b, &p->steps[i], ++n);
		}
	if (c->n_advice) {
		pw_html_raw(b, "<h3>Adviezen, afhankelijk van de ernst</h3>\n");
		DL(b, c->advice, c->n_advice);
	}
	if (c->no_evidence_msg) {
		pw_html_raw(b, "<div class=\"box\"><p><strong>Geen bewijs opslaan bij: ");
		int k = 0;
		for (size_t i = 0; i < c->n_kinds; i++)
			if (c->kinds[i].no_evidence)
				pw_html_printf(b, "%s%s", k++ ? ", " : "", c->kinds[i].titel);
		pw_html_raw(b, ".</strong></p>\n");
		prose(b, c->no_evidence_msg);
		pw_html_raw(b, "</div>\n");
	}
}

static void block_preventie(struct pw_buf *b, const struct pw_protocol *p)
{
	for (size_t i = 0; i < p->n_prevention; i++) {
		const struct pw_prevention *pv = &p->prevention[i];
		pw_html_printf(b, "<h3>%s</h3>\n", pv->titel);
		prose(b, pv->tekst);
		pw_html_raw(b, "<ul class=\"facts\">\n");
		for (size_t k = 0; k < pv->n_moments; k++) {
			const struct pw_moment *m = &pv->moments[k];
			pw_html_printf(b, "<li>Wanneer: %s", m->wanneer);
			if (m->n_years) {
				pw_html_raw(b, m->n_years == 1 ? " (leerjaar " : " (leerjaren ");
				for (size_t y = 0; y < m->n_years; y++)
					pw_html_printf(b, "%s%d", y ? ", " : "", m->years[y]);
				pw_html_raw(b, ")");
			}
			if (m->advised)
				pw_html_raw(b, ", bij voorkeur");
			pw_html_raw(b, "</li>\n");
		}
		if (pv->ongoing)
			pw_html_raw(b, "<li>Wanneer: het hele schooljaar</li>\n");
		if (pv->who)
			pw_html_printf(b, "<li>Wie: %s</li>\n", pv->who->titel);
		if (pv->confirm)
			pw_html_raw(b, "<li>Iedere collega bevestigt dit in Pestwijzer</li>\n");
		if (pv->url)
			pw_html_printf(b, "<li>Meer: <a href=\"%s\">%s</a></li>\n", pv->url, pv->url);
		pw_html_raw(b, "</ul>\n");
	}
}

static void block_functies(struct pw_buf *b, const struct pw_protocol *p)
{
	pw_html_raw(b, "<table>\n<thead><tr><th>Functie</th><th>Leest</th><th>Mag</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < p->n_functies; i++) {
		const struct pw_functie *f = &p->functies[i];
		pw_html_printf(b, "<tr><td>%s</td><td>%s", f->titel, read_word(f->access.read));
		if (f->access.figures)
			pw_html_raw(b, "; de cijfers voor monitoring en evaluatie");
		if (f->access.audit)
			pw_html_raw(b, "; het logboek van wie wat las of wijzigde");
		if (f->access.reports)
			pw_html_raw(b, "; meldingen van leerlingen en ouders");
		pw_html_printf(b, "</td><td>%s", act_word(f->access.act));
		if (f->access.confidential)
			pw_html_raw(b, "; vertrouwelijke aantekeningen die niemand anders leest");
		pw_html_raw(b, "</td></tr>\n");
	}
	pw_html_raw(b, "</tbody>\n</table>\n");
}

static void block_rollen(struct pw_buf *b, const struct pw_protocol *p)
{
	for (size_t i = 0; i < p->n_roles; i++) {
		const struct pw_role *r = &p->roles[i];
		pw_html_printf(b, "<h3>%s</h3>\n", r->titel);
		prose(b, r->omschrijving);
	}
}

static void block_niveaus(struct pw_buf *b, const struct pw_protocol *p)
{
	for (size_t i = 0; i < p->n_levels; i++) {
		const struct pw_level *v = &p->levels[i];
		pw_html_printf(b, "<h3 id=\"n-%s\">%s</h3>\n", v->key, v->titel);
		prose(b, v->omschrijving);
		pw_html_printf(b, "<ul class=\"facts\">\n<li>Eigenaar van de casus: %s", v->owner->titel);
		if (v->owner_scope == PW_OWNER_CLASS)
			pw_html_printf(b, " (van de klas van: %s)", v->owner_of ? v->owner_of->titel : "");
		else if (v->owner_scope == PW_OWNER_DEPARTMENT)
			pw_html_raw(b, " (van de afdeling, waar de school er meer heeft)");
		pw_html_raw(b, "</li>\n");
		if (v->next)
			pw_html_printf(b, "<li>Bij herhaling of opschalen daarna: %s</li>\n", v->next->titel);
		pw_html_raw(b, "</ul>\n");
		for (size_t k = 0; k < v->n_steps; k++)
			step_card(b, v->steps[k], (int)k + 1);
	}
}

static void block_escalaties(struct pw_buf *b, const struct pw_protocol *p)
{
	pw_html_raw(b, "<h3>Opschalen en meedenken</h3>\n<dl>\n");
	for (size_t i = 0; i < p->n_escalations; i++) {
		const struct pw_escalation *e = &p->escalations[i];
		pw_html_printf(b, "<dt>%s</dt>\n<dd>", e->titel);
		prose(b, e->omschrijving);
		pw_html_raw(b, "<p class=\"note\">");
		if (e->kind == PW_ESC_LEVEL)
			pw_html_printf(b, "De casus gaat naar: %s.", e->level->titel);
		else if (e->kind == PW_ESC_CONSULT)
			pw_html_printf(b, "%s denkt mee; de eigenaar blijft.", e->role->titel);
		else
			pw_html_printf(b, "%s wordt ingeschakeld; de eigenaar blijft.", e->role->titel);
		pw_html_raw(b, " Door: ");
		who(b, e->by, e->n_by, e->owner_may);
		pw_html_raw(b, e->reason_required ? ", met een reden.</p>\n</dd>\n" : ".</p>\n</dd>\n");
	}
	pw_html_raw(b, "</dl>\n");
}

static void block_sancties(struct pw_buf *b, const struct pw_protocol *p)
{
	const struct pw_sanctions *sa = &p->sanctions;
	prose(b, sa->tekst);
	pw_html_raw(b, "<ol>\n");
	for (size_t i = 0; i < sa->n_rungs; i++) {
		const struct pw_rung *g = &sa->rungs[i];
		pw_html_printf(b, "<li><strong>%s</strong>\n", g->titel);
		prose(b, g->omschrijving);
		pw_html_raw(b, "<ul class=\"facts\">\n<li>");
		pw_html_raw(b, g->decides ? "Voorgesteld door: " : "Door: ");
		TITLES(b, g->by, g->n_by, " of ");
		if (g->owner_after_consult) {
			pw_html_raw(b, ", of door de eigenaar van de casus in overleg met ");
			TITLES(b, g->by, g->n_by, " of ");
		}
		pw_html_raw(b, "</li>\n");
		if (g->decides)
			pw_html_printf(b, "<li>Besluit: %s</li>\n", g->decides->titel);
		if (g->kind == PW_RUNG_SUSPENSION) {
			if (g->min_days == g->max_days)
				pw_html_printf(b, "<li>Duur: %d schooldag%s</li>\n", g->min_days, g->min_days == 1 ? "" : "en");
			else
				pw_html_printf(b, "<li>Duur: %d tot %d schooldagen</li>\n", g->min_days, g->max_days);
			if (sa->report_step && g->max_days > sa->report_above_days)
				pw_html_printf(b, "<li>Bij meer dan %d schooldag%s: %s</li>\n", sa->report_above_days,
					       sa->report_above_days == 1 ? "" : "en", sa->report_step->titel);
		}
		if (g->n_heard) {
			pw_html_raw(b, "<li>Eerst gehoord: ");
			for (size_t k = 0; k < g->n_heard; k++)
				pw_html_printf(b, "%s%s", k ? (k + 1 == g->n_heard ? " en " : ", ") : "",
					       strcmp(g->heard[k], "leerling") == 0 ? "de leerling"
					       : strcmp(g->heard[k], "ouders") == 0 ? "de ouders"
										      : "de betrokken docenten");
			pw_html_raw(b, "</li>\n");
		}
		if (g->n_before_decision) {
			pw_html_raw(b, "<li>Vóór het besluit: ");
			TITLES(b, g->before_decision, g->n_before_decision, " en ");
			pw_html_raw(b, "</li>\n");
		}
		if (g->n_on_approval) {
			pw_html_raw(b, "<li>Na het besluit: ");
			TITLES(b, g->on_approval, g->n_on_approval, " en ");
			pw_html_raw(b, "</li>\n");
		}
		if (g->n_in_effect_after) {
			pw_html_raw(b, "<li>Gaat pas in na: ");
			TITLES(b, g->in_effect_after, g->n_in_effect_after, " en ");
			pw_html_raw(b, "</li>\n");
		}
		pw_html_raw(b, "</ul>\n</li>\n");
	}
	pw_html_raw(b, "</ol>\n");
	pw_html_printf(b, "<p>Een sanctie volgt op de vorige voor dezelfde leerling; daarbij tellen %s.</p>\n",
		       sa->window_years == 1 ? "alleen sancties uit het lopende schooljaar"
		       : sa->window_years == 2 ? "de sancties uit het lopende en het vorige schooljaar"
					       : "de sancties uit de laatste schooljaren");
	pw_html_raw(b, "<h3>Wat de wet vraagt</h3>\n");
	prose(b, sa->wet_tekst);
	pw_html_printf(b, "<p class=\"note\">Een schorsing duurt ten hoogste %d schooldagen", sa->suspension_max_days);
	if (sa->report_above_days > 0)
		pw_html_printf(b, "; een schorsing van meer dan %d schooldag%s wordt gemeld bij de Inspectie",
			       sa->report_above_days, sa->report_above_days == 1 ? "" : "en");
	pw_html_raw(b, sa->written_notice ? "; het besluit gaat schriftelijk naar leerling en ouders.</p>\n" : ".</p>\n");
	int n = 0;
	for (size_t i = 0; i < p->n_steps; i++)
		if (p->steps[i].kind == PW_STEP_SANCTION) {
			if (n++ == 0)
				pw_html_raw(b, "<h4>Plichten bij een sanctie</h4>\n");
			step_card(b, &p->steps[i], 0);
		}
}

static void block_termijnen(struct pw_buf *b, const struct pw_protocol *p)
{
	pw_html_raw(b, "<h3>Termijnen</h3>\n<p>Termijnen tellen schooldagen: maandag tot en met vrijdag, zonder "
		       "vakanties, gerekend vanaf de dag na de gebeurtenis.</p>\n<table>\n<thead><tr><th>Stap</th>"
		       "<th>Termijn</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < p->n_steps; i++) {
		const struct pw_step *s = &p->steps[i];
		if (s->due.from == PW_DUE_NONE)
			continue;
		pw_html_printf(b, "<tr><td>%s</td><td>", s->titel);
		due(b, s);
		pw_html_raw(b, "</td></tr>\n");
	}
	pw_html_printf(b, "<tr><td>Afspraken evalueren</td><td>na %d schooldagen; is het pesten verminderd, dan "
			  "opnieuw na %d schooldagen</td></tr>\n",
		       p->rules.agreement_days, p->rules.agreement_again_days);
	pw_html_raw(b, "</tbody>\n</table>\n");
}

static void block_regels(struct pw_buf *b, const struct pw_protocol *p)
{
	const struct pw_rules *r = &p->rules;
	pw_html_raw(b, "<h3>Zo gaat Pestwijzer met meldingen om</h3>\n<ul>\n");
	pw_html_printf(b, "<li>Een casus begint bij: %s.</li>\n", r->start->titel);
	pw_html_raw(b, "<li>Overstijgt het pesten de klas (de leerlingen in de rollen ");
	TITLES(b, r->crossing, r->n_crossing, " en ");
	pw_html_printf(b, " zitten niet allemaal in één klas), dan begint de casus bij: %s.</li>\n", r->crossing_at->titel);
	pw_html_printf(b, "<li>Stuurt de melder een melding rechtstreeks door, dan begint de casus bij: %s.</li>\n",
		       r->direct_at->titel);
	pw_html_printf(b, "<li>Twijfelt de melder of het systematisch is, dan opent de melding nog geen casus. Bij %d "
			  "zulke meldingen over dezelfde leerlingen binnen %d weken vraagt Pestwijzer of het een "
			  "patroon is.</li>\n",
		       r->pattern_count, r->pattern_weeks);
	pw_html_raw(b, "<li>Een nieuwe melding hoort bij een lopende casus als zij leerlingen noemt die in die casus "
		       "deze rollen hebben: ");
	TITLES(b, r->join, r->n_join, " en ");
	pw_html_raw(b, ".</li>\n");
	pw_html_printf(b, "<li>Gaat het pesten door nadat er afspraken zijn gemaakt, dan is dat een herhaling: de "
			  "casus gaat naar: %s.</li>\n",
		       r->recur_to->titel);
	if (r->reopen_years == 1)
		pw_html_printf(b, "<li>Een nieuwe melding over dezelfde leerlingen in het schooljaar waarin de casus "
				  "werd gesloten, heropent die casus bij: %s.</li>\n",
			       r->reopen_at->titel);
	else
		pw_html_printf(b, "<li>Een nieuwe melding over dezelfde leerlingen in het schooljaar waarin de casus "
				  "werd gesloten of in de %d schooljaar/schooljaren daarna, heropent die casus bij: %s.</li>\n",
			       r->reopen_years - 1, r->reopen_at->titel);
	if (r->advice_escalation) {
		pw_html_raw(b, "<li>");
		prose(b, r->advice_tekst);
		pw_html_raw(b, "</li>\n");
	}
	pw_html_raw(b, "<li>Elke stap kan met een reden worden overgeslagen door ");
	who(b, r->skip_by, r->n_skip_by, r->skip_owner);
	pw_html_raw(b, "; de reden blijft zichtbaar.</li>\n");
	pw_html_printf(b, "<li>Afspraken worden geëvalueerd na %d schooldagen. Een casus wordt gesloten door ",
		       r->agreement_days);
	who(b, r->close_by, r->n_close_by, r->close_owner);
	pw_html_raw(b, ".</li>\n</ul>\n");
	if (r->deviation_tekst) {
		pw_html_raw(b, "<h3>Afwijken van het protocol</h3>\n");
		prose(b, r->deviation_tekst);
	}
	if (r->meldcode_tekst) {
		pw_html_raw(b, "<div class=\"box\">");
		prose(b, r->meldcode_tekst);
		pw_html_raw(b, "</div>\n");
	}
}

static void block_gidsen(struct pw_buf *b, const struct pw_protocol *p)
{
	for (size_t i = 0; i < p->n_guides; i++) {
		const struct pw_guide *g = &p->guides[i];
		if (g->bijlage)
			pw_html_printf(b, "<h3 id=\"g-%s\">Bijlage %s: %s</h3>\n", g->key, g->bijlage, g->titel);
		else
			pw_html_printf(b, "<h3 id=\"g-%s\">%s</h3>\n", g->key, g->titel);
		prose(b, g->inleiding);
		for (size_t j = 0; j < g->n_parts; j++) {
			const struct pw_guide_part *gp = &g->parts[j];
			pw_html_printf(b, "<h4>%s</h4>\n", gp->titel);
			prose(b, gp->tekst);
			if (gp->n_questions == 0)
				continue;
			pw_html_raw(b, "<ul>\n");
			for (size_t k = 0; k < gp->n_questions; k++) {
				pw_html_printf(b, "<li>%s", gp->questions[k].vraag);
				if (gp->questions[k].toelichting)
					pw_html_printf(b, " <em>(%s)</em>", gp->questions[k].toelichting);
				pw_html_raw(b, "</li>\n");
			}
			pw_html_raw(b, "</ul>\n");
		}
	}
}

static void block_toegang(struct pw_buf *b, const struct pw_protocol *p)
{
	const struct pw_access_rules *a = &p->access;
	pw_html_raw(b, "<ul>\n");
	if (a->attention_for_all)
		pw_html_raw(b, "<li>Iedere medewerker ziet bij een leerling dat er een open casus is en bij wie hij of "
			       "zij terecht kan; niet meer dan dat.</li>\n");
	if (a->classes_open_year)
		pw_html_raw(b, "<li>Een mentor leest een casus in het schooljaar waarin die werd geopend en in het "
			       "lopende schooljaar.</li>\n");
	else
		pw_html_raw(b, "<li>Een leerkracht leest de casussen van de eigen groep in het lopende "
			       "schooljaar.</li>\n");
	if (a->parent_excluded)
		pw_html_raw(b, "<li>Een medewerker die ouder is van een betrokken leerling, blijft buiten die "
			       "casus.</li>\n");
	if (a->hidden_is_missing)
		pw_html_raw(b, "<li>Een casus die iemand niet mag zien, bestaat voor die persoon niet.</li>\n");
	pw_html_raw(b, "</ul>\n");
}

typedef void (*block_fn)(struct pw_buf *, const struct pw_protocol *);

/* In the order of pw_block_names. */
static const block_fn blocks[] = {
	block_vormen, block_vlaggen, block_situatierollen, block_checklists, block_cyber,
	block_preventie, block_functies, block_rollen, block_niveaus, block_escalaties,
	block_sancties, block_termijnen, block_regels, block_gidsen, block_toegang,
};

static int block_index(const char *name)
{
	for (int i = 0; pw_block_names[i]; i++)
		if (strcmp(pw_block_names[i], name) == 0)
			return i;
	return -1;
}

/* ---- the document ----------------------------------------------------- */

void pw_protocol_render_html(const struct pw_protocol *p, struct pw_buf *out)
{
	enum { NBLOCKS = sizeof blocks / sizeof *blocks };
	bool used[NBLOCKS] = { false };
	for (size_t i = 0; i < p->n_chapters; i++)
		for (size_t k = 0; k < p->chapters[i].n_blocks; k++) {
			int x = block_index(p->chapters[i].blocks[k]);
			if (x >= 0)
				used[x] = true;
		}
	bool rest = false;
	for (int i = 0; i < NBLOCKS; i++)
		rest |= !used[i];

	pw_html_raw(out, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	pw_html_printf(out, "<title>%s</title>\n<style>\n", p->naam);
	pw_html_raw(out, css);
	pw_html_raw(out, "</style>\n</head>\n<body>\n<header>\n");
	pw_html_printf(out, "<p class=\"school\">%s</p>\n<h1>%s</h1>\n<p class=\"meta\">Versie %s", p->school, p->naam,
		       p->versie);
	if (p->vastgesteld)
		pw_html_printf(out, ", vastgesteld op %s", p->vastgesteld);
	pw_html_raw(out, "</p>\n</header>\n<nav aria-label=\"Inhoud\">\n<h2>Inhoud</h2>\n<ol>\n");
	for (size_t i = 0; i < p->n_chapters; i++)
		pw_html_printf(out, "<li><a href=\"#h-%s\">%s</a></li>\n", p->chapters[i].key, p->chapters[i].titel);
	if (rest)
		pw_html_raw(out, "<li><a href=\"#h-pestwijzer-overzicht\">Overzicht</a></li>\n");
	pw_html_raw(out, "</ol>\n</nav>\n<main>\n");
	for (size_t i = 0; i < p->n_chapters; i++) {
		const struct pw_chapter *c = &p->chapters[i];
		pw_html_printf(out, "<section id=\"h-%s\">\n<h2>%zu. %s</h2>\n", c->key, i + 1, c->titel);
		prose(out, c->tekst);
		for (size_t k = 0; k < c->n_blocks; k++) {
			int x = block_index(c->blocks[k]);
			if (x >= 0)
				blocks[x](out, p);
		}
		pw_html_raw(out, "</section>\n");
	}
	if (rest) {
		pw_html_printf(out, "<section id=\"h-pestwijzer-overzicht\">\n<h2>%zu. Overzicht</h2>\n", p->n_chapters + 1);
		for (int i = 0; i < NBLOCKS; i++)
			if (!used[i])
				blocks[i](out, p);
		pw_html_raw(out, "</section>\n");
	}
	pw_html_printf(out, "</main>\n<footer class=\"note\">\n<p>Dit document is gemaakt uit de protocoldefinitie "
			    "‘%s’ (versie %s). Pestwijzer volgt dezelfde definitie, zodat dit document en de "
			    "werkwijze in Pestwijzer altijd overeenkomen.</p>\n</footer>\n</body>\n</html>\n",
		       p->id, p->versie);
}
