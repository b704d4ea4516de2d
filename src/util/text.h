/* Text checks shared by every parser of outside input. */
#ifndef PW_UTIL_TEXT_H
#define PW_UTIL_TEXT_H

#include <stddef.h>

/* True when s[0..n) is valid UTF-8 without NUL or C0 controls other than
 * tab, CR and LF (what a text field may hold). */
int pw_utf8_valid_text(const char *s, size_t n);

#endif
