/*
 * test_dict.c - dictionary loading (dict.c): every bad line is reported as
 * file:line and skipped; dated roles pick the code for the document date;
 * verb lemmas are inflected; phrases match longest first.
 */
#include "dict.h"
#include "testing.h"

static char msgs[4096];
static void diag(void *ud, const char *file, long line, const char *msg)
{
    (void)ud;
    char one[600];
    snprintf(one, sizeof one, "%s:%ld: %s\n", file, line, msg);
    strncat(msgs, one, sizeof msgs - strlen(msgs) - 1);
}

static dict *D;

static int has_form(mem_arena *a, const char *lemma, const char *form)
{
    const char **f;
    int n = dict_inflect(D, a, lemma, &f);
    for (int i = 0; i < n; i++)
        if (!strcmp(f[i], form))
            return 1;
    return 0;
}

int main(void)
{
    dict *d = dict_new(diag, NULL);
    D = d;
    /* irregular forms, as in WordNet's verb.exc */
    const char *irr = "met meet\nfought fight\nstruck strike\nwithdrew withdraw\n"
                      "withdrawn withdraw\nheld hold\nbadline\nleft leave left\n";
    dict_load_buffer(d, "irregular", "irregular.gen.txt", irr, strlen(irr));
    CHECK(strstr(msgs, "irregular.gen.txt:7: expected 'inflected lemma [lemma...]'") != NULL);
    msgs[0] = 0;
    const char *cameo = "code\tname\troot\tquad\tgoldstein\tplover\n"
                        "040\tConsult\t04\t1\t1.0\tCONSULT\n"
                        "190\tFight\t19\t4\t-10.0\tASSAULT\n"
                        "19x\tBad\t19\t4\t-10\tX\n"
                        "195\tAir\t19\t9\t-10\t\n";
    dict_load_buffer(d, "cameo", "cameo.tsv", cameo, strlen(cameo));
    CHECK(strstr(msgs, "cameo.tsv:4: bad CAMEO code") != NULL);
    CHECK(strstr(msgs, "cameo.tsv:5: quad class must be 1-4") != NULL);
    CHECK(dict_cameo_find(d, "190") >= 0);
    CHECK(dict_cameo_find(d, "19x") < 0);

    const char *actors =
        "# people\n"
        "Hassan Rouhani; Rouhani | IRNGOV@2013-08-03..2021-08-03, IRNELI | person\n"
        "Russia | RUS | country\n"
        "Iran | IRN | nation\n"
        "Nowhere | rus | country\n"
        "Bad Range | RUS@2016-13-01.. | country\n"
        "Only Field\n"
        "Islamic State; IS | IMGMUS | group\n"
        "Washington Post; \"the Post\" | USAMED | media\n";
    msgs[0] = 0;
    dict_load_buffer(d, "actors", "actors.txt", actors, strlen(actors));
    CHECK(strstr(msgs, "actors.txt:4: unknown kind 'nation'") != NULL);
    CHECK(strstr(msgs, "actors.txt:5: 'rus' is not an actor code") != NULL);
    CHECK(strstr(msgs, "actors.txt:6: bad date") != NULL);
    CHECK(strstr(msgs, "actors.txt:7: expected 'names | codes | kind'") != NULL);
    CHECK_INT(dict_nbad(d), 7);

    const char *agents = "rebel; rebels | REB | solo\npresident | GOV | bound\nx | GOV | maybe\n";
    msgs[0] = 0;
    dict_load_buffer(d, "agents", "agents.txt", agents, strlen(agents));
    CHECK(strstr(msgs, "agents.txt:3: third field must be 'solo' or 'bound'") != NULL);

    const char *verbs = "040 sym | meet+; hold+ talks with\n190 | fight+ .. against\n"
                        "999 | foo+\n040 | .. meet\n190 wrong | attack+\n";
    msgs[0] = 0;
    dict_load_buffer(d, "verbs", "verbs.txt", verbs, strlen(verbs));
    CHECK(strstr(msgs, "verbs.txt:3: '999' is not a CAMEO event code") != NULL);
    CHECK(strstr(msgs, "verbs.txt:4: pattern '.. meet' is empty or starts") != NULL);
    CHECK(strstr(msgs, "verbs.txt:5: the code may only be followed by the flag 'sym'") != NULL);
    int n;
    CHECK(dict_patterns_for(d, "met", &n) && n == 1);
    CHECK(dict_patterns_for(d, "holding", &n) && n == 1);
    CHECK(dict_patterns_for(d, "fought", &n) && n == 1);

    /* dated roles */
    const char *norms[] = {"president", "hassan", "rouhani", "said"};
    dict_phrase ph[4];
    int nph;
    CHECK_INT(dict_match_phrase(d, norms, NULL, 4, 1, ph, 4, &nph), 2);
    CHECK(nph == 1 && ph[0].type == DICT_ACTOR);
    const dict_actor *a = dict_actor_at(d, ph[0].idx);
    CHECK_STR(dict_actor_code(a, 20161123), "IRNGOV");
    CHECK_STR(dict_actor_code(a, 20240101), "IRNELI");
    CHECK_STR(dict_actor_code(a, 20130803), "IRNGOV");
    CHECK_STR(dict_actor_code(a, 20210804), "IRNELI");
    CHECK_INT(dict_match_phrase(d, norms, NULL, 4, 0, ph, 4, &nph), 1);
    CHECK(nph == 1 && ph[0].type == DICT_AGENT);

    /* a quoted name is matched as written */
    const char *post[] = {"the", "post", "said"};
    const char *office[] = {"the", "post", "office"};
    unsigned char cap_post[] = {DICT_CAPS_INITIAL, DICT_CAPS_INITIAL, 0};
    unsigned char low_post[] = {0, 0, 0};
    unsigned char cap_office[] = {0, DICT_CAPS_INITIAL, DICT_CAPS_INITIAL};
    CHECK_INT(dict_match_phrase(d, post, cap_post, 3, 0, ph, 4, &nph), 2);
    CHECK(nph == 1 && ph[0].type == DICT_ACTOR && ph[0].capmask == 2u);
    CHECK_INT(dict_match_phrase(d, post, low_post, 3, 0, ph, 4, &nph), 0);
    CHECK_INT(dict_match_phrase(d, office, cap_office, 3, 0, ph, 4, &nph), 0);
    CHECK_INT(dict_match_phrase(d, post, NULL, 3, 0, ph, 4, &nph), 2); /* case not looked at */
    CHECK_INT(dict_match_phrase(d, post, cap_post, 3, 1, ph, 4, &nph), 0); /* "the" is needed */

    /* inflections */
    mem_arena ar = {0};
    CHECK(has_form(&ar, "bomb", "bombed"));
    CHECK(has_form(&ar, "bomb", "bombing"));
    CHECK(has_form(&ar, "veto", "vetoes"));
    CHECK(has_form(&ar, "veto", "vetoed"));
    CHECK(has_form(&ar, "criticize", "criticized"));
    CHECK(has_form(&ar, "criticize", "criticizing"));
    CHECK(has_form(&ar, "ban", "banned"));
    CHECK(has_form(&ar, "deny", "denied"));
    CHECK(has_form(&ar, "deny", "denies"));
    CHECK(has_form(&ar, "agree", "agreeing"));
    CHECK(has_form(&ar, "meet", "met"));
    CHECK(has_form(&ar, "withdraw", "withdrawn"));
    CHECK(has_form(&ar, "attack", "attacks"));
    CHECK(has_form(&ar, "push", "pushes"));
    CHECK(!has_form(&ar, "bomb", "bombs "));
    mem_arena_free(&ar);
    CHECK(dict_is_participle(d, "bombed"));
    CHECK(dict_is_participle(d, "struck"));
    CHECK(!dict_is_participle(d, "bomb"));
    dict_free(d);

    /* a missing required file fails cleanly */
    ent_rc rc;
    CHECK(dict_load("/nonexistent-entente-dir", NULL, NULL, NULL, &rc) == NULL);
    CHECK_INT(rc, ENT_EDICT);
    TEST_DONE();
}
