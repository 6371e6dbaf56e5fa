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

    [Test]
    public void Compute_PeriodThree_SlidesExactly()
    {
        // By hand: (0.1+0.2+0.3)/3 = 0.2 exactly in decimal (it would not be in double).
        var result = Sma.Compute([0.1m, 0.2m, 0.3m, 0.4m], period: 3);

        result.Should().Equal(null, null, 0.2m, 0.3m);
    }

    [Test]
    public void Compute_PeriodZero_ThrowsNamingPeriod()
    {
        var act = () => Sma.Compute([1m], period: 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("period");
    }
}
