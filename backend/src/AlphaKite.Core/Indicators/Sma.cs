namespace AlphaKite.Core.Indicators;

/// <summary>Simple moving average of closes.</summary>
public static class Sma
{
    public const int DefaultPeriod = 9;

    /// <summary>
    /// For each position i, the mean of values[i - period + 1 .. i], or null while fewer than
    /// <paramref name="period"/> values exist (never a partial average). Exact decimal arithmetic.
    /// </summary>
    public static decimal?[] Compute(IReadOnlyList<decimal> values, int period = DefaultPeriod)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);

        var result = new decimal?[values.Count];
        decimal sum = 0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= period)
            {
                sum -= values[i - period];
            }

            if (i >= period - 1)
            {
                result[i] = sum / period;
            }
        }

        return result;
    }
}
