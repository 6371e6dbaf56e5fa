using AlphaKite.Cli;
using AlphaKite.Cli.Local;

namespace AlphaKite.Tests.Cli;

public class TickerListTests
{
    [TestCase("qqq, spy,QQQ", new[] { "QQQ", "SPY" }, TestName = "Parse_MixedCaseWithRepeat_UpperCasedOnceInOrder")]
    [TestCase("BRK.B,$spx", new[] { "BRK.B", "$SPX" }, TestName = "Parse_ClassSharesAndIndex_Accepted")]
    [TestCase(null, new[] { "QQQ" }, TestName = "Parse_Nothing_DefaultsToQqq")]
    public void Parse_Valid(string? text, string[] expected) => TickerList.Parse(text).Should().Equal(expected);

    [TestCase(" , ", "*at least one symbol*", TestName = "Parse_OnlySeparators_AsksForOne")]
    [TestCase("QQQ,SP Y", "*'SP Y' is not a ticker symbol*", TestName = "Parse_SymbolWithSpace_NamesIt")]
    [TestCase("ABCDEFGHIJKLMN", "*'ABCDEFGHIJKLMN'*at most 12 characters*", TestName = "Parse_TooLong_NamesTheRule")]
    public void Parse_Invalid(string text, string message) =>
        FluentActions.Invoking(() => TickerList.Parse(text)).Should().Throw<UsageException>().WithMessage(message);
}
