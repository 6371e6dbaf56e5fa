using AlphaKite.Core.Indicators;

namespace AlphaKite.Tests.Indicators;

public class SmaTests
{
    [Test]
    public void Compute_FewerThanPeriodValues_IsNullNotPartial()
    {
        var result = Sma.Compute([1m, 2m, 3m], period: 9);

        result.Should().AllSatisfy(v => v.Should().BeNull());
    }

    [Test]
    public void Compute_NineThenTen_MeansOfLastNine()
    {
        // By hand: mean(1..9) = 45/9 = 5; mean(2..10) = 54/9 = 6.
        var result = Sma.Compute([1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m, 9m, 10m]);

        result[7].Should().BeNull();
        result[8].Should().Be(5m);
        result[9].Should().Be(6m);
    }
}
