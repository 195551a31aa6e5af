/*
 * merge.c - stores coded apart (shards of one input, runs on several
 * machines) made into one (entente merge, docs/scale.md), and the MinHash
 * signature each coded document leaves in its store for that purpose.
 *
 * A merge is built from scratch in OUT.merging and renamed over OUT in the
 * end, in passes over the inputs (each ATTACHed in turn, so any number of
 * stores can be merged): a catalogue of every document (the last store
 * holding an id wins, as re-coding does), the sentence hashes and event
 * counts of the documents kept, the duplicate pass in input order (seq)
 * over the whole corpus, each document's first event row id, and the copy
 * of every table, column by name, and the aggregates (agg.c) made from
 * the merged events. The result is what one process coding the same
 * input in the same order stores, event row ids included.
 */
#include "entente.h"
#include "base/mem.h"
#include "context/dedup.h"
#include "store/store.h"
#include "store/agg.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

ent_rc ent_store_put_minhash(ent_store *s, const ent_doc *doc, long long seq)
{
    uint32_t sig[ENT_MINHASH_SIZE];
    unsigned char blob[4 * ENT_MINHASH_SIZE];
    ent_dedup_signature(doc->text, doc->len, sig);
    for (int k = 0; k < ENT_MINHASH_SIZE; k++) /* little-endian on every machine */
        for (int b = 0; b < 4; b++)
            blob[4 * k + b] = (unsigned char)(sig[k] >> (8 * b));
    sqlite3_stmt *st = store_cached(s, 0, "INSERT OR REPLACE INTO doc_minhash VALUES(?,?,?)");
    if (!st)
        return ENT_EDB;
    sqlite3_bind_text(st, 1, doc->id ? doc->id : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, seq);
    sqlite3_bind_blob(st, 3, blob, sizeof blob, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_fail(s);
        return ENT_EDB;
    }
    return ENT_OK;
}

#define MAX_COLS 256

typedef struct cols {
    int n;
    char *name[MAX_COLS], *type[MAX_COLS];
} cols;

typedef struct merge_ctx {
    sqlite3 *db;                 /* the store being built */
    const char **paths;          /* the inputs, the old OUT first if any */
    int n;
    int dedup;
    ent_merge_stats *st;
    ent_diag_fn diag;
    void *ud;
    char err[1024];
} merge_ctx;

static int fail(merge_ctx *m, const char *what)
{
    if (!m->err[0])
        snprintf(m->err, sizeof m->err, "%s: %s", what, sqlite3_errmsg(m->db));
    return -1;
}

/* Run SQL made from fmt (identifiers and numbers only: values are bound
 * elsewhere). */
static int execf(merge_ctx *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int execf(merge_ctx *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *sql = NULL;
    int n = vasprintf(&sql, fmt, ap);
    va_end(ap);
    if (n < 0)
        return fail(m, "out of memory");
    int rc = sqlite3_exec(m->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        snprintf(m->err, sizeof m->err, "%s (in: %.200s)", sqlite3_errmsg(m->db), sql);
        free(sql);
        return -1;
    }
    free(sql);
    return 0;
}

static long long count(merge_ctx *m, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(m->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int attach(merge_ctx *m, int k)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(m->db, "ATTACH DATABASE ? AS src", -1, &st, NULL) != SQLITE_OK)
        return fail(m, "attach");
    sqlite3_bind_text(st, 1, m->paths[k], -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || count(m, "SELECT count(*) FROM src.sqlite_master WHERE name='documents'") != 1) {
        snprintf(m->err, sizeof m->err, "%s: not an entente store (%s)", m->paths[k],
                 rc != SQLITE_DONE ? sqlite3_errmsg(m->db) : "no documents table");
        if (rc == SQLITE_DONE)
            sqlite3_exec(m->db, "DETACH DATABASE src", NULL, NULL, NULL);
        return -1;
    }
    /* one transaction per input: SQLite attaches and detaches outside any */
    return execf(m, "PRAGMA src.cache_size=-65536; PRAGMA src.mmap_size=2147418112; BEGIN");
}

static void detach(merge_ctx *m)
{
    sqlite3_exec(m->db, "COMMIT", NULL, NULL, NULL);
    sqlite3_exec(m->db, "DETACH DATABASE src", NULL, NULL, NULL);
}

static int has_table(merge_ctx *m, const char *schema, const char *table)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.sqlite_master WHERE type='table' AND name='%s'",
             schema, table);
    return count(m, sql) == 1;
}

static void cols_free(cols *c)
{
    for (int i = 0; i < c->n; i++) {
        free(c->name[i]);
        free(c->type[i]);
    }
    c->n = 0;
}

/* The columns of schema.table, by PRAGMA table_info. */
static int table_cols(merge_ctx *m, const char *schema, const char *table, cols *c)
{
    sqlite3_stmt *st;
    c->n = 0;
    if (sqlite3_prepare_v2(m->db, "SELECT name, type FROM pragma_table_info(?, ?)", -1, &st, NULL))
        return fail(m, "table_info");
    sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, schema, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW && c->n < MAX_COLS) {
        c->name[c->n] = strdup((const char *)sqlite3_column_text(st, 0));
        c->type[c->n] = strdup(sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "");
        c->n++;
    }
    sqlite3_finalize(st);
    return 0;
}

static int has_col(const cols *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->name[i], name))
            return 1;
    return 0;
}

/* ---- pass 1: the catalogue of documents, the last input winning ---- */

static int catalogue(merge_ctx *m)
{
    if (execf(m, "CREATE TEMP TABLE m_doc(id TEXT PRIMARY KEY, input INTEGER, seq INTEGER,"
                 " src_dup TEXT) WITHOUT ROWID;"
                 "CREATE TEMP TABLE m_sig(id TEXT PRIMARY KEY, sig BLOB) WITHOUT ROWID;"
                 "CREATE TEMP TABLE m_dupdoc(id TEXT PRIMARY KEY, orig TEXT, sim REAL) WITHOUT ROWID;"
                 /* indexed once filled (gather) */
                 "CREATE TEMP TABLE m_sent(doc_id TEXT, idx INTEGER, h INTEGER, dup INTEGER);"
                 "CREATE TEMP TABLE m_sentdup(doc_id TEXT, idx INTEGER, PRIMARY KEY(doc_id, idx)) WITHOUT ROWID;"
                 "CREATE TEMP TABLE m_evc(doc_id TEXT, sentence INTEGER, n INTEGER,"
                 " PRIMARY KEY(doc_id, sentence)) WITHOUT ROWID;"
                 /* per input: its documents a later input replaced, and
                  * those with no content in the merge (also duplicates) */
                 "CREATE TEMP TABLE m_span(doc_id TEXT PRIMARY KEY, first INTEGER, last INTEGER,"
                 " n INTEGER) WITHOUT ROWID;"
                 "CREATE TEMP TABLE m_notmine(id TEXT PRIMARY KEY) WITHOUT ROWID;"
                 "CREATE TEMP TABLE m_excl(id TEXT PRIMARY KEY) WITHOUT ROWID;"))
        return -1;
    long long read = 0;
    for (int k = 0; k < m->n; k++) {
        if (attach(m, k))
            return -1;
        int signed_ = has_table(m, "src", "doc_minhash");
        read += count(m, "SELECT count(*) FROM src.documents");
        int rc = execf(m,
            "INSERT INTO m_doc(id, input, seq, src_dup) SELECT d.id, %d, %s, d.duplicate_of"
            " FROM src.documents d %s WHERE true ON CONFLICT(id) DO UPDATE SET input = excluded.input,"
            " seq = excluded.seq, src_dup = excluded.src_dup;"
            "DELETE FROM m_sig WHERE id IN (SELECT id FROM src.documents);"
            "%s",
            k, signed_ ? "h.seq" : "NULL",
            signed_ ? "LEFT JOIN src.doc_minhash h ON h.doc_id = d.id" : "",
            signed_ ? "INSERT INTO m_sig SELECT doc_id, sig FROM src.doc_minhash" : "");
        detach(m);
        if (rc)
            return -1;
        m->st->inputs++;
    }
    m->st->documents = count(m, "SELECT count(*) FROM m_doc");
    m->st->replaced = read - m->st->documents;
    m->st->unsigned_docs = count(m, "SELECT count(*) FROM m_doc WHERE id NOT IN (SELECT id FROM m_sig)");
    return 0;
}

static void sql_sentence_hash(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *t = (const char *)sqlite3_value_text(argv[0]);
    sqlite3_result_int64(cx, (sqlite3_int64)dedup_sentence_hash(t ? t : ""));
}

/* ---- pass 2: sentence hashes and event counts of the documents kept ---- */

/* m_notmine: the attached input k's documents that a later input replaced. */
static int not_mine(merge_ctx *m, int k)
{
    return execf(m, "DELETE FROM m_notmine; INSERT INTO m_notmine SELECT d.id FROM src.documents d"
                    " WHERE NOT EXISTS (SELECT 1 FROM m_doc m WHERE m.id = d.id AND m.input = %d)", k);
}

static int gather(merge_ctx *m)
{
    for (int k = 0; k < m->n; k++) {
        if (attach(m, k))
            return -1;
        int rc = not_mine(m, k) || execf(m,
            "INSERT INTO m_sent SELECT doc_id, idx, h, duplicate FROM (SELECT s.doc_id, s.idx,"
            " ent_sentence_hash(s.text) AS h, s.duplicate FROM src.sentences s"
            " WHERE s.doc_id NOT IN (SELECT id FROM m_notmine)) WHERE h != 0;"
            "INSERT INTO m_evc SELECT e.doc_id, e.sentence, count(*) FROM src.events e"
            " WHERE e.doc_id NOT IN (SELECT id FROM m_notmine) GROUP BY e.doc_id, e.sentence;"
            "INSERT INTO m_span SELECT e.doc_id, min(e.id), max(e.id), count(*) FROM src.events e"
            " WHERE e.doc_id NOT IN (SELECT id FROM m_notmine) GROUP BY e.doc_id");
        detach(m);
        if (rc)
            return -1;
    }
    return execf(m, "CREATE INDEX temp.m_sent_doc ON m_sent(doc_id, idx)");
}

/* ---- pass 3: near-duplicate documents and repeated sentences, in order ---- */

static int decode_sig(sqlite3_stmt *st, int col, uint32_t *sig)
{
    const unsigned char *b = sqlite3_column_blob(st, col);
    if (!b || sqlite3_column_bytes(st, col) != 4 * ENT_MINHASH_SIZE)
        return 0;
    for (int k = 0; k < ENT_MINHASH_SIZE; k++)
        sig[k] = (uint32_t)b[4 * k] | (uint32_t)b[4 * k + 1] << 8 | (uint32_t)b[4 * k + 2] << 16 |
                 (uint32_t)b[4 * k + 3] << 24;
    return 1;
}

typedef struct dedup_stmts {
    sqlite3_stmt *sents, *dupdoc, *sentdup, *input_of;
} dedup_stmts;

/* The sentences of a coded document against those of earlier documents. */
static int dedup_sentences(merge_ctx *m, ent_dedup *d, dedup_stmts *q, const char *id)
{
    sqlite3_bind_text(q->sents, 1, id, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(q->sents) == SQLITE_ROW) {
        int idx = sqlite3_column_int(q->sents, 0);
        uint64_t h = (uint64_t)sqlite3_column_int64(q->sents, 1);
        int dup = sqlite3_column_int(q->sents, 2);
        if (dup == 1)
            continue; /* repeats a sentence of its own document: never coded */
        int seen = dedup_sentence_seen(d, h);
        if (seen && dup == 0) {
            sqlite3_bind_text(q->sentdup, 1, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(q->sentdup, 2, idx);
            int rc = sqlite3_step(q->sentdup);
            sqlite3_reset(q->sentdup);
            if (rc != SQLITE_DONE)
                return fail(m, "sentence duplicates");
            m->st->sentences_repeated++;
        } else if (!seen && dup == 2) {
            m->st->not_reproducible++;
        }
    }
    sqlite3_reset(q->sents);
    return 0;
}

static int record_dup(merge_ctx *m, dedup_stmts *q, const char *id, int input, const char *orig,
                      double sim)
{
    sqlite3_bind_text(q->dupdoc, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q->dupdoc, 2, orig, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(q->dupdoc, 3, sim);
    int rc = sqlite3_step(q->dupdoc);
    sqlite3_reset(q->dupdoc);
    if (rc != SQLITE_DONE)
        return fail(m, "document duplicates");
    sqlite3_bind_text(q->input_of, 1, orig, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q->input_of) == SQLITE_ROW && sqlite3_column_int(q->input_of, 0) != input)
        m->st->cross_duplicates++;
    sqlite3_reset(q->input_of);
    m->st->near_duplicates++;
    return 0;
}

static int dedup_pass(merge_ctx *m)
{
    dedup_stmts q = {NULL, NULL, NULL, NULL};
    sqlite3_stmt *docs = NULL;
    ent_dedup *d = ent_dedup_new(0, 0);
    int rc = -1;
    if (!d)
        return fail(m, "out of memory");
    if (sqlite3_prepare_v2(m->db, "SELECT m.id, m.input, g.sig, m.src_dup FROM m_doc m"
                           " LEFT JOIN m_sig g ON g.id = m.id"
                           " ORDER BY m.seq IS NULL, m.seq, m.input, m.id", -1, &docs, NULL) ||
        sqlite3_prepare_v2(m->db, "SELECT idx, h, dup FROM m_sent WHERE doc_id = ? ORDER BY idx",
                           -1, &q.sents, NULL) ||
        sqlite3_prepare_v2(m->db, "INSERT INTO m_dupdoc VALUES(?,?,?)", -1, &q.dupdoc, NULL) ||
        sqlite3_prepare_v2(m->db, "INSERT INTO m_sentdup VALUES(?,?)", -1, &q.sentdup, NULL) ||
        sqlite3_prepare_v2(m->db, "SELECT input FROM m_doc WHERE id = ?", -1, &q.input_of, NULL)) {
        fail(m, "duplicate pass");
        goto done;
    }
    while (sqlite3_step(docs) == SQLITE_ROW) {
        char *id = strdup((const char *)sqlite3_column_text(docs, 0));
        int input = sqlite3_column_int(docs, 1), coded = sqlite3_column_type(docs, 3) == SQLITE_NULL;
        uint32_t sig[ENT_MINHASH_SIZE];
        const char *orig = NULL;
        double sim = 0;
        int bad = 0;
        if (!id)
            goto done;
        if (decode_sig(docs, 2, sig) && ent_dedup_check_signature(d, id, sig, &orig, &sim))
            bad = record_dup(m, &q, id, input, orig, sim);
        else if (!coded)
            m->st->not_reproducible += sqlite3_column_type(docs, 2) != SQLITE_NULL;
        else
            bad = dedup_sentences(m, d, &q, id);
        free(id);
        if (bad)
            goto done;
    }
    rc = 0;
done:
    sqlite3_finalize(docs);
    sqlite3_finalize(q.sents);
    sqlite3_finalize(q.dupdoc);
    sqlite3_finalize(q.sentdup);
    sqlite3_finalize(q.input_of);
    ent_dedup_free(d);
    return rc;
}

/* ---- pass 4: each document's first event row id, in input order ---- */

static int event_bases(merge_ctx *m)
{
    return execf(m,
        "CREATE TEMP TABLE m_base(id TEXT PRIMARY KEY, base INTEGER, first INTEGER) WITHOUT ROWID;"
        /* first is the document's first event row id in its store when its
         * events have consecutive ids there and all are kept (as entente
         * code leaves them): then an event's new id is base + id - first + 1;
         * else NULL, and its rank among the document's kept events counts */
        "INSERT INTO m_base SELECT id, coalesce(sum(nkeep) OVER (ORDER BY seq IS NULL, seq, input, id"
        " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0),"
        " (SELECT CASE WHEN p.last - p.first + 1 = p.n AND p.n = nkeep THEN p.first END"
        "  FROM m_span p WHERE p.doc_id = id) FROM (SELECT m.id, m.seq, m.input,"
        " CASE WHEN x.id IS NOT NULL THEN 0 ELSE (SELECT coalesce(sum(c.n), 0) FROM m_evc c"
        "  WHERE c.doc_id = m.id AND NOT EXISTS (SELECT 1 FROM m_sentdup s"
        "   WHERE s.doc_id = c.doc_id AND s.idx = c.sentence)) END AS nkeep"
        " FROM m_doc m LEFT JOIN m_dupdoc x ON x.id = m.id)");
}

/* ---- pass 5: every table copied, column by name ---- */

static void quote(char *buf, size_t n, const char *name)
{
    size_t j = 0;
    if (j + 1 < n)
        buf[j++] = '"';
    for (const char *p = name; *p && j + 3 < n; p++) {
        if (*p == '"')
            buf[j++] = '"';
        buf[j++] = *p;
    }
    buf[j++] = '"';
    buf[j] = 0;
}

/* Make main.table hold every column of src.table: create the table from
 * the input's definition, or add the columns it lacks. */
static int conform(merge_ctx *m, const char *table, const cols *in, cols *out)
{
    char q[300];
    quote(q, sizeof q, table);
    if (!has_table(m, "main", table)) {
        sqlite3_stmt *st;
        char *sql = NULL;
        if (sqlite3_prepare_v2(m->db, "SELECT sql FROM src.sqlite_master WHERE type='table' AND name=?",
                               -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(st) == SQLITE_ROW)
                sql = strdup((const char *)sqlite3_column_text(st, 0));
            sqlite3_finalize(st);
        }
        int rc = sql ? execf(m, "%s", sql) : -1;
        free(sql);
        if (rc)
            return rc;
    } else {
        for (int i = 0; i < in->n; i++) {
            char c[300];
            quote(c, sizeof c, in->name[i]);
            if (!has_col(out, in->name[i]) && execf(m, "ALTER TABLE main.%s ADD COLUMN %s %s", q, c, in->type[i]))
                return -1;
        }
    }
    cols_free(out);
    return table_cols(m, "main", table, out);
}

/* The expression that fills column name of table from row t. */
static const char *column_expr(const char *table, const char *name, char *buf, size_t n)
{
    if (!strcmp(table, "documents") && !strcmp(name, "duplicate_of"))
        return "CASE WHEN x.id IS NOT NULL THEN x.orig ELSE t.duplicate_of END";
    if (!strcmp(table, "documents") && !strcmp(name, "similarity"))
        return "CASE WHEN x.id IS NOT NULL THEN x.sim ELSE t.similarity END";
    if (!strcmp(table, "sentences") && !strcmp(name, "duplicate"))
        return "CASE WHEN EXISTS (SELECT 1 FROM m_sentdup s WHERE s.doc_id = t.doc_id"
               " AND s.idx = t.idx) THEN 2 ELSE t.duplicate END";
    if (!strcmp(table, "events") && !strcmp(name, "id"))
        return "b.base + coalesce(t.id - b.first + 1, (SELECT count(*) FROM src.events e"
               " WHERE e.doc_id = t.doc_id AND e.id <= t.id AND NOT EXISTS (SELECT 1 FROM m_sentdup s"
               " WHERE s.doc_id = e.doc_id AND s.idx = e.sentence)))";
    char q[300];
    quote(q, sizeof q, name);
    snprintf(buf, n, "t.%s", q);
    return buf;
}

/* The rows of src.table that the merged store keeps (a FROM ... WHERE),
 * with m_notmine and m_excl made for this input (copy_input). */
static void table_rows(const char *table, const char *qt, const cols *in, char *buf, size_t n)
{
    /* the tables keyed by document id are read in key order (off the
     * input's own key): the merged store's key index then grows by runs,
     * not by inserts all over a b-tree larger than the cache */
    if (!strcmp(table, "documents"))
        snprintf(buf, n, "FROM src.%s t LEFT JOIN m_dupdoc x ON x.id = t.id"
                 " WHERE t.id NOT IN (SELECT id FROM m_notmine) ORDER BY t.id", qt);
    else if (!strcmp(table, "doc_minhash"))
        snprintf(buf, n, "FROM src.%s t WHERE t.doc_id NOT IN (SELECT id FROM m_notmine)"
                 " ORDER BY t.doc_id", qt);
    else if (!strcmp(table, "sentences"))
        snprintf(buf, n, "FROM src.%s t WHERE t.doc_id NOT IN (SELECT id FROM m_excl)"
                 " ORDER BY t.doc_id, t.idx", qt);
    else if (!strcmp(table, "events"))
        snprintf(buf, n, "FROM src.%s t JOIN m_base b ON b.id = t.doc_id"
                 " WHERE t.doc_id NOT IN (SELECT id FROM m_excl) AND NOT EXISTS (SELECT 1"
                 " FROM m_sentdup s WHERE s.doc_id = t.doc_id AND s.idx = t.sentence)", qt);
    else if (has_col(in, "doc_id"))
        snprintf(buf, n, "FROM src.%s t WHERE t.doc_id NOT IN (SELECT id FROM m_excl)", qt);
    else
        snprintf(buf, n, "FROM src.%s t", qt);
}

static double now_s(void);

/* With ENTENTE_MERGE_TRACE set, the time of a step within a pass. */
static void trace(merge_ctx *m, const char *what, double t_start)
{
    if (m->diag && getenv("ENTENTE_MERGE_TRACE")) {
        char msg[512];
        snprintf(msg, sizeof msg, "  %s: %.2f s", what, now_s() - t_start);
        m->diag(m->ud, NULL, 0, msg);
    }
}

static int copy_table(merge_ctx *m, const char *table, int k)
{
    double t_start = now_s();
    cols in = {0}, out = {0};
    int rc = -1;
    if (table_cols(m, "src", table, &in) || table_cols(m, "main", table, &out) ||
        conform(m, table, &in, &out))
        goto done;
    size_t cap = 64 + (size_t)in.n * 400;
    char *names = calloc(1, cap), *exprs = calloc(1, cap), from[1024], qt[300];
    quote(qt, sizeof qt, table);
    for (int i = 0; names && exprs && i < in.n; i++) {
        char q[300], e[320];
        quote(q, sizeof q, in.name[i]);
        snprintf(names + strlen(names), cap - strlen(names), "%s%s", i ? ", " : "", q);
        snprintf(exprs + strlen(exprs), cap - strlen(exprs), "%s%s", i ? ", " : "",
                 column_expr(table, in.name[i], e, sizeof e));
    }
    table_rows(table, qt, &in, from, sizeof from);
    int plain = !has_col(&in, "doc_id") && strcmp(table, "documents");
    /* events go to input k's m_ev_k first, into main in row id order at
     * the end (copy_all) */
    char target[320];
    if (strcmp(table, "events"))
        snprintf(target, sizeof target, "main.%s", qt);
    else
        snprintf(target, sizeof target, "temp.m_ev_%d", k);
    rc = names && exprs ? execf(m, "INSERT %sINTO %s(%s) SELECT %s %s", plain ? "OR IGNORE " : "",
                                target, names, exprs, from)
                        : fail(m, "out of memory");
    free(names);
    free(exprs);
    char what[400];
    snprintf(what, sizeof what, "%s of store %d", table, k);
    trace(m, what, t_start);
done:
    cols_free(&in);
    cols_free(&out);
    return rc;
}

/* The tables of the attached input, entente's own first (documents
 * before the tables that refer to it), then the others by name. */
static int input_tables(merge_ctx *m, char **names, int max)
{
    static const char *const own[] = {"documents", "doc_minhash", "sentences", "actors", "events"};
    int n = 0;
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (has_table(m, "src", own[i]))
            names[n++] = strdup(own[i]);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(m->db, "SELECT name FROM src.sqlite_master WHERE type='table'"
                           " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'agg_%' AND"
                           " name NOT IN ('documents', 'doc_minhash', 'sentences', 'actors',"
                           " 'events') ORDER BY name",
                           -1, &st, NULL) != SQLITE_OK)
        return n;
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        names[n++] = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return n;
}

/* Give the merged store every table and column of input k. */
static int conform_input(merge_ctx *m, int k)
{
    char *names[64];
    if (attach(m, k))
        return -1;
    int n = input_tables(m, names, 64), rc = 0;
    for (int i = 0; i < n; i++) {
        cols in = {0}, out = {0};
        if (!rc && names[i])
            rc = table_cols(m, "src", names[i], &in) || table_cols(m, "main", names[i], &out) ||
                 conform(m, names[i], &in, &out) ? -1 : 0;
        cols_free(&in);
        cols_free(&out);
        free(names[i]);
    }
    detach(m);
    return rc;
}

static int copy_input(merge_ctx *m, int k)
{
    char *names[64];
    if (attach(m, k))
        return -1;
    int rc = not_mine(m, k) || execf(m,
        "DELETE FROM m_excl; INSERT INTO m_excl SELECT id FROM m_notmine UNION SELECT x.id"
        " FROM m_dupdoc x JOIN m_doc m ON m.id = x.id AND m.input = %d", k) ? -1 : 0;
    int n = input_tables(m, names, 64);
    for (int i = 0; i < n; i++) {
        if (!rc && names[i])
            rc = copy_table(m, names[i], k);
        free(names[i]);
    }
    detach(m);
    return rc;
}

/* The columns of main.events as a list of names, and as the definition of
 * a staging table whose id is its row id (so that it is read in id order
 * without a sort). */
static int event_columns(merge_ctx *m, char **names, char **defs)
{
    cols c = {0};
    if (table_cols(m, "main", "events", &c))
        return -1;
    size_t cap = 64 + (size_t)c.n * 640;
    *names = calloc(1, cap);
    *defs = calloc(1, cap);
    for (int i = 0; *names && *defs && i < c.n; i++) {
        char q[300];
        quote(q, sizeof q, c.name[i]);
        snprintf(*names + strlen(*names), cap - strlen(*names), "%s%s", i ? ", " : "", q);
        snprintf(*defs + strlen(*defs), cap - strlen(*defs), "%s%s %s", i ? ", " : "", q,
                 !strcmp(c.name[i], "id") ? "INTEGER PRIMARY KEY" : "");
    }
    cols_free(&c);
    return *names && *defs ? 0 : fail(m, "out of memory");
}

/* SQLite's compound SELECTs have at most 500 arms (SQLITE_MAX_COMPOUND_SELECT) */
#define MERGE_ARMS 400

/* INSERT INTO target SELECT the rows of stages first..first+n-1 in id order. */
static int merge_round(merge_ctx *m, const char *target, const char *names, int first, int n)
{
    size_t cap = (size_t)n * (strlen(names) + 64) + 64, len = 0;
    char *sql = malloc(cap);
    if (!sql)
        return fail(m, "out of memory");
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(sql + len, cap - len, "%sSELECT %s FROM temp.m_ev_%d",
                                i ? " UNION ALL " : "", names, first + i);
    int rc = execf(m, "INSERT INTO %s(%s) %s ORDER BY id", target, names, sql);
    free(sql);
    return rc;
}

/* The stages m_ev_0..m_ev_{n-1} into main.events in id order: by rounds of
 * MERGE_ARMS stages into new stages while there are more. */
static int merge_stages(merge_ctx *m, const char *names, const char *defs)
{
    int first = 0, n = m->n, next = m->n;
    while (n > MERGE_ARMS) {
        int made = 0;
        for (int g = 0; g < n; g += MERGE_ARMS, made++) {
            char target[64];
            snprintf(target, sizeof target, "temp.m_ev_%d", next + made);
            if (execf(m, "CREATE TEMP TABLE m_ev_%d(%s)", next + made, defs) ||
                merge_round(m, target, names, first + g, n - g < MERGE_ARMS ? n - g : MERGE_ARMS))
                return -1;
            for (int i = first + g; i < first + g + MERGE_ARMS && i < first + n; i++)
                if (execf(m, "DROP TABLE temp.m_ev_%d", i))
                    return -1;
        }
        first = next;
        next += made;
        n = made;
    }
    if (merge_round(m, "main.events", names, first, n))
        return -1;
    /* the stages' pages back to the temporary file before the indexes */
    for (int i = first; i < first + n; i++)
        if (execf(m, "DROP TABLE temp.m_ev_%d", i))
            return -1;
    return 0;
}

/* Each input's events are staged in temp.m_ev_K keyed by their merged row
 * id; the stages are then merged (SQLite's MERGE of a UNION ALL whose arms
 * are each read in row id order: no sort) and appended to main.events in
 * row id order: no b-tree insert in the middle of the table. */
static int copy_all(merge_ctx *m)
{
    char *names = NULL, *defs = NULL;
    int rc = -1;
    for (int k = 0; k < m->n; k++)
        if (conform_input(m, k))
            return -1;
    if (event_columns(m, &names, &defs))
        goto done;
    for (int k = 0; k < m->n; k++)
        if (execf(m, "CREATE TEMP TABLE m_ev_%d(%s)", k, defs))
            goto done;
    for (int k = 0; k < m->n; k++)
        if (copy_input(m, k))
            goto done;
    double t0 = now_s();
    rc = merge_stages(m, names, defs);
    trace(m, "events in id order", t0);
done:
    free(names);
    free(defs);
    return rc;
}

/* The secondary indexes of the merged store are dropped while rows go in
 * and made again at the end: one sort each instead of a b-tree insert per
 * row. */
static int drop_indexes(merge_ctx *m)
{
    if (execf(m, "INSERT INTO m_index SELECT name, sql FROM main.sqlite_master"
                 " WHERE type='index' AND sql IS NOT NULL"))
        return -1;
    /* names first: SQLite drops nothing while a statement reads */
    char *names[128];
    int n = 0, rc = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(m->db, "SELECT name FROM m_index", -1, &st, NULL) != SQLITE_OK)
        return fail(m, "indexes");
    while (n < 128 && sqlite3_step(st) == SQLITE_ROW)
        names[n++] = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    for (int i = 0; i < n; i++) {
        char q[300];
        quote(q, sizeof q, names[i] ? names[i] : "");
        if (!rc)
            rc = execf(m, "DROP INDEX main.%s", q);
        free(names[i]);
    }
    return rc;
}

static int make_indexes(merge_ctx *m)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(m->db, "SELECT name, sql FROM m_index", -1, &st, NULL) != SQLITE_OK)
        return fail(m, "indexes");
    int rc = 0;
    while (!rc && sqlite3_step(st) == SQLITE_ROW)
        rc = execf(m, "%s", (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return rc;
}

/* The aggregates (schema version 3, agg.c) are not copied: their
 * triggers are set aside while rows go in, and they are made from the
 * merged events at the end, in one transaction, triggers put back. */
static int set_aggregates_aside(merge_ctx *m)
{
    return agg_set_aside(m->db) == SQLITE_OK ? 0 : fail(m, "aggregates set aside");
}

static int make_aggregates(merge_ctx *m)
{
    if (execf(m, "BEGIN") || agg_rebuild(m->db) != SQLITE_OK || agg_install(m->db) != SQLITE_OK) {
        fail(m, "aggregates");
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return execf(m, "COMMIT");
}

static int dedup_all(merge_ctx *m)
{
    return execf(m, "BEGIN") || (m->dedup && dedup_pass(m)) || event_bases(m) ||
           execf(m, "COMMIT") ? -1 : 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of the process, every thread (SQLite's sorter threads too):
 * on a shared machine the wall time of a pass says little alone. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_passes(merge_ctx *m)
{
    static const struct { const char *name; int (*run)(merge_ctx *); } passes[] = {
        {"catalogue of documents", catalogue},
        {"sentence hashes and event counts", gather},
        {"duplicate pass", dedup_all},
        {"indexes set aside", drop_indexes},
        {"aggregates set aside", set_aggregates_aside},
        {"copy of every table", copy_all},
        {"indexes made", make_indexes},
        {"aggregates made", make_aggregates},
    };
    /* secure_delete (on in some builds of SQLite) would zero every page
     * freed, of the temporary tables too */
    if (execf(m, "PRAGMA foreign_keys=OFF; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                 " PRAGMA secure_delete=OFF;"
                 " PRAGMA cache_size=-131072; PRAGMA temp.cache_size=-262144; PRAGMA temp_store=FILE;"
                 " PRAGMA threads=2;"
                 " CREATE TEMP TABLE m_index(name TEXT, sql TEXT)") ||
        sqlite3_create_function(m->db, "ent_sentence_hash", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                NULL, sql_sentence_hash, NULL, NULL) != SQLITE_OK)
        return fail(m, "setup");
    for (size_t i = 0; i < sizeof passes / sizeof passes[0]; i++) {
        double t0 = now_s(), c0 = cpu_s();
        if (passes[i].run(m))
            return -1;
        if (m->diag) {
            char msg[128];
            snprintf(msg, sizeof msg, "%s: %.2f s (CPU %.2f s)", passes[i].name, now_s() - t0,
                     cpu_s() - c0);
            m->diag(m->ud, NULL, 0, msg);
        }
    }
    m->st->events = count(m, "SELECT count(*) FROM main.events");
    long long before = count(m, "SELECT coalesce(sum(n), 0) FROM m_evc");
    m->st->events_dropped = before - m->st->events;
    return 0;
}

/* The inputs in merge order: OUT first when it exists, then each input
 * once (OUT itself and repeats left out). */
static const char **input_list(const char *const *inputs, int n, const char *out, int *nlist)
{
    const char **list = calloc((size_t)n + 2, sizeof *list);
    char ro[PATH_MAX], ri[PATH_MAX];
    int have_out = realpath(out, ro) != NULL;
    *nlist = 0;
    if (!list)
        return NULL;
    if (have_out)
        list[(*nlist)++] = out;
    for (int i = 0; i < n; i++) {
        int skip = have_out && realpath(inputs[i], ri) && !strcmp(ri, ro);
        for (int j = 0; !skip && j < i; j++)
            skip = !strcmp(inputs[j], inputs[i]);
        if (!skip)
            list[(*nlist)++] = inputs[i];
    }
    return list;
}

ent_rc ent_store_merge(const char *const *inputs, int n, const char *out, int dedup,
                       ent_merge_stats *st, ent_diag_fn diag, void *ud, char **err)
{
    merge_ctx m;
    memset(&m, 0, sizeof m);
    memset(st, 0, sizeof *st);
    m.st = st;
    m.dedup = dedup;
    m.diag = diag;
    m.ud = ud;
    m.paths = input_list(inputs, n, out, &m.n);
    char *tmp = mem_printf("%s.merging", out);
    if (!m.paths || !tmp) {
        free(m.paths);
        mem_free(tmp);
        return ENT_ENOMEM;
    }
    unlink(tmp);
    char *oerr = NULL;
    ent_store *s = ent_store_open(tmp, &oerr);
    int rc = -1;
    if (s) {
        m.db = store_db(s);
        rc = run_passes(&m);
        if (rc)
            sqlite3_exec(m.db, "ROLLBACK", NULL, NULL, NULL);
        ent_store_close(s);
    } else {
        snprintf(m.err, sizeof m.err, "%s", oerr ? oerr : tmp);
        free(oerr);
    }
    if (!rc && rename(tmp, out) != 0) {
        snprintf(m.err, sizeof m.err, "cannot rename %s to %s", tmp, out);
        rc = -1;
    }
    if (rc) {
        unlink(tmp);
        if (err)
            *err = mem_strdup(m.err[0] ? m.err : "merge failed");
    }
    mem_free(tmp);
    free(m.paths);
    return rc ? ENT_EDB : ENT_OK;
}
