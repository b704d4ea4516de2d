#include "api/apiutil.h"

#include <stdlib.h>

#include "util/clock.h"
#include "web/app.h"

int64_t pw_api_id(const char *s)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	return s && *s && *end == '\0' && v > 0 ? v : 0;
}

static void release_case(void *p)
{
	pw_case_done(p);
}

/* Authenticates and loads the case in the URL; 0 after answering. */
int pw_api_open_case(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case *lc)
{
	struct pw_err err;
	if (!pw_api_auth(r, a))
		return 0;
	int64_t id = pw_api_id(r->params[0]);
	if (id == 0) {
		pw_err_set(&err, PW_ENOTFOUND, "Deze casus bestaat niet (case not found).");
		pw_resp_error_json(r, &err);
		return 0;
	}
	if (pw_case_open(r->app->store, &r->arena, a, id, lc, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return 0;
	}
	/* The handler's loaded case lives on its stack; what must be released
	 * (the signals' JSON) is reached through the arena when the request ends. */
	struct pw_loaded_case *keep = pw_alloc(&r->arena, sizeof *keep);
	*keep = *lc;
	pw_req_defer(r, release_case, keep);
	return 1;
}

json_t *pw_api_body(struct pw_req *r)
{
	struct pw_err err;
	json_t *j = pw_json_parse_body(r->body.data ? r->body.data : "", r->body.len, &err);
	if (j == NULL)
		pw_resp_error_json(r, &err);
	return j;
}

void pw_api_fail(struct pw_req *r, enum pw_status code, const char *field, const char *msg)
{
	struct pw_err err;
	if (field)
		pw_err_field(&err, code, field, "%s", msg);
	else
		pw_err_set(&err, code, "%s", msg);
	pw_resp_error_json(r, &err);
}

int pw_api_text(struct pw_req *r, json_t *j, const char *key, size_t max, int required, const char **out)
{
	json_t *v = json_object_get(j, key);
	*out = NULL;
	if (v == NULL || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (!required)
			return 1;
		pw_api_fail(r, PW_EINVAL, key, pw_printf(&r->arena, "Vul %s in.", key));
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) > max || !pw_utf8_valid_text(json_string_value(v), json_string_length(v))) {
		pw_api_fail(r, PW_EINVAL, key, pw_printf(&r->arena, "%s moet tekst zijn van hoogstens %zu tekens.", key, max));
		return 0;
	}
	*out = json_string_value(v);
	return 1;
}

int pw_api_date(struct pw_req *r, json_t *j, const char *key, int required, pw_day *out)
{
	const char *s;
	*out = 0;
	if (!pw_api_text(r, j, key, 10, required, &s))
		return 0;
	if (s && pw_day_parse(s, out) != 0) {
		pw_api_fail(r, PW_EINVAL, key, pw_printf(&r->arena, "%s moet een datum zijn (JJJJ-MM-DD).", key));
		return 0;
	}
	return 1;
}

json_t *pw_api_day(pw_day d)
{
	char s[11];
	if (d == 0)
		return json_null();
	pw_day_format(d, s);
	return json_string(s);
}

json_t *pw_api_time(int64_t t)
{
	char s[32];
	if (t == 0)
		return json_null();
	pw_time_rfc3339(t, s, sizeof s);
	return json_string(s);
}
