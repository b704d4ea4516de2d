/* Evidence of cyberbullying on a case (PROTOCOL.md, cyber.bewijs_bewaren):
 * upload (multipart), list, and download byte for byte. The type is judged
 * by content (core/filetype.c); storage is sealed per file (store/evidence.c).
 * Uploading is acting on the case (PW_CASE_WORK); reading evidence is for
 * those who read the case in full (section 6), and every download is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/apiutil.h"
#include "app/caseforms.h"
#include "core/filetype.h"
#include "store/evidence.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"

#define DESCRIPTION_MAX 2000
#define MAX_PARTS 8 /* file, description, and room for a client's extras */





/* Loads the case and checks that the actor reads it in full; others are
 * answered as if the evidence did not exist. 0 after answering. */
static int open_full(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case *lc)
{
	if (!pw_api_open_case(r, a, lc))
		return 0;
	if (lc->view != PW_VIEW_FULL) {
		pw_api_fail(r, PW_ENOTFOUND, NULL, "Dit bewijs bestaat niet (evidence not found).");
		return 0;
	}
	return 1;
}


static json_t *item_json(const struct pw_evidence *e)
{
	return json_pack("{s:I, s:s, s:I, s:s, s:s, s:I, s:o}", "id", (json_int_t)e->id, "sha256", e->sha256, "size",
			 (json_int_t)e->size, "type", e->type, "description", e->description, "by", (json_int_t)e->added_by,
			 "at", pw_api_time(e->added_at));
}

json_t *pw_api_case_evidence(struct pw_req *r, struct pw_loaded_case *lc)
{
	json_t *out = json_array();
	struct pw_evidence *v;
	size_t n;
	struct pw_err err;
	if (lc->view != PW_VIEW_FULL || pw_store_evidence_list(r->app->store, &r->arena, lc->row.id, &v, &n, &err) != PW_OK)
		return out;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(out, item_json(&v[i]));
	return out;
}

/* The definition's guidance without its trailing newline, then in English. */
static const char *refusal(struct pw_req *r, const struct pw_protocol *p)
{
	const char *m = p->cyber.no_evidence_msg ? p->cyber.no_evidence_msg
						 : "Bij deze vorm van cyberpesten slaat Pestwijzer geen bewijs op.";
	size_t n = strlen(m);
	while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	return pw_printf(&r->arena, "%.*s (No evidence is stored for this kind of cyberbullying: do not copy or forward "
				    "the images; contact the police.)",
			 (int)n, m);
}

void pw_h_api_case_evidence_add(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	if (!pw_api_open_case(r, &a, &lc))
		return;
	if (pw_access_case(&a, lc.p, &lc.facts, PW_CASE_WORK, NULL, &err) != PW_OK || pw_cf_open_only(&lc, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	/* Refused before the content is even looked at: keeping such images is
	 * itself an offence (PROTOCOL.md). */
	if (pw_protocol_forbids_evidence(lc.p, lc.c.cyber_kinds, lc.c.n_cyber)) {
		pw_api_fail(r, PW_EPROTOCOL, NULL, refusal(r, lc.p));
		return;
	}
	struct pw_fields f;
	if (pw_multipart_parse(&r->arena, pw_req_header(r, "Content-Type"), r->body.data ? r->body.data : "", r->body.len,
			       MAX_PARTS, &f, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	const struct pw_field *file = pw_fields_find(&f, "file");
	if (file == NULL || file->filename == NULL || file->len == 0) {
		pw_api_fail(r, PW_EINVAL, "file", "Kies een bestand om toe te voegen (file: a non-empty file is required).");
		return;
	}
	const struct pw_field *df = pw_fields_find(&f, "description");
	const char *description = df ? df->value : "";
	if (df && (df->len > DESCRIPTION_MAX || !pw_utf8_valid_text(df->value, df->len))) {
		pw_api_fail(r, PW_EINVAL, "description",
		     pw_printf(&r->arena, "De omschrijving is tekst van hoogstens %d tekens (description: text of at most %d).",
			       DESCRIPTION_MAX, DESCRIPTION_MAX));
		return;
	}
	const struct pw_filetype *type = pw_filetype_detect(file->value, file->len);
	if (type == NULL) {
		const char *acc = pw_filetype_accepted();
		pw_api_fail(r, PW_ETYPE, "file",
		     pw_printf(&r->arena,
			       "Dit bestandstype wordt niet aangenomen; alleen %s (unsupported file type: the content is none of %s).",
			       acc, acc));
		return;
	}

	/* Sealed before the transaction: the write lock is not held while a
	 * large file is encrypted. */
	struct pw_store *s = r->app->store;
	struct pw_evidence_sealed sealed;
	int64_t id = 0;
	if (pw_evidence_seal(s, lc.row.id, file->value, file->len, &sealed, &err) != PW_OK) {
		pw_evidence_sealed_free(&sealed);
		pw_resp_error_json(r, &err);
		return;
	}
	lc.row.updated_at = pw_now();
	if (pw_store_begin(s, &err) != PW_OK) {
		pw_evidence_sealed_free(&sealed);
		pw_resp_error_json(r, &err);
		return;
	}
	if (pw_store_evidence_add(s, lc.row.id, a.user_id, type->mime, description, file->len, &sealed, &id, &err) != PW_OK ||
	    pw_store_case_update(s, &lc.row, &err) != PW_OK ||
	    pw_store_audit_change(s, a.user_id, "create", "evidence", id, pw_printf(&r->arena, "case %lld", (long long)lc.row.id),
				  &err) != PW_OK ||
	    pw_store_audit_change(s, a.user_id, "update", "case", lc.row.id, pw_printf(&r->arena, "evidence %lld", (long long)id),
				  &err) != PW_OK) {
		pw_store_rollback(s);
		pw_evidence_sealed_free(&sealed);
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *o = json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)id, "sha256", sealed.sha256, "size",
			      (json_int_t)file->len, "type", type->mime);
	pw_evidence_sealed_free(&sealed);
	if (pw_store_commit(s, &err) != PW_OK) {
		json_decref(o);
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, 201, o);
}

void pw_h_api_case_evidence_list(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	if (!open_full(r, &a, &lc))
		return;
	json_t *items = pw_api_case_evidence(r, &lc);
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items)));
}

/* Records a download twice: on the evidence itself (its own history, for an
 * export or purge) and on the case (what GET /audit?case= shows the MT). */
static enum pw_status audit_download(struct pw_req *r, const struct pw_actor *a, int64_t case_id, int64_t id,
				     const char *what, struct pw_err *err)
{
	struct pw_audit e = {.user_id = a->user_id, .action = what, .object = "evidence", .object_id = id,
			     .detail = pw_printf(&r->arena, "case %lld", (long long)case_id)};
	struct pw_audit c = {.user_id = a->user_id, .action = what, .object = "case", .object_id = case_id,
			     .detail = pw_printf(&r->arena, "evidence %lld", (long long)id)};
	if (pw_store_audit_read(r->app->store, &e, err) != PW_OK || pw_store_audit_read(r->app->store, &c, err) != PW_OK)
		return err->code;
	return PW_OK;
}

void pw_h_api_case_evidence_get(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	if (!open_full(r, &a, &lc))
		return;
	int64_t id = pw_api_id(r->params[1]);
	struct pw_evidence meta;
	r->out.len = 0;
	if (id == 0) {
		pw_api_fail(r, PW_ENOTFOUND, NULL, "Dit bewijs bestaat niet (evidence not found).");
		return;
	}
	/* Opened before it is audited, audited before it is served: a download
	 * that could not be recorded is not served. */
	if (pw_store_evidence_read(r->app->store, &r->arena, lc.row.id, id, &meta, &r->out, &err) != PW_OK ||
	    audit_download(r, &a, lc.row.id, id, "download", &err) != PW_OK) {
		r->out.len = 0;
		pw_resp_error_json(r, &err);
		return;
	}
	/* The name is ours, never the uploader's: nothing to escape. */
	const struct pw_filetype *t = pw_filetype_by_mime(meta.type);
	r->status = 200;
	r->content_type = t ? t->mime : "application/octet-stream";
	r->cache = "no-store";
	pw_resp_header(r, "Content-Disposition",
		       pw_printf(&r->arena, "attachment; filename=\"bewijs-%lld-%lld.%s\"", (long long)lc.row.id, (long long)id,
				 t ? t->ext : "bin"));
}
