using AlphaKite.Core.Status;

namespace AlphaKite.Tests.Status;

public class MinuteGapsTests
{
    // 2026-11-20 14:30Z is 09:30 in New York (EST).
    private static readonly DateTimeOffset Open = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    [Test]
    public void Find_TwoHolesAndMissingLastMinute_ThreeRangesInNewYorkTime()
    {
        var expected = Enumerable.Range(0, 10).Select(m => Open.AddMinutes(m)).ToList();
        var stored = new HashSet<DateTimeOffset>(expected.Where((_, i) => i is not (2 or 3 or 4 or 6 or 9)));

        var gaps = MinuteGaps.Find(expected, stored);

        gaps.Select(g => g.ToString()).Should().Equal("09:32-09:34", "09:36", "09:39");
        gaps.Select(g => g.Minutes).Should().Equal(3, 1, 1);
    }

    [Test]
    public void Find_StoredInOtherOffset_SameInstantCountsAsStored()
    {
        var expected = new[] { Open };
        var stored = new HashSet<DateTimeOffset> { Open.ToOffset(TimeSpan.FromHours(-5)) };

        MinuteGaps.Find(expected, stored).Should().BeEmpty();
    }

    [Test]
    public void Find_NothingStored_OneRangeForWholeWindow()
    {
        var expected = Enumerable.Range(0, 390).Select(m => Open.AddMinutes(m));

        MinuteGaps.Find(expected, new HashSet<DateTimeOffset>()).Select(g => g.ToString()).Should().Equal("09:30-15:59");
    }
}
