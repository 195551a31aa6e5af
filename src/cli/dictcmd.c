/*
 * dictcmd.c - `entente dict check|lookup|gaps|compile`: the curator's
 * tools, and the build step that compiles the dictionaries.
 *
 *   entente dict check [DIR]                        errors exit 1
 *   entente dict compile [DIR]                      DIR/dict.gen.bin, places.gen.bin
 *   entente dict lookup "President Vladimir Putin" [--date D]
 *   entente dict lookup --code RUSGOV
 *   entente dict gaps CORPUS... [--top N]
 */
#include "dictcmd.h"
#include "term.h"
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_dict[] =
    "usage: entente dict COMMAND [options]\n"
    "\n"
    "  check [DIR]             check the dictionaries (default: the installed\n"
    "                          ones): unreadable lines, duplicate or conflicting\n"
    "                          entries, overlapping date ranges, codes that are\n"
    "                          not CAMEO; exit 1 on errors\n"
    "  lookup PHRASE [--date YYYY-MM-DD]\n"
    "                          the entries naming PHRASE (file:line) and how the\n"
    "                          phrase is coded on that date\n"
    "  lookup --code CODE      the entries carrying an actor code\n"
    "  gaps INPUT... [--top N] the commonest names no entry covers and verbs\n"
    "                          between two actors that no pattern matched;\n"
    "                          places, headlines, sentence-initial words,\n"
    "                          names of wars or treaties and the names in\n"
    "                          DICT/gaps-ignore.txt are left out\n"
    "  compile [DIR]           write DIR/dict.gen.bin and DIR/places.gen.bin,\n"
    "                          the compiled dictionaries and gazetteer that\n"
    "                          load fast; used while the text files keep their\n"
    "                          size and modification time (`make` runs it)\n"
    "\n"
    "options: --dict DIR (dictionary folder), --date, --top N (default 40)\n";

static long nmsg;

static void print_diag(void *ud, const char *file, long line, const char *msg)
{
    (void)ud;
    nmsg++;
    term_put_message(stdout, "", file, line, msg);
}

static void quiet_diag(void *ud, const char *file, long line, const char *msg)
{
    (void)ud;
    (void)file;
    (void)line;
    (void)msg;
}

static void print_entry(void *ud, const char *where, const char *line)
{
    (void)ud;
    printf("  %s: %s\n", where, line);
}

int cmd_dict(int argc, char **argv,
             const char *(*find_dict)(const char *opt, char *buf, unsigned long n))
{
    if (argc < 1 || !strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")) {
        fputs(usage_dict, argc < 1 ? stderr : stdout);
        return argc < 1 ? 2 : 0;
    }
    const char *sub = argv[0], *dictdir = NULL, *date = "", *code = NULL;
    int top = 40;
    const char **args = calloc((size_t)argc + 1, sizeof *args);
    int nargs = 0;
    if (!args)
        return 2;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage_dict, stdout);
            free(args);
            return 0;
        }
        if (!strcmp(argv[i], "--dict") && i + 1 < argc)
            dictdir = argv[++i];
        else if (!strcmp(argv[i], "--date") && i + 1 < argc)
            date = argv[++i];
        else if (!strcmp(argv[i], "--code") && i + 1 < argc)
            code = argv[++i];
        else if (!strcmp(argv[i], "--top") && i + 1 < argc)
            top = atoi(argv[++i]);
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "entente dict: unknown or incomplete option %s\n", argv[i]);
            free(args);
            return 2;
        } else
            args[nargs++] = argv[i];
    }
    char dbuf[4096];
    int rc = 0;
    if (!strcmp(sub, "check")) {
        const char *dir = nargs ? args[0] : find_dict(dictdir, dbuf, sizeof dbuf);
        int warn = 0;
        int errors = ent_dict_check(dir, print_diag, NULL, &warn);
        printf("entente dict check %s: %d error%s, %d warning%s\n", dir, errors,
               errors == 1 ? "" : "s", warn, warn == 1 ? "" : "s");
        rc = errors ? 1 : 0;
    } else if (!strcmp(sub, "compile")) {
        const char *dir = nargs ? args[0] : find_dict(dictdir, dbuf, sizeof dbuf);
        ent_rc erc = ent_dict_compile(dir, print_diag, NULL);
        if (erc != ENT_OK) {
            fprintf(stderr, "entente dict compile %s: %s\n", dir, ent_strerror(erc));
            rc = 2;
        } else {
            printf("entente dict compile %s:", dir);
            static const char *const out[] = {"dict.gen.bin", "places.gen.bin"};
            for (int i = 0; i < 2; i++) {
                char path[4200];
                struct stat st;
                snprintf(path, sizeof path, "%s/%s", dir, out[i]);
                if (stat(path, &st) == 0 && st.st_size >= 1048576)
                    printf("%s %s (%.1f MB)", i ? "," : "", out[i], st.st_size / 1048576.0);
                else if (stat(path, &st) == 0)
                    printf("%s %s (%.1f KB)", i ? "," : "", out[i], st.st_size / 1024.0);
                else
                    printf("%s no %s", i ? "," : "", out[i]);
            }
            printf("\n");
        }
    } else if (!strcmp(sub, "lookup")) {
        const char *dir = find_dict(dictdir, dbuf, sizeof dbuf);
        ent_rc erc;
        ent_coder *c = ent_coder_new(dir, quiet_diag, NULL, NULL, &erc);
        if (!c) {
            fprintf(stderr, "entente dict: cannot load %s: %s\n", dir, ent_strerror(erc));
            free(args);
            return 2;
        }
        if (code) {
            printf("entries with code %s:\n", code);
            if (!ent_coder_lookup_code(c, code, print_entry, NULL)) {
                printf("  none\n");
                rc = 1;
            }
        } else if (nargs == 1) {
            printf("entries naming \"%s\":\n", args[0]);
            if (!ent_coder_lookup(c, args[0], print_entry, NULL))
                printf("  none (exactly)\n");
            ent_result *r = ent_coder_code_text(c, args[0], date);
            printf("coded%s%s as:\n", date[0] ? " on " : "", date);
            for (int i = 0; r && i < r->nmentions; i++)
                printf("  %s  \"%s\"  (%s; %s)\n", r->mentions[i].code, r->mentions[i].text,
                       r->mentions[i].kind, r->mentions[i].entry);
            if (!r || !r->nmentions) {
                printf("  no actor\n");
                rc = 1;
            }
            ent_result_free(r);
        } else {
            fputs("entente dict lookup: give one PHRASE or --code CODE\n", stderr);
            rc = 2;
        }
        ent_coder_free(c);
    } else if (!strcmp(sub, "gaps")) {
        if (!nargs) {
            fputs("entente dict gaps: no input given\n", stderr);
            free(args);
            return 2;
        }
        const char *dir = find_dict(dictdir, dbuf, sizeof dbuf);
        ent_rc erc;
        ent_coder *c = ent_coder_new(dir, quiet_diag, NULL, NULL, &erc);
        if (!c) {
            fprintf(stderr, "entente dict: cannot load %s: %s\n", dir, ent_strerror(erc));
            free(args);
            return 2;
        }
        ent_reader_opts ro = {date[0] ? date : NULL, NULL, 0, NULL, NULL, 0};
        ent_reader *r = ent_reader_new(&ro);
        for (int i = 0; i < nargs; i++)
            ent_reader_add(r, args[i]);
        ent_gaps *g = ent_gaps_new();
        char ipath[4200];
        snprintf(ipath, sizeof ipath, "%s/gaps-ignore.txt", dir);
        if (g)
            ent_gaps_ignore(g, ipath); /* optional */
        ent_doc *d;
        long ndocs = 0;
        while (ent_reader_next(r, &d) == ENT_OK) {
            ent_gaps_add(g, c, d);
            ndocs++;
            ent_doc_free(d);
        }
        printf("%ld documents\n", ndocs);
        ent_gaps_write(g, stdout, top);
        ent_gaps_free(g);
        ent_reader_free(r);
        ent_coder_free(c);
    } else {
        fprintf(stderr, "entente dict: unknown command '%s'\n\n%s", sub, usage_dict);
        rc = 2;
    }
    free(args);
    return rc;
}
