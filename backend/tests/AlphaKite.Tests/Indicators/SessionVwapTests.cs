using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;

namespace AlphaKite.Tests.Indicators;

public class SessionVwapTests
{
    private static readonly DateTimeOffset Open = new(2026, 3, 9, 13, 30, 0, TimeSpan.Zero);

    [Test]
    public void Compute_TwoBars_IsCumulativeTypicalPriceTimesVolumeOverVolume()
    {
        // By hand: bar 1 typical (11+9+10)/3 = 10, x100 = 1000; bar 2 typical (12+10+11)/3 = 11, x300 = 3300.
        // VWAP1 = 1000/100 = 10; VWAP2 = 4300/400 = 10.75.
        Candle[] bars = [new(Open, 10, 11, 9, 10, 100), new(Open.AddMinutes(1), 11, 12, 10, 11, 300)];

        var vwap = SessionVwap.Compute(bars);

        vwap.Should().Equal(10m, 10.75m);
    }

    [Test]
    public void Compute_TypicalPriceDiffersFromClose_UsesTypicalPrice()
    {
        // (13 + 7 + 7) / 3 = 9, not the close 7.
        var vwap = SessionVwap.Compute([new Candle(Open, 10, 13, 7, 7, 50)]);

        vwap.Should().Equal(9m);
    }

    [Test]
    public void Compute_ZeroVolumeAtTheOpen_IsNullUntilVolumeArrives()
    {
        Candle[] bars =
        [
            new(Open, 10, 10, 10, 10, 0),
            new(Open.AddMinutes(1), 10, 10, 10, 10, 0),
            new(Open.AddMinutes(2), 20, 21, 19, 20, 10),
            new(Open.AddMinutes(3), 30, 30, 30, 30, 0),
        ];

        var vwap = SessionVwap.Compute(bars);

        // A later zero-volume bar changes nothing: (20x10) / 10 = 20 again.
        vwap.Should().Equal(null, null, 20m, 20m);
    }

    [Test]
    public void Compute_RepeatingThirds_KeepsDecimalPrecision()
    {
        // Typical price 10.01/3 = 3.3366...; one division at the end keeps 28 significant digits.
        var vwap = SessionVwap.Compute([new Candle(Open, 3.34m, 3.34m, 3.33m, 3.34m, 7)]);

        vwap[0].Should().Be(10.01m / 3m);
    }

    [Test]
    public void Compute_Empty_IsEmpty()
    {
        SessionVwap.Compute([]).Should().BeEmpty();
    }
}
