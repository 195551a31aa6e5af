/*
 * test_text.c - UTF-8 repair, NFC, folding and binary detection (text.c).
 */
#include "base/mem.h"
#include "testing.h"
#include "text/text.h"

static void clean_case(const char *in, size_t n, const char *want, size_t want_bad)
{
    size_t len = 0, bad = 99;
    char *out = text_clean(in, n, &len, &bad);
    CHECK_STR(out, want);
    CHECK_INT(bad, want_bad);
    CHECK_INT(len, strlen(want));
    mem_free(out);
}

int main(void)
{
    /* valid text passes through */
    clean_case("Iran and Russia", 15, "Iran and Russia", 0);
    /* invalid bytes become U+FFFD and are counted */
    clean_case("Iran\xff and \xc3 Russia", 18, "Iran\xEF\xBF\xBD and \xEF\xBF\xBD Russia", 2);
    /* a real U+FFFD is not counted as invalid */
    clean_case("a\xEF\xBF\xBD" "b", 5, "a\xEF\xBF\xBD" "b", 0);
    /* CR LF and CR become LF; a BOM and control characters go */
    clean_case("\xEF\xBB\xBFline1\r\nline2\rline3\x01", 23, "line1\nline2\nline3", 0);
    /* NFC: e + combining acute accent -> e-acute */
    clean_case("Erdoe\xCC\x81", 7, "Erdo\xC3\xA9", 0);
    /* a truncated sequence at the end */
    clean_case("Tehran\xE2\x80", 8, "Tehran\xEF\xBF\xBD\xEF\xBF\xBD", 2);

    mem_arena a = {0};
    CHECK_STR(text_fold(&a, "Iran\xE2\x80\x99s", 8), "iran's");
    CHECK_STR(text_fold(&a, "Erdo\xC4\x9F" "an", 8), "erdogan");
    CHECK_STR(text_fold(&a, "\xE2\x80\x9CWar\xE2\x80\x9D", 9), "\"war\"");
    CHECK_STR(text_fold(&a, "\xE2\x80\x94", 3), "-");
    CHECK_STR(text_fold(&a, "MOSCOW", 6), "moscow");
    mem_arena_free(&a);

    /* character references, whole or with the "&" lost */
    const char *ent_in[] = {"Iraq #39;s commission", "cause quot;fear quot; here", "A &amp; B",
                            "it&#39;s &#x2019;", "issue #39 was; #12345678;", "&bogus; q"};
    const char *ent_out[] = {"Iraq's commission", "cause \"fear \" here", "A & B",
                             "it's \xE2\x80\x99", "issue #39 was; #12345678;", "&bogus; q"};
    for (int i = 0; i < 6; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", ent_in[i]);
        size_t n = text_fix_entities(buf, strlen(buf));
        buf[n] = 0;
        CHECK_STR(buf, ent_out[i]);
    }
    CHECK(text_is_binary("ab\0cd", 5));
    CHECK(!text_is_binary("plain text\n", 11));
    CHECK(text_is_binary("\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e", 10));
    TEST_DONE();
}
