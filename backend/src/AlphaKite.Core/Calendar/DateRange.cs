namespace AlphaKite.Core.Calendar;

/// <summary>The one rule for a range of New York dates given as --from/--to (backfill, calendar).</summary>
public static class DateRange
{
    /// <summary>Why <paramref name="from"/>..<paramref name="to"/> is no range, or null when from &lt;= to
    /// (both ends included, so from == to is one day).</summary>
    public static string? Problem(DateOnly from, DateOnly to) =>
        to < from ? $"--to {to:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}" : null;
}
