using AlphaKite.Cli;
using AlphaKite.Cli.Local;

namespace AlphaKite.Tests.Cli;

/// <summary>The CLI's wording around the ticker-list rule (tested in TickerSymbolsTests).</summary>
public class TickerListTests
{
    [TestCase("qqq, spy", new[] { "QQQ", "SPY" }, TestName = "Parse_List_UsesTheCoreRule")]
    [TestCase(null, new[] { "QQQ" }, TestName = "Parse_Nothing_DefaultsToQqq")]
    public void Parse_Valid(string? text, string[] expected) => TickerList.Parse(text).Should().Equal(expected);

    [TestCase(" , ", "*at least one symbol*", TestName = "Parse_OnlySeparators_AsksForOne")]
    [TestCase("QQQ,SP Y", "'SP Y' is not a ticker symbol (letters, digits*at most 12 characters)", TestName = "Parse_SymbolWithSpace_NamesItAndTheRule")]
    public void Parse_Invalid(string text, string message) =>
        FluentActions.Invoking(() => TickerList.Parse(text)).Should().Throw<UsageException>().WithMessage(message);
}
