using AlphaKite.Core.Market;

namespace AlphaKite.Tests.Market;

/// <summary>The one ticker-list rule (CLI --tickers, ALPHAKITE_TICKERS, the event's "tickers"); the
/// callers' tests check only their own wording.</summary>
public class TickerSymbolsTests
{
    [TestCase("qqq, spy,QQQ", new[] { "QQQ", "SPY" }, TestName = "ParseList_MixedCaseWithRepeat_UpperCasedOnceInOrder")]
    [TestCase("BRK.B,$spx,BF/B,brk-a", new[] { "BRK.B", "$SPX", "BF/B", "BRK-A" }, TestName = "ParseList_ClassSharesAndIndex_Accepted")]
    [TestCase(" QQQ ,, ,SPY,", new[] { "QQQ", "SPY" }, TestName = "ParseList_BlanksAndSpaces_Dropped")]
    [TestCase(" , ", new string[0], TestName = "ParseList_OnlySeparators_Empty")]
    [TestCase("ABCDEFGHIJKL", new[] { "ABCDEFGHIJKL" }, TestName = "ParseList_TwelveCharacters_Accepted")]
    public void ParseList_Valid(string text, string[] expected) =>
        TickerSymbols.ParseList(TickerSymbols.Split(text), (i, item) => Assert.Fail($"item {i} '{item}' reported invalid"))
            .Should().Equal(expected);

    [TestCase("QQQ,SP Y", 1, "SP Y", TestName = "ParseList_SymbolWithSpace_Reported")]
    [TestCase("ABCDEFGHIJKLM,QQQ", 0, "ABCDEFGHIJKLM", TestName = "ParseList_ThirteenCharacters_Reported")]
    [TestCase("QQQ,QQQ!", 1, "QQQ!", TestName = "ParseList_Punctuation_Reported")]
    [TestCase("$,QQQ", 0, "$", TestName = "ParseList_DollarAlone_Reported")]
    [TestCase("-A", 0, "-A", TestName = "ParseList_LeadingDash_Reported")]
    public void ParseList_Invalid_ReportedWithIndexAndLeftOut(string text, int index, string item)
    {
        var invalid = new List<(int, string?)>();

        var symbols = TickerSymbols.ParseList(TickerSymbols.Split(text), (i, s) => invalid.Add((i, s)));

        invalid.Should().Equal((index, item));
        symbols.Should().NotContain(s => s.Contains(item.Trim().ToUpperInvariant(), StringComparison.Ordinal));
    }

    [Test]
    public void ParseList_NullItem_Reported()
    {
        var invalid = new List<int>();

        var symbols = TickerSymbols.ParseList(["QQQ", null], (i, _) => invalid.Add(i));

        symbols.Should().Equal("QQQ");
        invalid.Should().Equal(1);
    }

    [TestCase(50, false)]
    [TestCase(51, true)]
    public void TooMany_AtTheLimit_OnlyAboveFifty(int count, bool expected)
    {
        var symbols = TickerSymbols.ParseList(TickerSymbols.Split(string.Join(',', Enumerable.Range(0, count).Select(i => $"T{i}"))), (_, _) => { });

        symbols.Should().HaveCount(count);
        TickerSymbols.TooMany(symbols).Should().Be(expected);
    }
}
