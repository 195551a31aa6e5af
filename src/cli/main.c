/*
 * main.c - the entente command-line tool. It uses only the public header.
 *
 *   entente code [options] INPUT...   code documents into events
 *   entente version | help
 *
 * Exit status: 0 everything was read; 1 some inputs or lines were skipped
 * (each reported on stderr with file and line); 2 usage error or a fatal
 * setup error (dictionaries missing, database cannot be opened or written).
 */
#include "syntaxcmd.h"
#include "entente.h"
#include "analyze.h"
#include "dictcmd.h"
#include "eval.h"
#include "merge.h"
#include "petropt.h"
#include "pipeline.h"
#include "report.h"
#include "serve.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ENT_DATADIR
#define ENT_DATADIR "data"
#endif

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
    "  eval GOLD.jsonl score the coder against hand-coded gold records\n"
    "  dict COMMAND    check, lookup, gaps, compile: the dictionaries\n"
    "  dyads --db F [A [B]]  events per directed dyad and period (CSV or JSON)\n"
    "  align A B --db F      A and B over time: their relation and how alike\n"
    "                  they treat third parties (cosine), and where they diverge\n"
    "  network --db F  the actor graph (JSON, DOT, GraphML)\n"
    "  report --db F --out F.html  one offline HTML dashboard of the store\n"
    "  serve --db F    a read-only HTTP server: JSON API and dashboard\n"
    "  merge STORE... -o OUT  merge stores (shards) into one, near-duplicates\n"
    "                  found across all of them (docs/scale.md)\n"
    "                  analysis options: --from D --to D --by day|week|month|year|all\n"
    "                  --level country|actor --modes LIST --format csv|json|...\n"
    "  version         print the version\n"
    "  help [COMMAND]  show help\n"
    "\n"
    "Run 'entente code --help' for the options of code.\n";

static const char usage_code[] =
    "usage: entente code [options] INPUT...\n"
    "\n"
    "Code documents into events. INPUT is a file, a folder (read recursively,\n"
    "in name order) or - for standard input. By extension: .txt (paragraphs\n"
    "separated by blank lines), .html/.htm (article body only), .jsonl (one\n"
    "JSON object a line: id, date, title, text or html, url, source).\n"
    "\n"
    "options:\n"
    "  -f, --format FMT      jsonl (default), tsv or none\n"
    "  -o, --output FILE     write events to FILE instead of standard output\n"
    "      --db FILE         also store documents, sentences, actors and events\n"
    "                        in the SQLite database FILE (created if needed;\n"
    "                        re-coding a document id replaces its rows)\n"
    "      --batch N         documents per database transaction (default 100)\n"
    "  -j, --jobs N          code on N threads (default 1); output order and\n"
    "                        bytes are the same for every N\n"
    "      --date DATE       date (YYYY-MM-DD) for documents that carry none;\n"
    "                        otherwise a file's modification date is used\n"
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
    "exit status: 0 all inputs read; 1 some inputs or dictionary lines were\n"
    "skipped (reported on stderr); 2 usage or fatal error.\n";

typedef struct run {
    int quiet;
    long messages;
    long dict_bad;
} run;

static void on_diag(void *ud, const char *file, long line, const char *msg)
{
    run *r = ud;
    r->messages++;
    if (r->quiet)
        return;
    if (file && line)
        fprintf(stderr, "entente: %s:%ld: %s\n", file, line, msg);
    else if (file)
        fprintf(stderr, "entente: %s: %s\n", file, msg);
    else
        fprintf(stderr, "entente: %s\n", msg);
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

static int sink_emit(void *ud, long long seq, ent_doc *doc, ent_result *res)
{
    sink *k = ud;
    int fatal = 0;
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
            fprintf(stderr, "entente: %s%s: %s is a near-duplicate of %s (similarity %.2f), not coded again\n",
                    doc->path ? doc->path : "-", where, doc->id, orig, sim);
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
    for (int i = 0; i < res->nevents; i++)
        k->bymode[res->events[i].mode]++;
    if (doc->invalid_bytes)
        k->invalid_bytes_docs++;
    if (!strcmp(k->format, "jsonl"))
        ent_write_jsonl(k->out, doc, res);
    else if (!strcmp(k->format, "tsv"))
        ent_write_tsv(k->out, doc, res);
    if (k->streaming)
        fflush(k->out);
    if (k->store)
        fatal = store_doc(k, seq, doc, res, NULL, 0);
    ent_result_free(res);
    ent_doc_free(doc);
    if (k->tty) {
        double t = now_s();
        if (t - k->last > 0.2) {
            fprintf(stderr, "\r  %ld documents, %ld sentences, %ld events, %.0f docs/s ",
                    k->ndocs, k->nsent, k->nev, k->ndocs / (t - k->t0));
            k->last = t;
        }
    }
    return fatal;
}

static int cmd_code(int argc, char **argv)
{
    const char *format = "jsonl", *output = NULL, *db = NULL, *date = NULL,
               *dictdir = NULL, *stdin_format = NULL, *modes = NULL, *parser = NULL;
    long batch = 100;
    int jobs = 1, dedup = 1;
    petr_files pf = {NULL, NULL, NULL, NULL, NULL};
    pipeline_shard shard = {0, 0, 0};
    size_t max_doc = 0;
    int progress = 1;
    run R = {0, 0, 0};
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    int ninputs = 0;
    if (!inputs)
        return 2;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
#define NEED_ARG()                                                             \
    do {                                                                       \
        if (i + 1 >= argc) {                                                   \
            fprintf(stderr, "entente code: %s needs a value\n", a);            \
            free(inputs);                                                      \
            return 2;                                                          \
        }                                                                      \
    } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_code, stdout);
            free(inputs);
            return 0;
        } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
            NEED_ARG();
            format = argv[++i];
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            NEED_ARG();
            output = argv[++i];
        } else if (!strcmp(a, "--db")) {
            NEED_ARG();
            db = argv[++i];
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            NEED_ARG();
            jobs = atoi(argv[++i]);
            if (jobs < 1 || jobs > 64) {
                fprintf(stderr, "entente code: -j needs a number of threads from 1 to 64\n");
                free(inputs);
                return 2;
            }
        } else if (!strcmp(a, "--batch")) {
            NEED_ARG();
            batch = atol(argv[++i]);
        } else if (!strcmp(a, "--date")) {
            NEED_ARG();
            date = argv[++i];
        } else if (!strcmp(a, "--dict")) {
            NEED_ARG();
            dictdir = argv[++i];
        } else if (!strcmp(a, "--stdin-format")) {
            NEED_ARG();
            stdin_format = argv[++i];
        } else if (!strcmp(a, "--max-doc-bytes")) {
            NEED_ARG();
            char *end;
            errno = 0;
            unsigned long long v = strtoull(argv[++i], &end, 10);
            if (*end || errno || v == 0) {
                fprintf(stderr, "entente code: --max-doc-bytes needs a positive number\n");
                free(inputs);
                return 2;
            }
            max_doc = (size_t)v;
        } else if (!strcmp(a, "--mode")) {
            NEED_ARG();
            modes = argv[++i];
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            R.quiet = 1;
        } else if (petr_option(argc, argv, &i, &pf)) {
            if (i < 0) {
                free(inputs);
                return 2;
            }
        } else if (!strcmp(a, "--no-dedup")) {
            dedup = 0;
        } else if (!strcmp(a, "--parser")) {
            NEED_ARG();
            parser = argv[++i];
            if (strcmp(parser, "ud") && strcmp(parser, "none")) {
                fprintf(stderr, "entente code: --parser is ud or none%s\n",
                        strcmp(parser, "link") ? "" : " (link-grammar is no longer used)");
                free(inputs);
                return 2;
            }
        } else if (!strcmp(a, "--shard")) {
            NEED_ARG();
            char tail;
            if (sscanf(argv[++i], "%d/%d%c", &shard.index, &shard.count, &tail) != 2 ||
                shard.count < 1 || shard.index < 0 || shard.index >= shard.count) {
                fprintf(stderr, "entente code: --shard needs I/N with 0 <= I < N, not '%s'\n", argv[i]);
                free(inputs);
                return 2;
            }
        } else if (!strcmp(a, "--no-progress")) {
            progress = 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "entente code: unknown option %s (see entente code --help)\n", a);
            free(inputs);
            return 2;
        } else {
            inputs[ninputs++] = a;
        }
#undef NEED_ARG
    }
    if (petr_check(&pf, "code") < 0) {
        free(inputs);
        return 2;
    }
    if (!ninputs) {
        fputs("entente code: no input given (see entente code --help)\n", stderr);
        free(inputs);
        return 2;
    }
    if (strcmp(format, "jsonl") && strcmp(format, "tsv") && strcmp(format, "none")) {
        fprintf(stderr, "entente code: unknown format '%s' (jsonl, tsv, none)\n", format);
        free(inputs);
        return 2;
    }
    if (date && !valid_date(date)) {
        fprintf(stderr, "entente code: --date needs YYYY-MM-DD, not '%s'\n", date);
        free(inputs);
        return 2;
    }
    if (stdin_format && strcmp(stdin_format, "txt") && strcmp(stdin_format, "html") &&
        strcmp(stdin_format, "jsonl")) {
        fprintf(stderr, "entente code: --stdin-format is txt, html or jsonl\n");
        free(inputs);
        return 2;
    }
    int want[4] = {1, 1, 1, 1};
    if (modes) {
        memset(want, 0, sizeof want);
        char *copy = strdup(modes), *save = NULL;
        for (char *m = strtok_r(copy, ",", &save); m; m = strtok_r(NULL, ",", &save)) {
            int k;
            for (k = 0; k < 4; k++)
                if (!strcmp(m, ent_mode_name((ent_mode)k)))
                    break;
            if (k == 4) {
                fprintf(stderr, "entente code: unknown mode '%s'\n", m);
                free(copy);
                free(inputs);
                return 2;
            }
            want[k] = 1;
        }
        free(copy);
    }
    if (batch < 1)
        batch = 1;

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
    ent_reader_opts ro = {date, stdin_format, max_doc, on_diag, &R};
    ent_reader *reader = ent_reader_new(&ro);
    for (int i = 0; i < ninputs; i++)
        ent_reader_add(reader, inputs[i]);
    free(inputs);

    if (!strcmp(format, "tsv"))
        ent_write_tsv_header(out);
    sink k;
    memset(&k, 0, sizeof k);
    k.format = format;
    k.out = out;
    k.store = store;
    k.db = db;
    k.batch = batch;
    memcpy(k.want, want, sizeof k.want);
    k.tty = progress && isatty(2);
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
    if (invalid_bytes_docs)
        fprintf(stderr, "entente: %ld document%s had invalid UTF-8 bytes (replaced)\n",
                invalid_bytes_docs, invalid_bytes_docs == 1 ? "" : "s");
    if (R.dict_bad)
        fprintf(stderr, "entente: %ld dictionary line%s skipped (see messages above)\n",
                R.dict_bad, R.dict_bad == 1 ? "" : "s");
    if (!strcmp(format, "none"))
        ;
    else
        fprintf(stderr, "entente: events written to %s (%s)\n",
                output ? output : "standard output",
                !strcmp(format, "tsv") ? "TSV" : "JSON Lines");
    if (db)
        fprintf(stderr, "entente: stored in %s (SQLite; schema in docs/store.md)\n", db);
    ent_reader_free(reader);
    ent_store_close(store);
    ent_coder_free(coder);
    if (fatal)
        return 2;
    return (skipped || R.dict_bad) ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "code"))
        return cmd_code(argc - 2, argv + 2);
    if (!strcmp(cmd, "train-syntax"))
        return cmd_train_syntax(argc - 2, argv + 2);
    if (!strcmp(cmd, "parse"))
        return cmd_parse(argc - 2, argv + 2);
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
        if (argc > 2 && !strcmp(argv[2], "code"))
            fputs(usage_code, stdout);
        else if (argc > 2 && !strcmp(argv[2], "eval")) {
            char *h[] = {(char *)"--help"};
            return cmd_eval(1, h, find_dict);
        }
        else
            fputs(usage_main, stdout);
        return 0;
    }
    fprintf(stderr, "entente: unknown command '%s'\n\n%s", cmd, usage_main);
    return 2;
}
