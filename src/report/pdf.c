/* The yearly evaluation as an A4 PDF (cairo and pango, DejaVu Sans): what an
 * anti-bullying coordinator takes to the management and the participation
 * council. A title page, the key figures beside the earlier years, each
 * breakdown as a chart (report/chart.c's layout, the same as the page's SVG)
 * and a table, the note on small numbers, and page numbers. The text is
 * real text, so it can be searched, copied and read aloud. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "report/evaluation.h"
#include "util/i18n.h"

/* A4 in points, and the margins. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define LEFT 56.0
#define TOP 56.0
#define BOTTOM 64.0
#define CONTENT_W (PAGE_W - 2 * LEFT)
#define FONT "DejaVu Sans"
#define ROW_H 15.0
#define YEAR_W 62.0
/* Charts keep the SVG's geometry, a little smaller beside 9-point tables. */
#define CHART_SCALE 0.85

struct doc {
	struct pw_arena *a;
	const struct pw_evaluation *ev;
	cairo_surface_t *sf;
	cairo_t *cr;
	double y;
	int page, pages; /* pages: the count of a first run, 0 during it */
};

/* Fontconfig keeps its configuration for the life of the process, which
 * LeakSanitizer (in the test builds) reports at exit as a leak of ours. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int n)
{
	if (closure)
		pw_buf_put(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

static void ink(cairo_t *cr)
{
	cairo_set_source_rgb(cr, PW_CHART_INK, PW_CHART_INK, PW_CHART_INK);
}

/* A text laid out at most `width` wide (wrapping; or cut with an ellipsis
 * when one_line), its top at y; returns its height. right: aligned to
 * x + width. */
static double text_at(struct doc *d, double x, double y, double width, const char *s, double size, bool bold,
		      bool right, bool one_line)
{
	PangoLayout *l = pango_cairo_create_layout(d->cr);
	pango_cairo_context_set_resolution(pango_layout_get_context(l), 72);
	pango_layout_context_changed(l);
	PangoFontDescription *f = pango_font_description_from_string(FONT);
	pango_font_description_set_size(f, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, f);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (one_line)
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(l, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, s, -1);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	ink(d->cr);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, l);
	pango_font_description_free(f);
	g_object_unref(l);
	return h;
}

static double para(struct doc *d, const char *s, double size, bool bold)
{
	double h = text_at(d, LEFT, d->y, CONTENT_W, s, size, bold, false, false);
	d->y += h;
	return h;
}

static void footer(struct doc *d)
{
	const char *s = d->pages ? pw_printf(d->a, _("pagina %d van %d"), d->page, d->pages) : _("pagina");
	text_at(d, LEFT, PAGE_H - BOTTOM + 24, CONTENT_W,
		pw_printf(d->a, _("Jaarevaluatie pestprotocol, %s, %s"), d->ev->school, d->ev->years[0].schoolyear), 8, false,
		false, true);
	text_at(d, LEFT, PAGE_H - BOTTOM + 24, CONTENT_W, s, 8, false, true, true);
}

static void new_page(struct doc *d)
{
	footer(d);
	cairo_show_page(d->cr);
	d->page++;
	d->y = TOP;
}

/* Room for h more points on this page, else a new one. */
static void need(struct doc *d, double h)
{
	if (d->y + h > PAGE_H - BOTTOM)
		new_page(d);
}

static void rule(struct doc *d, double y)
{
	ink(d->cr);
	cairo_set_line_width(d->cr, 0.6);
	cairo_move_to(d->cr, LEFT, y);
	cairo_line_to(d->cr, LEFT + CONTENT_W, y);
	cairo_stroke(d->cr);
}

/* A header row: a first column and the years, right aligned. */
static void head_row(struct doc *d, const char *first, size_t ncols)
{
	double lw = CONTENT_W - YEAR_W * (double)ncols;
	text_at(d, LEFT, d->y, lw - 6, first, 9, true, false, true);
	for (size_t k = 0; k < ncols; k++)
		text_at(d, LEFT + lw + YEAR_W * (double)k, d->y, YEAR_W, d->ev->years[k].schoolyear, 9, true, true, true);
	d->y += ROW_H;
	rule(d, d->y - 2);
}

static void value_row(struct doc *d, const char *label, const struct pw_chart_value *v, const double *days,
		      size_t ncols, const char *head)
{
	if (d->y + ROW_H > PAGE_H - BOTTOM) {
		new_page(d);
		head_row(d, head, ncols);
	}
	double lw = CONTENT_W - YEAR_W * (double)ncols;
	text_at(d, LEFT, d->y, lw - 6, label, 9, false, false, true);
	for (size_t k = 0; k < ncols; k++)
		text_at(d, LEFT + lw + YEAR_W * (double)k, d->y, YEAR_W,
			pw_eval_value_text(d->a, v[k], days ? days[k] : -1), 9, k == 0, true, true);
	d->y += ROW_H;
}

/* The fill of a series: its colour, and its hatching drawn on a 6-unit
 * tile, as in the SVG's patterns. */
static cairo_pattern_t *fill_pattern(int s)
{
	struct pw_chart_fill f = pw_chart_fill_of(s);
	double c[3];
	pw_chart_rgb(f.grey, c);
	if (f.hatch == 0)
		return cairo_pattern_create_rgb(c[0], c[1], c[2]);
	cairo_surface_t *tile = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &(cairo_rectangle_t){0, 0, 6, 6});
	cairo_t *t = cairo_create(tile);
	cairo_set_source_rgb(t, c[0], c[1], c[2]);
	cairo_paint(t);
	ink(t);
	cairo_set_line_width(t, 1.2);
	if (f.hatch == 1 || f.hatch == 3) {
		cairo_move_to(t, -1, 7);
		cairo_line_to(t, 7, -1);
		cairo_move_to(t, -1, 1);
		cairo_line_to(t, 1, -1);
		cairo_move_to(t, 5, 7);
		cairo_line_to(t, 7, 5);
	}
	if (f.hatch == 3) {
		cairo_move_to(t, -1, -1);
		cairo_line_to(t, 7, 7);
		cairo_move_to(t, -1, 5);
		cairo_line_to(t, 1, 7);
		cairo_move_to(t, 5, -1);
		cairo_line_to(t, 7, 1);
	}
	cairo_stroke(t);
	if (f.hatch == 2) {
		cairo_arc(t, 3, 3, 1.3, 0, 6.2832);
		cairo_fill(t);
	}
	cairo_destroy(t);
	cairo_pattern_t *p = cairo_pattern_create_for_surface(tile);
	cairo_surface_destroy(tile);
	cairo_pattern_set_extend(p, CAIRO_EXTEND_REPEAT);
	return p;
}

/* Draws a chart's layout at the current position, scaled by CHART_SCALE. */
static void chart(struct doc *d, const struct pw_chart_layout *lp)
{
	const struct pw_chart_layout l = *lp;
	cairo_t *cr = d->cr;
	cairo_save(cr);
	cairo_translate(cr, LEFT, d->y);
	cairo_scale(cr, CHART_SCALE, CHART_SCALE);
	for (size_t i = 0; i < l.n; i++) {
		const struct pw_chart_prim *p = &l.v[i];
		switch (p->kind) {
		case PW_CP_RECT: {
			cairo_pattern_t *pat = fill_pattern(p->fill);
			cairo_rectangle(cr, p->x + 0.5, p->y + 0.5, p->w - 1 > 1 ? p->w - 1 : 1, p->h - 1);
			cairo_set_source(cr, pat);
			cairo_fill_preserve(cr);
			cairo_pattern_destroy(pat);
			ink(cr);
			cairo_set_line_width(cr, 1);
			cairo_stroke(cr);
			break;
		}
		case PW_CP_LINE:
			ink(cr);
			cairo_set_line_width(cr, 1);
			cairo_move_to(cr, p->x, p->y);
			cairo_line_to(cr, p->x + p->w, p->y + p->h);
			cairo_stroke(cr);
			break;
		case PW_CP_TEXT: {
			/* The layout gives baselines; pango draws from the top: the
			 * ascent of DejaVu Sans is 0.93 of its size. */
			PangoLayout *pl = pango_cairo_create_layout(cr);
			pango_cairo_context_set_resolution(pango_layout_get_context(pl), 72);
			pango_layout_context_changed(pl);
			PangoFontDescription *f = pango_font_description_from_string(FONT);
			pango_font_description_set_size(f, (gint)(p->size * PANGO_SCALE));
			pango_font_description_set_weight(f, p->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
			pango_layout_set_font_description(pl, f);
			pango_layout_set_text(pl, p->text, -1);
			double base = pango_layout_get_baseline(pl) / (double)PANGO_SCALE;
			int w, h;
			pango_layout_get_pixel_size(pl, &w, &h);
			ink(cr);
			cairo_move_to(cr, p->end ? p->x - w : p->x, p->y - base);
			pango_cairo_show_layout(cr, pl);
			pango_font_description_free(f);
			g_object_unref(pl);
			break;
		}
		}
	}
	cairo_restore(cr);
	d->y += l.height * CHART_SCALE;
}

static void title_page(struct doc *d)
{
	const struct pw_evaluation *ev = d->ev;
	d->y = TOP + 120;
	para(d, _("Jaarevaluatie pestprotocol"), 26, true);
	d->y += 10;
	para(d, pw_printf(d->a, _("Schooljaar %s"), ev->years[0].schoolyear), 18, false);
	d->y += 30;
	para(d, ev->school, 16, true);
	d->y += 6;
	if (ev->p->naam)
		para(d, pw_printf(d->a, "%s%s%s", ev->p->naam, ev->versie[0] ? _(", versie ") : "", ev->versie), 11, false);
	para(d, pw_printf(d->a, _("Gemaakt op %s"), ev->made_on), 11, false);
	d->y += 40;
	para(d,
	     pw_printf(d->a,
		       _("De cijfers van schooljaar %s over meldingen, vermoedens, casussen, opschalingen, sancties, "
			 "doorlooptijden en preventie, met %s ter vergelijking. Bedoeld voor de evaluatie van het "
			 "pestprotocol met de schoolleiding en de medezeggenschapsraad."),
		       ev->years[0].schoolyear,
		       ev->n_years > 1 ? pw_printf(d->a, _("%zu eerdere schooljaren"), ev->n_years - 1)
				       : _("(nog) geen eerdere schooljaren")),
	     10.5, false);
	d->y += 16;
	para(d, _("Over kleine aantallen"), 11, true);
	d->y += 3;
	para(d, _(PW_EVAL_NOTE), 9.5, false);
	new_page(d);
}

static void key_figures(struct doc *d)
{
	const struct pw_evaluation *ev = d->ev;
	para(d, _("Kerncijfers"), 16, true);
	d->y += 8;
	head_row(d, _("Kerncijfer"), ev->n_years);
	for (size_t i = 0; i < PW_EVAL_NKEYS; i++) {
		struct pw_chart_value v[PW_STATS_YEARS];
		double days[PW_STATS_YEARS];
		for (size_t k = 0; k < ev->n_years && k < PW_STATS_YEARS; k++)
			v[k] = pw_eval_key_value(&ev->years[k], PW_EVAL_KEYS[i].measure, &days[k]);
		value_row(d, _(PW_EVAL_KEYS[i].title), v, days, ev->n_years, _("Kerncijfer"));
	}
	d->y += 8;
	para(d, _("\"<5\": 1 tot en met 4, of verborgen om een ander klein aantal te beschermen. \"-\": geen cijfer."), 8,
	     false);
	d->y += 18;
}

static void section(struct doc *d, const struct pw_eval_table *t)
{
	struct pw_chart c;
	struct pw_chart_layout l = {0};
	bool has_chart = t->chart && t->n_rows > 0;
	if (has_chart) {
		pw_eval_chart(d->a, d->ev, t, PW_EVAL_CHART_YEARS, &c);
		pw_chart_layout(d->a, &c, PW_CHART_WIDTH, &l);
	}
	/* A heading stays with its chart (and the table's first rows), or at
	 * least with the table's first rows. */
	double together = 50 + l.height * CHART_SCALE + 6 + ROW_H * 3;
	need(d, together <= PAGE_H - BOTTOM - TOP ? together : 50 + ROW_H * 3);
	para(d, t->title, 13, true);
	d->y += 2;
	para(d,
	     t->about_students ? _("Aantallen van 1 tot en met 4 staan er als \"<5\".")
			       : _("Telt klassen of medewerkers, geen leerlingen: alle aantallen staan er."),
	     8, false);
	d->y += 8;
	if (has_chart) {
		need(d, l.height * CHART_SCALE);
		chart(d, &l);
		d->y += 6;
	}
	need(d, ROW_H * 2);
	head_row(d, _("Onderdeel"), t->n_cols);
	for (size_t r = 0; r < t->n_rows; r++)
		value_row(d, t->labels[r], &t->v[r * t->n_cols], NULL, t->n_cols, _("Onderdeel"));
	if (t->n_rows == 0)
		para(d, _("Geen."), 9, false);
	d->y += 20;
}

/* One run over the whole document; returns the number of pages. */
static int run(struct doc *d, struct pw_buf *out)
{
	d->sf = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(d->sf, CAIRO_PDF_METADATA_TITLE,
				       pw_printf(d->a, _("Jaarevaluatie pestprotocol %s"), d->ev->years[0].schoolyear));
	cairo_pdf_surface_set_metadata(d->sf, CAIRO_PDF_METADATA_AUTHOR, d->ev->school);
	cairo_pdf_surface_set_metadata(d->sf, CAIRO_PDF_METADATA_CREATOR, "Pestwijzer");
	d->cr = cairo_create(d->sf);
	d->page = 1;
	d->y = TOP;
	title_page(d);
	key_figures(d);
	struct pw_eval_table *t;
	size_t nt = pw_eval_tables(d->a, d->ev, &t);
	for (size_t i = 0; i < nt; i++)
		section(d, &t[i]);
	footer(d);
	cairo_show_page(d->cr);
	cairo_destroy(d->cr);
	cairo_surface_finish(d->sf);
	int st = cairo_surface_status(d->sf);
	cairo_surface_destroy(d->sf);
	return st == CAIRO_STATUS_SUCCESS ? d->page : -1;
}

enum pw_status pw_report_pdf(struct pw_arena *a, const struct pw_evaluation *ev, struct pw_buf *out,
			     struct pw_err *err)
{
	/* Twice: the first run counts the pages for "pagina 2 van 9" (page
	 * breaks depend only on the content, so the second run breaks alike). */
	struct doc d = {.a = a, .ev = ev};
	int pages = run(&d, NULL);
	if (pages > 0) {
		d.pages = pages;
		pages = run(&d, out);
	}
	if (pages < 0)
		return pw_err_set(err, PW_EIO, "kon de PDF niet maken (cairo)");
	return PW_OK;
}
