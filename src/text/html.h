/*
 * html.h - article text from HTML pages and boilerplate filtering. The page
 * is parsed with gumbo (an HTML5 parser); the article body is kept
 * (<article>, [itemprop=articleBody], <main>, else <body>) without scripts,
 * navigation, share links, newsletter and subscription blocks, captions and
 * photo credits; block elements become paragraphs. The publication date is
 * taken from <meta property="article:published_time">, <time datetime> or
 * JSON-LD datePublished.
 */
#ifndef ENT_HTML_H
#define ENT_HTML_H

#include <stddef.h>

typedef struct html_article {
    char *title;   /* mem_free; NULL if none */
    char *text;    /* paragraphs separated by blank lines; mem_free */
    size_t len;
    char date[11]; /* YYYY-MM-DD or "" */
} html_article;

/* Parse html[0..n). Returns 0, or -1 on OOM or unparseable input. */
int html_extract(const char *html, size_t n, html_article *out);
/* How deeply the elements of html nest, by a linear scan of its tags
 * (elements without end tags and self-closing ones do not count); stops
 * as soon as it passes limit. Checked before html_extract, which is
 * quadratic in the depth. */
#define HTML_MAX_DEPTH 2000
int html_nesting(const char *html, size_t n, int limit);
void html_article_free(html_article *a);

/* 1 if the paragraph p[0..n) is boilerplate ("Skip to main content",
 * newsletter sign-ups, "READ:" links, photo credits, copyright lines). */
int html_is_boilerplate(const char *p, size_t n);

/* Copy text without boilerplate paragraphs (paragraphs are separated by
 * blank lines). Returns a new string (mem_free) and its length in *outlen. */
char *html_strip_boilerplate(const char *text, size_t n, size_t *outlen);

/* Normalise a date string ("2016-12-23T10:00:00Z", "20161223") into
 * out[11]; returns 1 on success. */
int html_parse_date(const char *s, char out[11]);

#endif
