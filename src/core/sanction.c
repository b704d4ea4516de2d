/* The sanction ladder and its legal duties, as the loaded definition says:
 * what a case's sanction events add up to, and whether a proposal or a
 * decision is allowed now (and if not, what the protocol requires first). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/sanction.h"

const char *pw_sanction_status_key(enum pw_sanction_status s)
{
	switch (s) {
	case PW_SANCTION_PROPOSED: return "proposed";
	case PW_SANCTION_APPROVED: return "approved";
	case PW_SANCTION_APPLIED: return "applied";
	case PW_SANCTION_REJECTED: return "rejected";
	}
	return "proposed";
}

static enum pw_sanction_status status_parse(const char *s)
{
	/* An unknown word counts as a proposal: it then counts for nothing on
	 * the ladder, which is the safe side. */
	if (s && strcmp(s, "applied") == 0)
		return PW_SANCTION_APPLIED;
	if (s && strcmp(s, "approved") == 0)
		return PW_SANCTION_APPROVED;
	if (s && strcmp(s, "rejected") == 0)
		return PW_SANCTION_REJECTED;
	return PW_SANCTION_PROPOSED;
}

bool pw_sanction_duty_done(const struct pw_event *ev, size_t n, const struct pw_step *step, int64_t sid)
{
	size_t len = strlen(step->key);
	const struct pw_event *last = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct pw_event *e = &ev[i];
		if (e->kind != PW_EV_STEP || e->key == NULL)
			continue;
		/* "template:ID", compared without building the string. */
		if (strncmp(e->key, step->key, len) != 0 || e->key[len] != ':')
			continue;
		const char *id = e->key + len + 1;
		int64_t v = 0;
		bool digits = *id != '\0';
		for (; *id && digits; id++) {
			digits = *id >= '0' && *id <= '9' && v < INT64_MAX / 10;
			v = v * 10 + (*id - '0');
		}
		if (digits && v == sid)
			last = e;
	}
	return last && last->status && strcmp(last->status, "done") == 0;
}

static bool all_done(const struct pw_event *ev, size_t n, const struct pw_step *const *steps, size_t ns, int64_t sid)
{
	for (size_t i = 0; i < ns; i++)
		if (!pw_sanction_duty_done(ev, n, steps[i], sid))
			return false;
	return true;
}

size_t pw_sanctions_of_events(struct pw_arena *a, const struct pw_protocol *p, int64_t case_id,
			      const struct pw_event *ev, size_t n, struct pw_sanction **out)
{
	size_t count = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		count += ev[i].kind == PW_EV_SANCTION;
	struct pw_sanction *v = pw_calloc(a, count ? count : 1, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		const struct pw_event *e = &ev[i];
		if (e->kind == PW_EV_SANCTION) {
			struct pw_sanction *s = &v[k++];
			s->id = e->id;
			s->case_id = case_id;
			s->student = e->student;
			s->kind = e->key;
			s->rung = e->key ? pw_protocol_rung(p, e->key) : NULL;
			s->status = status_parse(e->status);
			s->direct = e->flag;
			s->reason = e->text;
			s->by = e->by;
			s->on = e->day;
			s->start_on = e->due;
			s->end_on = e->on;
			s->event = e;
			if (s->status == PW_SANCTION_APPLIED || s->status == PW_SANCTION_APPROVED)
				s->approved_on = e->day;
		} else if (e->kind == PW_EV_DECISION) {
			for (size_t j = 0; j < k; j++) {
				struct pw_sanction *s = &v[j];
				/* Only a proposal is decided; a second decision (which the
				 * API refuses) would not overturn the first. */
				if (s->id != e->ref || s->status != PW_SANCTION_PROPOSED)
					continue;
				s->decision = e;
				s->status = status_parse(e->status) == PW_SANCTION_REJECTED ? PW_SANCTION_REJECTED
											    : PW_SANCTION_APPROVED;
				if (s->status == PW_SANCTION_APPROVED)
					s->approved_on = e->day;
				if (e->due)
					s->start_on = e->due;
				if (e->on)
					s->end_on = e->on;
			}
		}
	}
	/* An approved sanction is in effect once the duties it waits for are
	 * done; one applied directly under a deviation also waits for the duties
	 * the law puts before a decision. */
	for (size_t j = 0; j < k; j++) {
		struct pw_sanction *s = &v[j];
		if (s->approved_on == 0 || s->status == PW_SANCTION_REJECTED || s->rung == NULL)
			continue;
		bool in_effect = all_done(ev, n, s->rung->in_effect_after, s->rung->n_in_effect_after, s->id) &&
				 (!s->direct || all_done(ev, n, s->rung->before_decision, s->rung->n_before_decision, s->id));
		s->status = in_effect ? PW_SANCTION_APPLIED : PW_SANCTION_APPROVED;
	}
	*out = v;
	return k;
}

pw_day pw_sanction_window_start(const struct pw_protocol *p, pw_day today)
{
	int years = p->sanctions.window_years > 0 ? p->sanctions.window_years : 1;
	return pw_day_from_ymd(pw_schoolyear_of(today) - (years - 1), 8, 1);
}

int pw_suspension_days(const struct pw_calendar *cal, pw_day start, pw_day end)
{
	return end < start ? 0 : pw_cal_school_days_between(cal, start - 1, end);
}

/* The window in words, Dutch and English. */
static const char *window_nl(const struct pw_protocol *p)
{
	return p->sanctions.window_years <= 1 ? "in dit schooljaar"
	       : p->sanctions.window_years == 2 ? "in dit schooljaar of het vorige"
						: "in de laatste schooljaren van het venster";
}

static const char *window_en(const struct pw_protocol *p)
{
	return p->sanctions.window_years <= 1 ? "in this school year"
	       : p->sanctions.window_years == 2 ? "in this school year or the previous one"
						: "in the school years of the window";
}

/* A suspension's days against the law's maximum and the rung's length. */
static enum pw_status check_days(const struct pw_protocol *p, const struct pw_calendar *cal, const struct pw_rung *g,
				 pw_day start, pw_day end, struct pw_err *err)
{
	if (end < start)
		return pw_err_field(err, PW_EINVAL, "end_on",
				    "De laatste dag (end_on) ligt vóór de eerste (start_on). (The last day is before the first.)");
	int days = pw_suspension_days(cal, start, end);
	if (days == 0)
		return pw_err_field(err, PW_EINVAL, "start_on",
				    "Van start_on tot en met end_on ligt geen schooldag. (There is no school day in this period.)");
	int law = p->sanctions.suspension_max_days;
	if (law > 0 && days > law)
		return pw_err_field(err, PW_EPROTOCOL, "end_on",
				    "Een schorsing duurt volgens de wet ten hoogste %d schooldagen; deze duurt er %d. Kies een "
				    "eerdere laatste dag. (By law a suspension lasts at most %d school days; this one lasts %d.)",
				    law, days, law, days);
	if ((days < g->min_days || days > g->max_days) && g->min_days == g->max_days)
		return pw_err_field(err, PW_EPROTOCOL, "end_on",
				    "%s duurt precies %d schooldag(en); deze duurt er %d. (This rung lasts exactly %d school "
				    "day(s); this one lasts %d.)",
				    g->key, g->min_days, days, g->min_days, days);
	if (days < g->min_days || days > g->max_days)
		return pw_err_field(err, PW_EPROTOCOL, "end_on",
				    "%s duurt %d tot en met %d schooldagen; deze duurt er %d. (This rung lasts %d to %d school "
				    "days; this one lasts %d.)",
				    g->key, g->min_days, g->max_days, days, g->min_days, g->max_days, days);
	return PW_OK;
}

/* Everyone the rung says must be heard is in `heard`. */
static enum pw_status check_heard(const struct pw_rung *g, const char *const *heard, size_t n, struct pw_err *err)
{
	char missing[256] = "";
	size_t len = 0;
	for (size_t i = 0; i < g->n_heard; i++) {
		bool found = false;
		for (size_t k = 0; k < n && !found; k++)
			found = heard[k] && strcmp(heard[k], g->heard[i]) == 0;
		if (found)
			continue;
		int w = snprintf(missing + len, sizeof missing - len, "%s%s", len ? ", " : "", g->heard[i]);
		if (w > 0 && (size_t)w < sizeof missing - len)
			len += (size_t)w;
	}
	if (len == 0)
		return PW_OK;
	return pw_err_field(err, PW_EPROTOCOL, "heard",
			    "Voor %s moeten eerst gehoord zijn: %s. (Before this decision these must be heard: %s.)", g->key,
			    missing, missing);
}

enum pw_status pw_sanction_check(const struct pw_protocol *p, const struct pw_calendar *cal, pw_day today,
				 const struct pw_sanction *history, size_t n, const struct pw_sanction_ask *ask,
				 enum pw_sanction_status *status, struct pw_err *err)
{
	const struct pw_rung *g = ask->rung;
	*status = PW_SANCTION_PROPOSED;
	if (g->kind == PW_RUNG_SUSPENSION) {
		if ((ask->start_on == 0) != (ask->end_on == 0))
			return pw_err_field(err, PW_EINVAL, ask->start_on ? "end_on" : "start_on",
					    "Geef van een schorsing zowel de eerste (start_on) als de laatste dag (end_on). "
					    "(Give both the first and the last day.)");
		/* What takes effect at once needs its days now; a proposal may
		 * leave them to the decision. */
		bool at_once = g->decides == NULL || ask->direct;
		if (at_once && ask->start_on == 0)
			return pw_err_field(err, PW_EINVAL, "start_on",
					    "Een schorsing die meteen ingaat heeft een eerste (start_on) en laatste dag (end_on) "
					    "nodig. (A suspension that takes effect now needs its first and last day.)");
		if (ask->start_on && check_days(p, cal, g, ask->start_on, ask->end_on, err) != PW_OK)
			return err->code;
	} else if (ask->start_on || ask->end_on) {
		return pw_err_field(err, PW_EINVAL, ask->start_on ? "start_on" : "end_on",
				    "Alleen een schorsing heeft een eerste en laatste dag; %s niet. (Only a suspension has days.)",
				    g->key);
	}
	/* One pending at a time: a second proposal of the same rung for the same
	 * student would ask the deciding role the same question twice. */
	for (size_t i = 0; i < n; i++) {
		const struct pw_sanction *h = &history[i];
		if (h->student == ask->student && h->kind && strcmp(h->kind, g->key) == 0 &&
		    (h->status == PW_SANCTION_PROPOSED || h->status == PW_SANCTION_APPROVED))
			return pw_err_set(err, PW_EPROTOCOL,
					  "Voor deze leerling staat al een %s open (voorgesteld, of goedgekeurd en nog niet van "
					  "kracht); rond die eerst af. (A %s for this student is already pending.)",
					  g->key, g->key);
	}
	if (!ask->direct && g->index > 0) {
		const struct pw_rung *prev = &p->sanctions.rungs[g->index - 1];
		pw_day from = pw_sanction_window_start(p, today);
		bool found = false;
		for (size_t i = 0; i < n && !found; i++) {
			const struct pw_sanction *h = &history[i];
			found = h->student == ask->student && h->status == PW_SANCTION_APPLIED && h->kind &&
				strcmp(h->kind, prev->key) == 0 && h->on >= from;
		}
		if (!found)
			return pw_err_set(err, PW_EPROTOCOL,
					  "%s vraagt eerst een toegepaste %s voor deze leerling, %s (this rung needs an applied %s "
					  "for this student first, %s).",
					  g->key, prev->key, window_nl(p), prev->key, window_en(p));
	}
	if (ask->direct) {
		/* A deviation waives the order, not the law: who must be heard is
		 * heard, and duties before a decision stay open until done, so such a
		 * rung is approved and not yet in effect. */
		if (g->decides && check_heard(g, ask->heard, ask->n_heard, err) != PW_OK)
			return err->code;
		*status = g->n_in_effect_after || g->n_before_decision ? PW_SANCTION_APPROVED : PW_SANCTION_APPLIED;
	} else {
		*status = g->decides ? PW_SANCTION_PROPOSED
				     : (g->n_in_effect_after ? PW_SANCTION_APPROVED : PW_SANCTION_APPLIED);
	}
	return PW_OK;
}

enum pw_status pw_sanction_decide_check(const struct pw_protocol *p, const struct pw_calendar *cal,
					const struct pw_sanction *s, const struct pw_event *ev, size_t n,
					const struct pw_decision_ask *d, enum pw_sanction_status *status,
					struct pw_err *err)
{
	const struct pw_rung *g = s->rung;
	if (s->status != PW_SANCTION_PROPOSED)
		return pw_err_set(err, PW_EPROTOCOL,
				  "Over deze sanctie is al besloten (status: %s). (This sanction was already decided.)",
				  pw_sanction_status_key(s->status));
	if (g == NULL)
		return pw_err_set(err, PW_EPROTOCOL,
				  "Deze sanctie (%s) staat niet meer in het protocol van de school. (The protocol no longer has this rung.)",
				  s->kind ? s->kind : "?");
	if (!d->approve) {
		*status = PW_SANCTION_REJECTED;
		return PW_OK;
	}
	for (size_t i = 0; i < g->n_before_decision; i++) {
		const struct pw_step *st = g->before_decision[i];
		if (!pw_sanction_duty_done(ev, n, st, s->id))
			return pw_err_set(err, PW_EPROTOCOL,
					  "Eerst: %s (stap %s:%lld). Pas daarna kan %s worden goedgekeurd. (First: %s; only then can "
					  "this be approved.)",
					  st->titel, st->key, (long long)s->id, g->key, st->title_en ? st->title_en : st->titel);
	}
	if (check_heard(g, d->heard, d->n_heard, err) != PW_OK)
		return err->code;
	if (g->kind == PW_RUNG_SUSPENSION) {
		if ((d->start_on == 0) != (d->end_on == 0))
			return pw_err_field(err, PW_EINVAL, d->start_on ? "end_on" : "start_on",
					    "Geef van een schorsing zowel de eerste (start_on) als de laatste dag (end_on). "
					    "(Give both the first and the last day.)");
		pw_day start = d->start_on ? d->start_on : s->start_on, end = d->start_on ? d->end_on : s->end_on;
		if (start == 0)
			return pw_err_field(err, PW_EINVAL, "start_on",
					    "Een goedgekeurde schorsing heeft een eerste (start_on) en laatste dag (end_on) nodig. "
					    "(An approved suspension needs its first and last day.)");
		if (check_days(p, cal, g, start, end, err) != PW_OK)
			return err->code;
	} else if (d->start_on || d->end_on) {
		return pw_err_field(err, PW_EINVAL, d->start_on ? "start_on" : "end_on",
				    "Alleen een schorsing heeft een eerste en laatste dag; %s niet. (Only a suspension has days.)",
				    g->key);
	}
	*status = g->n_in_effect_after ? PW_SANCTION_APPROVED : PW_SANCTION_APPLIED;
	return PW_OK;
}

size_t pw_sanction_duties(const struct pw_protocol *p, const struct pw_calendar *cal, const struct pw_sanction *s,
			  struct pw_sanction_duty *out, size_t max)
{
	const struct pw_rung *g = s->rung;
	size_t k = 0;
	if (g == NULL)
		return 0;
	/* From the proposal on; a rejected proposal keeps only what was done. */
	for (size_t i = 0; i < g->n_before_decision && k < max; i++)
		out[k++] = (struct pw_sanction_duty){g->before_decision[i], s->status == PW_SANCTION_REJECTED, s->approved_on};
	if (s->approved_on == 0 || s->status == PW_SANCTION_REJECTED)
		return k;
	for (size_t i = 0; i < g->n_on_approval && k < max; i++)
		out[k++] = (struct pw_sanction_duty){g->on_approval[i], false, s->approved_on};
	const struct pw_step *rep = p->sanctions.report_step;
	if (rep && g->kind == PW_RUNG_SUSPENSION && s->start_on && k < max &&
	    pw_suspension_days(cal, s->start_on, s->end_on) > p->sanctions.report_above_days) {
		bool listed = false;
		for (size_t i = 0; i < k; i++)
			listed |= out[i].step == rep;
		if (!listed)
			out[k++] = (struct pw_sanction_duty){rep, false, s->approved_on};
	}
	return k;
}
