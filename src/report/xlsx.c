/* The yearly evaluation as a spreadsheet (libxlsxwriter): an overview sheet
 * with the school, the year and the key figures beside the earlier years,
 * then one sheet per breakdown with the years as columns. Numbers are
 * numbers; a suppressed cell is the text "<5", never a number. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "report/evaluation.h"
#include "util/i18n.h"

struct fmts {
	lxw_format *title, *head, *wrap, *right;
};

/* A value into a cell: a number, "<5" as text (right aligned like the
 * numbers beside it), or nothing when the year has no such figure. */
static void put(lxw_worksheet *ws, struct pw_arena *a, lxw_row_t r, lxw_col_t c, struct pw_chart_value v, double days,
		const struct fmts *f)
{
	if (v.missing)
		return;
	if (v.count < 0)
		worksheet_write_number(ws, r, c, days, NULL);
	else if (v.suppressed)
		worksheet_write_string(ws, r, c, pw_eval_value_text(a, v, days), f->right);
	else
		worksheet_write_number(ws, r, c, (double)v.count, NULL);
}

static void overview(lxw_workbook *wb, struct pw_arena *a, const struct pw_evaluation *ev, const struct pw_eval_table *t,
		     size_t nt, const struct fmts *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, _("Overzicht"));
	worksheet_set_column(ws, 0, 0, 52, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)ev->n_years, 14, NULL);
	worksheet_write_string(ws, 0, 0, _("Jaarevaluatie pestprotocol"), f->title);
	const char *rows[][2] = {{_("School"), ev->school},
				 {_("Schooljaar"), ev->years[0].schoolyear},
				 {_("Gemaakt op"), ev->made_on},
				 {_("Protocol"), pw_printf(a, "%s%s%s", ev->p->naam ? ev->p->naam : "",
							   ev->versie[0] ? _(", versie ") : "", ev->versie)}};
	for (lxw_row_t r = 0; r < 4; r++) {
		worksheet_write_string(ws, r + 2, 0, rows[r][0], f->head);
		worksheet_write_string(ws, r + 2, 1, rows[r][1], NULL);
	}
	lxw_row_t r = 7;
	worksheet_write_string(ws, r, 0, _("Kerncijfers"), f->head);
	for (size_t k = 0; k < ev->n_years; k++)
		worksheet_write_string(ws, r, (lxw_col_t)(k + 1), ev->years[k].schoolyear, f->head);
	r++;
	for (size_t i = 0; i < PW_EVAL_NKEYS; i++, r++) {
		worksheet_write_string(ws, r, 0, _(PW_EVAL_KEYS[i].title), NULL);
		for (size_t k = 0; k < ev->n_years; k++) {
			double days;
			struct pw_chart_value v = pw_eval_key_value(&ev->years[k], PW_EVAL_KEYS[i].measure, &days);
			put(ws, a, r, (lxw_col_t)(k + 1), v, days, f);
		}
	}
	r++;
	worksheet_write_string(ws, r++, 0, _("Kleine aantallen"), f->head);
	worksheet_merge_range(ws, r, 0, r, (lxw_col_t)(ev->n_years > 2 ? ev->n_years : 3), _(PW_EVAL_NOTE), f->wrap);
	worksheet_set_row(ws, r, 96, NULL);
	r += 2;
	worksheet_write_string(ws, r++, 0, _("Tabbladen"), f->head);
	for (size_t i = 0; i < nt; i++, r++) {
		worksheet_write_string(ws, r, 0, t[i].title, NULL);
		worksheet_write_string(ws, r, 1, t[i].measure, NULL);
	}
}

static void breakdown(lxw_workbook *wb, struct pw_arena *a, const struct pw_evaluation *ev,
		      const struct pw_eval_table *t, const struct fmts *f)
{
	/* The measure's name is short, unique and a valid sheet name (at most
	 * 31 characters, none of []:*?/\). */
	lxw_worksheet *ws = workbook_add_worksheet(wb, t->measure);
	worksheet_set_column(ws, 0, 0, 24, NULL);
	worksheet_set_column(ws, 1, 1, 44, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(ev->n_years + 1), 14, NULL);
	worksheet_write_string(ws, 0, 0, t->title, f->title);
	worksheet_write_string(ws, 1, 0,
			       t->about_students ? _("Aantallen van 1 tot en met 4 staan er als \"<5\" (zie Overzicht).")
						 : _("Telt klassen of medewerkers, geen leerlingen: alle aantallen staan er."),
			       NULL);
	worksheet_write_string(ws, 3, 0, _("Onderdeel"), f->head);
	worksheet_write_string(ws, 3, 1, _("Omschrijving"), f->head);
	for (size_t k = 0; k < ev->n_years; k++)
		worksheet_write_string(ws, 3, (lxw_col_t)(k + 2), ev->years[k].schoolyear, f->head);
	for (size_t i = 0; i < t->n_rows; i++) {
		lxw_row_t r = (lxw_row_t)(i + 4);
		worksheet_write_string(ws, r, 0, t->keys[i], NULL);
		worksheet_write_string(ws, r, 1, t->labels[i], NULL);
		for (size_t k = 0; k < t->n_cols; k++)
			put(ws, a, r, (lxw_col_t)(k + 2), t->v[i * t->n_cols + k], -1, f);
	}
	worksheet_freeze_panes(ws, 4, 2);
}

enum pw_status pw_report_xlsx(struct pw_arena *a, const struct pw_evaluation *ev, struct pw_buf *out,
			      struct pw_err *err)
{
	/* libxlsxwriter 1.1.4 (Debian 12) writes only to a file: a private
	 * temporary one, read back and removed. */
	const char *dir = getenv("TMPDIR");
	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	char *path = pw_printf(a, "%s/pestwijzer-xlsx-XXXXXX", dir);
	int fd = mkstemp(path);
	if (fd < 0)
		return pw_err_set(err, PW_EIO, "kon geen tijdelijk bestand maken in %s: %s", dir, strerror(errno));
	close(fd);
	lxw_workbook_options o = {.constant_memory = LXW_FALSE, .tmpdir = (char *)dir};
	lxw_workbook *wb = workbook_new_opt(path, &o);
	if (wb == NULL) {
		unlink(path);
		return pw_err_set(err, PW_EIO, "kon het werkboek niet beginnen");
	}
	workbook_set_properties(wb, &(lxw_doc_properties){.title = (char *)_("Jaarevaluatie pestprotocol"),
							     .subject = (char *)ev->years[0].schoolyear,
							     .company = (char *)ev->school});
	struct fmts f = {workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
			 workbook_add_format(wb)};
	format_set_bold(f.title);
	format_set_font_size(f.title, 14);
	format_set_bold(f.head);
	format_set_text_wrap(f.wrap);
	format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(f.right, LXW_ALIGN_RIGHT);
	struct pw_eval_table *t;
	size_t nt = pw_eval_tables(a, ev, &t);
	overview(wb, a, ev, t, nt, &f);
	for (size_t i = 0; i < nt; i++)
		breakdown(wb, a, ev, &t[i], &f);
	lxw_error e = workbook_close(wb);
	enum pw_status st = PW_OK;
	if (e != LXW_NO_ERROR) {
		st = pw_err_set(err, PW_EIO, "kon het werkboek niet schrijven: %s", lxw_strerror(e));
	} else {
		FILE *fp = fopen(path, "rb");
		char chunk[16384];
		size_t n;
		if (fp == NULL)
			st = pw_err_set(err, PW_EIO, "kon het werkboek niet teruglezen: %s", strerror(errno));
		while (fp && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			pw_buf_put(out, chunk, n);
		if (fp && ferror(fp))
			st = pw_err_set(err, PW_EIO, "kon het werkboek niet teruglezen");
		if (fp)
			fclose(fp);
	}
	unlink(path);
	return st;
}
