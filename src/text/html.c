/*
 * html.c - HTML article extraction with gumbo, and the boilerplate filter
 * shared by every reader (see html.h).
 */
#include "text/html.h"
#include "base/mem.h"

#include <ctype.h>
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int html_parse_date(const char *s, char out[11])
{
    if (!s)
        return 0;
    while (*s == ' ' || *s == '"')
        s++;
    int y, m, d;
    if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
        isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3])) {
        if (s[4] == '-' && isdigit((unsigned char)s[5]) &&
            isdigit((unsigned char)s[6]) && s[7] == '-' &&
            isdigit((unsigned char)s[8]) && isdigit((unsigned char)s[9])) {
            y = atoi(s);
            m = (s[5] - '0') * 10 + (s[6] - '0');
            d = (s[8] - '0') * 10 + (s[9] - '0');
        } else if (strlen(s) >= 8 && isdigit((unsigned char)s[4]) &&
                   isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6]) &&
                   isdigit((unsigned char)s[7])) {
            char tmp[5] = {s[0], s[1], s[2], s[3], 0};
            y = atoi(tmp);
            m = (s[4] - '0') * 10 + (s[5] - '0');
            d = (s[6] - '0') * 10 + (s[7] - '0');
        } else {
            return 0;
        }
        if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
            return 0;
        snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
        return 1;
    }
    return 0;
}

/* ---- boilerplate ---- */

static const char *const bp_prefix[] = {
    "skip to", "sign up", "subscribe", "read:", "read more", "more:",
    "photo:", "photo credit", "image:", "picture:", "credit:", "share this",
    "share on", "follow us", "click here", "advertisement", "related:",
    "see also:", "also read", "this article is available in",
    "the views expressed in this article", "we will store your email",
    "stay informed", "all rights reserved", "copyright", "(c) ", "\xc2\xa9",
    "you can unsubscribe", "listen to this article", "print this", NULL};

static const char *const bp_contains[] = {
    "newsletter", "unsubscribe", "privacy notice", "privacy policy",
    "cookie", "all rights reserved", NULL};

static int has_prefix_ci(const char *p, size_t n, const char *pre)
{
    size_t k = strlen(pre);
    if (k > n)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)p[i]) != (unsigned char)pre[i])
            return 0;
    return 1;
}

static int contains_ci(const char *p, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (has_prefix_ci(p + i, n - i, w))
            return 1;
    return 0;
}

int html_is_boilerplate(const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t' || *p == '\n')) {
        p++;
        n--;
    }
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\n' || p[n - 1] == '\t'))
        n--;
    if (!n)
        return 1;
    for (int i = 0; bp_prefix[i]; i++)
        if (has_prefix_ci(p, n, bp_prefix[i]))
            return 1;
    if (n < 300)
        for (int i = 0; bp_contains[i]; i++)
            if (contains_ci(p, n, bp_contains[i]))
                return 1;
    return 0;
}

char *html_strip_boilerplate(const char *text, size_t n, size_t *outlen)
{
    mem_buf b;
    mem_buf_init(&b, 0);
    size_t i = 0;
    while (i < n) {
        /* find the end of this paragraph: a blank line */
        size_t e = i;
        for (;;) {
            const char *nl = memchr(text + e, '\n', n - e);
            if (!nl) {
                e = n;
                break;
            }
            size_t q = (size_t)(nl - text) + 1;
            while (q < n && (text[q] == ' ' || text[q] == '\t'))
                q++;
            if (q >= n || text[q] == '\n') {
                e = (size_t)(nl - text);
                break;
            }
            e = q;
        }
        if (!html_is_boilerplate(text + i, e - i)) {
            if (b.len)
                mem_buf_puts(&b, "\n\n");
            mem_buf_put(&b, text + i, e - i);
        }
        i = e;
        while (i < n && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t'))
            i++;
    }
    if (b.oom) {
        mem_buf_free(&b);
        return NULL;
    }
    *outlen = b.len;
    return mem_buf_take(&b);
}

/* ---- gumbo walk ---- */

static const char *attr(const GumboElement *e, const char *name)
{
    GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
    return a ? a->value : NULL;
}

static const char *const skip_words[] = {
    "nav", "menu", "share", "social", "newsletter", "subscribe", "related",
    "comment", "footer", "cookie", "promo", "advert", "skip", "breadcrumb",
    "caption", "credit", "sidebar", "signup", "sign-up", "banner", "popup",
    "modal", "widget", "byline-tools", NULL};

static int skip_by_class(const GumboElement *e)
{
    const char *v[2] = {attr(e, "class"), attr(e, "id")};
    for (int k = 0; k < 2; k++) {
        if (!v[k])
            continue;
        for (int i = 0; skip_words[i]; i++)
            if (contains_ci(v[k], strlen(v[k]), skip_words[i]))
                return 1;
    }
    const char *role = attr(e, "role");
    if (role && (strcmp(role, "navigation") == 0 || strcmp(role, "banner") == 0 ||
                 strcmp(role, "contentinfo") == 0 || strcmp(role, "complementary") == 0))
        return 1;
    const char *hidden = attr(e, "aria-hidden");
    return hidden && strcmp(hidden, "true") == 0;
}

static int skip_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_MENU:
        return 1;
    default:
        return 0;
    }
}

static int is_block(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BR:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_HR:
        return 1;
    default:
        return 0;
    }
}

typedef struct walk {
    mem_buf para;   /* the paragraph being built */
    mem_buf out;    /* finished text */
    int depth;
} walk;

static void flush_para(walk *w)
{
    /* collapse white space */
    mem_buf clean;
    mem_buf_init(&clean, 0);
    int sp = 1;
    for (size_t i = 0; i < w->para.len; i++) {
        char c = w->para.data[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            if (!sp)
                mem_buf_putc(&clean, ' ');
            sp = 1;
        } else {
            mem_buf_putc(&clean, c);
            sp = 0;
        }
    }
    while (clean.len && clean.data[clean.len - 1] == ' ')
        clean.data[--clean.len] = 0;
    if (clean.len && !html_is_boilerplate(clean.data, clean.len)) {
        if (w->out.len)
            mem_buf_puts(&w->out, "\n\n");
        mem_buf_put(&w->out, clean.data, clean.len);
    }
    mem_buf_free(&clean);
    mem_buf_reset(&w->para);
}

static void walk_node(walk *w, const GumboNode *n)
{
    if (w->depth > 200)
        return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
        mem_buf_puts(&w->para, n->v.text.text);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE)
        return;
    const GumboElement *e = &n->v.element;
    if (skip_tag(e->tag) || skip_by_class(e))
        return;
    int block = is_block(e->tag);
    if (block)
        flush_para(w);
    w->depth++;
    for (unsigned i = 0; i < e->children.length; i++)
        walk_node(w, e->children.data[i]);
    w->depth--;
    if (block)
        flush_para(w);
}

/* Find the first element satisfying pred, depth-first. */
typedef int (*node_pred)(const GumboNode *n);

static const GumboNode *find(const GumboNode *n, node_pred pred, int depth)
{
    if (n->type != GUMBO_NODE_ELEMENT || depth > 200)
        return NULL;
    if (pred(n))
        return n;
    const GumboVector *c = &n->v.element.children;
    for (unsigned i = 0; i < c->length; i++) {
        const GumboNode *r = find(c->data[i], pred, depth + 1);
        if (r)
            return r;
    }
    return NULL;
}

static int is_article_body(const GumboNode *n)
{
    const char *ip = attr(&n->v.element, "itemprop");
    return ip && strcmp(ip, "articleBody") == 0;
}
static int is_article(const GumboNode *n) { return n->v.element.tag == GUMBO_TAG_ARTICLE; }
static int is_main(const GumboNode *n) { return n->v.element.tag == GUMBO_TAG_MAIN; }
static int is_body(const GumboNode *n) { return n->v.element.tag == GUMBO_TAG_BODY; }
static int is_title(const GumboNode *n) { return n->v.element.tag == GUMBO_TAG_TITLE; }

static int is_pub_meta(const GumboNode *n)
{
    if (n->v.element.tag != GUMBO_TAG_META)
        return 0;
    const char *p = attr(&n->v.element, "property");
    if (!p)
        p = attr(&n->v.element, "name");
    return p && (strcmp(p, "article:published_time") == 0 ||
                 strcmp(p, "datePublished") == 0 || strcmp(p, "pubdate") == 0 ||
                 strcmp(p, "date") == 0 || strcmp(p, "dc.date") == 0 ||
                 strcmp(p, "DC.date.issued") == 0);
}

static int is_time(const GumboNode *n)
{
    return n->v.element.tag == GUMBO_TAG_TIME && attr(&n->v.element, "datetime");
}

/* datePublished inside a JSON-LD script, or NULL. */
static const char *jsonld_date(const GumboNode *n, int depth)
{
    if (n->type != GUMBO_NODE_ELEMENT || depth > 200)
        return NULL;
    const GumboElement *e = &n->v.element;
    if (e->tag == GUMBO_TAG_SCRIPT) {
        const char *t = attr(e, "type");
        if (!t || strcmp(t, "application/ld+json") != 0 || e->children.length < 1)
            return NULL;
        const GumboNode *c = e->children.data[0];
        if (c->type != GUMBO_NODE_TEXT && c->type != GUMBO_NODE_CDATA)
            return NULL;
        const char *s = strstr(c->v.text.text, "\"datePublished\"");
        if (!s)
            return NULL;
        s = strchr(s + 15, ':');
        return s ? s + 1 : NULL;
    }
    for (unsigned i = 0; i < e->children.length; i++) {
        const char *r = jsonld_date(e->children.data[i], depth + 1);
        if (r)
            return r;
    }
    return NULL;
}

static void text_of(const GumboNode *n, mem_buf *b, int depth)
{
    if (depth > 50)
        return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
        mem_buf_puts(b, n->v.text.text);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT)
        return;
    for (unsigned i = 0; i < n->v.element.children.length; i++)
        text_of(n->v.element.children.data[i], b, depth + 1);
}

/* ---- nesting, bounded before gumbo ----
 * gumbo's tree building is quadratic in the depth of the open-element stack
 * (100,000 nested <div> took over 500 s), so the depth is measured first
 * by a linear scan of the tags. Elements with no end tag, and those the
 * parser closes by themselves when the next one opens (<p>, <li>, <td>...),
 * do not deepen it. */
static const char *const flat_tags[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "option", "!", "?",
    NULL};

static int flat_tag(const char *name, size_t n)
{
    for (int i = 0; flat_tags[i]; i++)
        if (strlen(flat_tags[i]) == n && !strncasecmp(name, flat_tags[i], n))
            return 1;
    return 0;
}

/* The first place needle (ASCII) occurs in hay[0..n), in any case. */
static const char *memcasemem(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!strncasecmp(hay + i, needle, k))
            return hay + i;
    return NULL;
}

int html_nesting(const char *html, size_t n, int limit)
{
    int depth = 0, deepest = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (html[i] != '<')
            continue;
        if (n - i >= 4 && !memcmp(html + i, "<!--", 4)) {
            const char *e = memmem(html + i + 4, n - i - 4, "-->", 3);
            if (!e)
                break;
            i = (size_t)(e - html) + 2;
            continue;
        }
        int close = html[i + 1] == '/';
        size_t s = i + 1 + (size_t)close, k = s;
        while (k < n && (isalnum((unsigned char)html[k]) || html[k] == '!' || html[k] == '?'))
            k++;
        if (k == s || (!isalpha((unsigned char)html[s]) && html[s] != '!' && html[s] != '?'))
            continue;
        const char *gt = memchr(html + k, '>', n - k);
        int selfclose = gt && gt > html + k && gt[-1] == '/';
        /* script and style hold text, not tags ("i<n"): go to their end */
        if (!close && gt && (k - s == 6 || k - s == 5) &&
            (!strncasecmp(html + s, "script", k - s) || !strncasecmp(html + s, "style", k - s))) {
            char end[10];
            snprintf(end, sizeof end, "</%.*s", (int)(k - s), html + s);
            size_t from = (size_t)(gt - html);
            const char *e = memcasemem(html + from, n - from, end);
            if (!e)
                break;
            i = (size_t)(e - html);
            continue;
        }
        if (flat_tag(html + s, k - s) || selfclose)
            continue;
        if (close)
            depth -= depth > 0;
        else if (++depth > deepest && (deepest = depth) > limit)
            return deepest;
    }
    return deepest;
}

int html_extract(const char *html, size_t n, html_article *out)
{
    memset(out, 0, sizeof *out);
    GumboOptions opts = kGumboDefaultOptions;
    opts.max_errors = 100;
    GumboOutput *g = gumbo_parse_with_options(&opts, html, n);
    if (!g)
        return -1;
    const GumboNode *root = g->root;
    const GumboNode *t = find(root, is_title, 0);
    if (t) {
        mem_buf b;
        mem_buf_init(&b, 4096);
        text_of(t, &b, 0);
        char *s = mem_buf_take(&b);
        /* trim */
        char *p = s;
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        size_t k = strlen(p);
        while (k && (p[k - 1] == ' ' || p[k - 1] == '\n' || p[k - 1] == '\t'))
            k--;
        out->title = k ? mem_strndup(p, k) : NULL;
        mem_free(s);
    }
    const GumboNode *m = find(root, is_pub_meta, 0);
    if (m)
        html_parse_date(attr(&m->v.element, "content"), out->date);
    if (!out->date[0] && (m = find(root, is_time, 0)) != NULL)
        html_parse_date(attr(&m->v.element, "datetime"), out->date);
    if (!out->date[0])
        html_parse_date(jsonld_date(root, 0), out->date);

    const GumboNode *body = find(root, is_article_body, 0);
    if (!body)
        body = find(root, is_article, 0);
    if (!body)
        body = find(root, is_main, 0);
    if (!body)
        body = find(root, is_body, 0);
    walk w;
    mem_buf_init(&w.para, 0);
    mem_buf_init(&w.out, 0);
    w.depth = 0;
    if (body) {
        const GumboVector *c = &body->v.element.children;
        for (unsigned i = 0; i < c->length; i++)
            walk_node(&w, c->data[i]);
        flush_para(&w);
    }
    gumbo_destroy_output(&opts, g);
    mem_buf_free(&w.para);
    if (w.out.oom) {
        mem_buf_free(&w.out);
        html_article_free(out);
        return -1;
    }
    out->len = w.out.len;
    out->text = mem_buf_take(&w.out);
    return 0;
}

void html_article_free(html_article *a)
{
    if (!a)
        return;
    mem_free(a->title);
    mem_free(a->text);
    a->title = a->text = NULL;
}
