/* Evidence previews (app/preview.c): a JPEG with EXIF (orientation, GPS) and
 * a comment comes out upright with none of it; a PNG's tEXt chunk is gone;
 * large images fit 1600x1600 and small ones are not scaled up; a PDF's first
 * page renders; corrupt files give no preview. The worker is run as its own
 * process too, when PW_BIN names the pestwijzer binary (meson sets it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "app/preview.h"

/* ---- fixtures built here ---- */

/* A w x h JPEG or PNG: the left half red, the right half blue. */
static void make_image(int w, int h, const char *format, struct pw_buf *out)
{
	GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, w, h);
	guchar *px = gdk_pixbuf_get_pixels(pb);
	int stride = gdk_pixbuf_get_rowstride(pb);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			guchar *p = px + y * stride + 3 * x;
			p[0] = x < w / 2 ? 230 : 20;
			p[1] = 20;
			p[2] = x < w / 2 ? 20 : 230;
		}
	gchar *buf;
	gsize len;
	assert_true(gdk_pixbuf_save_to_buffer(pb, &buf, &len, format, NULL, NULL));
	pw_buf_put(out, buf, len);
	g_free(buf);
	g_object_unref(pb);
}

static void le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void le32(unsigned char *p, unsigned v)
{
	le16(p, v & 0xffff);
	le16(p + 2, v >> 16);
}

static void entry(unsigned char *p, unsigned tag, unsigned type, unsigned count, unsigned value)
{
	le16(p, tag);
	le16(p + 2, type);
	le32(p + 4, count);
	le32(p + 8, value);
}

/* The JPEG with an EXIF block (Orientation 6: turn 90 degrees clockwise;
 * GPSLatitude 52 5 12.34 N) and a comment inserted after SOI. */
static void add_exif(const struct pw_buf *jpeg, struct pw_buf *out)
{
	unsigned char tiff[92] = {'I', 'I', 42, 0};
	le32(tiff + 4, 8);
	le16(tiff + 8, 2);
	entry(tiff + 10, 0x0112, 3, 1, 6);   /* Orientation */
	entry(tiff + 22, 0x8825, 4, 1, 38);  /* GPS IFD at 38 */
	le16(tiff + 38, 2);
	entry(tiff + 40, 0x0001, 2, 2, 'N'); /* GPSLatitudeRef "N" */
	entry(tiff + 52, 0x0002, 5, 3, 68);  /* GPSLatitude, rationals at 68 */
	unsigned rat[6] = {52, 1, 5, 1, 1234, 100};
	for (int i = 0; i < 6; i++)
		le32(tiff + 68 + 4 * i, rat[i]);
	unsigned char app1[4 + 6] = {0xFF, 0xE1, 0, (unsigned char)(2 + 6 + sizeof tiff), 'E', 'x', 'i', 'f', 0, 0};
	static const char com[] = "GPS secret comment";
	unsigned char comh[4] = {0xFF, 0xFE, 0, (unsigned char)(2 + sizeof com - 1)};
	pw_buf_put(out, jpeg->data, 2);
	pw_buf_put(out, app1, sizeof app1);
	pw_buf_put(out, tiff, sizeof tiff);
	pw_buf_put(out, comh, sizeof comh);
	pw_buf_put(out, com, sizeof com - 1);
	pw_buf_put(out, jpeg->data + 2, jpeg->len - 2);
}

static void png_chunk(struct pw_buf *b, const char *type, const void *data, size_t n)
{
	unsigned char h[8] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8), (unsigned char)n};
	memcpy(h + 4, type, 4);
	pw_buf_put(b, h, 8);
	if (n)
		pw_buf_put(b, data, n);
	uLong crc = crc32(0, (const Bytef *)type, 4);
	crc = crc32(crc, data, (uInt)n);
	unsigned char c[4] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16), (unsigned char)(crc >> 8), (unsigned char)crc};
	pw_buf_put(b, c, 4);
}

/* A PNG with its chunks split out: the tEXt chunk put in before IDAT. */
static void add_text_chunk(const struct pw_buf *png, struct pw_buf *out)
{
	pw_buf_put(out, png->data, 8);
	size_t off = 8;
	while (off + 12 <= png->len) {
		const unsigned char *p = (const unsigned char *)png->data + off;
		size_t n = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
		if (memcmp(p + 4, "IDAT", 4) == 0 && memcmp(out->data + out->len - 8, "IEND", 4) != 0) {
			static const char text[] = "Comment\0secret location Utrecht";
			png_chunk(out, "tEXt", text, sizeof text - 1);
		}
		pw_buf_put(out, p, n + 12);
		off += n + 12;
	}
}

/* A one-page PDF (200 x 100 points): a red rectangle on the left half. */
static void make_pdf(struct pw_buf *out)
{
	static const char content[] = "1 0 0 rg 0 0 100 100 re f\n";
	const char *objs[4];
	char stream[256];
	snprintf(stream, sizeof stream, "<< /Length %zu >>\nstream\n%sendstream", sizeof content - 1, content);
	objs[0] = "<< /Type /Catalog /Pages 2 0 R >>";
	objs[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << >> >>";
	objs[3] = stream;
	size_t offs[4];
	pw_buf_puts(out, "%PDF-1.4\n");
	for (int i = 0; i < 4; i++) {
		offs[i] = out->len;
		pw_buf_printf(out, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
	size_t xref = out->len;
	pw_buf_puts(out, "xref\n0 5\n0000000000 65535 f \n");
	for (int i = 0; i < 4; i++)
		pw_buf_printf(out, "%010zu 00000 n \n", offs[i]);
	pw_buf_printf(out, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
}

/* ---- checks ---- */

static int has(const struct pw_buf *b, const void *needle, size_t n)
{
	return memmem(b->data, b->len, needle, n) != NULL;
}

static GdkPixbuf *decode(const struct pw_buf *b)
{
	GdkPixbufLoader *l = gdk_pixbuf_loader_new();
	assert_true(gdk_pixbuf_loader_write(l, (const guchar *)b->data, b->len, NULL));
	assert_true(gdk_pixbuf_loader_close(l, NULL));
	GdkPixbuf *pb = gdk_pixbuf_loader_get_pixbuf(l);
	assert_non_null(pb);
	g_object_ref(pb);
	g_object_unref(l);
	return pb;
}

static const guchar *pixel(GdkPixbuf *pb, int x, int y)
{
	return gdk_pixbuf_get_pixels(pb) + y * gdk_pixbuf_get_rowstride(pb) + x * gdk_pixbuf_get_n_channels(pb);
}

static void render(const struct pw_buf *in, const char *mime, struct pw_buf *out, const char **type)
{
	struct pw_err err;
	enum pw_status st = pw_preview_render(in->data, in->len, mime, out, type, &err);
	if (st != PW_OK)
		fail_msg("no preview: %s", err.msg);
}

static void jpeg_exif_is_stripped_and_upright(void **state)
{
	(void)state;
	struct pw_buf plain, in, out;
	pw_buf_init(&plain);
	pw_buf_init(&in);
	pw_buf_init(&out);
	make_image(64, 32, "jpeg", &plain);
	add_exif(&plain, &in);
	assert_true(has(&in, "Exif", 4));
	assert_true(has(&in, "GPS secret", 10));
	const char *type;
	render(&in, "image/jpeg", &out, &type);
	assert_string_equal(type, "image/jpeg");
	assert_false(has(&out, "Exif", 4));
	assert_false(has(&out, "\xFF\xE1", 2)); /* no APP1: no EXIF, no XMP */
	assert_false(has(&out, "\xFF\xE2", 2)); /* no APP2: no ICC profile */
	assert_false(has(&out, "\xFF\xFE", 2)); /* no comment */
	assert_false(has(&out, "secret", 6));
	GdkPixbuf *pb = decode(&out);
	/* Orientation 6 applied: 64x32 stands as 32x64, the red left half on top. */
	assert_int_equal(gdk_pixbuf_get_width(pb), 32);
	assert_int_equal(gdk_pixbuf_get_height(pb), 64);
	assert_true(pixel(pb, 16, 8)[0] > 150 && pixel(pb, 16, 8)[2] < 100);
	assert_true(pixel(pb, 16, 56)[2] > 150 && pixel(pb, 16, 56)[0] < 100);
	g_object_unref(pb);
	pw_buf_free(&plain);
	pw_buf_free(&in);
	pw_buf_free(&out);
}

static void png_text_is_stripped(void **state)
{
	(void)state;
	struct pw_buf plain, in, out;
	pw_buf_init(&plain);
	pw_buf_init(&in);
	pw_buf_init(&out);
	make_image(40, 30, "png", &plain);
	add_text_chunk(&plain, &in);
	assert_true(has(&in, "tEXt", 4));
	const char *type;
	render(&in, "image/png", &out, &type);
	assert_string_equal(type, "image/png");
	assert_false(has(&out, "tEXt", 4));
	assert_false(has(&out, "iTXt", 4));
	assert_false(has(&out, "zTXt", 4));
	assert_false(has(&out, "eXIf", 4));
	assert_false(has(&out, "iCCP", 4));
	assert_false(has(&out, "secret", 6));
	GdkPixbuf *pb = decode(&out);
	/* Small images keep their size: never scaled up. */
	assert_int_equal(gdk_pixbuf_get_width(pb), 40);
	assert_int_equal(gdk_pixbuf_get_height(pb), 30);
	g_object_unref(pb);
	pw_buf_free(&plain);
	pw_buf_free(&in);
	pw_buf_free(&out);
}

static void large_images_fit_the_box(void **state)
{
	(void)state;
	struct pw_buf in, out;
	pw_buf_init(&in);
	pw_buf_init(&out);
	make_image(3200, 800, "png", &in);
	const char *type;
	render(&in, "image/png", &out, &type);
	GdkPixbuf *pb = decode(&out);
	assert_int_equal(gdk_pixbuf_get_width(pb), PW_PREVIEW_MAX);
	assert_int_equal(gdk_pixbuf_get_height(pb), 400);
	g_object_unref(pb);
	pw_buf_free(&in);
	pw_buf_free(&out);
}

static void pdf_first_page_renders(void **state)
{
	(void)state;
	struct pw_buf in, out;
	pw_buf_init(&in);
	pw_buf_init(&out);
	make_pdf(&in);
	const char *type;
	render(&in, "application/pdf", &out, &type);
	assert_string_equal(type, "image/png");
	GdkPixbuf *pb = decode(&out);
	/* 200 x 100 points fitted to the box: 1600 x 800; red left, white right. */
	assert_int_equal(gdk_pixbuf_get_width(pb), 1600);
	assert_int_equal(gdk_pixbuf_get_height(pb), 800);
	const guchar *l = pixel(pb, 200, 400), *r = pixel(pb, 1400, 400);
	assert_true(l[0] > 200 && l[1] < 50 && l[2] < 50);
	assert_true(r[0] > 200 && r[1] > 200 && r[2] > 200);
	g_object_unref(pb);
	pw_buf_free(&in);
	pw_buf_free(&out);
}

static void corrupt_files_give_no_preview(void **state)
{
	(void)state;
	struct pw_buf png, out;
	pw_buf_init(&png);
	pw_buf_init(&out);
	make_image(40, 30, "png", &png);
	struct pw_err err;
	const char *type;
	/* Damaged in its image data (the chunk's checksum no longer fits). A
	 * file merely cut short may give a partial preview, as any viewer
	 * shows it: that is the loader's call, not a risk. */
	size_t idat = (size_t)((const char *)memmem(png.data, png.len, "IDAT", 4) - png.data);
	for (size_t i = idat + 6; i < idat + 14; i++)
		png.data[i] ^= 0x5a;
	assert_int_not_equal(pw_preview_render(png.data, png.len, "image/png", &out, &type, &err), PW_OK);
	assert_int_equal(out.len, 0);
	assert_null(type);
	/* A JPEG header and then noise; a PDF that is only its first line. */
	static const char jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF\0\1\1\0\0\1\0\1\0\0garbage";
	assert_int_not_equal(pw_preview_render(jpeg, sizeof jpeg - 1, "image/jpeg", &out, &type, &err), PW_OK);
	assert_int_not_equal(pw_preview_render("%PDF-1.4\n", 9, "application/pdf", &out, &type, &err), PW_OK);
	/* A PNG that declares 60000 x 60000 pixels: refused before decoding. */
	png.len = 0;
	make_image(40, 30, "png", &png);
	memcpy(png.data + 16, "\0\0\xea\x60\0\0\xea\x60", 8);
	uLong crc = crc32(0, (const Bytef *)png.data + 12, 17);
	unsigned char c[4] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16), (unsigned char)(crc >> 8), (unsigned char)crc};
	memcpy(png.data + 29, c, 4);
	assert_int_equal(pw_preview_render(png.data, png.len, "image/png", &out, &type, &err), PW_EINVAL);
	assert_non_null(strstr(err.msg, "te groot"));
	assert_int_equal(out.len, 0);
	pw_buf_free(&png);
	pw_buf_free(&out);
}

/* The same through the worker process, as the server makes it. */
static void worker_process_makes_previews(void **state)
{
	(void)state;
	const char *bin = getenv("PW_BIN");
	if (bin == NULL)
		skip();
	pw_preview_set_exe(bin);
	struct pw_buf plain, in, out;
	pw_buf_init(&plain);
	pw_buf_init(&in);
	pw_buf_init(&out);
	make_image(64, 32, "jpeg", &plain);
	add_exif(&plain, &in);
	struct pw_err err;
	const char *type;
	enum pw_status st = pw_preview_make(in.data, in.len, "image/jpeg", &out, &type, &err);
	if (st != PW_OK)
		fail_msg("worker: %s", err.msg);
	assert_string_equal(type, "image/jpeg");
	assert_false(has(&out, "Exif", 4));
	GdkPixbuf *pb = decode(&out);
	assert_int_equal(gdk_pixbuf_get_width(pb), 32);
	g_object_unref(pb);
	/* A corrupt file: the worker says no, the parent gives no bytes. */
	out.len = 0;
	assert_int_not_equal(pw_preview_make(in.data, in.len / 3, "image/jpeg", &out, &type, &err), PW_OK);
	assert_int_equal(out.len, 0);
	assert_null(type);
	pw_preview_set_exe(NULL);
	pw_buf_free(&plain);
	pw_buf_free(&in);
	pw_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jpeg_exif_is_stripped_and_upright),
		cmocka_unit_test(png_text_is_stripped),
		cmocka_unit_test(large_images_fit_the_box),
		cmocka_unit_test(pdf_first_page_renders),
		cmocka_unit_test(corrupt_files_give_no_preview),
		cmocka_unit_test(worker_process_makes_previews),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
