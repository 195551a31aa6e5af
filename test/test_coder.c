/*
 * test_coder.c - the coding API (coder.c): provenance points into the
 * text, repeated sentences are coded once, modes and compounds come out,
 * and pathological input (a huge sentence, thousands of actors) is coded
 * without trouble.
 */
#include "entente.h"
#include "testing.h"

#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    const char *data = getenv("ENTENTE_DATA") ? getenv("ENTENTE_DATA") : "data";
    int nbad = -1;
    ent_coder *c = ent_coder_new(data, NULL, NULL, &nbad, NULL);
    CHECK(c != NULL);
    if (!c)
        TEST_DONE();
    CHECK_INT(nbad, 0); /* the shipped dictionaries are clean */
    ent_dict_stats st;
    ent_coder_stats(c, &st);
    CHECK(st.cameo_codes > 300);
    CHECK(st.actors > 250);

    const char *text = "Pull quote: Russia bombed Syrian rebels.\n\n"
                       "Russia bombed Syrian rebels.\n\n"
                       "Russia bombed Syrian rebels.";
    ent_result *r = ent_coder_code_text(c, text, "2016-12-20");
    CHECK(r != NULL);
    CHECK_INT(r->nsentences, 3);
    CHECK_INT(r->sentences[2].duplicate, 1);
    CHECK_INT(r->nevents, 2);
    for (int i = 0; i < r->nevents; i++) {
        const ent_event *e = &r->events[i];
        const ent_sentence *s = &r->sentences[e->sentence];
        /* spans point into the text */
        CHECK(!strncmp(text + s->start, s->text, s->end - s->start));
        CHECK(!strncmp(text + e->source.start, e->source.text, e->source.end - e->source.start));
        CHECK_STR(e->source.code, "RUS");
        CHECK_STR(e->target.code, "SYRREB");
        CHECK_STR(e->root, "19");
        CHECK_INT(e->quad, 4);
        CHECK(e->goldstein <= -9.0);
        CHECK(strstr(e->evidence, "verbs.txt:") != NULL);
        CHECK(strstr(e->evidence, "actors.txt:") != NULL || strstr(e->evidence, "countries.gen.txt:") != NULL);
    }
    ent_result_free(r);

    /* a sentence repeated from an earlier document is not coded again */
    ent_dedup *dd = ent_dedup_new(0, 0);
    const char *wire = "Russian warplanes bombed Syrian rebels near Aleppo on Monday, officials said.";
    ent_result *r1 = ent_coder_code_text(c, wire, "2016-12-20");
    char two[512];
    snprintf(two, sizeof two, "Iran condemned Israel on Tuesday.\n\n%s", wire);
    ent_result *r2 = ent_coder_code_text(c, two, "2016-12-20");
    CHECK(r1 && r2 && r1->nevents == 1 && r2->nevents == 2);
    CHECK_INT(ent_dedup_sentences(dd, r1), 0);
    CHECK_INT(ent_dedup_sentences(dd, r2), 1);
    CHECK_INT(r2->sentences[1].duplicate, 2);
    CHECK_INT(r2->nevents, 1);
    CHECK_STR(r2->events[0].source.code, "IRN");
    ent_result_free(r1);
    ent_result_free(r2);
    ent_dedup_free(dd);

    /* pathological: a 20,000-word sentence with thousands of actors */
    size_t cap = 200000, n = 0;
    char *big = malloc(cap);
    while (n + 40 < cap) {
        memcpy(big + n, "Russia, Iran and Turkey met Syria and ", 38);
        n += 38;
    }
    big[n] = 0;
    r = ent_coder_code_text(c, big, "2016-12-20");
    CHECK(r != NULL && r->nsentences > 1);
    ent_result_free(r);
    /* no text at all */
    r = ent_coder_code_text(c, "", "2016-12-20");
    CHECK(r != NULL && r->nsentences == 0 && r->nevents == 0);
    ent_result_free(r);
    free(big);

    /* the gap list: an unknown person is listed; places, headlines,
     * clause-initial words, handles, covered compounds and the names of
     * wars are not */
    ent_doc gd = {0};
    gd.text = "Moscow's Desert Dilemma\n\n"
              "Zorvak Telmani met Russian officials in Aleppo on Monday. "
              "Zorvak Telmani later toured the towns of Qarmun and Beit Selka. "
              "Russian-Iranian ties were tested during the Syrian Civil War. "
              "He wrote: \"Instead of talks, the army shelled villages around Wadi Samrak.\" "
              "Follow him @ZorvakT99.";
    gd.len = strlen(gd.text);
    snprintf(gd.date, sizeof gd.date, "2016-12-20");
    ent_gaps *gp = ent_gaps_new();
    CHECK_INT(ent_gaps_add(gp, c, &gd), 0);
    char *out = NULL;
    size_t outlen = 0;
    FILE *mf = open_memstream(&out, &outlen);
    ent_gaps_write(gp, mf, 40);
    fclose(mf);
    CHECK(strstr(out, "  zorvak telmani  ") != NULL);
    CHECK(strstr(out, "left out as places: ") != NULL);
    CHECK(strstr(out, " aleppo 1") != NULL);
    CHECK(strstr(out, " qarmun 1") != NULL);
    CHECK(strstr(out, " beit selka 1") != NULL);
    CHECK(strstr(out, " wadi samrak 1") != NULL);
    CHECK(strstr(out, "  aleppo  ") == NULL);
    CHECK(strstr(out, "dilemma") == NULL);
    CHECK(strstr(out, "russian-iranian") == NULL);
    CHECK(strstr(out, "civil war") == NULL);
    CHECK(strstr(out, "  instead  ") == NULL);
    CHECK(strstr(out, "zorvakt99") == NULL);
    free(out);
    ent_gaps_free(gp);

    /* names on the curator's ignore list are counted, not listed */
    char ipath[] = "/tmp/entente-gaps-ignore-XXXXXX";
    int fd = mkstemp(ipath);
    CHECK(fd >= 0);
    FILE *ig = fdopen(fd, "w");
    fputs("# reviewed\nZorvak Telmani   # not an actor here\n\n", ig);
    fclose(ig);
    gp = ent_gaps_new();
    CHECK_INT(ent_gaps_ignore(gp, ipath), 1);
    CHECK_INT(ent_gaps_ignore(gp, "/nonexistent/gaps-ignore.txt"), -1);
    ent_gaps_add(gp, c, &gd);
    mf = open_memstream(&out, &outlen);
    ent_gaps_write(gp, mf, 40);
    fclose(mf);
    CHECK(strstr(out, "zorvak telmani") == NULL);
    CHECK(strstr(out, "left out as reviewed non-actors: 2 occurrences") != NULL);
    free(out);
    ent_gaps_free(gp);
    unlink(ipath);
    /* PETRARCH's options belong to PETRARCH coders only */
    CHECK_INT(ent_coder_set_petrarch_option(c, "require_dyad", "false"), ENT_EUSAGE);
    ent_coder_free(c);
    TEST_DONE();
}
