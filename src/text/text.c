/*
 * text.c - UTF-8 repair, NFC, folding for matching (see text.h). Unicode
 * tables come from utf8proc.
 */
#include "text/text.h"

#include <ctype.h>
#include <string.h>
#include <utf8proc.h>

int text_is_binary(const char *s, size_t n)
{
    size_t lim = n < 8192 ? n : 8192, ctrl = 0;
    for (size_t i = 0; i < lim; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0)
            return 1;
        if (c < 32 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            ctrl++;
    }
    return lim > 0 && ctrl * 10 > lim;
}

size_t text_decode(const char *s, size_t n, int *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)n, &c);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return (size_t)k;
}

/* 1 if s[0..n) is plain ASCII text that needs no cleaning at all. */
static int plain_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c < 32 && c != '\n' && c != '\t'))
            return 0;
    }
    return 1;
}

char *text_clean(const char *s, size_t n, size_t *outlen, size_t *nbad)
{
    if (plain_ascii(s, n)) {
        *nbad = 0;
        *outlen = n;
        return mem_strndup(s, n);
    }
    mem_buf b;
    mem_buf_init(&b, 0);
    size_t bad = 0;
    int ascii = 1;
    for (size_t i = 0; i < n;) {
        size_t run = 0;
        while (i + run < n && (unsigned char)s[i + run] >= 32 && (unsigned char)s[i + run] < 0x80)
            run++;
        if (run) {
            mem_buf_put(&b, s + i, run);
            i += run;
            continue;
        }
        int cp;
        size_t k = text_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && (unsigned char)s[i] == 0xEF)) {
            bad++;
            mem_buf_puts(&b, "\xEF\xBF\xBD");
        } else if (cp == '\r') {
            mem_buf_putc(&b, '\n');
            if (i + 1 < n && s[i + 1] == '\n')
                k++;
        } else if (cp < 32 && cp != '\n' && cp != '\t') {
            if (cp == '\f')
                mem_buf_putc(&b, '\n');
            /* other control characters are dropped */
        } else if (cp == 0xFEFF && i == 0) {
            /* byte-order mark */
        } else {
            mem_buf_put(&b, s + i, k);
            ascii &= cp < 0x80;
        }
        i += k;
    }
    if (b.oom) {
        mem_buf_free(&b);
        return NULL;
    }
    *nbad = bad;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m = 0;
    if (b.len && !ascii)
        m = utf8proc_map((const utf8proc_uint8_t *)b.data,
                         (utf8proc_ssize_t)b.len, &nfc,
                         UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (m < 0 || !b.len || ascii) {
        /* keep the repaired text if NFC fails (it cannot on valid UTF-8) */
        *outlen = b.len;
        return mem_buf_take(&b);
    }
    mem_buf_free(&b);
    char *out = mem_strndup((const char *)nfc, (size_t)m);
    free(nfc);
    *outlen = (size_t)m;
    return out;
}

int text_is_space(int cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0)
        return 1;
    if (cp < 128)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP || cp == 0x200B;
}

int text_is_alnum(int cp)
{
    if (cp < 128)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) ||
           c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_NL ||
           c == UTF8PROC_CATEGORY_NO;
}

int text_is_upper(int cp)
{
    if (cp < 128)
        return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
           utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

int text_is_dash(int cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 ||
           cp == 0xFE58 || cp == 0xFE63 || cp == 0xFF0D;
}

int text_is_quote(int cp)
{
    return cp == '\'' || cp == '"' || (cp >= 0x2018 && cp <= 0x201F) ||
           cp == 0xAB || cp == 0xBB || cp == 0x2032 || cp == 0x2033 ||
           cp == '`';
}

static int fold_special(int cp)
{
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B ||
        cp == 0x2032 || cp == '`')
        return '\'';
    if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F ||
        cp == 0xAB || cp == 0xBB || cp == 0x2033)
        return '"';
    if (text_is_dash(cp))
        return '-';
    if (cp == 0xA0)
        return ' ';
    return cp;
}

char *text_fold(mem_arena *a, const char *s, size_t n)
{
    /* ASCII fast path */
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 128) {
            ascii = 0;
            break;
        }
    if (ascii) {
        char *d = mem_arena_alloc(a, n + 1);
        if (!d)
            return NULL;
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            d[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        d[n] = 0;
        return d;
    }
    mem_buf b;
    mem_buf_init(&b, 0);
    for (size_t i = 0; i < n;) {
        int cp;
        size_t k = text_decode(s + i, n - i, &cp);
        int f = fold_special(cp);
        if (f != cp) {
            mem_buf_putc(&b, (char)f);
        } else {
            utf8proc_uint8_t tmp[4];
            utf8proc_ssize_t m = utf8proc_encode_char(cp, tmp);
            mem_buf_put(&b, (const char *)tmp, (size_t)m);
        }
        i += k;
    }
    char *out = NULL;
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t m = b.len ? utf8proc_map(
        (const utf8proc_uint8_t *)b.data, (utf8proc_ssize_t)b.len, &mapped,
        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
            UTF8PROC_STRIPMARK) : 0;
    if (m > 0)
        out = mem_arena_strndup(a, (const char *)mapped, (size_t)m);
    else
        out = mem_arena_strndup(a, b.data ? b.data : "", b.len);
    free(mapped);
    mem_buf_free(&b);
    return out;
}

/* ---- HTML character references in plain text ---- */

static const struct {
    const char *name;
    const char *text;
} named_refs[] = {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"},
                  {"nbsp", " "}, {NULL, NULL}};

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A reference at s[i..n) (after its "&", or where the "&" was lost):
 * "#39;", "#x2019;", "quot;". Returns its length and writes the decoded
 * bytes to out (*olen), or 0. */
static size_t entity_at(const char *s, size_t i, size_t n, char *out, size_t *olen)
{
    if (i < n && s[i] == '#') {
        size_t j = i + 1;
        int hex = j < n && (s[j] == 'x' || s[j] == 'X');
        j += (size_t)hex;
        unsigned cp = 0;
        size_t d0 = j;
        while (j < n && j - d0 < 6 &&
               (isdigit((unsigned char)s[j]) || (hex && isxdigit((unsigned char)s[j])))) {
            cp = cp * (hex ? 16u : 10u) +
                 (unsigned)(isdigit((unsigned char)s[j]) ? s[j] - '0' : (tolower((unsigned char)s[j]) - 'a' + 10));
            j++;
        }
        if (j == d0 || j >= n || s[j] != ';' || cp == 0 || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF) || (cp < 32 && cp != '\n' && cp != '\t'))
            return 0;
        *olen = put_utf8(out, cp);
        return j + 1 - i;
    }
    for (int k = 0; named_refs[k].name; k++) {
        size_t l = strlen(named_refs[k].name);
        if (i + l < n && !memcmp(s + i, named_refs[k].name, l) && s[i + l] == ';') {
            *olen = strlen(named_refs[k].text);
            memcpy(out, named_refs[k].text, *olen);
            return l + 1;
        }
    }
    return 0;
}

size_t text_fix_entities(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        char buf[4];
        size_t bl = 0, k = 0;
        if (s[i] == '&')
            k = entity_at(s, i + 1, n, buf, &bl), k = k ? k + 1 : 0;
        else if ((s[i] == '#' || s[i] == 'q') && (i == 0 || !isalnum((unsigned char)s[i - 1])))
            k = entity_at(s, i, n, buf, &bl); /* the "&" lost: " #39;s", " quot;" */
        if (k && bl <= k) {
            /* " #39;s" stands for "'s": the space before it was the "&"'s */
            if (s[i] != '&' && o > 0 && s[o - 1] == ' ' && bl == 1 && buf[0] == '\'')
                o--;
            memcpy(s + o, buf, bl);
            o += bl;
            i += k;
            continue;
        }
        s[o++] = s[i++];
    }
    return o;
}
