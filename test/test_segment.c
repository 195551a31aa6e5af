/*
 * test_segment.c - sentence splitting and tokenization (segment.c): each
 * case is a text and the sentences it must give, joined by " | ".
 */
#include "base/mem.h"
#include "text/segment.h"
#include "testing.h"

static void split_case(const char *text, const char *want)
{
    mem_arena a = {0};
    seg_doc d;
    CHECK(seg_split(&a, text, strlen(text), &d) == 0);
    char got[4096] = "";
    for (int i = 0; i < d.nsents; i++) {
        if (i)
            strcat(got, " | ");
        strncat(got, text + d.sents[i].start, d.sents[i].end - d.sents[i].start);
    }
    CHECK_STR(got, want);
    mem_arena_free(&a);
}

static void token_case(const char *text, const char *want)
{
    mem_arena a = {0};
    seg_doc d;
    CHECK(seg_split(&a, text, strlen(text), &d) == 0);
    char got[4096] = "";
    for (int i = 0; i < d.ntoks; i++) {
        if (i)
            strcat(got, " ");
        strcat(got, d.toks[i].norm);
        /* offsets point into the text */
        CHECK(d.toks[i].end <= strlen(text) && d.toks[i].start < d.toks[i].end);
    }
    CHECK_STR(got, want);
    mem_arena_free(&a);
}

int main(void)
{
    split_case("Russia met Iran. Turkey met Syria.", "Russia met Iran. | Turkey met Syria.");
    split_case("U.S. officials met Iran. Then they left.",
               "U.S. officials met Iran. | Then they left.");
    split_case("Maj.-Gen. Qassem Soleimani met Mr. Putin in Moscow.",
               "Maj.-Gen. Qassem Soleimani met Mr. Putin in Moscow.");
    split_case("Gen. J. R. Allen spoke. The talks ended.",
               "Gen. J. R. Allen spoke. | The talks ended.");
    split_case("Loans of 3.5 billion dollars were offered. Iran agreed.",
               "Loans of 3.5 billion dollars were offered. | Iran agreed.");
    split_case("\"We will not yield,\" he said. \"Never.\" Iran left.",
               "\"We will not yield,\" he said. | \"Never.\" | Iran left.");
    split_case("Peace talks over Syria\nRussia and Iran met in Moscow.",
               "Peace talks over Syria | Russia and Iran met in Moscow.");
    split_case("Russia shifts position\n\nIran objects.",
               "Russia shifts position | Iran objects.");
    split_case("the hands of foreigners.Velayati said so.",
               "the hands of foreigners. | Velayati said so.");
    split_case("Did Iran agree? Russia says yes!", "Did Iran agree? | Russia says yes!");
    /* datelines glued to the text around them are segments of their own */
    split_case("Iraqi jets hit rebels Monitor AFP Friday 24 Jul 2015 Iraqi jets hit rebels.",
               "Iraqi jets hit rebels Monitor AFP | Friday 24 Jul 2015 | Iraqi jets hit rebels.");
    split_case("Date of publication 20 June 2016 An offensive began.",
               "Date of publication 20 June 2016 | An offensive began.");
    /* "Last updated at", and day and year run together */
    split_case("Last updated at Oct 042017 BEIRUT A strike killed five.",
               "Last updated at Oct 042017 | BEIRUT A strike killed five.");
    split_case("They met on Oct 042017 Iran said.", "They met on Oct 042017 Iran said.");
    split_case("Published October 10, 2014 At least ten died.",
               "Published October 10, 2014 | At least ten died.");
    split_case("15-11-2014 Syrian Army Kills Commander.", "15-11-2014 | Syrian Army Kills Commander.");
    /* a wire story's header is a segment of its own, flagged as such;
     * a dash inside a sentence, or after a word not in capitals, is not one */
    split_case("JABALYA REFUGEE CAMP, Gaza Strip (Reuters) - Palestinians sifted the rubble.",
               "JABALYA REFUGEE CAMP, Gaza Strip (Reuters) - | Palestinians sifted the rubble.");
    split_case("Reuters - Thai Prime Minister Thaksin Shinawatra shed few tears.",
               "Reuters - | Thai Prime Minister Thaksin Shinawatra shed few tears.");
    split_case("LONDON, Oct. 17 -- The war has not made the world safer.",
               "LONDON, Oct. 17 -- | The war has not made the world safer.");
    split_case("TONY EASTLEY: An Australian journalist has contradicted claims.",
               "TONY EASTLEY: | An Australian journalist has contradicted claims.");
    split_case("Iran - Russia relations are improving.", "Iran - Russia relations are improving.");
    split_case("Iran said: Russia agreed.", "Iran said: Russia agreed.");
    split_case("He said IRAN - Russia agreed.", "He said IRAN - Russia agreed.");
    {
        const char *t = "TEHRAN (Reuters) - Iran rejected the plan.";
        mem_arena a = {0};
        seg_doc d;
        CHECK(seg_split(&a, t, strlen(t), &d) == 0);
        CHECK(d.nsents == 2 && d.sents[0].wire == 1 && d.sents[1].wire == 0);
        mem_arena_free(&a);
    }
    /* a leading tag list is a segment of its own */
    split_case("Tags Syria Idlib Russia airstrikes Assad Airstrikes on a village killed five.",
               "Tags Syria Idlib Russia airstrikes Assad | Airstrikes on a village killed five.");
    split_case("Tags Aleppo Syria UK Russian forces returned to the city.",
               "Tags Aleppo Syria UK | Russian forces returned to the city.");
    split_case("Tags are sold here.", "Tags are sold here.");
    /* a line of tags with no prose after it is all list, flagged as such */
    {
        const char *t = "Tags Syria Raqqa airstrikes US-led coalition Kurds";
        mem_arena a = {0};
        seg_doc d;
        CHECK(seg_split(&a, t, strlen(t), &d) == 0);
        CHECK(d.nsents == 1 && d.sents[0].tags == 1);
        mem_arena_free(&a);
        const char *u = "Tags Syria Idlib Russia airstrikes Assad Airstrikes on a village killed five.";
        CHECK(seg_split(&a, u, strlen(u), &d) == 0);
        CHECK(d.nsents == 2 && d.sents[0].tags == 1 && d.sents[1].tags == 0);
        mem_arena_free(&a);
    }
    /* a date inside the sentence stays there */
    split_case("On 24 July 2015 Turkish jets struck.", "On 24 July 2015 Turkish jets struck.");
    split_case("Iran said on 3 May 2016 Russia had agreed.",
               "Iran said on 3 May 2016 Russia had agreed.");
    split_case("", "");
    split_case("a wrapped line that goes on\nand on until the end.",
               "a wrapped line that goes on\nand on until the end.");

    token_case("Iran\xE2\x80\x99s militias didn't stop.",
               "iran 's militias did n't stop .");
    token_case("Iranian-backed militias (IRGC) fired 1,000 rockets.",
               "iranian - backed militias ( irgc ) fired 1,000 rockets .");
    token_case("the U.S. and the U.K. met", "the u.s. and the u.k. met");
    token_case("Erdo\xC4\x9F" "an \xE2\x80\x94 again", "erdogan - again");
    /* tokens as UD English (EWT) has them */
    token_case("They're sure we'll go, I'm told; I'd say you've won.",
               "they 're sure we 'll go , i 'm told ; i 'd say you 've won .");
    token_case("See http://www.example.org/a/b.html, or mail ops@example.co.uk.",
               "see http://www.example.org/a/b.html , or mail ops@example.co.uk .");
    token_case("Open report.pdf on www.example.net today",
               "open report.pdf on www.example.net today");
    token_case("At 08:30 on 10/12/2004 call 555-123-4567 :)",
               "at 08:30 on 10/12/2004 call 555-123-4567 :)");
    token_case("a 15-year plan on 2016-11-23", "a 15 - year plan on 2016 - 11 - 23");
    token_case("Wow!! Really?! Iran -- again.... ***", "wow ! really ? iran - again ... ***");
    token_case("send an e-mail", "send an e-mail");
    split_case("is it over? no one knows. Yes!! we won", "is it over? | no one knows. | Yes!! | we won");
    split_case("They left. (Reuters reported it.)", "They left. | (Reuters reported it.)");
    split_case("the talks ended. we left at 3 p.m. today", "the talks ended. | we left at 3 p.m. today");
    split_case("\"Why?\" he asked.", "\"Why?\" he asked.");
    TEST_DONE();
}
