using AlphaKite.Core.Market;

namespace AlphaKite.Tests.Market;

public class CandleCleanerTests
{
    private static readonly DateTimeOffset Open = new(2026, 3, 9, 13, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Close = Open.AddMinutes(390);
    private static readonly DateTimeOffset Late = Close.AddHours(1);
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(5);

    [Test]
    public void Clean_WindowEdges_KeepsStartInclusiveAndDropsEndExclusive()
    {
        Candle[] candles = [Bar(Open.AddMinutes(-1)), Bar(Open), Bar(Close.AddMinutes(-1)), Bar(Close)];

        var result = CandleCleaner.Clean(candles, Open, Close, Late, Lag);

        result.Candles.Select(c => c.Start).Should().Equal(Open, Close.AddMinutes(-1));
        result.Drops.Should().Equal(new Dictionary<DropReason, int> { [DropReason.OutsideWindow] = 2 });
    }

    [Test]
    public void Clean_SameMinuteTwice_KeepsTheFirstAndCountsADuplicate()
    {
        var first = Bar(Open, close: 100.5m);
        var second = Bar(Open, close: 100.7m);

        var result = CandleCleaner.Clean([first, second], Open, Close, Late, Lag);

        result.Candles.Should().Equal(first);
        result.Drops.Should().Equal(new Dictionary<DropReason, int> { [DropReason.Duplicate] = 1 });
    }

    [Test]
    public void Clean_AllZeroCandle_IsDroppedAsAllZero()
    {
        var zero = new Candle(Open.AddMinutes(1), 0, 0, 0, 0, 0);

        var result = CandleCleaner.Clean([Bar(Open), zero], Open, Close, Late, Lag);

        result.Candles.Should().ContainSingle();
        result.Drops.Should().Equal(new Dictionary<DropReason, int> { [DropReason.AllZero] = 1 });
    }

    [TestCase(0, 101, 99, 100, 10, TestName = "Clean_ZeroOpen_IsImpossible")]
    [TestCase(100, 101, 99, -100, 10, TestName = "Clean_NegativeClose_IsImpossible")]
    [TestCase(100, 99, 101, 100, 10, TestName = "Clean_HighBelowLow_IsImpossible")]
    [TestCase(100, 101, 99, 100, -1, TestName = "Clean_NegativeVolume_IsImpossible")]
    [TestCase(102, 101, 99, 100, 10, TestName = "Clean_OpenAboveHigh_IsImpossible")]
    [TestCase(100, 101, 99, 98, 10, TestName = "Clean_CloseBelowLow_IsImpossible")]
    public void Clean_ImpossibleValues_AreDropped(double open, double high, double low, double close, long volume)
    {
        var bad = new Candle(Open, (decimal)open, (decimal)high, (decimal)low, (decimal)close, volume);

        var result = CandleCleaner.Clean([bad], Open, Close, Late, Lag);

        result.Candles.Should().BeEmpty();
        result.Drops.Should().Equal(new Dictionary<DropReason, int> { [DropReason.Impossible] = 1 });
    }

    [Test]
    public void Clean_ZeroVolumeWithValidPrices_IsKept()
    {
        var quiet = new Candle(Open, 100m, 100m, 100m, 100m, 0);

        CandleCleaner.Clean([quiet], Open, Close, Late, Lag).Candles.Should().Equal(quiet);
    }

    [Test]
    public void Clean_FinalityBoundary_KeepsBarExactlyAtStartPlus60sPlusLag()
    {
        var bar = Bar(Open);
        var boundary = Open.AddSeconds(60) + Lag;

        var atBoundary = CandleCleaner.Clean([bar], Open, Close, boundary, Lag);
        var justBefore = CandleCleaner.Clean([bar], Open, Close, boundary.AddTicks(-1), Lag);

        atBoundary.Candles.Should().Equal(bar);
        justBefore.Candles.Should().BeEmpty();
        justBefore.Drops.Should().Equal(new Dictionary<DropReason, int> { [DropReason.NotFinal] = 1 });
    }

    [Test]
    public void Clean_UnorderedMixedInput_ReturnsSortedKeptBarsAndCountsEveryDrop()
    {
        Candle[] candles =
        [
            Bar(Open.AddMinutes(2)), Bar(Open), Bar(Open.AddMinutes(1)), Bar(Open),
            new Candle(Open.AddMinutes(3), 0, 0, 0, 0, 0), Bar(Open.AddMinutes(-5)),
        ];

        var result = CandleCleaner.Clean(candles, Open, Close, Late, Lag);

        result.Candles.Select(c => c.Start).Should().Equal(Open, Open.AddMinutes(1), Open.AddMinutes(2));
        result.DroppedCount.Should().Be(3);
    }

    [Test]
    public void Clean_NegativeLag_Throws()
    {
        var act = () => CandleCleaner.Clean([], Open, Close, Late, TimeSpan.FromSeconds(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lag");
    }

    [Test]
    public void Clean_WindowEndBeforeStart_Throws()
    {
        var act = () => CandleCleaner.Clean([], Close, Open, Late, Lag);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("windowEnd");
    }

    private static Candle Bar(DateTimeOffset start, decimal close = 100m) =>
        new(start, 100m, Math.Max(101m, close), Math.Min(99m, close), close, 1_000);
}
