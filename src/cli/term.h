/*
 * term.h - writing text from the input (file names, document ids,
 * dictionary lines) into messages without handing a terminal its control
 * bytes.
 */
#ifndef ENT_CLI_TERM_H
#define ENT_CLI_TERM_H

#include <stdio.h>

/* Write s to f with C0 controls and DEL as \xHH and C1 controls
 * (U+0080..U+009F, which terminals also obey) as \uHHHH. */
void term_put_escaped(FILE *f, const char *s);

/* "FILE:LINE: MSG\n" (or "FILE: MSG", or "MSG") after prefix, escaped. */
void term_put_message(FILE *f, const char *prefix, const char *file, long line,
                      const char *msg);

#endif
