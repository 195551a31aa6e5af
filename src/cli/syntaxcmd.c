/*
 * syntaxcmd.c - `entente train-syntax` (learn a model from CoNLL-U),
 * `entente clusters` (word clusters of text for it) and
 * `entente parse` (CoNLL-U out of raw text or CoNLL-U in; --eval scores a
 * model against a gold treebank, from its words and from its raw text).
 */
#include "syntaxcmd.h"
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static const char usage_train[] =
    "usage: entente train-syntax --train T.conllu [--dev D.conllu] -o MODEL [options]\n"
    "\n"
    "Learn a tagger, lemmatizer and dependency parser from Universal Dependencies\n"
    "treebank files (any language). Prints dev scores per epoch; keeps the best.\n"
    "  --tag-epochs N     tagger epochs (default 8)\n"
    "  --parse-epochs N   parser epochs (default 15)\n"
    "  --folds K          jackknife folds for the parser's training tags (default 5;\n"
    "                     1: train the parser on gold tags)\n"
    "  --seed S           shuffling seed (default 1): same data and seed, same bytes\n"
    "  --min-count N      drop parser features updated fewer than N times (default 1)\n"
    "  --lexicon F        an external lexicon: lines \"form<TAB>class,class...\" (the\n"
    "                     classes a word can have, e.g. from a dictionary; the\n"
    "                     tagger learns what they mean, and the model keeps them)\n"
    "  --clusters F       word clusters: lines \"bits<TAB>word<TAB>count\" (entente\n"
    "                     clusters writes them); features of the tagger and the parser\n"
    "  --beam K           beam search of width K with global (max-violation) training;\n"
    "                     the model keeps K for decoding (default 1: greedy, dynamic oracle)\n"
    "  --early-update     with --beam: early update instead of max-violation\n"
    "  -q, --quiet        no per-epoch lines\n";

static const char usage_parse[] =
    "usage: entente parse [--model F] [--keep-tags] [-o OUT] FILE...\n"
    "       entente parse --eval GOLD.conllu [--model F] [--gold-only]\n"
    "\n"
    "Tag and parse: a .conllu file's words are annotated (--keep-tags keeps its\n"
    "tags and predicts heads only); any other file (or - for stdin) is read as\n"
    "raw text, split into sentences and words, and written as CoNLL-U.\n"
    "--eval prints tokens, sentences, words F1, UPOS, XPOS, UFeats, lemmas,\n"
    "UAS and LAS (CoNLL 2018 shared task definitions), from the gold words and\n"
    "from the raw text, and the speed of tagging and parsing.\n"
    "  --model F   model file (default: data/en.syntax)\n"
    "  --beam K    decode with a beam of K (default: the width the model was\n"
    "              trained with; 1: greedy)\n";

static int want_int(const char *opt, const char *v, int *out)
{
    char *end;
    long x = v ? strtol(v, &end, 10) : 0;
    if (!v || *end || x < 1 || x > 1000000) {
        fprintf(stderr, "entente: %s needs a positive number\n", opt);
        return -1;
    }
    *out = (int)x;
    return 0;
}

int cmd_train_syntax(int argc, char **argv)
{
    ent_syntax_train_opts o = {0};
    const char *lexicon = NULL, *clusters = NULL;
    int beam = 1, early = 0;
    o.log = stdout;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int rc = 0, seed = 1;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_train, stdout);
            return 0;
        } else if (!strcmp(a, "--train") && v) {
            o.train = argv[++i];
        } else if (!strcmp(a, "--lexicon") && v) {
            lexicon = argv[++i];
        } else if (!strcmp(a, "--clusters") && v) {
            clusters = argv[++i];
        } else if (!strcmp(a, "--dev") && v) {
            o.dev = argv[++i];
        } else if (!strcmp(a, "-o") && v) {
            o.out = argv[++i];
        } else if (!strcmp(a, "--tag-epochs")) {
            rc = want_int(a, v, &o.tag_epochs), i++;
        } else if (!strcmp(a, "--parse-epochs")) {
            rc = want_int(a, v, &o.parse_epochs), i++;
        } else if (!strcmp(a, "--folds")) {
            rc = want_int(a, v, &o.folds), i++;
        } else if (!strcmp(a, "--min-count")) {
            rc = want_int(a, v, &o.min_count), i++;
        } else if (!strcmp(a, "--beam")) {
            rc = want_int(a, v, &beam), i++;
        } else if (!strcmp(a, "--early-update")) {
            early = 1;
        } else if (!strcmp(a, "--seed")) {
            rc = want_int(a, v, &seed), i++;
            o.seed = (unsigned)seed;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o.log = NULL;
        } else {
            fprintf(stderr, "entente train-syntax: unknown option '%s'\n\n%s", a, usage_train);
            return 2;
        }
        if (rc)
            return 2;
    }
    if (!o.train || !o.out) {
        fputs(usage_train, stderr);
        return 2;
    }
    char err[512];
    if (ent_syntax_train_clusters(&o, lexicon, clusters, beam, early, err, sizeof err) != ENT_OK) {
        fprintf(stderr, "entente train-syntax: %s\n", err);
        return 2;
    }
    if (o.log)
        fprintf(o.log, "model written to %s\n", o.out);
    return 0;
}

static const char usage_clusters[] =
    "usage: entente clusters --out FILE [-c N] [--min-count K] [-q] INPUT...\n"
    "\n"
    "Brown word clusters (Liang's approximation, N clusters active) of the\n"
    "lower-cased words of INPUT (files or folders of raw text, HTML, JSONL, split\n"
    "into words as the parser sees them; .conllu files: their word forms), for\n"
    "train-syntax --clusters. Writes \"bits<TAB>word<TAB>count\" lines.\n"
    "  -c N            clusters (default 256)\n"
    "  --min-count K   leave out words seen fewer than K times (default 3)\n"
    "  -q              no progress lines\n";

int cmd_clusters(int argc, char **argv)
{
    const char *out = NULL;
    int ncl = 256, minc = 3, n = 0, rc = 0;
    FILE *log = stderr;
    const char **in = calloc((size_t)argc + 1, sizeof *in);
    if (!in)
        return 2;
    for (int i = 0; i < argc && rc == 0; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_clusters, stdout);
            free(in);
            return 0;
        } else if (!strcmp(a, "--out") && v) {
            out = argv[++i];
        } else if (!strcmp(a, "-c")) {
            rc = want_int(a, v, &ncl), i++;
        } else if (!strcmp(a, "--min-count")) {
            rc = want_int(a, v, &minc), i++;
        } else if (!strcmp(a, "-q")) {
            log = NULL;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "entente clusters: unknown option '%s'\n\n%s", a, usage_clusters);
            rc = 2;
        } else {
            in[n++] = a;
        }
    }
    if (rc == 0 && (!out || !n)) {
        fputs(usage_clusters, stderr);
        rc = 2;
    }
    char err[512];
    if (rc == 0 && ent_clusters_learn(in, n, out, ncl, minc, log, err, sizeof err) != ENT_OK) {
        fprintf(stderr, "entente clusters: %s\n", err);
        rc = 2;
    }
    free(in);
    return rc ? 2 : 0;
}

static void print_scores(const char *what, const ent_syntax_scores *s)
{
    printf("%-16s %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f\n", what,
           s->tokens, s->sents, s->wordseg, s->upos, s->xpos, s->ufeats, s->lemmas, s->uas,
           s->las, s->las_full);
}

static int parse_eval(const ent_syntax *m, const char *gold, int gold_only, const char *model,
                      double load_ms)
{
    char err[512];
    ent_syntax_scores g, r;
    if (ent_syntax_eval(m, gold, 0, &g, err, sizeof err) != ENT_OK) {
        fprintf(stderr, "entente parse --eval: %s\n", err);
        return 2;
    }
    printf("entente parse --eval %s (model %s)\n", gold, model ? model : "data/en.syntax");
    printf("%-16s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s\n", "", "Tokens", "Sents", "Words",
           "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS", "LAS:sub");
    print_scores("from gold words", &g);
    if (!gold_only) {
        if (ent_syntax_eval(m, gold, 1, &r, err, sizeof err) == ENT_OK)
            print_scores("from raw text", &r);
        else
            printf("%-16s %s\n", "from raw text", err);
    }
    printf("speed: %ld sentences, %ld words tagged and parsed in %.3f s of CPU on one thread: "
           "%.0f sentences/s, %.0f words/s\n",
           g.sentences, g.words, g.seconds, g.seconds > 0 ? (double)g.sentences / g.seconds : 0,
           g.seconds > 0 ? (double)g.words / g.seconds : 0);
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        printf("model loaded in %.1f ms; peak RSS %.1f MB\n", load_ms, (double)ru.ru_maxrss / 1024);
    return 0;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    while (b) {
        size_t k = fread(b + n, 1, cap - n, f);
        n += k;
        if (n < cap)
            break;
        char *nb = realloc(b, cap * 2);
        if (!nb)
            free(b);
        b = nb;
        cap *= 2;
    }
    if (f != stdin)
        fclose(f);
    *len = n;
    return b;
}

static int parse_file(const ent_syntax *m, const char *path, int keep_tags, FILE *out)
{
    char err[512];
    if (has_suffix(path, ".conllu")) {
        long skipped = 0;
        if (ent_syntax_conllu(m, path, out, keep_tags, &skipped, err, sizeof err) != ENT_OK) {
            fprintf(stderr, "entente parse: %s\n", err);
            return 2;
        }
        return skipped ? 1 : 0;
    }
    size_t len;
    char *text = read_all(path, &len);
    if (!text) {
        fprintf(stderr, "entente parse: %s: cannot read\n", path);
        return 1;
    }
    int n;
    ent_rc rc = ent_syntax_text_conllu(m, text, len, out, &n);
    free(text);
    return rc == ENT_OK ? 0 : 2;
}

int cmd_parse(int argc, char **argv)
{
    const char *model = NULL, *eval = NULL, *outp = NULL;
    int keep_tags = 0, gold_only = 0, nfiles = 0, beam = 0;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return 2;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_parse, stdout);
            free(files);
            return 0;
        } else if (!strcmp(a, "--model") && more) {
            model = argv[++i];
        } else if (!strcmp(a, "--eval") && more) {
            eval = argv[++i];
        } else if (!strcmp(a, "-o") && more) {
            outp = argv[++i];
        } else if (!strcmp(a, "--keep-tags")) {
            keep_tags = 1;
        } else if (!strcmp(a, "--gold-only")) {
            gold_only = 1;
        } else if (!strcmp(a, "--beam")) {
            if (want_int(a, more ? argv[i + 1] : NULL, &beam)) {
                free(files);
                return 2;
            }
            i++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "entente parse: unknown option '%s'\n\n%s", a, usage_parse);
            free(files);
            return 2;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (!eval && !nfiles) {
        fputs(usage_parse, stderr);
        free(files);
        return 2;
    }
    char err[512];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ent_syntax *m = ent_syntax_load(model, err, sizeof err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double load_ms = 1e3 * (double)(t1.tv_sec - t0.tv_sec) + 1e-6 * (double)(t1.tv_nsec - t0.tv_nsec);
    if (!m) {
        fprintf(stderr, "entente parse: %s\n", err);
        free(files);
        return 2;
    }
    if (beam && ent_syntax_set_beam(m, beam) != ENT_OK) {
        fprintf(stderr, "entente parse: --beam: 1 to 64\n");
        ent_syntax_free(m);
        free(files);
        return 2;
    }
    int rc = 0;
    if (eval) {
        rc = parse_eval(m, eval, gold_only, model, load_ms);
    } else {
        FILE *out = outp ? fopen(outp, "w") : stdout;
        if (!out) {
            fprintf(stderr, "entente parse: cannot write %s\n", outp);
            rc = 2;
        }
        for (int i = 0; out && i < nfiles && rc < 2; i++) {
            int r = parse_file(m, files[i], keep_tags, out);
            rc = r > rc ? r : rc;
        }
        if (out && out != stdout && fclose(out))
            rc = 2;
    }
    ent_syntax_free(m);
    free(files);
    return rc;
}
