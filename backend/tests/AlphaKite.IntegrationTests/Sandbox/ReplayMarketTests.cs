using System.Net;
using AlphaKite.Sandbox;

namespace AlphaKite.IntegrationTests.Sandbox;

[TestFixture]
[Category("Integration")]
public sealed class ReplayMarketTests
{
    // 2024-05-16 (Thursday, EDT): 13:30Z = 09:30 New York; 09:00Z = 05:00, outside the regular session.
    private const string Saved = """
        [
          {"candles":[
            {"open":189.5,"high":189.6,"low":189.4,"close":189.55,"volume":1200,"datetime":1715850000000},
            {"open":189.56,"high":190.0,"low":189.5,"close":189.9,"volume":25283,"datetime":1715866200000},
            {"open":189.9,"high":190.20,"low":189.88,"close":190,"volume":9000,"datetime":1715866260000},
            {"open":190,"high":190.1,"low":189.95,"close":190.05,"volume":7000,"datetime":1715866320000}
           ],"symbol":"AAPL","empty":false},
          {"candles":[{"open":10,"high":10.5,"low":9.5,"close":10.25,"volume":5,"datetime":1715866200000}],"symbol":"TINY","empty":false}
        ]
        """;

    private string _file = "";

    [SetUp]
    public void WriteReplayFile()
    {
        _file = Path.Combine(Path.GetTempPath(), $"alphakite-replay-{Guid.NewGuid():N}.json");
        File.WriteAllText(_file, Saved);
    }

    [TearDown]
    public void DeleteReplayFile() => File.Delete(_file);

    [Test]
    public async Task Replay_RegularHours_ServesSavedCandlesWithSchwabNumberFormat()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(new DateTimeOffset(2024, 5, 16, 22, 0, 0, TimeSpan.Zero), o => o with { ReplayFile = _file });

        using var response = await sandbox.PriceHistoryAsync("AAPL", new DateTimeOffset(2024, 5, 16, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 5, 17, 0, 0, 0, TimeSpan.Zero));
        var body = await response.Content.ReadAsStringAsync();

        body.Should().Be("""{"candles":[{"open":189.56,"high":190,"low":189.5,"close":189.9,"volume":25283,"datetime":1715866200000},{"open":189.9,"high":190.2,"low":189.88,"close":190,"volume":9000,"datetime":1715866260000},{"open":190,"high":190.1,"low":189.95,"close":190.05,"volume":7000,"datetime":1715866320000}],"symbol":"AAPL","empty":false}""");
    }

    [Test]
    public async Task Replay_ExtendedHours_IncludesPreMarketCandle()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(new DateTimeOffset(2024, 5, 16, 22, 0, 0, TimeSpan.Zero), o => o with { ReplayFile = _file });

        var candles = await sandbox.CandlesAsync("AAPL", new DateTimeOffset(2024, 5, 16, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 5, 17, 0, 0, 0, TimeSpan.Zero), extendedHours: true);

        candles.Should().HaveCount(4);
        candles[0].Start.Should().Be(new DateTimeOffset(2024, 5, 16, 9, 0, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task Replay_ClockMidSession_NothingAtOrAfterNow()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(new DateTimeOffset(2024, 5, 16, 13, 31, 30, TimeSpan.Zero), o => o with { ReplayFile = _file });

        var candles = await sandbox.CandlesAsync("AAPL", new DateTimeOffset(2024, 5, 16, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 5, 17, 0, 0, 0, TimeSpan.Zero));

        candles.Select(c => c.Start).Should().Equal(new DateTimeOffset(2024, 5, 16, 13, 30, 0, TimeSpan.Zero), new DateTimeOffset(2024, 5, 16, 13, 31, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task Replay_SymbolNotInFile_EmptyTrue()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(new DateTimeOffset(2024, 5, 16, 22, 0, 0, TimeSpan.Zero), o => o with { ReplayFile = _file });

        using var response = await sandbox.PriceHistoryAsync("MSFT", new DateTimeOffset(2024, 5, 16, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 5, 17, 0, 0, 0, TimeSpan.Zero));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"candles":[],"symbol":"MSFT","empty":true}""");
    }

    [Test]
    public async Task Replay_SingleResponseObject_Loads()
    {
        await File.WriteAllTextAsync(_file, """{"candles":[{"open":10,"high":10.5,"low":9.5,"close":10.25,"volume":5,"datetime":1715866200000}],"symbol":"TINY","empty":false}""");
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(new DateTimeOffset(2024, 5, 16, 22, 0, 0, TimeSpan.Zero), o => o with { ReplayFile = _file });

        var candles = await sandbox.CandlesAsync("TINY", new DateTimeOffset(2024, 5, 16, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 5, 17, 0, 0, 0, TimeSpan.Zero));

        candles.Should().ContainSingle().Which.Close.Should().Be(10.25m);
    }

    [TestCase("""{"candles":[{"open":1}],"symbol":"X"}""", TestName = "Replay_CandleWithoutFields_StartFailsNamingTheFile")]
    [TestCase("not json", TestName = "Replay_NotJson_StartFailsNamingTheFile")]
    public async Task Replay_BadFile_StartFailsNamingTheFile(string content)
    {
        await File.WriteAllTextAsync(_file, content);

        var start = () => SandboxServer.StartAsync(new SandboxOptions { ReplayFile = _file }, CancellationToken.None);

        (await start.Should().ThrowAsync<InvalidDataException>()).WithMessage($"*{_file}*pricehistory*");
    }

    [Test]
    public async Task Replay_MissingFile_StartFailsNamingTheFile()
    {
        File.Delete(_file);

        var start = () => SandboxServer.StartAsync(new SandboxOptions { ReplayFile = _file }, CancellationToken.None);

        (await start.Should().ThrowAsync<FileNotFoundException>()).WithMessage($"*{_file}*");
    }
}
