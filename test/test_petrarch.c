/*
 * test_petrarch.c - the PETRARCH dictionary readers (src/code/petrarch.c) on
 * small dictionaries written here in the PETRARCH formats: dated actor
 * codes, synonyms, agents with plurals and substitution sets, a verb block
 * with synsets and patterns, discards, and bad lines reported as
 * file:line.
 */
#include "code/codeint.h"
#include "code/petrarch.h"
#include "testing.h"

#include <stdlib.h>

static char diags[8192];
static void diag(void *ud, const char *file, long line, const char *msg)
{
    (void)ud;
    size_t k = strlen(diags);
    snprintf(diags + k, sizeof diags - k, "%s:%ld: %s\n", file ? file : "?", line, msg);
}

static const char *data_dir(void)
{
    const char *e = getenv("ENTENTE_DATA");
    return e ? e : "data";
}

static const char actors[] =
    "# test actors\n"
    "VALDORIA [VAL]\n"
    "+VALDORIAN\n"
    "+THE_HIGH_REPUBLIC_\n"
    "KESTREN [KES]\n"
    "MARLOW_PIKE\n"
    "+PIKE\n"
    "\t[VALREB <950101]\n"
    "\t[VALGOV 19950101-19981231]\n"
    "\t[VALELI >981231]\n"
    "ORPHAN_NAME  # no code at all\n"
    "BROKEN_DATE [VAL 19991340-20000101]\n"
    "<!-- a comment\n"
    "   over lines -->\n"
    "TRAVEN [---]\n"
    "TWIN_CROWNS [val/kes]\n";

static const char agents[] =
    "!HAND! = SAILOR, SAILORS, DOCKER\n"
    "SOLDIER [~MIL]\n"
    "HARBOUR_!HAND! {} [~LAB]\n"
    "AID_GROUP [NGO~]\n"
    "CHANCELLOR {CHANCELLORS_GENERAL} [~GOV]\n"
    "BAD_AGENT [GOV]\n";

static const char verbs[] =
    "&GOODS\n"
    "+GRAIN\n"
    "+FUEL\n"
    "+FRESH_WATER\n"
    "\n"
    "--- SHIP [070] ---\n"
    "SHIP\n"
    "FERRY {FERRIED}\n"
    "- * &GOODS TO + [0712]\n"
    "- * ARMS [0713:0233]\n"
    "- * NOTHING [---]\n"
    "\n"
    "--- PRAISE [051] ---\n"
    "PRAISE\n"
    "- * WARMLY_INDEED [052]\n"
    "\n"
    "--- SCOLD [1999] ---\n"
    "SCOLD\n"
    "- * %  [1999]\n"
    "- NOT_A_PATTERN\n"
    "\n"
    "--- HEAR [031] ---\n"
    "HEAR {HEARD}\n"
    "- % * [036:036]\n"
    "- + * FROM $ [038]\n"
    "\n"
    "--- LEAVE [012] ---\n"
    "LEAVE\n"
    "--- LEFT [032] ---\n"
    "LEFT\n"
    "--- RALLY [141] ---\n"
    "RALLY\n"
    "- ANTI- + * [142]\n"
    "- IN_ * [143]\n"
    "--- CLOSE [192] ---\n"
    "CLOSE\n"
    "--- SHUN [191] ---\n"
    "SHUN\n"
    "- NEITHER * [081]\n"
    "--- TOAST [051] ---\n"
    "TOAST\n"
    "- * SUPPER AT ^ + [053]\n"
    "- $ ^ AT * [054]\n";

static const char discards[] =
    "FOOTBALL\n"
    "+HOROSCOPE_\n";

static int nevents(ent_result *r) { return r ? r->nevents : -1; }

/* The events of text as "SRC TGT CODE mode" lines, in order, into out. */
static const char *coded(const ent_coder *c, const char *text)
{
    static char out[1024];
    out[0] = 0;
    ent_result *r = ent_coder_code_text(c, text, "1999-03-01");
    for (int i = 0; r && i < r->nevents; i++) {
        const ent_event *e = &r->events[i];
        size_t k = strlen(out);
        snprintf(out + k, sizeof out - k, "%s%s %s %s %s", k ? "; " : "", e->source.code,
                 e->target.code, e->code, ent_mode_name(e->mode));
    }
    ent_result_free(r);
    return out;
}

int main(void)
{
    dict *d = dict_new(diag, NULL);
    char path[512];
    snprintf(path, sizeof path, "%s/cameo.tsv", data_dir());
    CHECK(dict_load_file(d, "cameo", path) == 0);
    snprintf(path, sizeof path, "%s/irregular.gen.txt", data_dir());
    dict_load_file(d, "irregular", path);
    CHECK(petr_load_buffer(d, "actors", "t.actors.txt", actors, sizeof actors - 1) == 0);
    CHECK(petr_load_buffer(d, "agents", "t.agents.txt", agents, sizeof agents - 1) == 0);
    CHECK(petr_load_buffer(d, "verbs", "t.verbs.txt", verbs, sizeof verbs - 1) == 0);
    CHECK(petr_load_buffer(d, "discards", "t.discards.txt", discards, sizeof discards - 1) == 0);
    CHECK(petr_load_buffer(d, "nonsense", "x", "", 0) == -1);

    /* bad lines, with file:line */
    CHECK(strstr(diags, "t.actors.txt:11: actor 'orphan name' has no code") != NULL);
    CHECK(strstr(diags, "t.actors.txt:12: ") != NULL);
    CHECK(strstr(diags, "t.agents.txt:6: agent code 'GOV' needs '~'") != NULL);
    CHECK(strstr(diags, "t.verbs.txt:20: pattern without a [CODE]") != NULL);
    CHECK(dict_nbad(d) == 4);
    if (dict_nbad(d) != 4)
        fprintf(stderr, "%s", diags);

    /* issue 14: an unclosed <!-- is an error at its line, the lines it
     * swallowed are counted; swallowing most of a file fails the load */
    {
        dict *u = dict_new(diag, NULL);
        static const char ag[] = "MINISTER [~GOV]\nPOLICE [~COP]\n<!-- open\nARMY [~MIL]\n";
        diags[0] = 0;
        CHECK_INT(petr_load_buffer(u, "agents", "u.agents.txt", ag, sizeof ag - 1), 0);
        CHECK(strstr(diags, "u.agents.txt:3: error: unclosed <!-- comment: the 1 line after it") != NULL);
        CHECK_INT(dict_nbad(u), 1);
        static const char ag2[] = "MINISTER [~GOV]\n<!-- open\nPOLICE [~COP]\nARMY [~MIL]\nX [~X]\n";
        diags[0] = 0;
        CHECK_INT(petr_load_buffer(u, "agents", "v.agents.txt", ag2, sizeof ag2 - 1), -2);
        if (!strstr(diags, "only 1 of its 4"))
            fprintf(stderr, "%s", diags);
        CHECK(strstr(diags, "v.agents.txt:0: error: only 1 of its 4 lines loaded") != NULL);
        CHECK_INT(petr_load_buffer(u, "agents", "w.agents.txt", "# nothing\n", 10), -2);
        dict_free(u);
    }

    /* dated codes: YYMMDD and YYYYMMDD, < and > exclusive */
    const char *norms[] = {"marlow", "pike"};
    dict_phrase ph[4];
    int n;
    CHECK_INT(dict_match_phrase(d, norms, NULL, 2, 0, ph, 4, &n), 2);
    const dict_actor *a = dict_actor_at(d, ph[0].idx);
    CHECK_STR(dict_actor_code(a, 19941231), "VALREB");
    CHECK_STR(dict_actor_code(a, 19950101), "VALGOV");
    CHECK_STR(dict_actor_code(a, 19981231), "VALGOV");
    CHECK_STR(dict_actor_code(a, 19990101), "VALELI");
    /* synonyms and a final "_" */
    const char *syn[] = {"the", "high", "republic"};
    CHECK_INT(dict_match_phrase(d, syn, NULL, 3, 0, ph, 4, &n), 3);
    CHECK_STR(dict_actor_code(dict_actor_at(d, ph[0].idx), 19990101), "VAL");
    /* [---]: named, but not an actor */
    const char *tr[] = {"traven"};
    CHECK_INT(dict_match_phrase(d, tr, NULL, 1, 0, ph, 4, &n), 1);
    CHECK(dict_actor_code(dict_actor_at(d, ph[0].idx), 19990101) == NULL);
    /* agents: regular plural, {} (none), explicit plural, substitution */
    const char *ag1[] = {"soldiers"}, *ag2[] = {"harbour", "dockers"}, *ag3[] = {"harbour", "sailors"},
               *ag4[] = {"chancellors", "general"};
    CHECK_INT(dict_match_phrase(d, ag1, NULL, 1, 0, ph, 4, &n), 1);
    CHECK_STR(dict_agent_at(d, ph[0].idx)->code, "MIL");
    CHECK_INT(dict_match_phrase(d, ag2, NULL, 2, 0, ph, 4, &n), 0); /* {}: no plural */
    CHECK_INT(dict_match_phrase(d, ag3, NULL, 2, 0, ph, 4, &n), 2);
    CHECK_STR(dict_agent_at(d, ph[0].idx)->code, "LAB");
    CHECK_INT(dict_match_phrase(d, ag4, NULL, 2, 0, ph, 4, &n), 2);
    /* codes missing from cameo.tsv get a row, out of the CAMEO table proper */
    int ci = dict_cameo_find(d, "1999");
    CHECK(ci >= 0 && dict_cameo_at(d, ci)->extra == 1);
    CHECK(ci >= 0 && dict_cameo_at(d, ci)->quad == 4); /* root 19 */
    CHECK(dict_cameo_at(d, dict_cameo_find(d, "070"))->extra == 0);
    dict_free(d);

    /* the coder through the public constructor, on files */
    const char *tmp = "build/test_petrarch.tmp";
    char f[4][600];
    const char *bodies[4] = {verbs, actors, agents, discards};
    const char *names[4] = {"verbs.txt", "actors.txt", "agents.txt", "discards.txt"};
    for (int i = 0; i < 4; i++) {
        snprintf(f[i], sizeof f[i], "%s.%s", tmp, names[i]);
        FILE *fp = fopen(f[i], "w");
        CHECK(fp != NULL);
        if (fp) {
            fputs(bodies[i], fp);
            fclose(fp);
        }
    }
    diags[0] = 0;
    int nbad = -1;
    ent_rc rc;
    ent_coder *c = ent_coder_new_petrarch(data_dir(), f[0], f[1], f[2], f[3], diag, NULL, &nbad, &rc);
    CHECK(c != NULL);
    CHECK_INT(nbad, 4);
    if (c) {
        ent_result *r = ent_coder_code_text(c, "Valdoria shipped grain to Kestren.", "1999-03-01");
        CHECK_INT(nevents(r), 1);
        if (nevents(r) == 1) {
            CHECK_STR(r->events[0].source.code, "VAL");
            CHECK_STR(r->events[0].target.code, "KES");
            CHECK_STR(r->events[0].code, "0712");
        }
        ent_result_free(r);
        /* a synset member of two words, and the verb's listed form */
        r = ent_coder_code_text(c, "Valdoria ferried fresh water to Kestren.", "1999-03-01");
        CHECK(nevents(r) == 1 && !strcmp(r->events[0].code, "0712"));
        ent_result_free(r);
        /* [A:B]: A from source to target and B back */
        r = ent_coder_code_text(c, "Kestren shipped arms to Valdoria.", "1999-03-01");
        CHECK_INT(nevents(r), 2);
        if (nevents(r) == 2) {
            CHECK_STR(r->events[0].code, "0713");
            CHECK_STR(r->events[1].source.code, "VAL");
            CHECK_STR(r->events[1].code, "0233");
        }
        ent_result_free(r);
        /* the bare verb codes the block's code; dated actor on the date */
        r = ent_coder_code_text(c, "Pike shipped tanks to Kestren.", "1996-05-01");
        CHECK(nevents(r) == 1 && !strcmp(r->events[0].code, "070") &&
              !strcmp(r->events[0].source.code, "VALGOV"));
        ent_result_free(r);
        /* [---]: matches and codes nothing */
        r = ent_coder_code_text(c, "Valdoria shipped nothing to Kestren.", "1999-03-01");
        CHECK_INT(nevents(r), 0);
        ent_result_free(r);
        /* agents combine with a country */
        r = ent_coder_code_text(c, "Valdorian soldiers scolded Kestren.", "1999-03-01");
        CHECK(nevents(r) == 1 && !strcmp(r->events[0].source.code, "VALMIL") &&
              !strcmp(r->events[0].code, "1999"));
        ent_result_free(r);
        /* discards: the sentence (stem "football" matches "footballers"),
         * or with + the whole story */
        r = ent_coder_code_text(c, "Valdoria scolded Kestren over its footballers.", "1999-03-01");
        CHECK_INT(nevents(r), 0);
        ent_result_free(r);
        r = ent_coder_code_text(c, "Valdoria scolded Kestren. Kestren scolded Valdoria.", "1999-03-01");
        CHECK_INT(nevents(r), 2);
        ent_result_free(r);
        r = ent_coder_code_text(c, "Valdoria scolded Kestren. Read your horoscope.", "1999-03-01");
        CHECK_INT(nevents(r), 0);
        ent_result_free(r);
        r = ent_coder_code_text(c, "Valdoria scolded Kestren. Read your horoscopes.", "1999-03-01");
        CHECK_INT(nevents(r), 1); /* "horoscope_" is exact */
        ent_result_free(r);
        /* PETRARCH mode: the future and the hedged are coded as done;
         * negation before the verb still negates */
        CHECK_STR(coded(c, "Valdoria will ship grain to Kestren."), "VAL KES 0712 asserted");
        CHECK_STR(coded(c, "Valdoria is about to ship grain to Kestren next month."),
                  "VAL KES 0712 asserted");
        CHECK_STR(coded(c, "Valdoria may soon scold Kestren."), "VAL KES 1999 asserted");
        CHECK_STR(coded(c, "Valdoria did not scold Kestren."), "VAL KES 1999 negated");
        /* PETRARCH mode: one noun phrase, one actor: the first actor's code
         * and the agents, whatever other actors the phrase names */
        CHECK_STR(coded(c, "Valdorian Chancellor Marlow Pike scolded Kestren."),
                  "VALGOV KES 1999 asserted");
        CHECK_STR(coded(c, "Kestren's new and untested chancellor Pike scolded Valdoria."),
                  "KESGOV VAL 1999 asserted");
        CHECK_STR(coded(c, "An aid group Kestren soldier scolded Valdoria."),
                  "NGOKESMIL VAL 1999 asserted");
        /* PETRARCH mode: a pattern's words anywhere in the clause, over
         * "that" and the target */
        CHECK_STR(coded(c, "Valdoria praised that Kestren had acted so very warmly indeed."),
                  "VAL KES 052 asserted");
        CHECK_STR(coded(c, "Valdoria praised that Kestren had acted, warmly indeed."),
                  "VAL KES 051 asserted");
        /* PETRARCH mode: agent + from + country; an agent before a
         * compound goes with each member */
        CHECK_STR(coded(c, "Soldiers from Kestren scolded Valdoria."), "KESMIL VAL 1999 asserted");
        CHECK_STR(coded(c, "The soldiers of Valdoria, the High Republic and Kestren scolded Pike."),
                  "VALMIL VALELI 1999 asserted; KESMIL VALELI 1999 asserted");
        /* "% *" codes the members of a compound with each other, and
         * only after a compound; "+ * FROM $" has its source after the verb */
        CHECK_STR(coded(c, "Kestren and Valdoria heard nothing new."),
                  "KES VAL 036 asserted; VAL KES 036 asserted");
        CHECK_STR(coded(c, "Kestren heard Valdoria."), "KES VAL 031 asserted");
        CHECK_STR(coded(c, "Kestren heard from Valdoria."), "VAL KES 038 asserted");
        /* "^" skips the noun phrase after "at": the target is the next
         * actor; a pattern cannot start with "^" (dropped after "$") */
        CHECK_STR(coded(c, "Valdoria toasted the supper at Kestren with Pike."),
                  "VAL VALELI 053 asserted");
        CHECK_STR(coded(c, "Valdoria toasted the supper at the old harbour."), "");
        CHECK_STR(coded(c, "Valdoria toasted Kestren."), "VAL KES 051 asserted");
        /* two agents joined by "and" share the country of one of them */
        CHECK_STR(coded(c, "Soldiers and harbour sailors of Kestren scolded Valdoria."),
                  "KESMIL VAL 1999 asserted; KESLAB VAL 1999 asserted");
        CHECK_STR(coded(c, "Soldiers and harbour sailors in Kestren and Pike scolded Valdoria."),
                  "KESMIL VAL 1999 asserted; VALMIL VAL 1999 asserted; KESLAB VAL 1999 asserted; "
                  "VALLAB VAL 1999 asserted");
        CHECK_STR(coded(c, "Kestren soldiers and harbour sailors scolded Valdoria."),
                  "KESMIL VAL 1999 asserted; KESLAB VAL 1999 asserted");
        CHECK_STR(coded(c, "The Kestren soldiers and harbour sailors scolded Valdoria."),
                  "KESMIL VAL 1999 asserted; ---LAB VAL 1999 asserted");
        /* a short parenthesis belongs to the actor before it */
        CHECK_STR(coded(c, "Kestren and the High Republic (THR) heard nothing new."),
                  "KES VAL 036 asserted; VAL KES 036 asserted");
        /* determiners and adjectives inside a compound; two actors in one
         * noun phrase are the first; "_" joins the words of a name */
        CHECK_STR(coded(c, "Kestren and the proud old Valdoria heard nothing new."),
                  "KES VAL 036 asserted; VAL KES 036 asserted");
        CHECK_STR(coded(c, "The proud Valdoria stern Pike scolded Kestren."),
                  "VAL KES 1999 asserted");
        CHECK_STR(coded(c, "Kestren scolded Marlow_Pike."), "KES VALELI 1999 asserted");
        /* PETRARCH verbs inflect by the regular rules only: "left" is the
         * verb LEFT, not WordNet's past of LEAVE */
        CHECK_STR(coded(c, "Kestren left Valdoria."), "KES VAL 032 asserted");
        CHECK_STR(coded(c, "Kestren leaves Valdoria."), "KES VAL 012 asserted");
        /* PETRARCH's require_dyad option: "---" for a missing side */
        CHECK_STR(coded(c, "Valdoria scolded nobody at all."), "");
        CHECK_INT(ent_coder_set_petrarch_option(c, "require_dyad", "False"), ENT_OK);
        CHECK_STR(coded(c, "Valdoria scolded nobody at all."), "VAL --- 1999 asserted");
        CHECK_STR(coded(c, "Kestren and Valdoria scolded nobody."),
                  "KES --- 1999 asserted; VAL --- 1999 asserted");
        CHECK_INT(ent_coder_set_petrarch_option(c, "require_dyad", "TRUE"), ENT_OK);
        CHECK_STR(coded(c, "Valdoria scolded nobody at all."), "");
        CHECK_INT(ent_coder_set_petrarch_option(c, "require_dyad", "maybe"), ENT_EUSAGE);
        CHECK_INT(ent_coder_set_petrarch_option(c, "comma_max", "many"), ENT_EUSAGE);
        CHECK_INT(ent_coder_set_petrarch_option(c, "comma_max", "-1"), ENT_EUSAGE);
        CHECK_INT(ent_coder_set_petrarch_option(c, "comma_wide", "3"), ENT_EUSAGE);
        /* comma clauses of 2 to 8 words are dropped at the end (comma_emin,
         * comma_emax) and between commas (comma_min, comma_max), not in a
         * list of actors; max 0 turns a check off */
        CHECK_STR(coded(c, "Valdoria scolded Kestren, then Pike praised Kestren."),
                  "VAL KES 1999 asserted");
        CHECK_STR(coded(c, "Valdoria scolded Kestren, as Pike praised Kestren, and left."),
                  "VAL KES 1999 asserted");
        CHECK_INT(ent_coder_set_petrarch_option(c, "comma_max", "0"), ENT_OK);
        CHECK_STR(coded(c, "Valdoria scolded Kestren, as Pike praised Kestren, and left."),
                  "VAL KES 1999 asserted; VALELI KES 051 asserted");
        CHECK_INT(ent_coder_set_petrarch_option(c, "comma_max", "8"), ENT_OK);
        CHECK_STR(coded(c, "Valdoria scolded Pike, Traven and Kestren again today."),
                  "VAL VALELI 1999 asserted; VAL KES 1999 asserted");
        CHECK_INT(ent_coder_set_petrarch_option(c, "comma_emax", "0"), ENT_OK);
        CHECK_STR(coded(c, "Valdoria scolded Kestren, then Pike praised Kestren."),
                  "VAL KES 1999 asserted; VALELI KES 051 asserted");
        CHECK_INT(ent_coder_set_petrarch_option(c, "comma_bmin", "1"), ENT_OK);
        CHECK_INT(ent_coder_set_petrarch_option(c, "comma_bmax", "3"), ENT_OK);
        CHECK_STR(coded(c, "Valdoria praised Pike, and for years Kestren scolded Pike."),
                  "KES VALELI 1999 asserted");
        CHECK_INT(ent_coder_set_petrarch_option(c, "comma_bmax", "0"), ENT_OK);
        CHECK_INT(ent_coder_set_petrarch_option(c, "comma_emax", "8"), ENT_OK);
        /* a comma between two plain words is inside a phrase */
        CHECK_STR(coded(c, "Valdoria praised the bold, steady work of Kestren over the years."),
                  "VAL KES 051 asserted");
        /* a clause that "after" opens under a coded verb codes nothing */
        CHECK_STR(coded(c, "Valdoria scolded Kestren after Pike praised Kestren."),
                  "VAL KES 1999 asserted");
        CHECK_STR(coded(c, "Valdoria met Kestren after Pike praised Kestren."),
                  "VALELI KES 051 asserted");
        CHECK_INT(ent_coder_set_petrarch_option(NULL, "require_dyad", "true"), ENT_EUSAGE);
        /* PETRARCH mode: nouns are not verbs after an article */
        CHECK_STR(coded(c, "Valdoria rallied Kestren."), "VAL KES 141 asserted");
        CHECK_STR(coded(c, "Valdoria watched an anti- Kestren rally on Monday."), "");
        CHECK_STR(coded(c, "Valdoria was in a rally with Kestren."), "");
        CHECK_STR(coded(c, "Kestren heard Valdoria during a brief private rally near Pike."),
                  "KES VAL 031 asserted");
        /* "[VAL/KES]": one name, several actors, a compound */
        CHECK_STR(coded(c, "The Twin Crowns scolded Pike."),
                  "VAL VALELI 1999 asserted; KES VALELI 1999 asserted");
        CHECK_STR(coded(c, "Twin Crowns soldiers scolded Pike."),
                  "VALMIL VALELI 1999 asserted; KESMIL VALELI 1999 asserted");
        /* "very close": not the verb; a passive with no "by" is read as
         * active; words of a pattern before the subject ("Neither A nor B") */
        CHECK_STR(coded(c, "Valdoria stayed very close to Kestren."), "");
        CHECK_STR(coded(c, "Kestren was scolded over its conduct toward Valdoria."),
                  "KES VAL 1999 asserted");
        CHECK_STR(coded(c, "Neither Valdoria nor Kestren shunned Pike."),
                  "VAL VALELI 081 asserted; KES VALELI 081 asserted");
        /* an agent of no country: "---" for the country, as PETRARCH */
        CHECK_STR(coded(c, "The chancellor scolded Kestren."), "---GOV KES 1999 asserted");
        CHECK_STR(coded(c, "Kestren and Valdorian soldiers scolded Pike."),
                  "KES VALELI 1999 asserted; VALMIL VALELI 1999 asserted");
    }
    ent_coder_free(c);
    /* a missing file is an error, not a skipped line */
    c = ent_coder_new_petrarch(data_dir(), "/nonexistent/verbs.txt", f[1], NULL, NULL, diag, NULL,
                               NULL, &rc);
    CHECK(c == NULL && rc == ENT_EDICT);
    for (int i = 0; i < 4; i++)
        remove(f[i]);
    TEST_DONE();
}
