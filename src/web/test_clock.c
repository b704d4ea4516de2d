/* POST /api/v1/__test/clock {"now_ms": N} or {"advance_ms": N}: only when the server
 * was started with --test-clock, so API tests can move time without sleeping. */
#include "util/clock.h"
#include "web/app.h"

void pw_h_test_clock(struct pw_req *r)
{
	struct pw_err err;
	if (!r->app->test_mode) {
		pw_err_set(&err, PW_ENOTFOUND, "not found");
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *j = pw_json_parse_body(r->body.data ? r->body.data : "", r->body.len, &err);
	if (j == NULL) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *now = json_object_get(j, "now_ms"), *adv = json_object_get(j, "advance_ms");
	if (json_is_integer(now))
		pw_clock_set(json_integer_value(now));
	else if (json_is_integer(adv))
		pw_clock_advance(json_integer_value(adv));
	else if (json_is_true(json_object_get(j, "real")))
		pw_clock_real();
	json_decref(j);
	pw_resp_json(r, 200, json_pack("{s:I}", "now_ms", (json_int_t)pw_now_ms()));
}
