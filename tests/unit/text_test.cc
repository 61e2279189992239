#include <gtest/gtest.h>

#include <folio/text.h>

namespace folio {
namespace {

TEST(text_test, decodes_every_utf8_length) {
  const std::string text = "a\xC3\xA9\xE5\xBE\xAE\xF0\x9F\x98\x80";  // a é 微 😀
  std::size_t pos = 0;
  EXPECT_EQ(next_code_point(text, pos), U'a');
  EXPECT_EQ(next_code_point(text, pos), U'\u00E9');
  EXPECT_EQ(next_code_point(text, pos), U'\u5FAE');
  EXPECT_EQ(next_code_point(text, pos), U'\U0001F600');
  EXPECT_EQ(pos, text.size());
}

TEST(text_test, bad_bytes_decode_to_replacement_and_advance_one_byte) {
  const std::string text = "\xE5\xBE";  // a truncated 微
  std::size_t pos = 0;
  EXPECT_EQ(next_code_point(text, pos), U'\uFFFD');
  EXPECT_EQ(pos, 1u);
}

TEST(text_test, validation_rejects_overlongs_surrogates_and_truncation) {
  EXPECT_TRUE(is_valid_utf8("运营商 OTT"));
  std::size_t offset = 99;
  EXPECT_FALSE(is_valid_utf8("ab\xC0\xAF", &offset));  // overlong '/'
  EXPECT_EQ(offset, 2u);
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE5\xBE"));          // truncated
  EXPECT_FALSE(
      is_valid_utf8(std::string("\xFF\xFE"
                                "a\0",
                                4)));  // UTF-16 BOM
}

TEST(text_test, floor_never_splits_a_character) {
  const std::string text = "微信";
  EXPECT_EQ(utf8_floor(text, 0), 0u);
  EXPECT_EQ(utf8_floor(text, 1), 0u);
  EXPECT_EQ(utf8_floor(text, 2), 0u);
  EXPECT_EQ(utf8_floor(text, 3), 3u);
  EXPECT_EQ(utf8_floor(text, 5), 3u);
  EXPECT_EQ(utf8_floor(text, 6), 6u);
}

TEST(text_test, cjk_and_word_characters_are_told_apart) {
  EXPECT_TRUE(is_cjk(U'微'));
  EXPECT_TRUE(is_cjk(U'カ'));
  EXPECT_TRUE(is_cjk(U'한'));
  EXPECT_FALSE(is_cjk(U'，'));
  EXPECT_TRUE(is_word_char(U'O'));
  EXPECT_TRUE(is_word_char(U'3'));
  EXPECT_TRUE(is_word_char(U'é'));
  EXPECT_TRUE(is_word_char(U'я'));
  EXPECT_FALSE(is_word_char(U'微'));
  EXPECT_FALSE(is_word_char(U'-'));
  EXPECT_TRUE(is_word_char(U'ก'));  // Thai letters are letters too
  EXPECT_FALSE(is_word_char(U'，'));
}

TEST(text_test, search_normalisation_is_nfkc_case_folded_and_simplified) {
  EXPECT_EQ(normalize_for_search("OTT破冰 iPhone5S"), "ott破冰 iphone5s");
  EXPECT_EQ(normalize_for_search("ＯＴＴ"), "ott");            // full width
  EXPECT_EQ(normalize_for_search("運營商"), "运营商");         // Traditional
  EXPECT_EQ(normalize_for_search("Straße ①"), "strasse 1");    // case fold, compatibility
  EXPECT_EQ(normalize_for_search("cafe\u0301"), "caf\u00e9");  // composed
  EXPECT_EQ(normalize_for_search("co\u00ADop"), "coop");       // soft hyphen ignored
}

TEST(text_test, normalised_characters_point_back_at_their_original_bytes) {
  const std::string text = "Ａ運①";
  const NormalizedText n = normalize_with_offsets(text);
  ASSERT_EQ(n.chars, U"a运1");
  EXPECT_EQ(text.substr(n.source_begin[1], n.source_end[1] - n.source_begin[1]), "運");
  EXPECT_EQ(text.substr(n.source_begin[2], n.source_end[2] - n.source_begin[2]), "①");
}

TEST(text_test, tokens_are_words_and_cjk_characters_with_bigram_terms) {
  const std::u32string chars = normalize_with_offsets("3G手机 iPhone5s，微").chars;
  const std::vector<Token> tokens = tokenize(chars);
  std::vector<std::string> terms;
  for (const Token& t : tokens) terms.push_back(token_term(chars, t));
  EXPECT_EQ(terms, (std::vector<std::string>{"3g", "手机", "机", "iphone5s", "微"}));
}

TEST(text_test, streamed_tokens_are_the_tokens_of_the_normalised_text_in_original_bytes) {
  const std::string text = "Ｏ\u0301TT破冰, café ㈱運營 co\u00ADop ①2 x";
  const NormalizedText n = normalize_with_offsets(text);
  const std::vector<Token> tokens = tokenize(n.chars);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> expected;
  for (const Token& t : tokens)
    expected.emplace_back(n.source_begin[t.begin], n.source_end[t.end - 1]);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> streamed;
  scan_tokens(text, [&](std::uint32_t index, std::uint32_t begin, std::uint32_t end) {
    EXPECT_EQ(index, streamed.size());
    streamed.emplace_back(begin, end);
    return true;
  });
  EXPECT_EQ(streamed, expected);
  std::size_t seen = 0;
  scan_tokens(text, [&](std::uint32_t, std::uint32_t, std::uint32_t) { return ++seen < 3; });
  EXPECT_EQ(seen, 3u);  // stops when asked
}

TEST(text_test, streamed_terms_are_the_token_terms_of_the_normalised_text) {
  // Words around CJK runs, a run-final CJK character, Traditional folding, compatibility forms,
  // a combining mark, a soft hyphen and text that ends inside a word and inside a CJK run.
  for (const std::string& text :
       {std::string("Ｏ\u0301TT破冰, café ㈱運營 co\u00ADop ①2 x"),
        std::string("3G手机 iPhone5s，微"), std::string("手机"), std::string("a"), std::string(""),
        std::string("中a中b中中 ,x中"), std::string("ＡＢＣ１２３　全角　ＴＥＳＴ")}) {
    const NormalizedText n = normalize_with_offsets(text);
    const std::vector<Token> tokens = tokenize(n.chars);
    std::vector<std::pair<std::string, std::uint32_t>> expected;
    for (const Token& t : tokens)
      expected.emplace_back(token_term(n.chars, t), n.source_begin[t.begin]);
    std::vector<std::pair<std::string, std::uint32_t>> streamed;
    scan_terms(text, [&](std::string_view term, std::uint32_t begin) {
      streamed.emplace_back(std::string(term), begin);
    });
    EXPECT_EQ(streamed, expected) << text;
  }
}

TEST(text_test, html_escape_covers_text_and_attributes) {
  EXPECT_EQ(html_escape("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

}  // namespace
}  // namespace folio
