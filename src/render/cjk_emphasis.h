// Opt-in CJK-friendly emphasis (commonmark-spec#650) on top of md4c, whose flanking rules are
// CommonMark's and internal to its parser.
//
// CommonMark decides whether a run of '*' or '_' can open or close emphasis from the characters
// just before and after it: white space, punctuation or other. Full-width punctuation counts as
// punctuation, so in "**真，**她" the closing run sits between '，' and '她' and cannot close.
// The CJK-friendly amendment (github.com/tats-u/markdown-cjk-friendly, specification.md) changes
// the definitions of left- and right-flanking: CJK punctuation no longer counts as punctuation
// there, and a CJK character next to a run counts like white space or punctuation would.
//
// folio applies the amendment without changing md4c: for every delimiter run with a CJK
// neighbour it computes what the amendment says the run can do (open, close, both, neither) and,
// when md4c's own rule would say otherwise, inserts a sentinel character beside the run whose
// class (punctuation U+2E4F, or "other" U+E000) makes md4c reach the amendment's answer. The
// renderer removes both sentinels from everything it writes. A document that already contains
// either sentinel is left as it is (CommonMark behaviour), so no author text is ever removed.
// Simplifications, documented in README.md: variation selectors are not special, and the CJK and
// punctuation classes are the blocks in text_utils.cc.
#pragma once

#include <string>
#include <string_view>

namespace folio::render_detail {

inline constexpr std::string_view kOtherSentinel = "\xEE\x80\x80";        // U+E000
inline constexpr std::string_view kPunctuationSentinel = "\xE2\xB9\x8F";  // U+2E4F

// Returns true and fills `out` when `markdown` needed sentinels; false leaves `out` untouched.
bool apply_cjk_friendly_emphasis(std::string_view markdown, std::string& out);

// Appends `text` without the two sentinels.
void append_without_sentinels(std::string& out, std::string_view text);

}  // namespace folio::render_detail
