using System.Collections.Concurrent;

namespace AlphaKite.Core.Calendar;

/// <summary>
/// The NYSE regular-session calendar: weekdays 09:30-16:00 New York time, minus the rule-based
/// holidays, with 13:00 early closes (<see cref="NyseRules"/>), past special closures from the
/// embedded SpecialSessions.json, and caller-supplied overrides on top (they win).
/// Thread-safe; build one per process.
/// </summary>
public sealed class NyseCalendar
{
    /// <summary>The rules and data are checked from here on (MLK Day since 1998, the Christmas Eve
    /// early close since 1999); earlier dates throw rather than answer wrongly.</summary>
    public static readonly DateOnly FirstSupportedDate = new(2000, 1, 1);

    private const string SpecialSessionsResource = "AlphaKite.Core.Calendar.SpecialSessions.json";

    private static readonly Lazy<IReadOnlyList<CalendarOverride>> BuiltIn = new(LoadBuiltIn);

    private readonly Dictionary<DateOnly, CalendarOverride> _overrides;
    private readonly ConcurrentDictionary<int, Dictionary<DateOnly, CalendarOverride>> _years = new();

    /// <param name="overrides">Days announced after this release; they win over rules and built-in data.</param>
    /// <exception cref="CalendarOverrideException">An override is unusable or a date repeats.</exception>
    public NyseCalendar(IEnumerable<CalendarOverride>? overrides = null)
    {
        _overrides = [];
        foreach (var o in overrides ?? [])
        {
            ArgumentNullException.ThrowIfNull(o, nameof(overrides));
            if (o.Problem() is { } problem)
            {
                throw new CalendarOverrideException($"Calendar override for {o.Date:yyyy-MM-dd} is unusable: {problem}.");
            }

            if (!_overrides.TryAdd(o.Date, o))
            {
                throw new CalendarOverrideException($"Calendar overrides list {o.Date:yyyy-MM-dd} twice; keep one entry per date.");
            }
        }
    }

    /// <summary>The session on <paramref name="date"/> (a New York date), or null when the exchange is closed.</summary>
    public TradingSession? SessionOn(DateOnly date)
    {
        RequireSupported(date);
        var special = DaysOf(date.Year).GetValueOrDefault(date);
        if (special is null)
        {
            return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
                ? null
                : new TradingSession(date, At(date, CalendarOverride.RegularOpen), At(date, CalendarOverride.RegularClose), false);
        }

        if (special.Close is not { } close)
        {
            return null;
        }

        var open = special.Open ?? CalendarOverride.RegularOpen;
        return new TradingSession(date, At(date, open), At(date, close), close < CalendarOverride.RegularClose);
    }

    /// <summary>
    /// Why <paramref name="date"/> differs from a regular weekday session (holiday, early close,
    /// special closure or override), or null for a regular weekday or a plain weekend.
    /// </summary>
    public string? ReasonFor(DateOnly date)
    {
        RequireSupported(date);
        return DaysOf(date.Year).GetValueOrDefault(date)?.Reason;
    }

    /// <summary>The last session strictly before <paramref name="date"/>.</summary>
    public TradingSession PreviousSession(DateOnly date)
    {
        for (var d = date.AddDays(-1); ; d = d.AddDays(-1))
        {
            if (SessionOn(d) is { } s)
            {
                return s;
            }
        }
    }

    /// <summary>Every session with from &lt;= date &lt;= to.</summary>
    public IEnumerable<TradingSession> SessionsBetween(DateOnly from, DateOnly to)
    {
        RequireSupported(from);
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (SessionOn(d) is { } s)
            {
                yield return s;
            }
        }
    }

    /// <summary>The session whose data a user means by "latest": today's once it has opened, else the previous one.</summary>
    public TradingSession LatestSession(DateTimeOffset now)
    {
        var today = NewYork.Date(now);
        return SessionOn(today) is { } session && now >= session.Open ? session : PreviousSession(today);
    }

    private Dictionary<DateOnly, CalendarOverride> DaysOf(int year) => _years.GetOrAdd(year, y =>
    {
        // Precedence: rules in their order, then built-in special sessions, then the caller's
        // overrides: for a date listed twice, the later entry wins.
        var days = new Dictionary<DateOnly, CalendarOverride>();
        foreach (var o in NyseRules.For(y).Concat(BuiltIn.Value.Concat(_overrides.Values).Where(o => o.Date.Year == y)))
        {
            days[o.Date] = o;
        }

        return days;
    });

    private static void RequireSupported(DateOnly date)
    {
        if (date < FirstSupportedDate)
        {
            throw new ArgumentOutOfRangeException(
                nameof(date), date, $"The NYSE calendar supports dates from {FirstSupportedDate:yyyy-MM-dd} on.");
        }
    }

    // 09:30-16:00 never falls in a DST gap or overlap (those are at 02:00), so At cannot throw.
    private static DateTimeOffset At(DateOnly date, TimeOnly time) => NewYork.At(date, time);

    private static IReadOnlyList<CalendarOverride> LoadBuiltIn()
    {
        using var stream = typeof(NyseCalendar).Assembly.GetManifestResourceStream(SpecialSessionsResource)
            ?? throw new InvalidOperationException($"Embedded resource {SpecialSessionsResource} is missing from AlphaKite.Core; rebuild the project.");
        using var reader = new StreamReader(stream);
        return CalendarOverrides.Parse(reader.ReadToEnd(), "built-in special sessions (SpecialSessions.json)");
    }
}
