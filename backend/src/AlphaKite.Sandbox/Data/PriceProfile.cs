namespace AlphaKite.Sandbox.Data;

/// <summary>A symbol's plausible price level and liquidity: well-known tickers near their real levels, others from a hash.</summary>
internal sealed record PriceProfile(double BasePrice, double VolumePerMinute)
{
    private static readonly Dictionary<string, PriceProfile> Known = new(StringComparer.Ordinal)
    {
        ["QQQ"] = new(500, 110_000),
        ["SPY"] = new(600, 150_000),
        ["IWM"] = new(220, 60_000),
        ["DIA"] = new(440, 8_000),
        ["AAPL"] = new(230, 120_000),
        ["MSFT"] = new(420, 50_000),
        ["NVDA"] = new(180, 500_000),
        ["AMZN"] = new(220, 100_000),
        ["GOOGL"] = new(190, 70_000),
        ["META"] = new(700, 30_000),
        ["TSLA"] = new(350, 250_000),
    };

    public static PriceProfile For(string symbol)
    {
        if (Known.TryGetValue(symbol, out var known))
        {
            return known;
        }

        var random = new DeterministicRandom(DeterministicRandom.Hash("profile|" + symbol));
        // Log-uniform from $15 to $400 and 2k to 60k shares a minute: most listed stocks.
        var price = 15.0 * Math.Exp(random.NextDouble() * Math.Log(400.0 / 15.0));
        var volume = 2_000.0 * Math.Exp(random.NextDouble() * Math.Log(30.0));
        return new PriceProfile(price, volume);
    }

    /// <summary>A slow deterministic wave around the base so day-to-day levels connect without a path from an epoch.</summary>
    public double LevelOn(string symbol, DateOnly date)
    {
        var random = new DeterministicRandom(DeterministicRandom.Hash("phase|" + symbol));
        var phase1 = random.NextDouble() * 2 * Math.PI;
        var phase2 = random.NextDouble() * 2 * Math.PI;
        var day = date.DayNumber;
        return BasePrice * (1 + (0.06 * Math.Sin((2 * Math.PI * day / 97.0) + phase1)) + (0.025 * Math.Sin((2 * Math.PI * day / 23.0) + phase2)));
    }
}
