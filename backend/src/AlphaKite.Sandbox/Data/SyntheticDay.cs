using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;

namespace AlphaKite.Sandbox.Data;

/// <summary>
/// One symbol's complete bars for one session: a Brownian bridge from a gapped open to the day's
/// close, cents-rounded OHLC with small wicks, U-shaped volume, optional thin extended hours.
/// Everything is drawn from a PRNG seeded by (symbol, date) only, so the day is identical on every run.
/// </summary>
internal sealed record SyntheticDay(IReadOnlyList<Candle> PreMarket, IReadOnlyList<Candle> Regular, IReadOnlyList<Candle> PostMarket)
{
    private const double DailyVolatility = 0.011;
    private const double IlliquidMissingProbability = 0.35;
    private static readonly TimeSpan PreMarketLength = TimeSpan.FromMinutes(150);
    private static readonly TimeSpan PostMarketLength = TimeSpan.FromHours(4);

    public IEnumerable<Candle> All => PreMarket.Concat(Regular).Concat(PostMarket);

    public static SyntheticDay Generate(string symbol, TradingSession session, bool illiquid)
    {
        var profile = PriceProfile.For(symbol);
        var key = $"{symbol}|{session.Date:yyyy-MM-dd}";
        var random = new DeterministicRandom(DeterministicRandom.Hash(key));
        var bars = session.ExpectedBars;
        var sigma = DailyVolatility / Math.Sqrt(390);
        var open = profile.LevelOn(symbol, session.Date) * (1 + (0.004 * random.NextGaussian()));
        var dayReturn = (0.0003 + (DailyVolatility * random.NextGaussian())) * Math.Sqrt(bars / 390.0);
        var path = Bridge(random, bars, sigma, dayReturn, open);

        var regular = new List<Candle>(bars);
        for (var i = 0; i < bars; i++)
        {
            var x = (i + 0.5) / bars;
            var shape = 0.45 + (2.2 * (2 * x - 1) * (2 * x - 1));
            shape *= i == 0 ? 3.0 : i == bars - 1 ? 2.5 : 1.0;
            var candle = Bar(random, session.Open.AddMinutes(i), path[i], path[i + 1], sigma, profile.VolumePerMinute * (illiquid ? 0.02 : 1) * shape);
            var missing = random.NextDouble() < IlliquidMissingProbability;
            if (!(illiquid && missing))
            {
                regular.Add(candle);
            }
        }

        var extended = new DeterministicRandom(DeterministicRandom.Hash(key + "|extended"));
        var thin = illiquid ? 0.9 : 0.55;
        var pre = Thin(extended, Walk(extended, session.Open - PreMarketLength, PreMarketLength, path[0], sigma, profile, backwards: true), thin);
        var post = Thin(extended, Walk(extended, session.Close, PostMarketLength, path[bars], sigma, profile, backwards: false), thin);
        return new SyntheticDay(pre, regular, post);
    }

    private static double[] Bridge(DeterministicRandom random, int bars, double sigma, double totalReturn, double open)
    {
        var walk = new double[bars + 1];
        for (var i = 1; i <= bars; i++)
        {
            walk[i] = walk[i - 1] + (sigma * random.NextGaussian());
        }

        var prices = new double[bars + 1];
        for (var i = 0; i <= bars; i++)
        {
            var t = (double)i / bars;
            prices[i] = open * Math.Exp(walk[i] - (t * walk[bars]) + (t * totalReturn));
        }

        return prices;
    }

    private static List<Candle> Walk(DeterministicRandom random, DateTimeOffset start, TimeSpan length, double anchor, double sigma, PriceProfile profile, bool backwards)
    {
        var minutes = (int)length.TotalMinutes;
        var prices = new double[minutes + 1];
        prices[0] = anchor;
        for (var k = 1; k <= minutes; k++)
        {
            prices[k] = prices[k - 1] * Math.Exp(0.6 * sigma * random.NextGaussian());
        }

        var bars = new List<Candle>(minutes);
        for (var k = 0; k < minutes; k++)
        {
            // Pre-market walks back in time from the open so its last bar meets the regular open.
            var (from, to) = backwards ? (prices[minutes - k], prices[minutes - k - 1]) : (prices[k], prices[k + 1]);
            bars.Add(Bar(random, start.AddMinutes(k), from, to, sigma * 0.6, profile.VolumePerMinute * 0.02));
        }

        return bars;
    }

    private static List<Candle> Thin(DeterministicRandom random, List<Candle> bars, double missingProbability) =>
        bars.Where(_ => random.NextDouble() >= missingProbability).ToList();

    private static Candle Bar(DeterministicRandom random, DateTimeOffset start, double from, double to, double sigma, double meanVolume)
    {
        var open = Cents(from);
        var close = Cents(to);
        var high = Math.Max(open, close) + CentsUp(Math.Abs(random.NextGaussian()) * sigma * 0.5 * from);
        var low = Math.Max(0.01m, Math.Min(open, close) - CentsUp(Math.Abs(random.NextGaussian()) * sigma * 0.5 * from));
        var volume = Math.Max(1L, (long)Math.Round(meanVolume * Math.Exp((0.4 * random.NextGaussian()) - 0.08)));
        return new Candle(start, open, high, low, close, volume);
    }

    private static decimal Cents(double price) => Math.Max(0.01m, Math.Round((decimal)price, 2, MidpointRounding.AwayFromZero));

    private static decimal CentsUp(double amount) => Math.Ceiling((decimal)amount * 100m) / 100m;
}
