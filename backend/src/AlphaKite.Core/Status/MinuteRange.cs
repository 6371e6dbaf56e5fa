using AlphaKite.Core.Calendar;

namespace AlphaKite.Core.Status;

/// <summary>Consecutive missing minutes, by bar start, both ends included.</summary>
public sealed record MinuteRange(DateTimeOffset First, DateTimeOffset Last)
{
    public int Minutes => (int)(Last - First).TotalMinutes + 1;

    /// <summary>New York wall-clock, e.g. "10:02-10:11" or "10:02" for a single minute.</summary>
    public override string ToString()
    {
        var first = NewYork.Clock(First);
        return First == Last ? first : $"{first}-{NewYork.Clock(Last)}";
    }
}
