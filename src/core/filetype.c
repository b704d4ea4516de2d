/* File type by magic bytes. Each check asks for a little more than the bare
 * signature where the format allows (PNG's first chunk must be IHDR, WebP's
 * RIFF must hold a VP8 chunk, HEIC's ftyp box must be well formed and name a
 * HEIC brand), so that a file that merely starts with the right letters is
 * not taken for an image. */
#include "core/filetype.h"

#include <stdint.h>
#include <string.h>

static const struct pw_filetype types[] = {
	{"image/png", "png", "PNG"},   {"image/jpeg", "jpg", "JPEG"}, {"image/gif", "gif", "GIF"},
	{"image/webp", "webp", "WebP"}, {"image/heic", "heic", "HEIC"}, {"application/pdf", "pdf", "PDF"},
};
enum { T_PNG, T_JPEG, T_GIF, T_WEBP, T_HEIC, T_PDF };

static int starts(const unsigned char *p, size_t n, size_t off, const char *sig, size_t len)
{
	return n >= off + len && memcmp(p + off, sig, len) == 0;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* HEIF's ISO base media file: the first box is `ftyp` with a major brand and
 * a list of compatible brands. HEIC is HEIF with HEVC images; the brands
 * heic/heix (images) and heim/heis (sequences) say so. A bare mif1 file can
 * be AVIF or other HEIF, which we do not accept. */
static int is_heic(const unsigned char *p, size_t n)
{
	if (n < 16 || memcmp(p + 4, "ftyp", 4) != 0)
		return 0;
	uint32_t size = be32(p);
	/* Brands are 4 bytes each after the header (8), major brand and minor version (8). */
	if (size < 16 || size > n || size > 4096 || (size - 16) % 4 != 0)
		return 0;
	static const char *const brands[] = {"heic", "heix", "heim", "heis"};
	for (size_t off = 8; off + 4 <= size; off += 4) {
		if (off == 12)
			continue; /* the minor version, not a brand */
		for (size_t i = 0; i < sizeof brands / sizeof brands[0]; i++)
			if (memcmp(p + off, brands[i], 4) == 0)
				return 1;
	}
	return 0;
}

const struct pw_filetype *pw_filetype_detect(const void *data, size_t n)
{
	const unsigned char *p = data;
	if (p == NULL || n == 0)
		return NULL;
	if (starts(p, n, 0, "\x89PNG\r\n\x1a\n", 8) && starts(p, n, 12, "IHDR", 4))
		return &types[T_PNG];
	/* SOI, then the start of a marker segment (APPn, DQT, SOF, COM...). */
	if (n >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF && p[3] >= 0xC0 && p[3] != 0xFF)
		return &types[T_JPEG];
	if (starts(p, n, 0, "GIF87a", 6) || starts(p, n, 0, "GIF89a", 6))
		return n >= 13 ? &types[T_GIF] : NULL; /* the logical screen descriptor must be there */
	if (starts(p, n, 0, "RIFF", 4) && starts(p, n, 8, "WEBPVP8", 7) && n >= 16 &&
	    (p[15] == ' ' || p[15] == 'L' || p[15] == 'X'))
		return &types[T_WEBP];
	if (is_heic(p, n))
		return &types[T_HEIC];
	/* A PDF begins with its header, "%PDF-1.x" or "%PDF-2.0". Readers accept
	 * it later in the first kilobyte; we do not, so a text with a PDF inside
	 * is not taken for one. */
	if (starts(p, n, 0, "%PDF-", 5) && n >= 8 && (p[5] == '1' || p[5] == '2') && p[6] == '.' && p[7] >= '0' &&
	    p[7] <= '9')
		return &types[T_PDF];
	return NULL;
}

const char *pw_filetype_accepted(void)
{
	return "PNG, JPEG, GIF, WebP, HEIC, PDF";
}

const struct pw_filetype *pw_filetype_by_mime(const char *mime)
{
	for (size_t i = 0; mime && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(types[i].mime, mime) == 0)
			return &types[i];
	return NULL;
}
