using AlphaKite.Lambda;

namespace AlphaKite.Tests.Lambda;

public class InvocationEventTests
{
    private static readonly string[] Defaults = ["QQQ", "SPY"];
    private static readonly DateOnly Today = new(2025, 1, 6);

    [TestCase("{}", "QQQ,SPY", null, false)]
    [TestCase("", "QQQ,SPY", null, false)]
    [TestCase("  ", "QQQ,SPY", null, false)]
    [TestCase("{\"tickers\": [\"QQQ\"]}", "QQQ", null, false)]
    [TestCase("{\"tickers\": [\"aapl\", \"brk.b\", \"AAPL\"]}", "AAPL,BRK.B", null, false)]
    [TestCase("{\"date\": \"2025-01-03\"}", "QQQ,SPY", "2025-01-03", false)]
    [TestCase("{\"date\": \"2025-01-06\"}", "QQQ,SPY", "2025-01-06", false)]
    [TestCase("{\"force\": true}", "QQQ,SPY", null, true)]
    [TestCase("{\"force\": false}", "QQQ,SPY", null, false)]
    [TestCase("{\"tickers\": [\"SPY\"], \"date\": \"2024-12-24\", \"force\": true}", "SPY", "2024-12-24", true)]
    [TestCase("{\"version\":\"0\",\"id\":\"x\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}", "QQQ,SPY", null, false)]
    public void Parse_GoodEvent_GivesRequest(string body, string tickers, string? date, bool force)
    {
        // Act
        var request = InvocationEvent.Parse(body, Defaults, Today);

        // Assert
        string.Join(',', request.Tickers).Should().Be(tickers);
        request.Date.Should().Be(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        request.Force.Should().Be(force);
    }

    [TestCase("{", "The event is cut off: it ends before the JSON does*")]
    [TestCase("{\"force\": tru", "The event is cut off*")]
    [TestCase("{\"force\": yes}", "The event is not JSON: unexpected text at line 1, column 11.*")]
    [TestCase("{\"tickers\": [\"QQQ\"], \"tickers\": [\"SPY\"]}", "The event names \"tickers\" more than once: keep one.*")]
    [TestCase("{\"force\": true, \"date\": \"2025-01-03\", \"force\": false}", "The event names \"force\" more than once: keep one.*")]
    [TestCase("[]", "The event must be a JSON object, got an array.*")]
    [TestCase("\"hello\"", "The event must be a JSON object, got a string.*")]
    [TestCase("null", "The event must be a JSON object, got null.*")]
    [TestCase("{\"ticker\": [\"QQQ\"]}", "Unknown event field \"ticker\": the fields are tickers, date, force and closeout.*")]
    [TestCase("{\"tickers\": \"QQQ\"}", "\"tickers\" must be an array of symbols such as [\"QQQ\"], got a string.*")]
    [TestCase("{\"tickers\": []}", "\"tickers\" is empty: name at least one symbol, or leave the field out to use ALPHAKITE_TICKERS.*")]
    [TestCase("{\"tickers\": [\"QQQ\", 5]}", "\"tickers\"[1] must be a string, got a number.*")]
    [TestCase("{\"tickers\": [\"QQQ!\", 5]}", "\"tickers\"[0] \"QQQ!\" is not a symbol (*")]
    [TestCase("{\"tickers\": [\"QQQ!\"]}", "\"tickers\"[0] \"QQQ!\" is not a symbol (*")]
    [TestCase("{\"date\": 20250106}", "\"date\" must be a string \"YYYY-MM-DD\", got a number.*")]
    [TestCase("{\"date\": \"2025-13-01\"}", "\"date\" \"2025-13-01\" is not a date in the form YYYY-MM-DD.*")]
    [TestCase("{\"date\": \"01/06/2025\"}", "\"date\" \"01/06/2025\" is not a date in the form YYYY-MM-DD.*")]
    [TestCase("{\"date\": \"2025-01-07\"}", "\"date\" 2025-01-07 is after today (2025-01-06 in New York): only today's or past sessions can be loaded.*")]
    [TestCase("{\"force\": \"yes\"}", "\"force\" must be true or false, got a string.*")]
    [TestCase("{\"force\": 1}", "\"force\" must be true or false, got a number.*")]
    [TestCase("{\"closeout\": \"true\"}", "\"closeout\" must be true or false, got a string.*")]
    [TestCase("{\"closeOut\": true}", "Unknown event field \"closeOut\"*")]
    [TestCase("{\"closeout\": true, \"date\": \"2025-01-03\"}", "\"closeout\" reloads today's session once it has closed: leave out \"date\" and \"force\"*")]
    [TestCase("{\"closeout\": true, \"force\": true}", "\"closeout\" reloads today's session once it has closed: leave out \"date\" and \"force\"*")]
    public void Parse_BadEvent_ThrowsSayingWhatIsWrong(string body, string message)
    {
        // Act
        var parse = () => InvocationEvent.Parse(body, Defaults, Today);

        // Assert
        parse.Should().Throw<InvalidEventException>().WithMessage(message)
            .Which.Message.Should().EndWith("Accepted: {} (the minute schedule), {\"closeout\": true} (the close-out schedule), or any of {\"tickers\": [\"QQQ\", \"SPY\"], \"date\": \"YYYY-MM-DD\", \"force\": true}.");
    }

    [TestCase("{\"closeout\": true}", "QQQ,SPY", true)]
    [TestCase("{\"closeout\": true, \"tickers\": [\"SPY\"]}", "SPY", true)]
    [TestCase("{\"closeout\": false}", "QQQ,SPY", false)]
    [TestCase("{}", "QQQ,SPY", false)]
    public void Parse_CloseOut_GivesCloseOutRequestForToday(string body, string tickers, bool closeOut)
    {
        var request = InvocationEvent.Parse(body, Defaults, Today);

        string.Join(',', request.Tickers).Should().Be(tickers);
        request.CloseOut.Should().Be(closeOut);
        request.Date.Should().BeNull("the tick takes today from its clock, the same as a minute run");
        request.Force.Should().BeFalse();
    }

    [Test]
    public void Parse_TooManyTickers_ThrowsNamingTheLimit()
    {
        // Arrange
        var body = "{\"tickers\": [" + string.Join(", ", Enumerable.Range(0, 51).Select(i => $"\"T{i}\"")) + "]}";

        // Act
        var parse = () => InvocationEvent.Parse(body, Defaults, Today);

        // Assert
        parse.Should().Throw<InvalidEventException>().WithMessage("\"tickers\" names 51 symbols; at most 50 per invocation*");
    }
}
