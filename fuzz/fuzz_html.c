/*
 * fuzz_html.c - libFuzzer target for HTML article extraction (gumbo walk,
 * boilerplate filter, date metadata), behind the nesting bound the reader
 * checks first (html_nesting).
 */
#include "text/html.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    html_article a;
    if (html_nesting((const char *)data, size, HTML_MAX_DEPTH) > HTML_MAX_DEPTH)
        return 0;
    if (html_extract((const char *)data, size, &a) == 0)
        html_article_free(&a);
    return 0;
}
