/* A personal calendar feed (issue 7): the due steps and agreement
 * evaluations of one's cases as iCalendar, for a calendar program.
 *
 * Calendar programs can send no header, so the secret is in the address: the
 * one exception to "secrets never in a URL" (API.md). That is why the feed
 * is revocable, answers 404 alike for unknown, revoked and disabled, carries
 * case numbers and step names only (never a student's name or what
 * happened), and its route is PW_ROUTE_NOLOG | PW_ROUTE_ANON: the access log
 * shows neither the secret nor the caller's address. Only the secret's
 * SHA-256 is stored, as for sessions and API tokens. */
#include <stdio.h>
#include <string.h>

#include "api/apiutil.h"
#include "app/mytasks.h"
#include "auth/auth.h"
#include "core/ical.h"
#include "store/calendar.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"
#include "web/instellingen.h"

#define ICS_SUFFIX ".ics"

/* True when h is a plausible Host header value: letters, digits and the few
 * characters of a host[:port] or [v6]:port. It is echoed into the address we
 * hand back, so nothing else may pass. */
static bool host_ok(const char *h)
{
	if (h == NULL || h[0] == '\0' || strlen(h) > 255)
		return false;
	for (const char *p = h; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr(".-:[]", *p)))
			return false;
	return true;
}

/* The base address people reach this server at: `serve --public-url` when
 * the app was given it, else what the client called us by. */
static const char *base_url(struct pw_req *r)
{
	const char *pub = r->app->public_url;
	if (pub && pub[0]) {
		size_t n = strlen(pub);
		while (n > 0 && pub[n - 1] == '/')
			n--;
		return pw_strndup(&r->arena, pub, n);
	}
	const char *host = pw_req_header(r, "Host");
	if (!host_ok(host))
		host = "localhost";
	return pw_printf(&r->arena, "%s://%s", r->tls || r->app->behind_tls ? "https" : "http", host);
}

/* GET /api/v1/me/calendar: whether the user has a feed; never its secret,
 * which is not kept. */
void pw_h_api_calendar(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	int64_t created = 0;
	if (!pw_api_auth(r, &a))
		return;
	enum pw_status st = pw_store_calfeed_get(r->app->store, a.user_id, &created, &err);
	if (st != PW_OK && st != PW_ENOTFOUND) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, 200, json_pack("{s:b, s:o}", "exists", st == PW_OK, "created_at",
				       st == PW_OK ? pw_api_time(created) : json_null()));
}

/* A new secret feed address for the user, to show once; an earlier one
 * stops working. NULL with err. Shared with the settings page. */
const char *pw_calendar_new(struct pw_req *r, const struct pw_actor *a, struct pw_err *err)
{
	char secret[64];
	unsigned char h[32];
	pw_auth_secret(secret, sizeof secret);
	pw_auth_hash(secret, h);
	if (pw_store_calfeed_set(r->app->store, a->user_id, h, err) != PW_OK)
		return NULL;
	return pw_printf(&r->arena, "%s/agenda/%s%s", base_url(r), secret, ICS_SUFFIX);
}

/* POST /api/v1/me/calendar: a new secret address, shown this once. */
void pw_h_api_calendar_create(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	const char *url = pw_calendar_new(r, &a, &err);
	if (url == NULL) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, 201, json_pack("{s:s}", "url", url));
}

/* DELETE /api/v1/me/calendar: revokes the feed (404 when there is none);
 * answers {"exists": false}. */
void pw_h_api_calendar_delete(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	if (pw_store_calfeed_delete(r->app->store, a.user_id, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, 200, json_pack("{s:b}", "exists", 0));
}

struct feed {
	struct pw_req *r;
	const struct pw_actor *a;
	int64_t now;
};

/* One VEVENT per dated task of one case. */
static void feed_case(void *ctx, struct pw_loaded_case *lc)
{
	struct feed *f = ctx;
	struct pw_arena *ar = &f->r->arena;
	struct pw_task *tv;
	size_t n = pw_tasks_of_case(ar, f->a, lc, 0, &tv);
	for (size_t i = 0; i < n; i++) {
		if (tv[i].due == 0)
			continue;
		/* The agreement's own words may name a student: only its kind shows. */
		const char *summary = tv[i].step ? pw_printf(ar, "Casus %lld: %s", (long long)tv[i].case_id, tv[i].text)
						 : pw_printf(ar, "Casus %lld: Afspraak evalueren", (long long)tv[i].case_id);
		/* Stable per item, so a calendar updates an event instead of adding one. */
		const char *uid = tv[i].step
					  ? pw_printf(ar, "casus-%lld-stap-%s@pestwijzer", (long long)tv[i].case_id, tv[i].key)
					  : pw_printf(ar, "casus-%lld-afspraak-%lld@pestwijzer", (long long)tv[i].case_id,
						      (long long)tv[i].agreement_id);
		pw_ical_event(&f->r->out, uid, f->now, tv[i].due, summary);
	}
}

/* GET /agenda/{secret}.ics */
void pw_h_calendar_feed(struct pw_req *r)
{
	struct pw_err err;
	const char *seg = r->params[0];
	size_t n = strlen(seg), sl = strlen(ICS_SUFFIX);
	if (n <= sl || strcmp(seg + n - sl, ICS_SUFFIX) != 0) {
		pw_api_fail(r, PW_ENOTFOUND, NULL, "Deze agenda bestaat niet (not found).");
		return;
	}
	const char *secret = pw_strndup(&r->arena, seg, n - sl);
	unsigned char h[32];
	int64_t uid;
	struct pw_actor a;
	memset(&a, 0, sizeof a);
	pw_auth_hash(secret, h);
	if (pw_store_calfeed_lookup(r->app->store, h, &uid, &err) != PW_OK || pw_actor_load(r, uid, &a, &err) != PW_OK) {
		/* Unknown, revoked and disabled look alike: nothing to learn by guessing. */
		pw_api_fail(r, PW_ENOTFOUND, NULL, "Deze agenda bestaat niet (not found).");
		return;
	}
	r->out.len = 0;
	pw_ical_begin(&r->out, "Pestwijzer");
	struct feed f = {r, &a, pw_now()};
	/* Through Mijn taken's selection: the same cases, the same access
	 * checks, each read audited as a read by this user. */
	pw_each_open_case(r->app->store, &r->arena, &a, feed_case, &f);
	pw_ical_end(&r->out);
	r->status = 200;
	r->content_type = "text/calendar; charset=utf-8";
}
