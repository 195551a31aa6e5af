/*
 * term.c - messages with the input's control bytes escaped (term.h).
 */
#include "term.h"

void term_put_escaped(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\x%02x", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            fprintf(f, "\\u%04x", *++p);
        else
            fputc(*p, f);
    }
}

void term_put_message(FILE *f, const char *prefix, const char *file, long line,
                      const char *msg)
{
    fputs(prefix, f);
    if (file) {
        term_put_escaped(f, file);
        if (line)
            fprintf(f, ":%ld", line);
        fputs(": ", f);
    }
    term_put_escaped(f, msg);
    fputc('\n', f);
}
