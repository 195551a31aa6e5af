/*
 * text.h - Unicode text handling: make outside bytes into valid NFC UTF-8
 * (invalid bytes replaced by U+FFFD and counted), detect binary input, and
 * fold words for matching (case-folded, accents stripped, curly quotes and
 * dashes made ASCII) while offsets keep pointing into the original text.
 */
#ifndef ENT_TEXT_H
#define ENT_TEXT_H

#include <stddef.h>
#include "base/mem.h"

/* 1 if the bytes look binary (NUL bytes, or many control bytes). */
int text_is_binary(const char *s, size_t n);

/* Valid, NFC-normalised UTF-8 copy of s (mem_free it), with CR LF and CR
 * made LF and other control characters but tab and LF dropped. *nbad gets
 * the number of invalid bytes replaced. NULL on OOM. */
char *text_clean(const char *s, size_t n, size_t *outlen, size_t *nbad);

/* Fold the UTF-8 word s[0..n) for matching into the arena: lower case, no
 * accents, ASCII quotes and hyphens. */
char *text_fold(mem_arena *a, const char *s, size_t n);

/* Decode one code point at s (n bytes left); returns its length (>= 1) and
 * the code point in *cp (U+FFFD for an invalid byte). */
size_t text_decode(const char *s, size_t n, int *cp);

/* Classes of code points used by the tokenizer and splitter. */
int text_is_space(int cp);      /* Unicode white space */
int text_is_alnum(int cp);      /* letter, mark or digit */
int text_is_upper(int cp);
int text_is_dash(int cp);       /* - and the Unicode dashes */
int text_is_quote(int cp);      /* ' " and the curly quotes */

/* Decode the HTML character references that plain-text news carries,
 * whole ("&amp;", "&#39;", "&#x2019;") or with the "&" lost in scraping
 * ("Iraq #39;s", " quot;fear"), in place; returns the new length (never
 * longer). */
size_t text_fix_entities(char *s, size_t n);

#endif
