/* Small pieces every API handler uses: reading ids and fields from a
 * request, answering errors, dates as JSON, and opening the case of the URL
 * (authenticated, access-checked, audited, released when the request ends). */
#ifndef PW_API_APIUTIL_H
#define PW_API_APIUTIL_H

#include <jansson.h>
#include <stdint.h>

#include "app/casework.h"
#include "http/http.h"

/* A positive id from a path segment or text; 0 when it is not one. */
int64_t pw_api_id(const char *s);
/* Answers an error (400 invalid with the field, 404, 409 ...). */
void pw_api_fail(struct pw_req *r, enum pw_status code, const char *field, const char *msg);
/* The request's JSON object; NULL after answering 400. */
json_t *pw_api_body(struct pw_req *r);
/* A text field of j: required or optional, at most max bytes, clean UTF-8
 * text. 0 after answering 400 naming the field. */
int pw_api_text(struct pw_req *r, json_t *j, const char *key, size_t max, int required, const char **out);
/* A date field (YYYY-MM-DD) of j; *out 0 when absent and optional. */
int pw_api_date(struct pw_req *r, json_t *j, const char *key, int required, pw_day *out);
/* A day as "YYYY-MM-DD", or null for 0. */
json_t *pw_api_day(pw_day d);
/* A time (seconds) as RFC 3339 UTC, or null for 0. */
json_t *pw_api_time(int64_t t);
/* Authenticates and loads the case of the URL's first parameter (404 when
 * the actor may not see it); what it holds is released when the request
 * ends. 0 after answering. */
int pw_api_open_case(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case *lc);

#endif
