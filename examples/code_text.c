/*
 * code_text.c - the smallest program on libentente: code one piece of text
 * given on the command line (or a default sentence) and print its events,
 * one a line, as "source code target (mode)". Built against an installed
 * entente with
 *   cc code_text.c $(pkg-config --cflags --libs entente) -o code_text
 * and run as ./code_text ["TEXT" [YYYY-MM-DD]]. It finds the data files
 * with ent_datadir() (installed beside the library). Exits 0 when at least
 * one event was coded, 1 when none, 2 on an error.
 */
#include <entente.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *text = argc > 1 ? argv[1] : "Russian forces attacked Ukrainian positions.";
    const char *date = argc > 2 ? argv[2] : "2022-03-01";
    if (strcmp(ent_version(), ENT_VERSION) != 0)
        fprintf(stderr, "note: built against entente %s, running with %s\n", ENT_VERSION,
                ent_version());
    ent_rc rc;
    ent_coder *coder = ent_coder_new(ent_datadir(), NULL, NULL, NULL, &rc);
    if (!coder) {
        fprintf(stderr, "cannot load the dictionaries from %s: %s\n", ent_datadir(),
                ent_strerror(rc));
        return 2;
    }
    ent_result *res = ent_coder_code_text(coder, text, date);
    if (!res) {
        fprintf(stderr, "coding failed: %s\n", ent_coder_parser_error(coder));
        ent_coder_free(coder);
        return 2;
    }
    for (int i = 0; i < res->nevents; i++) {
        const ent_event *ev = ent_result_event(res, i);
        printf("%s %s %s (%s) %s\n", ev->source.code, ev->code, ev->target.code,
               ent_mode_name(ev->mode), ev->date);
    }
    int n = res->nevents;
    ent_result_free(res);
    ent_coder_free(coder);
    return n > 0 ? 0 : 1;
}
