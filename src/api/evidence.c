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
#include "app/evidence.h"
#include "core/filetype.h"
#include "store/evidence.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"

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
	return json_pack("{s:I, s:s, s:I, s:s, s:s, s:I, s:o, s:o}", "id", (json_int_t)e->id, "sha256", e->sha256, "size",
			 (json_int_t)e->size, "type", e->type, "description", e->description, "by", (json_int_t)e->added_by,
			 "at", pw_api_time(e->added_at), "preview", json_boolean(e->preview));
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

void pw_h_api_case_evidence_add(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	if (!pw_api_open_case(r, &a, &lc))
		return;
	/* Access, an open case and a protocol that allows keeping evidence are
	 * checked before the body is parsed (the content is not looked at). */
	if (pw_evidence_may_add(&a, &lc, &r->arena, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	struct pw_fields f;
	if (pw_multipart_parse(&r->arena, pw_req_header(r, "Content-Type"), r->body.data ? r->body.data : "", r->body.len,
			       MAX_PARTS, &f, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	const struct pw_field *file = pw_fields_find(&f, "file");
	const struct pw_field *df = pw_fields_find(&f, "description");
	struct pw_evidence_added out;
	if (pw_evidence_add(r->app->store, &r->arena, &a, &lc, file && file->filename ? file->value : NULL,
			    file && file->filename ? file->len : 0, df ? df->value : NULL, df ? df->len : 0, &out,
			    &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, 201, json_pack("{s:I, s:s, s:I, s:s, s:b}", "id", (json_int_t)out.id, "sha256", out.sha256, "size",
				       (json_int_t)out.size, "type", out.type, "preview", out.preview));
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
	    pw_evidence_audit_read(r->app->store, &r->arena, &a, lc.row.id, id, "download", &err) != PW_OK) {
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

/* The preview is read exactly like the original (open_full: the full view
 * of the case), recorded as a read of its own kind. */
void pw_h_api_case_evidence_preview(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	if (!open_full(r, &a, &lc))
		return;
	int64_t id = pw_api_id(r->params[1]);
	const char *type;
	r->out.len = 0;
	if (id == 0) {
		pw_api_fail(r, PW_ENOTFOUND, NULL, "Dit bewijs bestaat niet (evidence not found).");
		return;
	}
	if (pw_store_evidence_preview_read(r->app->store, &r->arena, lc.row.id, id, &type, &r->out, &err) != PW_OK ||
	    pw_evidence_audit_read(r->app->store, &r->arena, &a, lc.row.id, id, "preview", &err) != PW_OK) {
		r->out.len = 0;
		pw_resp_error_json(r, &err);
		return;
	}
	r->status = 200;
	r->content_type = strcmp(type, "image/jpeg") == 0 ? "image/jpeg" : "image/png";
	r->cache = "no-store";
}
