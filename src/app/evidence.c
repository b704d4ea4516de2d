/* Adding evidence to a case (see evidence.h). */
#include "app/evidence.h"

#include <string.h>

#include "app/caseforms.h"
#include "app/preview.h"
#include "core/filetype.h"
#include "store/evidence.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/text.h"

const char *pw_evidence_refusal(struct pw_arena *a, const struct pw_protocol *p)
{
	const char *m = p->cyber.no_evidence_msg ? p->cyber.no_evidence_msg
						 : "Bij deze vorm van cyberpesten slaat Pestwijzer geen bewijs op.";
	size_t n = strlen(m);
	while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	return pw_printf(a, "%.*s (No evidence is stored for this kind of cyberbullying: do not copy or forward "
			    "the images; contact the police.)",
			 (int)n, m);
}

enum pw_status pw_evidence_may_add(const struct pw_actor *actor, struct pw_loaded_case *lc, struct pw_arena *a,
				   struct pw_err *err)
{
	if (pw_access_case(actor, lc->p, &lc->facts, PW_CASE_WORK, NULL, err) != PW_OK || pw_cf_open_only(lc, err) != PW_OK)
		return err->code;
	/* Refused before the content is even looked at: keeping such images is
	 * itself an offence (PROTOCOL.md). */
	if (pw_protocol_forbids_evidence(lc->p, lc->c.cyber_kinds, lc->c.n_cyber))
		return pw_err_set(err, PW_EPROTOCOL, "%s", pw_evidence_refusal(a, lc->p));
	return PW_OK;
}

/* Seals the preview for the case; on any failure there is simply none. */
static bool make_preview(struct pw_store *s, int64_t case_id, const void *file, size_t len, const char *mime,
			 struct pw_evidence_sealed *sealed, const char **ptype, size_t *plen)
{
	struct pw_buf pv;
	struct pw_err err;
	pw_buf_init(&pv);
	bool ok = pw_preview_make(file, len, mime, &pv, ptype, &err) == PW_OK &&
		  pw_evidence_seal(s, case_id, pv.data, pv.len, sealed, &err) == PW_OK;
	*plen = pv.len;
	pw_buf_free(&pv);
	if (!ok) {
		pw_evidence_sealed_free(sealed);
		pw_log("evidence on case %lld (%s): no preview: %s", (long long)case_id, mime, err.msg);
	}
	return ok;
}

enum pw_status pw_evidence_add(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
			       struct pw_loaded_case *lc, const void *file, size_t len, const char *description,
			       size_t description_len, struct pw_evidence_added *out, struct pw_err *err)
{
	memset(out, 0, sizeof *out);
	if (pw_evidence_may_add(actor, lc, a, err) != PW_OK)
		return err->code;
	if (file == NULL || len == 0)
		return pw_err_field(err, PW_EINVAL, "file", "Kies een bestand om toe te voegen (file: a non-empty file is required).");
	if (description == NULL)
		description = "";
	if (description_len > PW_EVIDENCE_DESCRIPTION_MAX || !pw_utf8_valid_text(description, description_len))
		return pw_err_field(err, PW_EINVAL, "description",
				    "De omschrijving is tekst van hoogstens %d tekens (description: text of at most %d).",
				    PW_EVIDENCE_DESCRIPTION_MAX, PW_EVIDENCE_DESCRIPTION_MAX);
	const struct pw_filetype *type = pw_filetype_detect(file, len);
	if (type == NULL) {
		const char *acc = pw_filetype_accepted();
		return pw_err_field(err, PW_ETYPE, "file",
				    "Dit bestandstype wordt niet aangenomen; alleen %s (unsupported file type: the content is none "
				    "of %s).",
				    acc, acc);
	}

	/* The preview is made and everything sealed before the transaction: the
	 * write lock is not held while a worker decodes or a large file is
	 * encrypted. */
	struct pw_evidence_sealed sealed, psealed;
	memset(&psealed, 0, sizeof psealed);
	const char *ptype = NULL;
	size_t plen = 0;
	if (pw_evidence_seal(s, lc->row.id, file, len, &sealed, err) != PW_OK) {
		pw_evidence_sealed_free(&sealed);
		return err->code;
	}
	bool preview = make_preview(s, lc->row.id, file, len, type->mime, &psealed, &ptype, &plen);
	int64_t id = 0;
	lc->row.updated_at = pw_now();
	enum pw_status st = pw_store_begin(s, err);
	if (st == PW_OK) {
		if (pw_store_evidence_add(s, lc->row.id, actor->user_id, type->mime, description, len, &sealed, &id, err) != PW_OK ||
		    (preview && pw_store_evidence_preview_add(s, id, ptype, plen, &psealed, err) != PW_OK) ||
		    pw_store_case_event_add(s, lc->row.id, actor->user_id, pw_event_kind_name(PW_EV_EVIDENCE),
					    json_pack("{s:I, s:s, s:I, s:s}", "ref", (json_int_t)id, "key", type->mime, "ref2",
						      (json_int_t)len, "text", description),
					    NULL, err) != PW_OK ||
		    pw_store_case_update(s, &lc->row, err) != PW_OK ||
		    pw_store_audit_change(s, actor->user_id, "create", "evidence", id,
					  pw_printf(a, "case %lld%s", (long long)lc->row.id, preview ? ", preview" : ""), err) != PW_OK ||
		    pw_store_audit_change(s, actor->user_id, "update", "case", lc->row.id, pw_printf(a, "evidence %lld", (long long)id),
					  err) != PW_OK ||
		    pw_store_commit(s, err) != PW_OK) {
			pw_store_rollback(s);
			st = err->code;
		}
	}
	if (st == PW_OK) {
		out->id = id;
		memcpy(out->sha256, sealed.sha256, sizeof out->sha256);
		out->type = type->mime;
		out->size = len;
		out->preview = preview;
	}
	pw_evidence_sealed_free(&sealed);
	pw_evidence_sealed_free(&psealed);
	return st;
}

enum pw_status pw_evidence_audit_read(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				      int64_t case_id, int64_t id, const char *what, struct pw_err *err)
{
	struct pw_audit e = {.user_id = actor->user_id, .action = what, .object = "evidence", .object_id = id,
			     .detail = pw_printf(a, "case %lld", (long long)case_id)};
	struct pw_audit c = {.user_id = actor->user_id, .action = what, .object = "case", .object_id = case_id,
			     .detail = pw_printf(a, "evidence %lld", (long long)id)};
	if (pw_store_audit_read(s, &e, err) != PW_OK || pw_store_audit_read(s, &c, err) != PW_OK)
		return err->code;
	return PW_OK;
}

const char *pw_evidence_size_text(struct pw_arena *a, int64_t bytes)
{
	if (bytes < 1000)
		return pw_printf(a, "%lld bytes", (long long)bytes);
	double v = (double)bytes / 1000.0;
	const char *unit = "kB";
	if (v >= 1000.0) {
		v /= 1000.0;
		unit = "MB";
	}
	char *s = pw_printf(a, "%.1f %s", v, unit);
	/* Dutch writes a decimal comma. */
	char *dot = strchr(s, '.');
	if (dot)
		*dot = ',';
	return s;
}

const char *pw_evidence_event_text(struct pw_arena *a, const struct pw_event *e)
{
	const struct pw_filetype *t = e->key ? pw_filetype_by_mime(e->key) : NULL;
	const char *d = e->text && e->text[0] ? e->text : NULL;
	return pw_printf(a, _("Bewijs toegevoegd (%s, %s)%s%s"), t ? t->name : (e->key ? e->key : "?"),
			 pw_evidence_size_text(a, e->ref2), d ? ": " : ".", d ? d : "");
}
