/* Sessions and tokens: who is asking. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "auth/auth.h"
#include "store/session.h"
#include "util/clock.h"
#include "web/app.h"

void pw_auth_secret(char *out, size_t n)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, n, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void pw_auth_hash(const char *secret, unsigned char out[32])
{
	crypto_hash_sha256(out, (const unsigned char *)secret, strlen(secret));
}

const char *pw_auth_cookie_name(const struct pw_req *r)
{
	/* __Host- needs Secure, which needs TLS; on plain local HTTP a plain name. */
	return r->app->behind_tls ? "__Host-pw_session" : "pw_session";
}

const char *pw_req_cookie(struct pw_req *r, const char *name)
{
	const char *v = pw_req_header(r, "Cookie");
	if (v == NULL)
		return NULL;
	size_t nl = strlen(name);
	const char *p = v;
	while (*p) {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			const char *start = p + nl + 1;
			const char *end = strchr(start, ';');
			size_t len = end ? (size_t)(end - start) : strlen(start);
			return pw_strndup(&r->arena, start, len);
		}
		const char *semi = strchr(p, ';');
		if (semi == NULL)
			break;
		p = semi;
	}
	return NULL;
}

int pw_actor_has_school(const struct pw_actor *a, int64_t school_id)
{
	for (size_t i = 0; i < a->nfuncties; i++)
		if (a->functies[i].school_id == school_id)
			return 1;
	return 0;
}

int pw_actor_has(const struct pw_actor *a, const char *functie, int64_t school_id)
{
	for (size_t i = 0; i < a->nfuncties; i++)
		if (strcmp(a->functies[i].functie, functie) == 0 && (school_id <= 0 || a->functies[i].school_id == school_id))
			return 1;
	return 0;
}

int64_t pw_actor_school(const struct pw_actor *a)
{
	for (size_t i = 0; i < a->nfuncties; i++)
		if (strcmp(a->functies[i].functie, "beheerder") != 0)
			return a->functies[i].school_id;
	return a->nfuncties ? a->functies[0].school_id : 0;
}

int64_t pw_actor_managed_school(const struct pw_actor *a, int *schools)
{
	int64_t first = 0, last = 0;
	int n = 0;
	for (size_t i = 0; i < a->nfuncties; i++)
		if (strcmp(a->functies[i].functie, "beheerder") == 0 && a->functies[i].school_id != last) {
			last = a->functies[i].school_id;
			first = first ? first : last;
			n++;
		}
	if (schools)
		*schools = n;
	return first;
}

enum pw_status pw_actor_load(struct pw_req *r, int64_t user_id, struct pw_actor *out, struct pw_err *err)
{
	struct pw_user u;
	if (pw_store_user_get(r->app->store, &r->arena, user_id, &u, err) != PW_OK)
		return pw_err_set(err, PW_EAUTH, "log in first");
	if (u.disabled)
		return pw_err_set(err, PW_EAUTH, "this account is disabled");
	out->user_id = u.id;
	out->login = u.login;
	out->name = u.name;
	out->lang = u.lang;
	out->parent_id = u.parent_id;
	if (pw_store_user_functies(r->app->store, &r->arena, u.id, &out->functies, &out->nfuncties, err) != PW_OK)
		return err->code;
	r->user_id = u.id;
	return PW_OK;
}

static enum pw_status by_token(struct pw_req *r, const char *token, struct pw_actor *out, struct pw_err *err)
{
	unsigned char h[32];
	int64_t tid, uid;
	pw_auth_hash(token, h);
	if (pw_store_token_lookup(r->app->store, h, &tid, &uid, err) != PW_OK)
		return err->code == PW_EIO ? PW_EIO : pw_err_set(err, PW_EAUTH, "the API token is not valid; ask the beheerder for a new one");
	out->via_token = 1;
	return pw_actor_load(r, uid, out, err);
}

enum pw_status pw_auth_request(struct pw_req *r, struct pw_actor *out, int csrf_header, struct pw_err *err)
{
	memset(out, 0, sizeof *out);
	const char *authz = pw_req_header(r, "Authorization");
	if (authz) {
		if (strncasecmp(authz, "Bearer ", 7) != 0 || authz[7] == '\0')
			return pw_err_set(err, PW_EAUTH, "use `Authorization: Bearer TOKEN`");
		return by_token(r, authz + 7, out, err);
	}
	const char *sid = pw_req_cookie(r, pw_auth_cookie_name(r));
	if (sid == NULL || sid[0] == '\0')
		return pw_err_set(err, PW_EAUTH, "log in first (Inloggen)");
	struct pw_session_row row;
	pw_auth_hash(sid, out->session);
	if (pw_store_session_get(r->app->store, out->session, &row, err) != PW_OK)
		return err->code == PW_EIO ? PW_EIO : pw_err_set(err, PW_EAUTH, "your session has ended; log in again");
	int64_t now = pw_now();
	if (now - row.seen_at > PW_SESSION_IDLE || now - row.created_at > PW_SESSION_ABSOLUTE) {
		pw_store_session_delete(r->app->store, out->session, err);
		return pw_err_set(err, PW_EAUTH, "your session has ended; log in again");
	}
	if (csrf_header) {
		const char *h = pw_req_header(r, "X-CSRF-Token");
		if (h == NULL || strlen(h) != strlen(row.csrf) || sodium_memcmp(h, row.csrf, strlen(row.csrf)) != 0)
			return pw_err_set(err, PW_EFORBID,
					  "a browser session needs the X-CSRF-Token header on API calls; integrations use a Bearer token");
	}
	snprintf(out->csrf, sizeof out->csrf, "%s", row.csrf);
	/* Activity is recorded at most once a minute: reads stay free of writes. */
	if (now - row.seen_at >= 60)
		pw_store_session_touch(r->app->store, out->session, err);
	return pw_actor_load(r, row.user_id, out, err);
}

int pw_auth_csrf_ok(const struct pw_actor *a, const char *form_value)
{
	size_t n = strlen(a->csrf);
	return form_value && n > 0 && strlen(form_value) == n && sodium_memcmp(form_value, a->csrf, n) == 0;
}

static void set_cookie(struct pw_req *r, const char *value, int max_age)
{
	const char *cookie = pw_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
				       pw_auth_cookie_name(r), value, max_age, r->app->behind_tls ? "; Secure" : "");
	pw_resp_header(r, "Set-Cookie", cookie);
}

enum pw_status pw_auth_login(struct pw_req *r, int64_t user_id, struct pw_err *err)
{
	/* A session id the browser brought along is never promoted: it ends here. */
	const char *old = pw_req_cookie(r, pw_auth_cookie_name(r));
	if (old && old[0]) {
		unsigned char oh[32];
		pw_auth_hash(old, oh);
		pw_store_session_delete(r->app->store, oh, err);
	}
	char sid[64], csrf[64];
	unsigned char h[32];
	pw_auth_secret(sid, sizeof sid);
	pw_auth_secret(csrf, sizeof csrf);
	pw_auth_hash(sid, h);
	if (pw_store_session_add(r->app->store, h, user_id, csrf, err) != PW_OK)
		return err->code;
	set_cookie(r, sid, PW_SESSION_ABSOLUTE);
	return PW_OK;
}

void pw_auth_logout(struct pw_req *r, const struct pw_actor *a)
{
	struct pw_err err;
	pw_store_session_delete(r->app->store, a->session, &err);
	set_cookie(r, "", 0);
}

enum pw_status pw_auth_token_create(struct pw_store *s, int64_t user_id, const char *name, char *out, size_t n,
				    int64_t *id, struct pw_err *err)
{
	unsigned char h[32];
	/* A recognisable prefix lets secret scanners find leaked tokens. */
	char secret[64];
	pw_auth_secret(secret, sizeof secret);
	snprintf(out, n, "pw_%s", secret);
	pw_auth_hash(out, h);
	return pw_store_token_add(s, user_id, h, name, id, err);
}
