using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AlphaKite.Sandbox.MarketData;

/// <summary>A validated pricehistory request. Parse errors name the parameter, as Schwab's <c>source.parameter</c> does.</summary>
/// <param name="PeriodDays">Schwab's <c>period</c> for <c>periodType=day</c>: how many trading days up to
/// the end to serve when <c>startDate</c> is absent (default 10, Schwab's default for days).</param>
internal sealed record PriceHistoryQuery(string Symbol, DateTimeOffset? Start, DateTimeOffset? End, bool ExtendedHours, bool PreviousClose, int PeriodDays)
{
    public const int DefaultPeriodDays = 10;

    private static readonly string[] FrequencyTypes = ["minute", "daily", "weekly", "monthly"];
    private static readonly string[] MinuteFrequencies = ["1", "5", "10", "15", "30"];
    private static readonly string[] PeriodTypes = ["day", "month", "year", "ytd"];
    private static readonly string[] DayPeriods = ["1", "2", "3", "4", "5", "10"];

    public static (PriceHistoryQuery? Query, string Parameter, string Error) Parse(IQueryCollection query)
    {
        var symbol = query["symbol"].ToString();
        if (symbol.Length == 0)
        {
            return Fail("symbol", "Missing required parameter 'symbol'");
        }

        var frequencyType = query["frequencyType"].ToString();
        if (frequencyType.Length > 0 && !FrequencyTypes.Contains(frequencyType, StringComparer.Ordinal))
        {
            return Fail("frequencyType", "valid frequencyType should be any of minute,daily,weekly,monthly");
        }

        var frequency = query["frequency"].ToString();
        if (frequency.Length > 0 && !MinuteFrequencies.Contains(frequency, StringComparer.Ordinal))
        {
            return Fail("frequency", "valid frequency for frequencyType minute should be any of 1,5,10,15,30");
        }

        if (frequencyType is not ("" or "minute") || frequency is not ("" or "1"))
        {
            return Fail("frequency", "The AlphaKite sandbox serves 1-minute bars only (frequencyType=minute&frequency=1)");
        }

        // Minute bars come only with periodType=day, whose periods are 1, 2, 3, 4, 5 or 10 days.
        var periodType = query["periodType"].ToString();
        if (periodType.Length > 0 && !PeriodTypes.Contains(periodType, StringComparer.Ordinal))
        {
            return Fail("periodType", "valid periodType should be any of day,month,year,ytd");
        }

        if (periodType is not ("" or "day"))
        {
            return Fail("periodType", "frequencyType minute is valid only for periodType day");
        }

        var period = query["period"].ToString();
        if (period.Length > 0 && !DayPeriods.Contains(period, StringComparer.Ordinal))
        {
            return Fail("period", "valid period for periodType day should be any of 1,2,3,4,5,10");
        }

        const string EpochHint = "Dates must be epoch milliseconds, e.g. 1763649000000";
        if (!TryEpoch(query, "startDate", out var start))
        {
            return Fail("startDate", EpochHint);
        }

        if (!TryEpoch(query, "endDate", out var end))
        {
            return Fail("endDate", EpochHint);
        }

        if (start > end)
        {
            return Fail("endDate", "endDate must not be before startDate");
        }

        if (!TryBoolean(query, "needExtendedHoursData", out var extended))
        {
            return Fail("needExtendedHoursData", "needExtendedHoursData must be true or false (lowercase)");
        }

        if (!TryBoolean(query, "needPreviousClose", out var previousClose))
        {
            return Fail("needPreviousClose", "needPreviousClose must be true or false (lowercase)");
        }

        var days = period.Length > 0 ? int.Parse(period, CultureInfo.InvariantCulture) : DefaultPeriodDays;
        return (new PriceHistoryQuery(symbol, start, end, extended ?? true, previousClose ?? false, days), "", "");
    }

    private static (PriceHistoryQuery?, string, string) Fail(string parameter, string error) => (null, parameter, error);

    private static bool TryEpoch(IQueryCollection query, string name, out DateTimeOffset? value)
    {
        value = null;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > 253402300799999)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    private static bool TryBoolean(IQueryCollection query, string name, out bool? value)
    {
        value = query[name].ToString() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
        return value is not null || query[name].ToString().Length == 0;
    }
}
