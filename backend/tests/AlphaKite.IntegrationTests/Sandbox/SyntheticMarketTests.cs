using System.Text.Json;

namespace AlphaKite.IntegrationTests.Sandbox;

/// <summary>The synthetic data as a client sees it over HTTP: deterministic, plausible, Schwab-shaped.</summary>
[TestFixture]
[Category("Integration")]
public sealed class SyntheticMarketTests
{
    private static readonly DateTimeOffset Open = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Evening = new(2026, 11, 20, 23, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task TwoServers_SameRequest_ByteIdenticalBodies()
    {
        await using var first = await SandboxHarness.StartLoggedInAsync(Evening);
        await using var second = await SandboxHarness.StartLoggedInAsync(Evening);

        using var a = await first.PriceHistoryAsync("MSFT", Open.AddDays(-7), Evening);
        using var b = await second.PriceHistoryAsync("MSFT", Open.AddDays(-7), Evening);

        var bodyA = await a.Content.ReadAsStringAsync();
        bodyA.Should().Contain("\"candles\":[{").And.Be(await b.Content.ReadAsStringAsync());
    }

    [TestCase("QQQ")]
    [TestCase("SPY")]
    [TestCase("XYZW")]
    public async Task FullDay_CandlesArePlausible(string symbol)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Evening);

        var candles = await sandbox.CandlesAsync(symbol, Open.AddDays(-14), Evening);

        candles.Should().NotBeEmpty();
        candles.Should().OnlyContain(c => c.Low > 0 && c.Low <= Math.Min(c.Open, c.Close) && c.High >= Math.Max(c.Open, c.Close), "OHLC are consistent and positive");
        candles.Should().OnlyContain(c => c.Volume > 0, "minutes without trades are missing, never zero-volume filler");
        candles.SelectMany(c => new[] { c.Open, c.High, c.Low, c.Close })
            .Should().OnlyContain(p => p * 100 == decimal.Truncate(p * 100), "prices are in cents");
        candles.Zip(candles.Skip(1)).Where(p => p.Second.Start - p.First.Start == TimeSpan.FromMinutes(1))
            .Should().OnlyContain(p => Math.Abs(p.Second.Close / p.First.Close - 1) < 0.02m, "one minute rarely moves a price 2%");
    }

    [TestCase("QQQ", 300, 900)]
    [TestCase("SPY", 400, 1000)]
    public async Task KnownEtf_TradesNearItsRealLevel(string symbol, decimal min, decimal max)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Evening);

        var candles = await sandbox.CandlesAsync(symbol, Open, Evening);

        candles.Should().OnlyContain(c => c.Close > min && c.Close < max);
    }

    [Test]
    public async Task FullDay_VolumeIsUShaped()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Evening);

        var candles = await sandbox.CandlesAsync("SPY", Open, Evening);

        var firstHalfHour = candles.Take(30).Average(c => c.Volume);
        var midday = candles.Skip(165).Take(60).Average(c => c.Volume);
        var lastHalfHour = candles.TakeLast(30).Average(c => c.Volume);
        firstHalfHour.Should().BeGreaterThan(midday * 1.5);
        lastHalfHour.Should().BeGreaterThan(midday * 1.5);
    }

    [Test]
    public async Task WholeDollarPrices_SerializedAsJsonIntegers()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Evening);
        var integers = 0;

        foreach (var symbol in new[] { "QQQ", "SPY", "AAPL", "IWM" })
        {
            using var response = await sandbox.PriceHistoryAsync(symbol, Open.AddDays(-10), Evening);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            foreach (var candle in document.RootElement.GetProperty("candles").EnumerateArray())
            {
                foreach (var name in new[] { "open", "high", "low", "close" })
                {
                    var price = candle.GetProperty(name);
                    var raw = price.GetRawText();
                    var whole = price.GetDecimal() == decimal.Truncate(price.GetDecimal());
                    raw.Contains('.', StringComparison.Ordinal).Should().Be(!whole, $"{raw} is written as Schwab writes it");
                    if (!whole)
                    {
                        raw.Should().NotEndWith("0", "Schwab writes 183.6, not 183.60");
                    }

                    integers += whole ? 1 : 0;
                }
            }
        }

        integers.Should().BePositive("across ten sessions of four tickers some prices land on whole dollars");
    }

    [Test]
    public async Task IlliquidSymbol_HasMissingMinutesButNoZeroVolume()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Evening, o => o with
        {
            IlliquidSymbols = new HashSet<string>(StringComparer.Ordinal) { "THIN" },
        });

        var candles = await sandbox.CandlesAsync("THIN", Open, Evening);

        candles.Should().HaveCountGreaterThan(100).And.HaveCountLessThan(390);
        candles.Should().OnlyContain(c => c.Volume > 0 && c.Start >= Open && c.Start < Open.AddMinutes(390));
    }
}
