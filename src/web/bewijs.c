/* Bewijs on the case page (see bewijs.h). */
#include "web/bewijs.h"

#include <string.h>

#include "app/evidence.h"
#include "core/filetype.h"
#include "store/evidence.h"
#include "util/text.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

/* The words of this section and its form page, in one place. */
static const struct {
	const char *section, *none, *preview_alt, *no_preview, *description, *no_description, *type, *size, *sha, *added,
		*download, *add, *add_title, *file, *file_hint, *desc, *desc_hint, *btn, *keep_default, *forbidden, *may_not,
		*back, *not_found, *not_found_msg, *too_big, *bad_form, *expired;
} T_nl = {
	.section = N_("Bewijs"),
	.none = N_("Nog geen bewijs bij deze casus."),
	.preview_alt = N_("Voorbeeld van bewijs %lld"),
	.no_preview = N_("Geen voorbeeld beschikbaar. Download het origineel om het te bekijken."),
	.description = N_("Omschrijving"),
	.no_description = N_("(geen omschrijving)"),
	.type = N_("Type"),
	.size = N_("Grootte"),
	.sha = N_("SHA-256"),
	.added = N_("Toegevoegd"),
	.download = N_("Origineel downloaden"),
	.add = N_("Bewijs toevoegen"),
	.add_title = N_("Bewijs toevoegen · casus %lld"),
	.file = N_("Bestand"),
	.file_hint = N_("Een schermafbeelding, foto of PDF: %s. Het origineel wordt versleuteld bewaard; de pagina toont "
		     "een voorbeeld zonder metadata."),
	.desc = N_("Omschrijving (niet verplicht)"),
	.desc_hint = N_("Wat staat erop, waar en wanneer is het gezien, van wie kwam het."),
	.btn = N_("Bewijs opslaan"),
	.keep_default = N_("Laat de leerling en de ouders de berichten bewaren: schermafbeeldingen, foto's of de berichten "
			"zelf, met datum en afzender."),
	.forbidden = N_("Geen bewijs opslaan"),
	.may_not = N_("Je kunt bij deze casus geen bewijs toevoegen: %s"),
	.back = N_("Terug naar de casus"),
	.not_found = N_("Niet gevonden"),
	.not_found_msg = N_("Dit bewijs bestaat niet, of je mag het niet inzien."),
	.too_big = N_("Het bestand is te groot; het grootste toegestane bestand is %zu MB. Maak een kleinere "
		   "schermafbeelding of stuur een deel."),
	.bad_form = N_("Het formulier kwam niet goed aan. Kies het bestand opnieuw en probeer het nog eens."),
	.expired = N_("Het formulier is verlopen. Laad de casus opnieuw en probeer het nog eens."),
};
#define T PW_TR_TABLE(T_nl)

#define MAX_PARTS 8

/* The protocol's advice to keep evidence (the cyber advice keyed "bewijs"),
 * else ours. */
static const char *keep_advice(const struct pw_protocol *p)
{
	for (size_t i = 0; i < p->cyber.n_advice; i++)
		if (p->cyber.advice[i].key && strcmp(p->cyber.advice[i].key, "bewijs") == 0 && p->cyber.advice[i].omschrijving)
			return p->cyber.advice[i].omschrijving;
	return T.keep_default;
}

static void render_form(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc,
			const struct pw_ui_errors *e, const char *desc)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<h3 id=\"h-bewijs-toevoegen\">%s</h3><div class=\"notice-box info\">", T.add);
	pw_ui_prose(b, keep_advice(lc->p));
	pw_html_printf(b,
		       "</div><form method=\"post\" action=\"/casus/%lld/bewijs\" enctype=\"multipart/form-data\" "
		       "class=\"evidence-form\" aria-labelledby=\"h-bewijs-toevoegen\">",
		       (long long)lc->row.id);
	pw_form_csrf(r, a);
	pw_ui_field_begin(b, e, "bewijs-file", T.file, pw_printf(&r->arena, T.file_hint, pw_filetype_accepted()));
	pw_html_raw(b, "<input type=\"file\" id=\"bewijs-file\" name=\"file\" required "
		       "accept=\"image/png,image/jpeg,image/gif,image/webp,image/heic,.heic,application/pdf\"");
	pw_ui_described(b, e, "bewijs-file", "bewijs-file-hint");
	pw_html_raw(b, ">");
	pw_ui_field_end(b);
	pw_ui_field_begin(b, e, "bewijs-description", T.desc, T.desc_hint);
	pw_html_raw(b, "<textarea id=\"bewijs-description\" name=\"description\" rows=\"3\" maxlength=\"2000\"");
	pw_ui_described(b, e, "bewijs-description", "bewijs-description-hint");
	pw_html_printf(b, ">%s</textarea>", desc ? desc : "");
	pw_ui_field_end(b);
	pw_html_printf(b, "<button type=\"submit\">%s</button></form>", T.btn);
}

/* The form, or why there is none: the protocol's guidance on a case whose
 * kinds forbid keeping evidence; nothing for those who may not add. */
static void render_add(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc)
{
	struct pw_err err;
	if (pw_evidence_may_add(a, lc, &r->arena, &err) == PW_OK) {
		render_form(r, a, lc, NULL, NULL);
		return;
	}
	if (!lc->c.closed && pw_protocol_forbids_evidence(lc->p, lc->c.cyber_kinds, lc->c.n_cyber)) {
		pw_html_printf(&r->out, "<h3>%s</h3><div class=\"notice-box\" id=\"bewijs-verboden\"><p>%s</p></div>", T.forbidden,
			       pw_evidence_refusal(&r->arena, lc->p));
	}
}

void pw_bewijs_section(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc)
{
	if (lc->view != PW_VIEW_FULL)
		return;
	struct pw_buf *b = &r->out;
	struct pw_err err;
	struct pw_evidence *v;
	size_t n;
	if (pw_store_evidence_list(r->app->store, &r->arena, lc->row.id, &v, &n, &err) != PW_OK)
		n = 0;
	long long cid = (long long)lc->row.id;
	pw_html_printf(b, "<section class=\"card\" id=\"bewijs\" aria-labelledby=\"h-bewijs\"><h2 id=\"h-bewijs\">%s</h2>",
		       T.section);
	if (n == 0)
		pw_html_printf(b, "<p>%s</p>", T.none);
	else
		pw_html_raw(b, "<ul class=\"plain evidence\">");
	for (size_t i = 0; i < n; i++) {
		const struct pw_evidence *e = &v[i];
		long long eid = (long long)e->id;
		const struct pw_filetype *t = pw_filetype_by_mime(e->type);
		pw_html_printf(b, "<li class=\"evidence-item\" id=\"bewijs-%lld\">", eid);
		if (e->preview)
			pw_html_printf(b, "<img class=\"evidence-preview\" src=\"/casus/%lld/bewijs/%lld/voorbeeld\" alt=\"%s%s%s\">", cid,
				       eid, pw_printf(&r->arena, T.preview_alt, eid), e->description[0] ? ": " : "", e->description);
		else
			pw_html_printf(b, "<p class=\"evidence-none\">%s</p>", T.no_preview);
		pw_html_printf(b, "<dl class=\"facts evidence-facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
			       T.description, e->description[0] ? e->description : T.no_description, T.type, t ? t->name : e->type,
			       T.size, pw_evidence_size_text(&r->arena, e->size));
		const char *who = pw_ui_user_name(r, e->added_by);
		pw_html_printf(b, "<dt>%s</dt><dd><code class=\"hash\">%s</code></dd><dt>%s</dt><dd>%s%s%s</dd></dl>", T.sha, e->sha256,
			       T.added, who, who[0] ? ", " : "", pw_ui_time(&r->arena, e->added_at));
		pw_html_printf(b, _("<p><a href=\"/casus/%lld/bewijs/%lld\">%s<span class=\"sr-only\"> (bewijs %lld)</span></a></p></li>"),
			       cid, eid, T.download, eid);
	}
	if (n)
		pw_html_raw(b, "</ul>");
	render_add(r, a, lc);
	pw_html_raw(b, "</section>");
}

/* ---- routes ---- */

static int load(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case **out, int full)
{
	struct pw_loaded_case *lc;
	if (!pw_casus_load(r, a, &lc))
		return 0;
	if (full && lc->view != PW_VIEW_FULL) {
		pw_ui_error_page(r, a, 404, T.not_found, T.not_found_msg, "/");
		return 0;
	}
	*out = lc;
	return 1;
}

/* The form again, alone on a page, with the error at its field and the
 * description kept (a file input cannot be refilled). */
static void form_page(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct pw_ui_errors *e,
		      const char *desc, int status)
{
	struct pw_buf *b = &r->out;
	r->out.len = 0;
	const char *title = pw_printf(&r->arena, T.add_title, (long long)lc->row.id);
	pw_page_begin(r, title, a);
	pw_html_printf(b, "<p><a href=\"/casus/%lld#bewijs\">%s</a></p><h1>%s</h1>", (long long)lc->row.id, T.back, title);
	pw_ui_error_summary(b, e);
	pw_html_raw(b, "<section class=\"card\" id=\"bewijs\">");
	render_form(r, a, lc, e, desc);
	pw_html_raw(b, "</section>");
	pw_page_end(r, status);
}

void pw_h_bewijs_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case *lc;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !load(r, &a, &lc, 1))
		return;
	struct pw_ui_errors e = {0};
	/* Over the upload limit the HTTP layer kept no body, the token neither:
	 * the session alone says who it is, and nothing is stored. */
	if (r->body_too_big) {
		pw_ui_error_add(&e, "bewijs-file", pw_printf(&r->arena, T.too_big, r->body_max / (1024 * 1024)));
		form_page(r, &a, lc, &e, NULL, 413);
		return;
	}
	struct pw_fields f;
	if (pw_multipart_parse(&r->arena, pw_req_header(r, "Content-Type"), r->body.data ? r->body.data : "", r->body.len,
			       MAX_PARTS, &f, &err) != PW_OK) {
		pw_ui_error_add(&e, "bewijs-file", T.bad_form);
		form_page(r, &a, lc, &e, NULL, 400);
		return;
	}
	const struct pw_field *csrf = pw_fields_find(&f, "csrf");
	if (!pw_auth_csrf_ok(&a, csrf ? csrf->value : NULL)) {
		pw_ui_error_page(r, &a, 403, T.add, T.expired, pw_printf(&r->arena, "/casus/%lld", (long long)lc->row.id));
		return;
	}
	const struct pw_field *file = pw_fields_find(&f, "file"), *df = pw_fields_find(&f, "description");
	struct pw_evidence_added out;
	if (pw_evidence_add(r->app->store, &r->arena, &a, lc, file && file->filename ? file->value : NULL,
			    file && file->filename ? file->len : 0, df ? df->value : NULL, df ? df->len : 0, &out,
			    &err) != PW_OK) {
		if (err.code == PW_EFORBID || err.code == PW_ENOTFOUND || err.code == PW_EPROTOCOL || err.code == PW_EIO) {
			pw_ui_error_page(r, &a, pw_status_http(err.code), T.add, pw_printf(&r->arena, T.may_not, err.msg),
					 pw_printf(&r->arena, "/casus/%lld", (long long)lc->row.id));
			return;
		}
		pw_ui_error_add(&e, err.field[0] ? pw_printf(&r->arena, "bewijs-%s", err.field) : "bewijs-file", err.msg);
		form_page(r, &a, lc, &e, df && pw_utf8_valid_text(df->value, df->len) ? df->value : NULL, pw_status_http(err.code));
		return;
	}
	pw_resp_redirect(r, pw_printf(&r->arena, "/casus/%lld?klaar=1#bewijs-%lld", (long long)lc->row.id, (long long)out.id));
}

static void serve_evidence(struct pw_req *r, int preview)
{
	struct pw_actor a;
	struct pw_loaded_case *lc;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !load(r, &a, &lc, 1))
		return;
	int64_t id = pw_ui_id(r->params[1]);
	struct pw_evidence meta;
	const char *ptype = NULL;
	r->out.len = 0;
	enum pw_status st = id == 0 ? pw_err_set(&err, PW_ENOTFOUND, "%s", T.not_found_msg)
		: preview ? pw_store_evidence_preview_read(r->app->store, &r->arena, lc->row.id, id, &ptype, &r->out, &err)
			  : pw_store_evidence_read(r->app->store, &r->arena, lc->row.id, id, &meta, &r->out, &err);
	/* Opened before it is audited, audited before it is served. */
	if (st == PW_OK)
		st = pw_evidence_audit_read(r->app->store, &r->arena, &a, lc->row.id, id, preview ? "preview" : "download", &err);
	if (st != PW_OK) {
		r->out.len = 0;
		pw_ui_error_page(r, &a, pw_status_http(err.code), T.not_found,
				 err.code == PW_ENOTFOUND ? T.not_found_msg : err.msg,
				 pw_printf(&r->arena, "/casus/%lld", (long long)lc->row.id));
		return;
	}
	r->status = 200;
	r->cache = "no-store";
	if (preview) {
		r->content_type = strcmp(ptype, "image/jpeg") == 0 ? "image/jpeg" : "image/png";
		return;
	}
	/* The name is ours, never the uploader's: nothing to escape. */
	const struct pw_filetype *t = pw_filetype_by_mime(meta.type);
	r->content_type = t ? t->mime : "application/octet-stream";
	pw_resp_header(r, "Content-Disposition",
		       pw_printf(&r->arena, "attachment; filename=\"bewijs-%lld-%lld.%s\"", (long long)lc->row.id, (long long)id,
				 t ? t->ext : "bin"));
}

void pw_h_bewijs_get(struct pw_req *r)
{
	serve_evidence(r, 0);
}

void pw_h_bewijs_preview(struct pw_req *r)
{
	serve_evidence(r, 1);
}
