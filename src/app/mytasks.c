/* Mijn taken's selection (app/mytasks.h), shared by web/home.c and the
 * calendar feed (api/calendar.c). */
#include "app/mytasks.h"

#include <string.h>

#include "store/cases.h"

void pw_each_open_case(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
		       void (*fn)(void *ctx, struct pw_loaded_case *lc), void *ctx)
{
	struct pw_err err;
	for (size_t f = 0; f < actor->nfuncties; f++) {
		/* A user with two functies at one school sees its cases once. */
		int64_t sid = actor->functies[f].school_id;
		bool seen = false;
		for (size_t k = 0; k < f; k++)
			seen |= actor->functies[k].school_id == sid;
		int64_t *ids;
		size_t n;
		if (seen || pw_cases_for(s, a, actor, sid, "open", &ids, &n, &err) != PW_OK)
			continue;
		/* Load every case the actor may see, record all those reads in one
		 * group commit, then hand them on: a read is shown only once recorded. */
		struct pw_loaded_case *lcs = pw_calloc(a, n ? n : 1, sizeof *lcs);
		int64_t *shown = pw_calloc(a, n ? n : 1, sizeof *shown);
		enum pw_case_view *views = pw_calloc(a, n ? n : 1, sizeof *views);
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (pw_case_open_unaudited(s, a, actor, ids[i], &lcs[k], &err) == PW_OK) {
				shown[k] = ids[i];
				views[k] = lcs[k].view;
				k++;
			}
		bool recorded = pw_case_audit_reads(s, a, actor, shown, views, k, &err) == PW_OK;
		for (size_t i = 0; i < k; i++) {
			if (recorded)
				fn(ctx, &lcs[i]);
			pw_case_done(&lcs[i]);
		}
	}
}

size_t pw_tasks_of_case(struct pw_arena *a, const struct pw_actor *actor, struct pw_loaded_case *lc, pw_day agree_until,
			struct pw_task **out)
{
	*out = NULL;
	if (lc->row.owner_id != actor->user_id || lc->view != PW_VIEW_FULL || lc->c.closed)
		return 0;
	struct pw_step_view *sv;
	size_t ns = pw_case_steps(a, &lc->c, &lc->cal, lc->today, &sv);
	struct pw_agreement_view *av;
	size_t na = pw_case_agreements(a, &lc->c, &av);
	struct pw_task *v = pw_calloc(a, ns + na + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < ns; i++) {
		struct pw_err err;
		/* What the access function lets this user do: a step of another
		 * role (the CLZ's, say) is not theirs even on their case. */
		if (sv[i].status != PW_STEP_OPEN ||
		    pw_access_case(actor, lc->p, &lc->facts, PW_CASE_STEP, sv[i].step, &err) != PW_OK)
			continue;
		v[n++] = (struct pw_task){lc->row.id, 0, sv[i].step, sv[i].key, sv[i].step->titel, sv[i].due_on,
					  sv[i].overdue, sv[i].optional};
	}
	for (size_t i = 0; i < na; i++)
		if (av[i].open && av[i].due_on && (agree_until == 0 || av[i].due_on <= agree_until))
			v[n++] = (struct pw_task){lc->row.id, av[i].id, NULL, NULL, av[i].text, av[i].due_on,
						  av[i].due_on < lc->today, false};
	*out = v;
	return n;
}
