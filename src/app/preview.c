/* Evidence previews: the decoder (run in the worker process) and the
 * parent's side that spawns and bounds it. See preview.h for why.
 *
 * gdk-pixbuf rather than libpng, libjpeg-turbo, giflib, libwebp and libheif
 * each by hand: one maintained Debian API over all of them (the same
 * libraries underneath), which scales JPEG while decoding, reads the EXIF
 * orientation, takes a GIF's first frame, and writes PNG and JPEG without
 * any metadata unless asked. The loader is chosen by the type our own
 * detection found (core/filetype.c), never by gdk-pixbuf's sniffing, so a
 * file cannot steer the decoding to one of its lesser-used loaders. */
#include "app/preview.h"

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <poll.h>
#include <poppler.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/filetype.h"
#include "util/clock.h"

extern char **environ;

/* A picture of more pixels is refused before its pixels are decoded: 100
 * megapixels is over any phone camera, and a bomb of a small file that
 * declares a huge canvas stops here (the address-space limit is the net). */
#define MAX_PIXELS (100LL * 1000 * 1000)
#define WORKER_CPU_SECS 10
#define WORKER_WALL_MS 15000
#define WORKER_MEM (1536LL << 20)
#define FEED 65536 /* bytes given to the loader at a time */
#define JPEG_QUALITY "85"

/* ---- decoding (worker side) ---- */

struct prepared {
	bool too_big;
};

/* The loader says how large the image is before decoding its pixels: ask
 * it for the preview size at once (JPEG then decodes scaled down). The box
 * is square, so a rotation by the EXIF orientation later still fits it. */
static void on_size(GdkPixbufLoader *l, int w, int h, gpointer p)
{
	struct prepared *x = p;
	if (w <= 0 || h <= 0 || (long long)w * h > MAX_PIXELS) {
		x->too_big = true;
		gdk_pixbuf_loader_set_size(l, 1, 1);
		return;
	}
	if (w > PW_PREVIEW_MAX || h > PW_PREVIEW_MAX) {
		double s = fmin((double)PW_PREVIEW_MAX / w, (double)PW_PREVIEW_MAX / h);
		int nw = (int)(w * s), nh = (int)(h * s);
		gdk_pixbuf_loader_set_size(l, nw > 0 ? nw : 1, nh > 0 ? nh : 1);
	}
}

/* A new pixbuf holding only pixels: scaled into the box when a loader
 * ignored the size asked for, never scaled up. */
static GdkPixbuf *fit(GdkPixbuf *src)
{
	int w = gdk_pixbuf_get_width(src), h = gdk_pixbuf_get_height(src);
	if (w > PW_PREVIEW_MAX || h > PW_PREVIEW_MAX) {
		double s = fmin((double)PW_PREVIEW_MAX / w, (double)PW_PREVIEW_MAX / h);
		int nw = (int)(w * s), nh = (int)(h * s);
		return gdk_pixbuf_scale_simple(src, nw > 0 ? nw : 1, nh > 0 ? nh : 1, GDK_INTERP_BILINEAR);
	}
	/* A copy carries no options (orientation, comments, ICC): the saver
	 * cannot be handed anything of the original but its pixels. */
	return gdk_pixbuf_copy(src);
}

static enum pw_status decode_image(const unsigned char *data, size_t n, const char *mime, GdkPixbuf **out,
				   struct pw_err *err)
{
	*out = NULL;
	GError *ge = NULL;
	GdkPixbufLoader *l = gdk_pixbuf_loader_new_with_mime_type(mime, &ge);
	if (l == NULL) {
		g_clear_error(&ge);
		return pw_err_set(err, PW_ETYPE, "geen decoder voor %s (no decoder for this type)", mime);
	}
	struct prepared prep = {false};
	g_signal_connect(l, "size-prepared", G_CALLBACK(on_size), &prep);
	bool ok = true;
	for (size_t off = 0; ok && off < n && !prep.too_big; off += FEED)
		ok = gdk_pixbuf_loader_write(l, data + off, n - off < FEED ? n - off : FEED, &ge);
	g_clear_error(&ge);
	/* Closed in every case: it frees the decoder's state; a truncated or
	 * damaged file fails here. */
	bool closed = gdk_pixbuf_loader_close(l, &ge);
	g_clear_error(&ge);
	GdkPixbuf *pb = ok && closed && !prep.too_big ? gdk_pixbuf_loader_get_pixbuf(l) : NULL;
	enum pw_status rc = PW_OK;
	if (prep.too_big)
		rc = pw_err_set(err, PW_EINVAL, "de afbeelding is te groot om te tonen (image over %lld pixels)", MAX_PIXELS);
	else if (pb == NULL)
		rc = pw_err_set(err, PW_EINVAL, "het bestand is beschadigd of onvolledig (the image does not decode)");
	else {
		/* Upright as the camera meant it; then only the pixels go on. */
		GdkPixbuf *up = gdk_pixbuf_apply_embedded_orientation(pb);
		*out = up ? fit(up) : NULL;
		if (up)
			g_object_unref(up);
		if (*out == NULL)
			rc = pw_err_set(err, PW_EINVAL, "de afbeelding kan niet worden gedraaid of geschaald (cannot orient or scale)");
	}
	g_object_unref(l);
	return rc;
}

/* The first page of a PDF, on white, fitted to the box. */
static enum pw_status decode_pdf(const unsigned char *data, size_t n, GdkPixbuf **out, struct pw_err *err)
{
	*out = NULL;
	GError *ge = NULL;
	GBytes *bytes = g_bytes_new_static(data, n);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
	g_bytes_unref(bytes);
	g_clear_error(&ge);
	if (doc == NULL)
		return pw_err_set(err, PW_EINVAL, "de PDF kan niet worden geopend (the PDF does not open)");
	PopplerPage *page = poppler_document_get_n_pages(doc) > 0 ? poppler_document_get_page(doc, 0) : NULL;
	enum pw_status rc = PW_OK;
	double pw = 0, ph = 0;
	if (page)
		poppler_page_get_size(page, &pw, &ph);
	if (page == NULL || !(pw >= 1 && ph >= 1 && pw <= 14400 && ph <= 14400)) {
		rc = pw_err_set(err, PW_EINVAL, "de PDF heeft geen bruikbare eerste pagina (no usable first page)");
		goto done;
	}
	double s = fmin(PW_PREVIEW_MAX / pw, PW_PREVIEW_MAX / ph);
	int w = (int)(pw * s), h = (int)(ph * s);
	w = w > 0 ? w : 1;
	h = h > 0 ? h : 1;
	cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(surf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, s, s);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		rc = pw_err_set(err, PW_EINVAL, "de PDF-pagina kan niet worden getekend (the page does not render)");
		goto done;
	}
	GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, w, h);
	if (pb == NULL) {
		cairo_surface_destroy(surf);
		rc = pw_err_set(err, PW_EINVAL, "geen geheugen voor de pagina (out of memory)");
		goto done;
	}
	/* cairo's RGB24 is one native-endian 32-bit word per pixel (xRGB). */
	const unsigned char *src = cairo_image_surface_get_data(surf);
	int sstride = cairo_image_surface_get_stride(surf), dstride = gdk_pixbuf_get_rowstride(pb);
	guchar *dst = gdk_pixbuf_get_pixels(pb);
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)sstride);
		guchar *d = dst + (size_t)y * (size_t)dstride;
		for (int x = 0; x < w; x++) {
			d[3 * x] = (guchar)(row[x] >> 16);
			d[3 * x + 1] = (guchar)(row[x] >> 8);
			d[3 * x + 2] = (guchar)row[x];
		}
	}
	cairo_surface_destroy(surf);
	*out = pb;
done:
	if (page)
		g_object_unref(page);
	g_object_unref(doc);
	return rc;
}

enum pw_status pw_preview_render(const void *data, size_t n, const char *mime, struct pw_buf *out, const char **type,
				 struct pw_err *err)
{
	*type = NULL;
	const struct pw_filetype *t = mime ? pw_filetype_by_mime(mime) : NULL;
	if (t == NULL || data == NULL || n == 0)
		return pw_err_set(err, PW_ETYPE, "geen voorbeeld voor dit type (no preview for this type)");
	GdkPixbuf *pb = NULL;
	bool pdf = strcmp(t->mime, "application/pdf") == 0;
	enum pw_status rc = pdf ? decode_pdf(data, n, &pb, err) : decode_image(data, n, t->mime, &pb, err);
	if (rc != PW_OK)
		return rc;
	/* Photos stay JPEG (a PNG of a photo is many times larger); screenshots,
	 * drawings, pages and anything transparent become PNG, sharp text kept. */
	bool photo = !gdk_pixbuf_get_has_alpha(pb) && (strcmp(t->mime, "image/jpeg") == 0 || strcmp(t->mime, "image/heic") == 0);
	gchar *buf = NULL;
	gsize len = 0;
	GError *ge = NULL;
	/* No option keys: no tEXt, no EXIF, no ICC, nothing but pixels. */
	gboolean saved = photo ? gdk_pixbuf_save_to_buffer(pb, &buf, &len, "jpeg", &ge, "quality", JPEG_QUALITY, NULL)
			       : gdk_pixbuf_save_to_buffer(pb, &buf, &len, "png", &ge, NULL);
	g_object_unref(pb);
	g_clear_error(&ge);
	if (!saved || len == 0) {
		g_free(buf);
		return pw_err_set(err, PW_EINVAL, "het voorbeeld kan niet worden geschreven (the preview cannot be encoded)");
	}
	pw_buf_put(out, buf, len);
	g_free(buf);
	*type = photo ? "image/jpeg" : "image/png";
	return PW_OK;
}

/* ---- the worker process ---- */

static void limit(int resource, rlim_t soft, rlim_t hard)
{
	struct rlimit rl = {soft, hard};
	setrlimit(resource, &rl);
}

#if defined(__SANITIZE_ADDRESS__)
#define PW_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PW_ASAN 1
#endif
#endif

int pw_preview_worker_main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: pestwijzer preview-worker MIME < file > preview (used by the server itself)\n", stderr);
		return 2;
	}
	/* Limits first, before a byte of the file is read. */
	limit(RLIMIT_CPU, WORKER_CPU_SECS, WORKER_CPU_SECS + 1);
	limit(RLIMIT_CORE, 0, 0);
#ifndef PW_ASAN
	/* AddressSanitizer reserves terabytes of address space for its shadow;
	 * the test build relies on the CPU limit and the parent's timeout. */
	limit(RLIMIT_AS, (rlim_t)WORKER_MEM, (rlim_t)WORKER_MEM);
#endif
	struct pw_buf in, out;
	pw_buf_init(&in);
	pw_buf_init(&out);
	for (;;) {
		pw_buf_reserve(&in, FEED);
		ssize_t r = read(0, in.data + in.len, FEED);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			_exit(1);
		if (r == 0)
			break;
		in.len += (size_t)r;
	}
	struct pw_err err;
	const char *type;
	if (pw_preview_render(in.data, in.len, argv[1], &out, &type, &err) != PW_OK) {
		fprintf(stderr, "preview-worker: %s\n", err.msg);
		_exit(1);
	}
	size_t put = 0;
	while (put < out.len) {
		ssize_t w = write(1, out.data + put, out.len - put);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			_exit(1);
		put += (size_t)w;
	}
	/* _exit: the decoders' caches need no tidying in a process that ends. */
	_exit(0);
}

/* ---- the parent's side ---- */

static const char *worker_exe;

void pw_preview_set_exe(const char *path)
{
	worker_exe = path;
}

static enum pw_status spawn(const char *mime, pid_t *pid, int *to, int *from, struct pw_err *err)
{
	/* A socket to write the file into: send() with MSG_NOSIGNAL cannot
	 * raise SIGPIPE in the server when the worker dies early. */
	int sv[2], po[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return pw_err_set(err, PW_EIO, "socketpair: %s", strerror(errno));
	if (pipe2(po, O_CLOEXEC) != 0) {
		int e = errno;
		close(sv[0]);
		close(sv[1]);
		return pw_err_set(err, PW_EIO, "pipe: %s", strerror(e));
	}
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	/* The decoders' complaints about a bad file are not the server's log. */
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&at);
	sigset_t none, dfl;
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGXCPU);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	char *argv[] = {"pestwijzer", "preview-worker", (char *)mime, NULL};
	int rc = posix_spawn(pid, worker_exe ? worker_exe : "/proc/self/exe", &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(sv[1]);
	close(po[1]);
	if (rc != 0) {
		close(sv[0]);
		close(po[0]);
		return pw_err_set(err, PW_EIO, "het voorbeeldproces start niet (cannot spawn the preview worker): %s", strerror(rc));
	}
	*to = sv[0];
	*from = po[0];
	fcntl(*to, F_SETFL, fcntl(*to, F_GETFL) | O_NONBLOCK);
	fcntl(*from, F_SETFL, fcntl(*from, F_GETFL) | O_NONBLOCK);
	return PW_OK;
}

enum pw_status pw_preview_make(const void *data, size_t n, const char *mime, struct pw_buf *out, const char **type,
			       struct pw_err *err)
{
	*type = NULL;
	pid_t pid;
	int to, from;
	if (spawn(mime, &pid, &to, &from, err) != PW_OK)
		return err->code;
	size_t start = out->len, sent = 0;
	int64_t deadline = pw_mono_ms() + WORKER_WALL_MS;
	bool eof = false, over = false, late = false;
	while (!eof && !over) {
		int64_t left = deadline - pw_mono_ms();
		if (left <= 0) {
			late = true;
			break;
		}
		struct pollfd p[2] = {{from, POLLIN, 0}, {to, POLLOUT, 0}};
		int np = to >= 0 ? 2 : 1;
		int r = poll(p, (nfds_t)np, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		if (to >= 0 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = send(to, (const char *)data + sent, n - sent, MSG_NOSIGNAL);
			if (w > 0)
				sent += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) || sent == n) {
				close(to); /* end of the file for the worker */
				to = -1;
			}
		}
		if (p[0].revents & (POLLIN | POLLERR | POLLHUP)) {
			pw_buf_reserve(out, FEED);
			ssize_t g = read(from, out->data + out->len, FEED);
			if (g > 0) {
				out->len += (size_t)g;
				over = out->len - start > PW_PREVIEW_OUT_MAX;
			} else if (g == 0 || (errno != EAGAIN && errno != EINTR)) {
				eof = true;
			}
		}
	}
	if (to >= 0)
		close(to);
	close(from);
	if (!eof)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	const struct pw_filetype *t = out->data ? pw_filetype_detect(out->data + start, out->len - start) : NULL;
	bool good = eof && WIFEXITED(status) && WEXITSTATUS(status) == 0 && t &&
		    (strcmp(t->mime, "image/png") == 0 || strcmp(t->mime, "image/jpeg") == 0);
	if (!good) {
		out->len = start;
		if (out->data)
			out->data[start] = '\0';
		if (late)
			return pw_err_set(err, PW_ETIMEOUT, "het voorbeeld duurde te lang (the preview worker timed out)");
		if (over)
			return pw_err_set(err, PW_ETOOBIG, "het voorbeeld werd te groot (the preview was too large)");
		if (WIFSIGNALED(status))
			return pw_err_set(err, PW_EINVAL, "het voorbeeldproces stopte door signaal %d (the worker was killed)",
					  WTERMSIG(status));
		return pw_err_set(err, PW_EINVAL, "geen voorbeeld: het bestand kon niet worden gelezen (the file did not decode)");
	}
	*type = t->mime;
	return PW_OK;
}
