// H8 (A4): the text form phrases are compared in — punctuation, spaces and full/half-width forms do
// not make a standard phrase a different one.
#include "services/hotline-registry/domain/phrase_text.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::hotline {
namespace {

TEST(PhraseTextTest, H8_PunctuationAndSpacesAreDropped) {
  EXPECT_EQ(NormalizePhraseText("您好，这里是上海电信公司！"), "您好这里是上海电信公司");
  EXPECT_EQ(NormalizePhraseText("您好, 这里是 上海电信公司!"), "您好这里是上海电信公司");
  EXPECT_EQ(NormalizePhraseText("「请稍候」、《我帮您》查查……——“好”‘的’·。"),
            "请稍候我帮您查查好的");
  EXPECT_EQ(NormalizePhraseText("请问\u3000还有\t其他问题吗？\n"), "请问还有其他问题吗");
  EXPECT_EQ(NormalizePhraseText("对不起﹐让您久等了﹗"), "对不起让您久等了");  // small forms
  EXPECT_EQ(NormalizePhraseText("谢谢您的来电｡"), "谢谢您的来电");             // half-width 。
}

TEST(PhraseTextTest, H8_FullWidthFormsAreTheirAsciiCharacters) {
  EXPECT_EQ(NormalizePhraseText("工号１０２４号"), "工号1024号");
  EXPECT_EQ(NormalizePhraseText("ＡＢＣabc"), "abcabc");
  EXPECT_EQ(NormalizePhraseText("工号 A-12"), "工号a12");
  EXPECT_EQ(NormalizePhraseText("（全角）［括号］"), "全角括号");
}

TEST(PhraseTextTest, H8_WordsAreKeptAndBrokenBytesDropped) {
  EXPECT_EQ(NormalizePhraseText("谢谢您的建议"), "谢谢您的建议");
  EXPECT_EQ(NormalizePhraseText("谢谢\xff您"), "谢谢您");
  EXPECT_EQ(NormalizePhraseText(""), "");
  EXPECT_EQ(NormalizePhraseText("，。！？"), "");
  EXPECT_EQ(NormalizePhraseText("😀"), "😀");  // not punctuation: kept
}

}  // namespace
}  // namespace cs::hotline
