/*
 * spec_runner.c - runs the spec files (test/spec/NAME.txt): each case is input
 * text ("> " lines), an optional date ("@ YYYY-MM-DD") and the expected
 * events ("= SOURCE TARGET CODE MODE" or "= none"). The coded set of events
 * must equal the expected set. Usage: spec_runner DATADIR FILE...
 * Prints each failure with the events produced, then "N passed, N failed".
 */
#include "entente.h"
#include "testing.h"

#include <stdlib.h>

#define MAXEV 64

typedef struct spec_case {
    char text[8192];
    char date[16];
    char want[MAXEV][128];
    int nwant;
    int none;
    long line;
} spec_case;

static int cmp(const void *a, const void *b) { return strcmp(a, b); }

static void run_case(const ent_coder *c, const char *file, spec_case *k)
{
    ent_result *r = ent_coder_code_text(c, k->text, k->date[0] ? k->date : "2016-12-20");
    char got[MAXEV][128];
    int ngot = 0;
    for (int i = 0; r && i < r->nevents && ngot < MAXEV; i++) {
        const ent_event *e = &r->events[i];
        snprintf(got[ngot++], 128, "%s %s %s %s", e->source.code, e->target.code,
                 e->code, ent_mode_name(e->mode));
    }
    qsort(got, (size_t)ngot, 128, cmp);
    qsort(k->want, (size_t)k->nwant, 128, cmp);
    int same = r && ngot == k->nwant;
    for (int i = 0; same && i < ngot; i++)
        same = strcmp(got[i], k->want[i]) == 0;
    if (same) {
        t_pass++;
    } else {
        t_fail++;
        fprintf(stderr, "%s:%ld: spec case failed\n  text: %s\n  want:", file, k->line,
                k->text);
        for (int i = 0; i < k->nwant; i++)
            fprintf(stderr, "%s %s", i ? "," : "", k->want[i]);
        if (!k->nwant)
            fprintf(stderr, " none");
        fprintf(stderr, "\n  got: ");
        for (int i = 0; i < ngot; i++)
            fprintf(stderr, "%s %s", i ? "," : "", got[i]);
        if (!ngot)
            fprintf(stderr, " none");
        fputc('\n', stderr);
        for (int i = 0; r && i < r->nevents; i++)
            fprintf(stderr, "    %s -> %s [%s]: %s\n", r->events[i].source.text,
                    r->events[i].target.text, r->events[i].code, r->events[i].evidence);
    }
    ent_result_free(r);
}

static void run_file(const ent_coder *c, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        t_fail++;
        return;
    }
    char line[8192];
    spec_case k;
    memset(&k, 0, sizeof k);
    int open = 0;
    long ln = 0;
    for (;;) {
        char *got = fgets(line, sizeof line, f);
        if (got) {
            ln++;
            line[strcspn(line, "\r\n")] = 0;
        }
        int blank = !got || !line[0];
        if (blank) {
            if (open) {
                if (!k.nwant && !k.none) {
                    fprintf(stderr, "%s:%ld: case without expected events\n", path, k.line);
                    t_fail++;
                } else {
                    run_case(c, path, &k);
                }
            }
            memset(&k, 0, sizeof k);
            open = 0;
            if (!got)
                break;
            continue;
        }
        if (!strncmp(line, "> ", 2)) {
            if (!open) {
                open = 1;
                k.line = ln;
            }
            if (k.text[0])
                strncat(k.text, " ", sizeof k.text - strlen(k.text) - 1);
            strncat(k.text, line + 2, sizeof k.text - strlen(k.text) - 1);
        } else if (!strncmp(line, "@ ", 2)) {
            /* the date may come before the text or after it */
            snprintf(k.date, sizeof k.date, "%.10s", line + 2);
        } else if (open && !strncmp(line, "= ", 2)) {
            if (!strcmp(line + 2, "none"))
                k.none = 1;
            else if (k.nwant < MAXEV) {
                /* normalise spaces */
                char a[32], b[32], cc[16], m[24];
                if (sscanf(line + 2, "%31s %31s %15s %23s", a, b, cc, m) != 4) {
                    fprintf(stderr, "%s:%ld: expected '= SOURCE TARGET CODE MODE'\n", path, ln);
                    t_fail++;
                } else {
                    snprintf(k.want[k.nwant++], 128, "%s %s %s %s", a, b, cc, m);
                }
            }
        }
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: spec_runner DATADIR FILE...\n");
        return 2;
    }
    int nbad = 0;
    ent_rc rc;
    ent_coder *c = ent_coder_new(argv[1], NULL, NULL, &nbad, &rc);
    if (!c) {
        fprintf(stderr, "cannot load dictionaries from %s: %s\n", argv[1], ent_strerror(rc));
        return 2;
    }
    for (int i = 2; i < argc; i++)
        run_file(c, argv[i]);
    ent_coder_free(c);
    printf("spec: %d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
