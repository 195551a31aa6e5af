/*
 * main.c - the entente command-line tool. It uses only the public header.
 *
 *   entente code [options] INPUT...   code documents into events
 *   entente version | help
 *
 * Exit status (EXIT_STATUS_TEXT below, README.md): 0 everything was read;
 * 1 some input was skipped or changed (each reported on stderr with file
 * and line); 2 usage error or a fatal error.
 */
#include "syntaxcmd.h"
#include "entente.h"
#include "analyze.h"
#include "dictcmd.h"
#include "eval.h"
#include "opt.h"
#include "merge.h"
#include "petropt.h"
#include "pipeline.h"
#include "report.h"
#include "serve.h"
#include "term.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ftw.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ENT_DATADIR
#define ENT_DATADIR "data"
#endif

/* The exit status of entente, said once (also in README.md). */
#define EXIT_STATUS_TEXT                                                        \
    "exit status: 0 every input was read and every result written; 1 some\n"     \
    "input was skipped or changed - a document, a JSONL line, a dictionary or\n" \
    "gazetteer line, a document id already used - each named on stderr with\n"  \
    "its file and line and counted in the summary (a blank line or an undated\n" \
    "document is no loss: exit 0); 2 a usage error (unknown option or value)\n"  \
    "or a fatal one (dictionaries that do not load, a store or output that\n"   \
    "cannot be written).\n"

static const char usage_main[] =
    "usage: entente COMMAND [options]\n"
    "\n"
    "entente turns news text into political event data: who did what to whom,\n"
    "when, in CAMEO codes, with the mode of each event and its provenance.\n"
    "\n"
    "commands:\n"
    "  code INPUT...   code documents (files, folders, - for stdin) into events\n"
    "  parse FILE...   tag and parse text or CoNLL-U into CoNLL-U (--eval GOLD)\n"
    "  train-syntax    learn a tagger and parser from UD treebanks (CoNLL-U)\n"
    "  clusters        Brown word clusters of text, for train-syntax --clusters\n"
    "  eval GOLD.jsonl score the coder against hand-coded gold records\n"
    "  dict COMMAND    check, lookup, gaps, compile: the dictionaries\n"
    "  dyads --db F [A [B]]  events per directed dyad and period (CSV or JSON)\n"
    "  align A B --db F      are A and B drifting apart, since when, over whom:\n"
    "                  a verdict with n and interval, then per period\n"
    "  bloc A B C... --db F  a group's cohesion over time and who drifts\n"
    "  network --db F  the actor graph (JSON, DOT, GraphML)\n"
    "  report --db F --out F.html  one offline HTML dashboard of the store\n"
    "  serve --db F    a read-only HTTP server: JSON API and dashboard\n"
    "  merge STORE... -o OUT  merge stores (shards) into one, near-duplicates\n"
    "                  found across all of them (docs/scale.md)\n"
    "                  analysis options: --from D --to D --by day|week|month|quarter|year|all\n"
    "                  --level country|actor --modes LIST --format csv|json|...\n"
    "  version         print the version\n"
    "  help [COMMAND]  show help\n"
    "\n"
    "Run 'entente help COMMAND' (or 'entente COMMAND --help') for its options.\n"
    "Options take their value as '--jobs 2', '--jobs=2', '-j 2' or '-j2'.\n"
    "\n" EXIT_STATUS_TEXT;

static const char usage_code[] =
    "usage: entente code [options] INPUT...\n"
    "       entente code --db FILE\n"
    "\n"
    "Code documents into events. INPUT is a file, a folder (read recursively,\n"
    "in name order) or - for standard input. By extension: .txt (paragraphs\n"
    "separated by blank lines), .html/.htm (article body only), .jsonl (one\n"
    "JSON object a line: id, date, title, text or html, url, source).\n"
    "With --db and no INPUT the store is only opened for writing: created, or\n"
    "upgraded to the current schema (docs/store.md); exit status 0.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT      jsonl (default), csv (RFC 4180, with a header), tsv\n"
    "                        (backslash-escaped), geojson (events with a place)\n"
    "                        or none\n"
    "  -o, --output FILE     write events to FILE instead of standard output\n"
    "      --db FILE         also store documents, sentences, actors and events\n"
    "                        in the SQLite database FILE (created if needed;\n"
    "                        re-coding a document id replaces its rows)\n"
    "      --batch N         documents per database transaction (default 100)\n"
    "  -j, --jobs N          code on N threads (default 1); output order and\n"
    "                        bytes are the same for every N\n"
    "      --date DATE       date (YYYY-MM-DD) for documents that carry none;\n"
    "                        without it such documents are undated (date null,\n"
    "                        date_source \"none\"), reported and counted\n"
    "      --date-from-file  undated files take their modification date instead\n"
    "      --dict DIR        dictionary folder (default: $ENTENTE_DATA, else the\n"
    "                        data/ folder installed with entente)\n"
    "      --dict-format petrarch --verbs F --actors F[,F...] [--agents F]\n"
    "                        [--discards F]  code with PETRARCH2-format\n"
    "                        dictionaries instead (docs/petrarch.md)\n"
    "      --stdin-format F  txt, html or jsonl for '-' (default: sniffed)\n"
    "      --max-doc-bytes N skip documents (or JSONL lines) larger than N bytes\n"
    "                        (default 67108864)\n"
    "      --mode LIST       only output events of these modes, comma-separated:\n"
    "                        asserted, negated, hypothetical, reported\n"
    "      --parser P        ud (default: code candidate sentences from the UD\n"
    "                        parse of data/en.syntax) or none (the shallow rules\n"
    "                        only: nearest actors around the verb, no model)\n"
    "      --no-dedup        code near-duplicate documents again (by default a\n"
    "                        document whose word 5-shingles are 80% the same as\n"
    "                        an earlier one's is recorded as its duplicate only)\n"
    "      --shard I/N       code only shard I (0..N-1) of the input: the documents\n"
    "                        whose id hashes to I; N runs over the same INPUT\n"
    "                        partition it (merge their stores with entente merge)\n"
    "  -q, --quiet           no per-input messages, only the summary\n"
    "      --no-progress     no progress line even on a terminal\n"
    "  -h, --help            this help\n"
    "\n"
    "Output: one JSON object per event (docs/output.md, docs/event.schema.json)\n"
    "or TSV rows; a summary of documents, skips, sentences and events goes to\n"
    "standard error.\n"
    "\n"
    "\n" EXIT_STATUS_TEXT;

typedef struct run {
    int quiet;
    long messages;
    long dict_bad;
} run;

/* A progress line is on the terminal: a message first clears it. */
static int progress_shown;

static void message_start(void)
{
    fputs(progress_shown ? "\r\033[Kentente: " : "entente: ", stderr);
    progress_shown = 0;
}

static void on_diag(void *ud, const char *file, long line, const char *msg)
{
    run *r = ud;
    r->messages++;
    if (r->quiet && strncmp(msg, "error:", 6) != 0)
        return; /* -q keeps errors: a dictionary that cannot load is named */
    message_start();
    term_put_message(stderr, "", file, line, msg);
}

static int file_exists(const char *p)
{
    return access(p, R_OK) == 0;
}

/* Find the dictionary folder: option, environment, next to the binary,
 * then the folder the build was made from. */
static const char *find_dict(const char *opt, char *buf, unsigned long n)
{
    if (opt)
        return opt;
    const char *env = getenv("ENTENTE_DATA");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k > 0) {
        exe[k] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            const char *rel[] = {"/data", "/../data", "/../share/entente"};
            for (int i = 0; i < 3; i++) {
                snprintf(buf, n, "%s%s", exe, rel[i]);
                char probe[PATH_MAX + 32];
                snprintf(probe, sizeof probe, "%s/verbs.txt", buf);
                if (file_exists(probe))
                    return buf;
            }
        }
    }
    return ENT_DATADIR;
}

static int valid_date(const char *s)
{
    return s && strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
           atoi(s + 5) >= 1 && atoi(s + 5) <= 12 && atoi(s + 8) >= 1 &&
           atoi(s + 8) <= 31;
}

/* Peak resident memory of this process, in MB. */
static double peak_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)ru.ru_maxrss / 1024.0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The output formats of code: name, label, and the writers. */
static const struct out_format {
    const char *name, *label;
} out_formats[] = {
    {"jsonl", "JSON Lines"}, {"tsv", "TSV, backslash-escaped"}, {"csv", "CSV, RFC 4180"},
    {"geojson", "GeoJSON, events with a place"}, {"none", NULL}, {NULL, NULL}};

static const struct out_format *find_format(const char *name)
{
    for (const struct out_format *f = out_formats; f->name; f++)
        if (!strcmp(f->name, name))
            return f;
    return NULL;
}

static const char *format_label(const char *format)
{
    const struct out_format *f = find_format(format);
    return f && f->label ? f->label : format;
}

/* Where coded documents go, in input order (called by pipeline.c). */
typedef struct sink {
    const char *format, *db;
    FILE *out;
    ent_store *store;
    long batch, in_batch;
    int want[4];
    int tty;
    double t0, last;
    long ndocs, nsent, ndup, nev, nmentions, bymode[4], invalid_bytes_docs;
    ent_dedup *dedup;
    long nneardup, nsentdup;
    long nparsed, nshallow;
    long nundated_ev;
    long nfeatures;    /* GeoJSON features written */
    unsigned long long total_bytes, done_bytes; /* of the input, for progress */
    int quiet;
    int streaming;            /* output is a pipe or terminal: flush per document */
} sink;

/* Store one document (or its duplicate record) inside the current batch
 * transaction, committing every k->batch documents. Returns 1 on failure. */
static int store_doc(sink *k, long long seq, const ent_doc *doc, const ent_result *res,
                     const char *orig, double sim)
{
    int fatal = 0;
    if (k->in_batch == 0 && ent_store_begin(k->store) != ENT_OK)
        fatal = 1;
    if (!fatal && (res ? ent_store_put(k->store, doc, res)
                       : ent_store_put_duplicate(k->store, doc, orig, sim)) != ENT_OK)
        fatal = 1;
    if (!fatal && ent_store_put_minhash(k->store, doc, seq) != ENT_OK)
        fatal = 1;
    if (!fatal && ++k->in_batch >= k->batch) {
        if (ent_store_commit(k->store) != ENT_OK)
            fatal = 1;
        k->in_batch = 0;
    }
    if (fatal)
        fprintf(stderr, "entente: database %s: %s\n", k->db, ent_store_errmsg(k->store));
    return fatal;
}

/* The progress line on a terminal, at most five times a second: documents
 * done, the share of the input's bytes, the rate and the time left. */
static void progress_line(sink *k)
{
    double t = now_s();
    if (t - k->last <= 0.2)
        return;
    k->last = t;
    double secs = t - k->t0, rate = secs > 0 ? k->ndocs / secs : 0;
    progress_shown = 1;
    fprintf(stderr, "\r\033[K  %ld documents, %ld events, %.0f docs/s", k->ndocs, k->nev, rate);
    if (k->total_bytes > 0 && k->done_bytes > 0 && k->done_bytes <= k->total_bytes) {
        double share = (double)k->done_bytes / (double)k->total_bytes;
        double left = secs * (1 - share) / share;
        fprintf(stderr, ", %.0f%% of %.1f MB, ETA %d:%02d", 100 * share,
                (double)k->total_bytes / 1e6, (int)(left / 60), (int)left % 60);
    }
}

/* Bytes of the regular files under the inputs (folders walked without
 * following links), for the progress line; 0 if stdin is an input. */
static unsigned long long walk_total;
static int add_size(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (type == FTW_F && S_ISREG(st->st_mode))
        walk_total += (unsigned long long)st->st_size;
    return 0;
}

static unsigned long long input_bytes(const char **inputs, int n)
{
    walk_total = 0;
    for (int i = 0; i < n; i++) {
        if (!strcmp(inputs[i], "-"))
            return 0;
        nftw(inputs[i], add_size, 16, FTW_PHYS);
    }
    return walk_total;
}

static int sink_emit(void *ud, long long seq, ent_doc *doc, ent_result *res)
{
    sink *k = ud;
    int fatal = 0;
    k->done_bytes += doc->input_bytes;
    if (!res) {
        fprintf(stderr, "entente: %s: out of memory while coding\n", doc->path);
        ent_doc_free(doc);
        return 1;
    }
    /* a near-duplicate of an earlier document is not coded again */
    const char *orig;
    double sim;
    if (k->dedup && ent_dedup_check(k->dedup, doc, &orig, &sim)) {
        k->nneardup++;
        if (!k->quiet)
        {
            char where[64] = "";
            if (doc->line)
                snprintf(where, sizeof where, ":%ld", doc->line);
            message_start();
            term_put_escaped(stderr, doc->path ? doc->path : "-");
            fprintf(stderr, "%s: ", where);
            term_put_escaped(stderr, doc->id);
            fputs(" is a near-duplicate of ", stderr);
            term_put_escaped(stderr, orig);
            fprintf(stderr, " (similarity %.2f), not coded again\n", sim);
        }
        if (k->store)
            fatal = store_doc(k, seq, doc, NULL, orig, sim);
        ent_result_free(res);
        ent_doc_free(doc);
        return fatal;
    }
    /* sentences already coded in an earlier document are not coded again */
    if (k->dedup)
        k->nsentdup += ent_dedup_sentences(k->dedup, res);
    /* keep only the wanted modes */
    int n = 0;
    for (int i = 0; i < res->nevents; i++)
        if (k->want[res->events[i].mode])
            res->events[n++] = res->events[i];
    res->nevents = n;
    k->ndocs++;
    k->nsent += res->nsentences;
    k->nmentions += res->nmentions;
    k->nparsed += res->nparsed;
    k->nshallow += res->nshallow;
    for (int i = 0; i < res->nsentences; i++)
        k->ndup += res->sentences[i].duplicate != 0;
    k->nev += res->nevents;
    for (int i = 0; i < res->nevents; i++) {
        k->bymode[res->events[i].mode]++;
        k->nundated_ev += !res->events[i].date[0];
    }
    if (doc->invalid_bytes)
        k->invalid_bytes_docs++;
    if (!strcmp(k->format, "jsonl"))
        ent_write_jsonl(k->out, doc, res);
    else if (!strcmp(k->format, "tsv"))
        ent_write_tsv(k->out, doc, res);
    else if (!strcmp(k->format, "csv"))
        ent_write_csv(k->out, doc, res);
    else if (!strcmp(k->format, "geojson"))
        ent_write_geojson(k->out, doc, res, &k->nfeatures);
    if (k->streaming)
        fflush(k->out);
    if (k->store)
        fatal = store_doc(k, seq, doc, res, NULL, 0);
    ent_result_free(res);
    ent_doc_free(doc);
    if (k->tty)
        progress_line(k);
    return fatal;
}

/* The options of code, as read from the command line. */
typedef struct code_opts {
    const char *format, *output, *db, *date, *dictdir, *stdin_format, *modes, *parser;
    long batch, jobs;
    int dedup, date_from_file, progress;
    petr_files pf;
    size_t max_doc;
    pipeline_shard shard;   /* --shard I/N */
    int want[4];
    const char **inputs;
    int ninputs;
} code_opts;

enum {
    CO_HELP, CO_FORMAT, CO_OUTPUT, CO_DB, CO_JOBS, CO_BATCH, CO_DATE, CO_DATE_FILE, CO_DICT,
    CO_STDIN_FORMAT, CO_MAX_DOC, CO_MODE, CO_QUIET, CO_NO_DEDUP, CO_PARSER, CO_NO_PROGRESS,
    CO_DICT_FORMAT, CO_VERBS, CO_ACTORS, CO_AGENTS, CO_DISCARDS, CO_SHARD
};

static const opt_spec code_specs[] = {
    {'h', "help", 0, CO_HELP},          {'f', "format", 1, CO_FORMAT},
    {'o', "output", 1, CO_OUTPUT},      {0, "db", 1, CO_DB},
    {'j', "jobs", 1, CO_JOBS},          {0, "batch", 1, CO_BATCH},
    {0, "date", 1, CO_DATE},            {0, "date-from-file", 0, CO_DATE_FILE},
    {0, "dict", 1, CO_DICT},            {0, "stdin-format", 1, CO_STDIN_FORMAT},
    {0, "max-doc-bytes", 1, CO_MAX_DOC}, {0, "mode", 1, CO_MODE},
    {'q', "quiet", 0, CO_QUIET},        {0, "no-dedup", 0, CO_NO_DEDUP},
    {0, "parser", 1, CO_PARSER},        {0, "no-progress", 0, CO_NO_PROGRESS},
    {0, "dict-format", 1, CO_DICT_FORMAT}, {0, "verbs", 1, CO_VERBS},
    {0, "actors", 1, CO_ACTORS},        {0, "agents", 1, CO_AGENTS},
    {0, "discards", 1, CO_DISCARDS},    {0, "shard", 1, CO_SHARD},
    {0, NULL, 0, 0}};

static const char *const format_names[] = {"jsonl", "tsv", "csv", "geojson", "none", NULL};
static const char *const parser_names[] = {"ud", "none", NULL};
static const char *const stdin_names[] = {"txt", "html", "jsonl", NULL};

/* --mode LIST into want[]; -1 (a usage error printed) on an unknown mode. */
static int parse_modes(const char *list, int want[4])
{
    memset(want, 0, 4 * sizeof *want);
    char *copy = strdup(list), *save = NULL;
    int rc = copy ? 0 : -1;
    for (char *m = copy ? strtok_r(copy, ",", &save) : NULL; m; m = strtok_r(NULL, ",", &save)) {
        int k = 0;
        while (k < 4 && strcmp(m, ent_mode_name((ent_mode)k)))
            k++;
        if (k == 4) {
            fprintf(stderr, "entente code: --mode is a list of asserted, negated, "
                            "hypothetical, reported; not '%s'\n", m);
            rc = -1;
            break;
        }
        want[k] = 1;
    }
    free(copy);
    return rc;
}

/* One option of code into o: 0, or -1 after a usage error. */
static int code_option(opt_iter *it, int id, code_opts *o)
{
    const char *v = it->value;
    long n;
    switch (id) {
    case CO_FORMAT: o->format = v; return opt_choice(it, v, format_names);
    case CO_OUTPUT: o->output = v; return 0;
    case CO_DB: o->db = v; return 0;
    case CO_JOBS: return opt_long(it, v, 1, 64, &o->jobs);
    case CO_BATCH: return opt_long(it, v, 1, 1000000, &o->batch);
    case CO_DATE:
        o->date = v;
        if (valid_date(v))
            return 0;
        fprintf(stderr, "entente code: --date needs YYYY-MM-DD, not '%s'\n", v);
        return -1;
    case CO_DATE_FILE: o->date_from_file = 1; return 0;
    case CO_DICT: o->dictdir = v; return 0;
    case CO_STDIN_FORMAT: o->stdin_format = v; return opt_choice(it, v, stdin_names);
    case CO_MAX_DOC:
        if (opt_long(it, v, 1, LONG_MAX, &n) < 0)
            return -1;
        o->max_doc = (size_t)n;
        return 0;
    case CO_MODE: return parse_modes(v, o->want);
    case CO_QUIET: return 0; /* read by the caller */
    case CO_NO_DEDUP: o->dedup = 0; return 0;
    case CO_PARSER:
        o->parser = v;
        if (!strcmp(v, "link")) {
            fputs("entente code: --parser is ud or none (link-grammar is no longer used)\n",
                  stderr);
            return -1;
        }
        return opt_choice(it, v, parser_names);
    case CO_NO_PROGRESS: o->progress = 0; return 0;
    case CO_DICT_FORMAT: o->pf.format = v; return 0;
    case CO_VERBS: o->pf.verbs = v; return 0;
    case CO_ACTORS: o->pf.actors = v; return 0;
    case CO_AGENTS: o->pf.agents = v; return 0;
    case CO_DISCARDS: o->pf.discards = v; return 0;
    case CO_SHARD: {
        char tail;
        if (sscanf(v, "%d/%d%c", &o->shard.index, &o->shard.count, &tail) != 2 ||
            o->shard.count < 1 || o->shard.index < 0 || o->shard.index >= o->shard.count) {
            fprintf(stderr, "entente code: --shard needs I/N with 0 <= I < N, not '%s'\n", v);
            return -1;
        }
        return 0;
    }
    }
    return 0;
}

/* The command line of code into o (o->inputs: caller frees). Returns -1
 * to go on, else the exit status (0 after --help, 2 on a usage error). */
static int parse_code_opts(int argc, char **argv, code_opts *o, run *R)
{
    memset(o, 0, sizeof *o);
    o->format = "jsonl";
    o->batch = 100;
    o->jobs = 1;
    o->dedup = o->progress = 1;
    for (int k = 0; k < 4; k++)
        o->want[k] = 1;
    o->inputs = calloc((size_t)argc + 1, sizeof *o->inputs);
    if (!o->inputs)
        return 2;
    opt_iter it;
    opt_init(&it, "code", argc, argv, code_specs);
    for (int id; (id = opt_next(&it)) != OPT_END;) {
        if (id == OPT_ERROR)
            return 2;
        if (id == CO_HELP) {
            fputs(usage_code, stdout);
            return 0;
        }
        if (id == CO_QUIET)
            R->quiet = 1;
        if (id == OPT_ARG)
            o->inputs[o->ninputs++] = it.value;
        else if (code_option(&it, id, o) < 0)
            return 2;
    }
    if (petr_check(&o->pf, "code") < 0)
        return 2;
    if (!o->ninputs && !o->db) { /* --db alone opens (upgrades) the store */
        fputs("entente code: no input given (see entente code --help)\n", stderr);
        return 2;
    }
    return -1;
}

static int cmd_code(int argc, char **argv)
{
    run R = {0, 0, 0};
    code_opts co;
    int prc = parse_code_opts(argc, argv, &co, &R);
    if (prc >= 0) {
        free(co.inputs);
        return prc;
    }
    const char *format = co.format, *output = co.output, *db = co.db, *date = co.date,
               *dictdir = co.dictdir, *stdin_format = co.stdin_format, *parser = co.parser;
    long batch = co.batch;
    int jobs = (int)co.jobs, dedup = co.dedup, date_from_file = co.date_from_file;
    int progress = co.progress;
    petr_files pf = co.pf;
    size_t max_doc = co.max_doc;
    pipeline_shard shard = co.shard;
    const char **inputs = co.inputs;
    int ninputs = co.ninputs;
    int want[4];
    memcpy(want, co.want, sizeof want);

    char dbuf[PATH_MAX];
    const char *dir = find_dict(dictdir, dbuf, sizeof dbuf);
    int nbad = 0;
    ent_rc rc;
    ent_coder *coder;
    if (pf.format && !strcmp(pf.format, "petrarch"))
        coder = ent_coder_new_petrarch(dir, pf.verbs, pf.actors, pf.agents, pf.discards, on_diag,
                                       &R, &nbad, &rc);
    else
        coder = ent_coder_new(dir, on_diag, &R, &nbad, &rc);
    if (!coder) {
        fprintf(stderr, "entente: cannot load dictionaries from %s: %s\n", dir,
                ent_strerror(rc));
        free(inputs);
        return 2;
    }
    R.dict_bad = nbad;
    int is_petrarch = pf.format && !strcmp(pf.format, "petrarch");
    if ((parser && !strcmp(parser, "none")) || (!parser && is_petrarch))
        ent_coder_set_parser(coder, 0);
    else if (ent_coder_set_parser(coder, 1) < 0) {
        /* no quiet fallback to the shallow rules: --parser none asks for them */
        fprintf(stderr, "entente: cannot load the parser's model: %s\n",
                ent_coder_parser_error(coder));
        ent_coder_free(coder);
        free(inputs);
        return 2;
    }
    FILE *out = stdout;
    if (output && !(out = fopen(output, "w"))) {
        fprintf(stderr, "entente: %s: %s\n", output, strerror(errno));
        ent_coder_free(coder);
        free(inputs);
        return 2;
    }
    ent_store *store = NULL;
    if (db) {
        char *err = NULL;
        store = ent_store_open(db, &err);
        if (!store) {
            fprintf(stderr, "entente: cannot open database %s\n", err ? err : db);
            free(err);
            if (out != stdout)
                fclose(out);
            ent_coder_free(coder);
            free(inputs);
            return 2;
        }
    }
    ent_reader_opts ro = {date, stdin_format, max_doc, on_diag, &R, date_from_file};
    ent_reader *reader = ent_reader_new(&ro);
    for (int i = 0; i < ninputs; i++)
        ent_reader_add(reader, inputs[i]);
    int tty_progress = progress && isatty(2);
    unsigned long long total_bytes = tty_progress ? input_bytes(inputs, ninputs) : 0;
    free(inputs);

    if (!strcmp(format, "tsv"))
        ent_write_tsv_header(out);
    else if (!strcmp(format, "csv"))
        ent_write_csv_header(out);
    else if (!strcmp(format, "geojson"))
        ent_write_geojson_head(out);
    sink k;
    memset(&k, 0, sizeof k);
    k.format = format;
    k.out = out;
    k.store = store;
    k.db = db;
    k.batch = batch;
    memcpy(k.want, want, sizeof k.want);
    k.tty = tty_progress;
    k.total_bytes = total_bytes;
    k.quiet = R.quiet;
    k.dedup = dedup ? ent_dedup_new(0, 0) : NULL;
    k.t0 = k.last = now_s();
    struct stat ost;
    k.streaming = fstat(fileno(out), &ost) == 0 && !S_ISREG(ost.st_mode);
    int fatal = pipeline_run(reader, coder, jobs, &shard, sink_emit, &k) != 0;
    ent_dedup_free(k.dedup);
    double t0 = k.t0;
    long ndocs = k.ndocs, nsent = k.nsent, ndup = k.ndup, nev = k.nev, nmentions = k.nmentions;
    long *bymode = k.bymode, in_batch = k.in_batch, invalid_bytes_docs = k.invalid_bytes_docs;
    int tty = k.tty;
    double last = k.last;
    if (store && in_batch > 0 && !fatal && ent_store_commit(store) != ENT_OK) {
        fprintf(stderr, "entente: database %s: %s\n", db, ent_store_errmsg(store));
        fatal = 1;
    }
    if (tty && last > t0)
        fputs("\r\033[K", stderr);
    if (!strcmp(format, "geojson"))
        ent_write_geojson_tail(out);
    fflush(out);
    int write_err = ferror(out);
    if (out != stdout && fclose(out) != 0)
        write_err = 1;
    if (write_err) {
        fprintf(stderr, "entente: error writing %s\n", output ? output : "standard output");
        fatal = 1;
    }

    long skipped = 0;
    for (int r = 0; r < ENT_SKIP_NREASONS; r++)
        skipped += ent_reader_skipped(reader, (ent_skip_reason)r);
    double secs = now_s() - t0;
    fprintf(stderr,
            "entente: %ld document%s coded, %ld skipped; %ld sentences (%ld repeated, "
            "not coded again); %ld actor mentions; %ld events: %ld asserted, %ld "
            "negated, %ld hypothetical, %ld reported (%.2f s, %.0f MB peak)\n",
            ndocs, ndocs == 1 ? "" : "s", skipped, nsent, ndup, nmentions, nev,
            bymode[0], bymode[1], bymode[2], bymode[3], secs, peak_mb());
    if (k.nparsed || k.nshallow)
        fprintf(stderr, "entente: parser %s: %ld sentences coded from a parse, %ld by the "
                        "shallow rules\n", ent_coder_parser(coder), k.nparsed, k.nshallow);
    if (shard.count > 1)
        fprintf(stderr, "entente: shard %d/%d: %lld document%s of other shards passed over\n",
                shard.index, shard.count, shard.passed_over, shard.passed_over == 1 ? "" : "s");
    if (k.nneardup)
        fprintf(stderr, "entente: %ld near-duplicate document%s not coded again\n", k.nneardup,
                k.nneardup == 1 ? "" : "s");
    if (k.nsentdup)
        fprintf(stderr, "entente: %ld sentence%s repeated from earlier documents, not coded again\n",
                k.nsentdup, k.nsentdup == 1 ? "" : "s");
    if (skipped) {
        fputs("entente: skipped:", stderr);
        const char *sep = " ";
        for (int r = 0; r < ENT_SKIP_NREASONS; r++) {
            long n = ent_reader_skipped(reader, (ent_skip_reason)r);
            if (n) {
                fprintf(stderr, "%s%ld %s", sep, n, ent_skip_reason_name((ent_skip_reason)r));
                sep = ", ";
            }
        }
        fputc('\n', stderr);
    }
    long undated = ent_reader_undated(reader);
    if (undated)
        fprintf(stderr, "entente: %ld document%s had no date (give --date or "
                        "--date-from-file): %ld event%s undated (date null)\n", undated,
                undated == 1 ? "" : "s", k.nundated_ev, k.nundated_ev == 1 ? "" : "s");
    long split = ent_reader_split_docs(reader);
    if (split)
        fprintf(stderr, "entente: %ld document%s over 1 MiB of text coded in parts (ID#part2...)\n",
                split, split == 1 ? "" : "s");
    long renamed = ent_reader_renamed_ids(reader);
    if (renamed)
        fprintf(stderr, "entente: %ld document id%s already used in this run, coded as "
                        "ID~N (see messages above)\n", renamed, renamed == 1 ? "" : "s");
    if (invalid_bytes_docs)
        fprintf(stderr, "entente: %ld document%s had invalid UTF-8 bytes (replaced)\n",
                invalid_bytes_docs, invalid_bytes_docs == 1 ? "" : "s");
    if (R.dict_bad)
        fprintf(stderr, "entente: %ld dictionary or gazetteer line%s skipped (see messages above)\n",
                R.dict_bad, R.dict_bad == 1 ? "" : "s");
    if (strcmp(format, "none") && !write_err)
        fprintf(stderr, "entente: events written to %s (%s)\n",
                output ? output : "standard output", format_label(format));
    else if (strcmp(format, "none"))
        fprintf(stderr, "entente: events NOT completely written to %s\n",
                output ? output : "standard output");
    if (db && !fatal)
        fprintf(stderr, "entente: stored in %s (SQLite; schema in docs/store.md)\n", db);
    else if (db)
        fprintf(stderr, "entente: NOT completely stored in %s: the batch in progress was "
                        "rolled back (earlier batches are kept; re-run to complete)\n", db);
    ent_reader_free(reader);
    ent_store_close(store);
    ent_coder_free(coder);
    if (fatal)
        return 2;
    return (skipped || R.dict_bad || renamed) ? 1 : 0;
}

static int run_command(int argc, char **argv);

int main(int argc, char **argv)
{
    /* a file over `ulimit -f` is a write error to report, not a death */
    signal(SIGXFSZ, SIG_IGN);
    /* every command takes "--name=value" and "-j1" (opt.h): code reads
     * its options from a table (opt_next, which tells a flag from an
     * option with a value); the others get their argv normalized */
    if (argc > 1 && !strcmp(argv[1], "code"))
        return run_command(argc, argv);
    char **nargv = NULL;
    int nargc = opt_normalize(argc, argv, &nargv);
    if (nargc < 0) {
        fputs("entente: out of memory\n", stderr);
        return 2;
    }
    int rc = run_command(nargc, nargv);
    opt_free_argv(nargc, nargv);
    return rc;
}

static int run_command(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "help") && argc > 2 && strcmp(argv[2], "help")) {
        /* entente help CMD = entente CMD --help */
        char *h[] = {argv[0], argv[2], (char *)"--help", NULL};
        return run_command(3, h);
    }
    if (!strcmp(cmd, "code"))
        return cmd_code(argc - 2, argv + 2);
    if (!strcmp(cmd, "train-syntax"))
        return cmd_train_syntax(argc - 2, argv + 2);
    if (!strcmp(cmd, "parse"))
        return cmd_parse(argc - 2, argv + 2);
    if (!strcmp(cmd, "clusters"))
        return cmd_clusters(argc - 2, argv + 2);
    if (!strcmp(cmd, "eval"))
        return cmd_eval(argc - 2, argv + 2, find_dict);
    if (!strcmp(cmd, "dict"))
        return cmd_dict(argc - 2, argv + 2, find_dict);
    if (!strcmp(cmd, "dyads"))
        return cmd_dyads(argc - 2, argv + 2);
    if (!strcmp(cmd, "align"))
        return cmd_align(argc - 2, argv + 2);
    if (!strcmp(cmd, "network"))
        return cmd_network(argc - 2, argv + 2);
    if (!strcmp(cmd, "bloc"))
        return cmd_bloc(argc - 2, argv + 2);
    if (!strcmp(cmd, "report"))
        return cmd_report(argc - 2, argv + 2, find_dict);
    if (!strcmp(cmd, "merge"))
        return cmd_merge(argc - 2, argv + 2);
    if (!strcmp(cmd, "serve"))
        return cmd_serve(argc - 2, argv + 2, find_dict);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("entente %s\n", ENT_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(usage_main, stdout);
        return 0;
    }
    fprintf(stderr, "entente: unknown command '%s'\n\n%s", cmd, usage_main);
    return 2;
}
