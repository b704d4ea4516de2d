/* Bar charts of the yearly figures: one layout, drawn as SVG here and by
 * cairo in report/pdf.c. See report/chart.h. */
#include "report/chart.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"
#include "web/html.h"

/* Sizes in chart units (SVG px; the PDF scales them). */
#define LABEL_SIZE 12.0
#define NUMBER_SIZE 11.0
#define BAR_H 13.0
#define BAR_GAP 3.0
#define ROW_GAP 9.0
/* Room right of the longest bar for its number. */
#define NUMBER_ROOM 56.0
/* A character's width as a share of the font size: DejaVu Sans averages a
 * little under this, so estimates err on the wide side. */
#define CHAR_W 0.6

struct pw_chart_fill pw_chart_fill_of(int series)
{
	static const struct pw_chart_fill F[PW_CHART_SERIES] = {
		{0.22, 0}, /* the year asked: dark, solid */
		{1.0, 1},  /* white with diagonal lines */
		{0.72, 0}, /* light grey */
		{1.0, 2},  /* white with dots */
		{1.0, 3},  /* white, crossed */
	};
	return F[(series < 0 ? 0 : series) % PW_CHART_SERIES];
}

static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* s cut to at most max characters (an ellipsis ends a cut), on a character
 * boundary. */
static const char *fit(struct pw_arena *a, const char *s, size_t max)
{
	if (utf8_len(s) <= max || max < 2)
		return s;
	size_t chars = 0, i = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max - 1)
			break;
	}
	return pw_printf(a, "%.*s\xE2\x80\xA6", (int)i, s);
}

struct lay {
	struct pw_arena *a;
	struct pw_chart_layout *o;
	size_t cap;
};

static struct pw_chart_prim *prim(struct lay *l, enum pw_chart_kind k)
{
	l->o->v = pw_arena_grow(l->a, l->o->v, l->o->n, &l->cap, sizeof *l->o->v);
	struct pw_chart_prim *p = &l->o->v[l->o->n++];
	memset(p, 0, sizeof *p);
	p->kind = k;
	return p;
}

static void text(struct lay *l, double x, double y, const char *s, double size, bool bold)
{
	struct pw_chart_prim *p = prim(l, PW_CP_TEXT);
	p->x = x;
	p->y = y;
	p->text = s;
	p->size = size;
	p->bold = bold;
}

static const char *value_text(struct pw_arena *a, const struct pw_chart *c, const struct pw_chart_value *v)
{
	if (v->missing)
		return "-";
	if (v->suppressed)
		return c->suppressed_as ? c->suppressed_as : "<5";
	return pw_printf(a, "%lld", (long long)v->count);
}

void pw_chart_layout(struct pw_arena *a, const struct pw_chart *c, double width, struct pw_chart_layout *out)
{
	struct lay l = {.a = a, .o = out};
	memset(out, 0, sizeof *out);
	out->width = width;
	size_t ns = c->n_series > PW_CHART_SERIES ? PW_CHART_SERIES : c->n_series;
	double y = 0;

	/* The legend: a swatch and the year's name for each, in bar order. */
	text(&l, 0, y + 11, ns > 1 ? _("Balken per regel, van boven naar onder:") : _("Balk:"), NUMBER_SIZE, false);
	y += 17;
	double x = 0;
	for (size_t s = 0; s < ns; s++) {
		const char *name = s == 0 && ns > 1 ? pw_printf(a, _("%s (gekozen jaar)"), c->series[s]) : c->series[s];
		double w = 20 + (double)utf8_len(name) * NUMBER_SIZE * CHAR_W + 14;
		if (x > 0 && x + w > width) {
			x = 0;
			y += 18;
		}
		struct pw_chart_prim *sw = prim(&l, PW_CP_RECT);
		sw->x = x;
		sw->y = y;
		sw->w = 14;
		sw->h = BAR_H;
		sw->fill = (int)s;
		text(&l, x + 20, y + 10.5, name, NUMBER_SIZE, false);
		x += w;
	}
	y += BAR_H + 14;

	/* The scale: the largest number shown. Suppressed cells take no part,
	 * so that no length depends on them. */
	int64_t max = 0;
	for (size_t r = 0; r < c->n_rows; r++)
		for (size_t s = 0; s < ns; s++) {
			const struct pw_chart_value *v = &c->v[r * c->n_series + s];
			if (!v->missing && !v->suppressed && v->count > max)
				max = v->count;
		}
	double room = width - NUMBER_ROOM;
	size_t label_chars = (size_t)(width / (LABEL_SIZE * CHAR_W));
	for (size_t r = 0; r < c->n_rows; r++) {
		text(&l, 0, y + LABEL_SIZE, fit(a, c->labels[r], label_chars), LABEL_SIZE, true);
		y += LABEL_SIZE + 5;
		double top = y;
		for (size_t s = 0; s < ns; s++) {
			const struct pw_chart_value *v = &c->v[r * c->n_series + s];
			double w = 0;
			if (!v->missing && !v->suppressed && v->count > 0 && max > 0) {
				w = room * (double)v->count / (double)max;
				if (w < 2)
					w = 2;
				struct pw_chart_prim *b = prim(&l, PW_CP_RECT);
				b->x = 0;
				b->y = y;
				b->w = w;
				b->h = BAR_H;
				b->fill = (int)s;
			}
			text(&l, w + 5, y + 10.5, value_text(a, c, v), NUMBER_SIZE, false);
			y += BAR_H + BAR_GAP;
		}
		struct pw_chart_prim *axis = prim(&l, PW_CP_LINE);
		axis->x = 0;
		axis->y = top - 1;
		axis->h = y - top - BAR_GAP + 2;
		y += ROW_GAP;
	}
	out->height = y;
}

const char *pw_chart_desc(struct pw_arena *a, const struct pw_chart *c)
{
	size_t ns = c->n_series > PW_CHART_SERIES ? PW_CHART_SERIES : c->n_series;
	struct pw_buf b;
	pw_buf_init(&b);
	pw_buf_printf(&b, _("Staafdiagram, %s. "), c->title);
	if (ns > 1) {
		pw_buf_puts(&b, _("Per regel de jaren"));
		for (size_t s = 0; s < ns; s++)
			pw_buf_printf(&b, "%s %s", s ? "," : "", c->series[s]);
		pw_buf_puts(&b, ". ");
	}
	pw_buf_printf(&b, _("Aantallen onder 5 staan er als %s, zonder balk. "), c->suppressed_as ? c->suppressed_as : "<5");
	for (size_t r = 0; r < c->n_rows; r++) {
		pw_buf_printf(&b, "%s:", c->labels[r]);
		for (size_t s = 0; s < ns; s++)
			pw_buf_printf(&b, "%s %s %s", s ? "," : "", c->series[s],
				      value_text(a, c, &c->v[r * c->n_series + s]));
		pw_buf_puts(&b, r + 1 < c->n_rows ? "; " : ".");
	}
	const char *d = pw_strndup(a, b.data ? b.data : "", b.len);
	pw_buf_free(&b);
	return d;
}

/* Text for XML: escaped, and the control characters XML 1.0 forbids
 * (everything below a space but tab and line breaks) become spaces. */
static void xml_text(struct pw_buf *b, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
			pw_html_textn(b, run, (size_t)(s - run));
			pw_buf_putc(b, ' ');
			run = s + 1;
		}
	}
	pw_html_textn(b, run, (size_t)(s - run));
}

void pw_chart_rgb(double grey, double rgb[3])
{
	rgb[0] = rgb[1] = grey;
	rgb[2] = grey < 0.9 ? grey + 0.12 : grey;
}

static void colour(struct pw_buf *b, double grey)
{
	double c[3];
	pw_chart_rgb(grey, c);
	pw_buf_printf(b, "#%02x%02x%02x", (int)(c[0] * 255 + 0.5), (int)(c[1] * 255 + 0.5), (int)(c[2] * 255 + 0.5));
}

#define INK "#1a1a1a"

static void pattern(struct pw_buf *b, const char *id, int s)
{
	struct pw_chart_fill f = pw_chart_fill_of(s);
	pw_buf_printf(b, "<pattern id=\"");
	xml_text(b, id);
	pw_buf_printf(b, "-p%d\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"", s);
	colour(b, f.grey);
	pw_buf_puts(b, "\"/>");
	if (f.hatch == 1 || f.hatch == 3)
		pw_buf_puts(b, "<path d=\"M-1,7 L7,-1 M-1,1 L1,-1 M5,7 L7,5\" stroke=\"" INK "\" stroke-width=\"1.2\"/>");
	if (f.hatch == 3)
		pw_buf_puts(b, "<path d=\"M-1,-1 L7,7 M-1,5 L1,7 M5,-1 L7,1\" stroke=\"" INK "\" stroke-width=\"1.2\"/>");
	if (f.hatch == 2)
		pw_buf_puts(b, "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"" INK "\"/>");
	pw_buf_puts(b, "</pattern>");
}

void pw_chart_svg(struct pw_buf *b, struct pw_arena *a, const struct pw_chart *c, const char *id)
{
	struct pw_chart_layout l;
	pw_chart_layout(a, c, PW_CHART_WIDTH, &l);
	size_t ns = c->n_series > PW_CHART_SERIES ? PW_CHART_SERIES : c->n_series;
	pw_buf_printf(b,
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
		      "height=\"%.0f\" role=\"img\" aria-labelledby=\"",
		      l.width, l.height, l.width, l.height);
	xml_text(b, id);
	pw_buf_puts(b, "-t ");
	xml_text(b, id);
	pw_buf_puts(b, "-d\"><title id=\"");
	xml_text(b, id);
	pw_buf_puts(b, "-t\">");
	xml_text(b, c->title);
	pw_buf_puts(b, "</title><desc id=\"");
	xml_text(b, id);
	pw_buf_puts(b, "-d\">");
	xml_text(b, pw_chart_desc(a, c));
	pw_buf_puts(b, "</desc><defs>");
	for (size_t s = 0; s < ns; s++)
		pattern(b, id, (int)s);
	/* The drawing repeats what the desc says: hidden from screen readers. */
	pw_buf_puts(b, "</defs><g aria-hidden=\"true\" font-family=\"DejaVu Sans, Verdana, sans-serif\" fill=\"" INK "\">");
	for (size_t i = 0; i < l.n; i++) {
		const struct pw_chart_prim *p = &l.v[i];
		switch (p->kind) {
		case PW_CP_RECT:
			pw_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"url(#", p->x + 0.5,
				      p->y + 0.5, p->w - 1 > 1 ? p->w - 1 : 1, p->h - 1);
			xml_text(b, id);
			pw_buf_printf(b, "-p%d)\" stroke=\"" INK "\"/>", p->fill);
			break;
		case PW_CP_LINE:
			pw_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" INK "\"/>", p->x,
				      p->y, p->x + p->w, p->y + p->h);
			break;
		case PW_CP_TEXT:
			pw_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\"%s%s>", p->x, p->y, p->size,
				      p->bold ? " font-weight=\"bold\"" : "", p->end ? " text-anchor=\"end\"" : "");
			xml_text(b, p->text);
			pw_buf_puts(b, "</text>");
			break;
		}
	}
	pw_buf_puts(b, "</g></svg>");
}
