/* The preview of an evidence file (issue #7): the case page shows a
 * re-encoded image without any metadata, never the original. Images are
 * decoded with gdk-pixbuf (its Debian loaders for PNG, JPEG, GIF, WebP and,
 * through libheif, HEIC), turned upright by their EXIF orientation, scaled
 * to fit PW_PREVIEW_MAX square (never up) and written anew as PNG or JPEG;
 * a PDF's first page is rendered with poppler and cairo.
 *
 * Decoding untrusted files is where a parser bug or a decompression bomb
 * would strike, so the server never decodes in its own process:
 * pw_preview_make runs `pestwijzer preview-worker TYPE` (its own binary,
 * spawned, never a fork of the threaded server), which limits its memory
 * and CPU time, reads the file on stdin and writes the preview on stdout;
 * the parent kills it after a wall-clock timeout. Whatever goes wrong, the
 * answer is "no preview", never a failed upload. */
#ifndef PW_APP_PREVIEW_H
#define PW_APP_PREVIEW_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

#define PW_PREVIEW_MAX 1600             /* pixels, width and height */
#define PW_PREVIEW_OUT_MAX (24u << 20)  /* bytes of preview we accept back */

/* Decodes the n bytes (of the accepted type mime) in this process and
 * appends the preview to out; *type gets "image/png" or "image/jpeg".
 * PW_ETYPE when there is no decoder for the type, PW_EINVAL when the file
 * does not decode. The worker and the fuzzer call this; the server calls
 * pw_preview_make. */
enum pw_status pw_preview_render(const void *data, size_t n, const char *mime, struct pw_buf *out, const char **type,
				 struct pw_err *err);

/* `pestwijzer preview-worker MIME`: sets its limits, reads stdin, writes
 * the preview to stdout. Exit 0 with a preview, 1 without. */
int pw_preview_worker_main(int argc, char **argv);

/* The preview made in a worker process; out and *type as pw_preview_render.
 * Any failure (no decoder, corrupt file, limits hit, timeout) is an error
 * whose message says why, for the log. */
enum pw_status pw_preview_make(const void *data, size_t n, const char *mime, struct pw_buf *out, const char **type,
			       struct pw_err *err);

/* The program to run as the worker; NULL (the default) is /proc/self/exe.
 * For tests whose own binary is not pestwijzer. */
void pw_preview_set_exe(const char *path);

#endif
