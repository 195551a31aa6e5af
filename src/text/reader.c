/*
 * reader.c - documents from files, folders, stdin and memory (ent_reader).
 *
 * Formats go by extension: .txt/.text (paragraphs separated by blank
 * lines), .html/.htm (html.c), .jsonl (one JSON object a line with id,
 * date, title, text or html, url, source). Every document is made valid NFC
 * UTF-8 (text.c) and loses its boilerplate paragraphs. Whatever cannot be
 * read is reported to the diag callback with file (and line), counted by
 * reason, and skipped; the run goes on.
 */
#include "entente.h"
#include "text/html.h"
#include "base/hash.h"
#include "base/mem.h"
#include "text/text.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define DEFAULT_MAX_DOC (64u << 20)
/* A document's text longer than this is coded in parts of at most this
 * size (the coder's memory grows with the text it holds: about 20 times
 * it); real articles are far smaller (the largest of ../shared/corpora is
 * 150 kB). */
#define PART_BYTES (1u << 20)
#define DEEP_DETAIL "HTML elements nested more than 2000 deep (not parsed: the parse " \
                    "time grows with the square of the depth)"

/* A path still to read and where its id starts: ids are paths relative
 * to the input (file or folder) they were found under. */
typedef struct qent {
    char *path;
    int root;           /* offset of the id in path, -1: an input itself */
} qent;

struct ent_reader {
    ent_reader_opts o;
    qent *queue;        /* stack of paths still to read (last = next) */
    int nqueue;
    size_t capqueue;
    FILE *jsonl;        /* JSONL file being read line by line */
    char *jsonl_path;
    char *jsonl_base;
    long jsonl_line;
    long skipped[ENT_SKIP_NREASONS];
    long invalid_docs;
    hset ids;           /* hashes of the document ids given out */
    hset seen;          /* device and inode of every file and folder read */
    long undated;       /* documents with no date of their own nor given */
    long renamed;       /* documents whose id was taken: given id~N */
    ent_doc *big;       /* a document larger than PART_BYTES, handed out in parts */
    size_t big_off;     /* where its next part starts */
    int big_part;       /* parts handed out so far */
    long split_docs;    /* documents coded in parts */
};

static const char *const skip_names[ENT_SKIP_NREASONS] = {
    "unreadable", "empty", "binary", "too large", "malformed",
    "no article body", "unknown file type", "nested too deeply"};

const char *ent_skip_reason_name(ent_skip_reason r)
{
    return (unsigned)r < ENT_SKIP_NREASONS ? skip_names[r] : "?";
}

void ent_doc_free(ent_doc *d)
{
    if (!d)
        return;
    mem_free(d->id);
    mem_free(d->title);
    mem_free(d->url);
    mem_free(d->source);
    mem_free(d->path);
    mem_free(d->text);
    mem_free(d);
}

static void diag(ent_reader *r, const char *file, long line, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

static void diag(ent_reader *r, const char *file, long line, const char *fmt, ...)
{
    if (!r->o.diag)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->o.diag(r->o.diag_ud, file, line, msg);
}

ent_reader *ent_reader_new(const ent_reader_opts *opts)
{
    ent_reader *r = mem_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (opts)
        r->o = *opts;
    if (!r->o.max_doc_bytes)
        r->o.max_doc_bytes = DEFAULT_MAX_DOC;
    return r;
}

void ent_reader_free(ent_reader *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->nqueue; i++)
        mem_free(r->queue[i].path);
    mem_free(r->queue);
    hset_free(&r->ids);
    hset_free(&r->seen);
    if (r->jsonl && r->jsonl != stdin)
        fclose(r->jsonl);
    mem_free(r->jsonl_path);
    mem_free(r->jsonl_base);
    ent_doc_free(r->big);
    mem_free(r);
}

static void push(ent_reader *r, const char *path, int root)
{
    if (mem_grow((void **)&r->queue, &r->capqueue, (size_t)r->nqueue + 1, sizeof *r->queue, 16) < 0)
        return;
    char *p = mem_strdup(path);
    if (p)
        r->queue[r->nqueue++] = (qent){p, root};
}

void ent_reader_add(ent_reader *r, const char *path)
{
    /* the queue is a stack: insert at the bottom so inputs keep their order */
    push(r, path, -1);
    if (r->nqueue > 1) {
        qent p = r->queue[r->nqueue - 1];
        memmove(r->queue + 1, r->queue, sizeof *r->queue * (size_t)(r->nqueue - 1));
        r->queue[0] = p;
    }
}

long ent_reader_renamed_ids(const ent_reader *r) { return r->renamed; }

long ent_reader_skipped(const ent_reader *r, ent_skip_reason why)
{
    return (unsigned)why < ENT_SKIP_NREASONS ? r->skipped[why] : 0;
}

long ent_reader_invalid_utf8_docs(const ent_reader *r) { return r->invalid_docs; }

/* ---- helpers ---- */

static const char *ext_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    if (!dot || (slash && dot < slash))
        return "";
    return dot + 1;
}

/* The id of a file: its path relative to the input it was found under
 * (root: offset in path), extension kept, so that x/report.txt,
 * y/report.txt and report.html are three ids; an input file's own id is
 * its name. */
static char *rel_id(const char *path, int root)
{
    const char *b;
    if (root >= 0 && (size_t)root <= strlen(path)) {
        b = path + root;
    } else {
        size_t n = strlen(path);
        while (n > 1 && path[n - 1] == '/')
            n--;
        b = path;
        for (size_t i = 0; i + 1 < n; i++)
            if (path[i] == '/')
                b = path + i + 1;
    }
    while (*b == '/')
        b++;
    return mem_strdup(*b ? b : path);
}

/* The text of the top-level member key of a JSON object that cJSON has
 * already accepted (so no error checks), as start and length; 0 if absent.
 * Numbers keep their text this way: 12345678901234567891, 0.4, 1e400. */
static const char *skip_json_string(const char *p, const char *end)
{
    for (p++; p < end && *p != '"'; p++)
        if (*p == '\\')
            p++;
    return p < end ? p + 1 : end;
}

static const char *skip_json_value(const char *p, const char *end)
{
    int depth = 0;
    for (; p < end; p++) {
        if (*p == '"') {
            p = skip_json_string(p, end) - 1;
            if (!depth)
                return p + 1;
        } else if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            if (!depth)
                return p;
            if (!--depth)
                return p + 1;
        } else if (!depth && *p == ',') {
            return p;
        }
    }
    return end;
}

static int json_member_text(const char *p, size_t len, const char *key, const char **vs,
                            size_t *vn)
{
    const char *end = p + len;
    size_t klen = strlen(key);
    while (p < end && *p != '{')
        p++;
    for (p++; p < end;) {
        while (p < end && *p != '"' && *p != '}')
            p++;
        if (p >= end || *p == '}')
            return 0;
        const char *k = p + 1, *ke = skip_json_string(p, end);
        int match = (size_t)(ke - 1 - k) == klen && !memcmp(k, key, klen);
        for (p = ke; p < end && *p != ':'; p++)
            ;
        for (p++; p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'); p++)
            ;
        const char *v = p;
        p = skip_json_value(p, end);
        if (match) {
            const char *ve = p;
            while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t' || ve[-1] == '\n' ||
                              ve[-1] == '\r'))
                ve--;
            *vs = v;
            *vn = (size_t)(ve - v);
            return 1;
        }
        if (p < end && *p == ',')
            p++;
    }
    return 0;
}

static int fmt_of_ext(const char *ext)
{
    if (!strcasecmp(ext, "txt") || !strcasecmp(ext, "text"))
        return 't';
    if (!strcasecmp(ext, "html") || !strcasecmp(ext, "htm") ||
        !strcasecmp(ext, "xhtml"))
        return 'h';
    if (!strcasecmp(ext, "jsonl") || !strcasecmp(ext, "ndjson"))
        return 'j';
    return 0;
}

static int only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
            return 0;
    return 1;
}

/* Build a document from raw body bytes of format fmt ('t' or 'h'). */
static ent_doc *make_doc(int fmt, const char *bytes, size_t len,
                         const char *title, ent_skip_reason *why)
{
    if (len == 0 || only_space(bytes, len)) {
        *why = ENT_SKIP_EMPTY;
        return NULL;
    }
    if (text_is_binary(bytes, len)) {
        *why = ENT_SKIP_BINARY;
        return NULL;
    }
    size_t nbad = 0, clen = 0;
    char *clean = text_clean(bytes, len, &clen, &nbad);
    if (!clean) {
        *why = ENT_SKIP_UNREADABLE;
        return NULL;
    }
    ent_doc *d = mem_calloc(1, sizeof *d);
    if (!d) {
        mem_free(clean);
        *why = ENT_SKIP_UNREADABLE;
        return NULL;
    }
    d->invalid_bytes = nbad;
    char *body = NULL;
    size_t blen = 0;
    if (fmt == 'h' && html_nesting(clean, clen, HTML_MAX_DEPTH) > HTML_MAX_DEPTH) {
        mem_free(clean);
        mem_free(d);
        *why = ENT_SKIP_TOO_DEEP;
        return NULL;
    }
    if (fmt == 'h') {
        html_article art;
        if (html_extract(clean, clen, &art) < 0) {
            mem_free(clean);
            mem_free(d);
            *why = ENT_SKIP_MALFORMED;
            return NULL;
        }
        body = art.text;
        blen = art.len;
        d->title = art.title;
        memcpy(d->date, art.date, sizeof d->date);
        if (d->date[0])
            d->date_source = "document";
        if (!blen || only_space(body, blen)) {
            mem_free(body);
            mem_free(clean);
            ent_doc_free(d);
            *why = ENT_SKIP_NO_BODY;
            return NULL;
        }
    } else {
        body = html_strip_boilerplate(clean, clen, &blen);
        if (!body) {
            mem_free(clean);
            mem_free(d);
            *why = ENT_SKIP_UNREADABLE;
            return NULL;
        }
        if (!blen) {
            mem_free(body);
            mem_free(clean);
            mem_free(d);
            *why = ENT_SKIP_EMPTY;
            return NULL;
        }
        /* "&amp;", "&#39;" and their scraped "&"-less forms (" #39;s") */
        blen = text_fix_entities(body, blen);
        body[blen] = 0;
    }
    mem_free(clean);
    if (title && *title && !d->title)
        d->title = mem_strdup(title);
    /* a title that the body does not start with becomes its first paragraph */
    if (fmt != 'h' && d->title && strncmp(body, d->title, strlen(d->title)) != 0) {
        size_t tl = 0, tb = 0;
        char *t = text_clean(d->title, strlen(d->title), &tl, &tb);
        char *joined = t ? mem_printf("%s\n\n%s", t, body) : NULL;
        if (joined) {
            mem_free(body);
            body = joined;
            blen = strlen(joined);
        }
        mem_free(t);
    }
    d->text = body;
    d->len = blen;
    return d;
}

ent_doc *ent_doc_from_bytes(const char *fmt, const char *bytes, size_t len,
                            const char *id, ent_skip_reason *why)
{
    ent_skip_reason dummy;
    if (!why)
        why = &dummy;
    ent_doc *d = NULL;
    if (fmt && fmt[0] == 'j') {
        cJSON *o = cJSON_ParseWithLength(bytes, len);
        if (!o || !cJSON_IsObject(o)) {
            cJSON_Delete(o);
            *why = ENT_SKIP_MALFORMED;
            return NULL;
        }
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");
        const cJSON *html = cJSON_GetObjectItemCaseSensitive(o, "html");
        const cJSON *title = cJSON_GetObjectItemCaseSensitive(o, "title");
        const char *ttl = cJSON_IsString(title) ? title->valuestring : NULL;
        if (cJSON_IsString(text))
            d = make_doc('t', text->valuestring, strlen(text->valuestring), ttl, why);
        else if (cJSON_IsString(html))
            d = make_doc('h', html->valuestring, strlen(html->valuestring), ttl, why);
        else
            *why = ENT_SKIP_MALFORMED;
        if (d) {
            const cJSON *v;
            v = cJSON_GetObjectItemCaseSensitive(o, "id");
            if (cJSON_IsString(v) && v->valuestring[0])
                d->id = mem_strdup(v->valuestring);
            else if (cJSON_IsNumber(v)) {
                const char *t;
                size_t n;
                if (json_member_text(bytes, len, "id", &t, &n))
                    d->id = mem_strndup(t, n);
            }
            v = cJSON_GetObjectItemCaseSensitive(o, "url");
            if (cJSON_IsString(v))
                d->url = mem_strdup(v->valuestring);
            v = cJSON_GetObjectItemCaseSensitive(o, "source");
            if (cJSON_IsString(v))
                d->source = mem_strdup(v->valuestring);
            v = cJSON_GetObjectItemCaseSensitive(o, "date");
            if (cJSON_IsString(v) && html_parse_date(v->valuestring, d->date))
                d->date_source = "document";
        }
        cJSON_Delete(o);
    } else {
        d = make_doc(fmt && fmt[0] == 'h' ? 'h' : 't', bytes, len, NULL, why);
    }
    if (d && !d->id)
        d->id = mem_strdup(id ? id : "doc");
    return d;
}

/* Read a whole file (or stdin) up to max bytes; *toobig when larger. */
static char *slurp(FILE *f, size_t max, size_t *len, int *toobig)
{
    mem_buf b;
    mem_buf_init(&b, max);
    char chunk[65536];
    size_t k;
    *toobig = 0;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        mem_buf_put(&b, chunk, k);
        if (b.toobig) {
            *toobig = 1;
            break;
        }
    }
    if (ferror(f) || b.oom || *toobig) {
        mem_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return mem_buf_take(&b);
}

/* A document without a date of its own takes --date, or its file's
 * modification time only when asked (--date-from-file: a copied file's
 * mtime is the day of the copy); else it stays undated (date "",
 * date_source "none"), which is reported and counted. */
#define UNDATED_REPORTED 5

static void set_date(ent_reader *r, ent_doc *d, const struct stat *st)
{
    if (d->date[0])
        return;
    if (r->o.default_date && html_parse_date(r->o.default_date, d->date)) {
        d->date_source = "option";
        return;
    }
    if (r->o.date_from_file && st) {
        time_t t = st->st_mtime;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(d->date, sizeof d->date, "%Y-%m-%d", &tm);
        d->date_source = "file";
        return;
    }
    d->date[0] = 0;
    d->date_source = "none";
    if (++r->undated <= UNDATED_REPORTED)
        diag(r, d->path, d->line, "no date in the document: its events are undated "
             "(give --date%s)%s", st ? " or --date-from-file" : "",
             r->undated == UNDATED_REPORTED ? "; further undated documents are only counted" : "");
}

long ent_reader_undated(const ent_reader *r) { return r->undated; }

static void note_doc(ent_reader *r, ent_doc *d, const char *path, long line)
{
    if (d->invalid_bytes) {
        r->invalid_docs++;
        diag(r, path, line, "%zu invalid UTF-8 byte%s replaced by U+FFFD",
             d->invalid_bytes, d->invalid_bytes == 1 ? "" : "s");
    }
}

static void skip(ent_reader *r, const char *path, long line, ent_skip_reason why,
                 const char *detail)
{
    r->skipped[why]++;
    diag(r, path, line, "skipped: %s%s%s", skip_names[why], detail ? ": " : "",
         detail ? detail : "");
}

static uint64_t id_hash(const char *id)
{
    return hash_bytes64(HASH_SEED, id, strlen(id));
}

/* Make d's id one no earlier document of this run had: a taken id (two
 * JSONL lines with the same "id") is reported, counted and becomes
 * "id~2" ("id~3"...), so the store never replaces one with the other. */
static void claim_id(ent_reader *r, ent_doc *d)
{
    if (hset_add(&r->ids, id_hash(d->id)) != 0)
        return;
    char *nid = NULL;
    for (int k = 2; !nid || hset_add(&r->ids, id_hash(nid)) == 0; k++) {
        mem_free(nid);
        nid = mem_printf("%s~%d", d->id, k);
        if (!nid)
            return;
    }
    r->renamed++;
    diag(r, d->path, d->line, "document id '%.200s' was already used in this run; "
         "this document is coded as '%.200s'", d->id, nid);
    mem_free(d->id);
    d->id = nid;
}

/* Next line of the open JSONL file as a document, or NULL at its end. */
static ent_doc *next_jsonl(ent_reader *r)
{
    mem_buf line;
    mem_buf_init(&line, r->o.max_doc_bytes);
    for (;;) {
        mem_buf_reset(&line);
        line.toobig = 0;
        int c, any = 0;
        while ((c = getc_unlocked(r->jsonl)) != EOF) {
            any = 1;
            if (c == '\n')
                break;
            mem_buf_putc(&line, (char)c);
        }
        if (!any) {
            mem_buf_free(&line);
            return NULL;
        }
        r->jsonl_line++;
        if (line.toobig) {
            skip(r, r->jsonl_path, r->jsonl_line, ENT_SKIP_TOO_LARGE,
                 "line longer than the document size limit");
            continue;
        }
        if (only_space(line.data ? line.data : "", line.len))
            continue;
        ent_skip_reason why = ENT_SKIP_MALFORMED;
        char *fallback = mem_printf("%s:%ld", r->jsonl_base, r->jsonl_line);
        ent_doc *d = ent_doc_from_bytes("jsonl", line.data, line.len, fallback, &why);
        mem_free(fallback);
        if (!d) {
            skip(r, r->jsonl_path, r->jsonl_line, why,
                 why == ENT_SKIP_MALFORMED
                     ? "not a JSON object with a \"text\" or \"html\" string"
                     : why == ENT_SKIP_TOO_DEEP ? DEEP_DETAIL : NULL);
            continue;
        }
        d->path = mem_strdup(r->jsonl_path);
        d->line = r->jsonl_line;
        d->input_bytes = line.len + 1;
        note_doc(r, d, r->jsonl_path, r->jsonl_line);
        set_date(r, d, NULL);
        mem_buf_free(&line);
        return d;
    }
}

/* 1 the first time a file or folder (device and inode) is met: symlink
 * loops end and a file linked twice is read once. */
static int first_visit(ent_reader *r, const struct stat *st)
{
    uint64_t key = hash_mix64((uint64_t)st->st_dev * 0x9e3779b97f4a7c15ULL ^
                              hash_mix64((uint64_t)st->st_ino));
    return hset_add(&r->seen, key) != 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Push the entries of a folder, sorted, so they pop in order. */
static void push_dir(ent_reader *r, const char *path, int root)
{
    DIR *dir = opendir(path);
    if (!dir) {
        skip(r, path, 0, ENT_SKIP_UNREADABLE, strerror(errno));
        return;
    }
    char **names = NULL;
    int n = 0;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        /* (out of memory: the entries so far; the rest is not read) */
        if (mem_grow((void **)&names, &cap, (size_t)n + 1, sizeof *names, 64) < 0)
            break;
        size_t pl = strlen(path);
        names[n++] = mem_printf("%s%s%s", path,
                                pl && path[pl - 1] == '/' ? "" : "/", e->d_name);
    }
    closedir(dir);
    if (n)
        qsort(names, (size_t)n, sizeof *names, cmp_str);
    if (root < 0)
        root = (int)strlen(path);
    for (int i = n - 1; i >= 0; i--) {
        if (names[i])
            push(r, names[i], root);
        mem_free(names[i]);
    }
    mem_free(names);
}

static ent_rc next_doc(ent_reader *r, ent_doc **out)
{
    *out = NULL;
    for (;;) {
        if (r->jsonl) {
            ent_doc *d = next_jsonl(r);
            if (d) {
                *out = d;
                return ENT_OK;
            }
            if (ferror(r->jsonl))
                skip(r, r->jsonl_path, r->jsonl_line, ENT_SKIP_UNREADABLE,
                     "read error");
            if (r->jsonl != stdin)
                fclose(r->jsonl);
            r->jsonl = NULL;
            continue;
        }
        if (!r->nqueue)
            return ENT_EOF;
        qent q = r->queue[--r->nqueue];
        char *path = q.path;
        int is_stdin = strcmp(path, "-") == 0;
        struct stat st;
        int fmt;
        if (is_stdin) {
            fmt = r->o.stdin_format ? r->o.stdin_format[0] : 0;
            if (fmt == 'j') {
                r->jsonl = stdin;
                mem_free(r->jsonl_path);
                mem_free(r->jsonl_base);
                r->jsonl_path = mem_strdup("-");
                r->jsonl_base = mem_strdup("stdin");
                r->jsonl_line = 0;
                mem_free(path);
                continue;
            }
        } else {
            if (stat(path, &st) != 0) {
                skip(r, path, 0, ENT_SKIP_UNREADABLE, strerror(errno));
                mem_free(path);
                continue;
            }
            if (!first_visit(r, &st)) {
                /* a symlink loop, or the same file reached twice: read once */
                if (!S_ISDIR(st.st_mode))
                    diag(r, path, 0, "the same file as one read before (a link): not read again");
                mem_free(path);
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                push_dir(r, path, q.root);
                mem_free(path);
                continue;
            }
            if (!S_ISREG(st.st_mode)) {
                skip(r, path, 0, ENT_SKIP_UNREADABLE, "not a regular file");
                mem_free(path);
                continue;
            }
            fmt = fmt_of_ext(ext_of(path));
            if (!fmt) {
                skip(r, path, 0, ENT_SKIP_UNKNOWN_TYPE,
                     "expected .txt, .html, .htm or .jsonl");
                mem_free(path);
                continue;
            }
            if (fmt == 'j') {
                FILE *f = fopen(path, "rb");
                if (!f) {
                    skip(r, path, 0, ENT_SKIP_UNREADABLE, strerror(errno));
                    mem_free(path);
                    continue;
                }
                r->jsonl = f;
                mem_free(r->jsonl_path);
                mem_free(r->jsonl_base);
                r->jsonl_path = path;
                r->jsonl_base = rel_id(path, q.root);
                r->jsonl_line = 0;
                continue;
            }
            if ((size_t)st.st_size > r->o.max_doc_bytes) {
                char det[96];
                snprintf(det, sizeof det, "%lld bytes, limit %zu",
                         (long long)st.st_size, r->o.max_doc_bytes);
                skip(r, path, 0, ENT_SKIP_TOO_LARGE, det);
                mem_free(path);
                continue;
            }
        }
        FILE *f = is_stdin ? stdin : fopen(path, "rb");
        if (!f) {
            skip(r, path, 0, ENT_SKIP_UNREADABLE, strerror(errno));
            mem_free(path);
            continue;
        }
        size_t len = 0;
        int toobig = 0;
        char *bytes = slurp(f, r->o.max_doc_bytes, &len, &toobig);
        int err = !bytes && !toobig ? errno : 0;
        if (!is_stdin)
            fclose(f);
        if (!bytes) {
            skip(r, path, 0, toobig ? ENT_SKIP_TOO_LARGE : ENT_SKIP_UNREADABLE,
                 toobig ? "larger than the document size limit" : strerror(err));
            mem_free(path);
            continue;
        }
        if (is_stdin && !fmt) {
            size_t i = 0;
            while (i < len && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\t'))
                i++;
            fmt = i < len && bytes[i] == '<' ? 'h' : 't';
        }
        ent_skip_reason why = ENT_SKIP_UNREADABLE;
        char *id = is_stdin ? mem_strdup("stdin") : rel_id(path, q.root);
        ent_doc *d = ent_doc_from_bytes(fmt == 'h' ? "html" : "txt", bytes, len, id, &why);
        mem_free(id);
        mem_free(bytes);
        if (!d) {
            skip(r, path, 0, why, why == ENT_SKIP_TOO_DEEP ? DEEP_DETAIL : NULL);
            mem_free(path);
            continue;
        }
        d->path = path;
        d->input_bytes = len;
        note_doc(r, d, path, 0);
        set_date(r, d, is_stdin ? NULL : &st);
        *out = d;
        return ENT_OK;
    }
}

/* Where the part of d starting at off ends: at a paragraph break in its
 * second half, else a line break, else a sentence end or a space, else at
 * PART_BYTES on a UTF-8 character boundary. */
static size_t part_end(const ent_doc *d, size_t off)
{
    if (d->len - off <= PART_BYTES)
        return d->len;
    const char *t = d->text;
    size_t lim = off + PART_BYTES, half = off + PART_BYTES / 2;
    static const char *const cuts[] = {"\n\n", "\n", ". ", " "};
    for (int k = 0; k < 4; k++) {
        size_t n = strlen(cuts[k]);
        for (size_t e = lim; e > half; e--)
            if (!memcmp(t + e - n, cuts[k], n))
                return e;
    }
    size_t e = lim;
    while (e > off + 1 && ((unsigned char)t[e] & 0xc0) == 0x80)
        e--;
    return e;
}

/* The next part of r->big as a document of its own: id, then ID#part2...;
 * the last part frees r->big. NULL when out of memory. */
static ent_doc *next_part(ent_reader *r)
{
    ent_doc *b = r->big, *d = mem_calloc(1, sizeof *d);
    size_t end = part_end(b, r->big_off);
    int part = ++r->big_part;
    if (d) {
        d->text = mem_strndup(b->text + r->big_off, end - r->big_off);
        d->len = end - r->big_off;
        d->id = part == 1 ? mem_strdup(b->id) : mem_printf("%s#part%d", b->id, part);
        d->title = part == 1 && b->title ? mem_strdup(b->title) : NULL;
        d->url = b->url ? mem_strdup(b->url) : NULL;
        d->source = b->source ? mem_strdup(b->source) : NULL;
        d->path = b->path ? mem_strdup(b->path) : NULL;
        memcpy(d->date, b->date, sizeof d->date);
        d->date_source = b->date_source;
        d->line = b->line;
        d->invalid_bytes = part == 1 ? b->invalid_bytes : 0;
        d->input_bytes = (size_t)((double)b->input_bytes * (double)d->len / (double)b->len);
    }
    r->big_off = end;
    if (r->big_off >= b->len) {
        ent_doc_free(b);
        r->big = NULL;
    }
    if (d && (!d->text || !d->id)) {
        ent_doc_free(d);
        d = NULL;
    }
    return d;
}

ent_rc ent_reader_next(ent_reader *r, ent_doc **out)
{
    if (!r->big) {
        ent_rc rc = next_doc(r, out);
        if (rc != ENT_OK || (*out)->len <= PART_BYTES) {
            if (rc == ENT_OK)
                claim_id(r, *out);
            return rc;
        }
        r->big = *out;
        r->big_off = 0;
        r->big_part = 0;
        r->split_docs++;
        diag(r, r->big->path, r->big->line, "a document of %zu bytes of text: coded in parts of "
             "at most %u bytes, at paragraph breaks (ids '%.200s', '%.200s#part2'...)",
             r->big->len, PART_BYTES, r->big->id, r->big->id);
    }
    *out = next_part(r);
    if (!*out)
        return ENT_ENOMEM;
    claim_id(r, *out);
    return ENT_OK;
}

long ent_reader_split_docs(const ent_reader *r) { return r->split_docs; }
