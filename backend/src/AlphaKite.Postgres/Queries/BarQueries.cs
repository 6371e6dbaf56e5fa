using AlphaKite.Core.Calendar;
using AlphaKite.Core.Status;
using Dapper;

namespace AlphaKite.Postgres.Queries;

/// <summary>Read-side questions for `status`, `export` and backfill: what is stored, what is missing.
/// Rows are mapped by Dapper (Dapper.AOT), column names matching the record's parameters. Dapper.AOT reads SQL
/// only from the overloads without a CommandDefinition, which take no CancellationToken: the data source
/// still ends the call when the token fires (BoundedAsync), and CommandTimeout ends the query on the server.</summary>
public sealed class BarQueries(PostgresDatabase dataSource)
{
    private const string StoredMinutes = """
        SELECT e."timestamp" AS start, i.sma9 IS NOT NULL AS has_sma9, i.vwap IS NOT NULL AS has_vwap,
               i.ticker IS NOT NULL AS has_indicators
          FROM equity_data e
          LEFT JOIN indicators i ON i.ticker = e.ticker AND i."timestamp" = e."timestamp"
         WHERE e.ticker = @Ticker AND e."timestamp" >= @Open AND e."timestamp" < @Close
        """;

    private const string Export = """
        SELECT e."timestamp" AS start, e.open, e.high, e.low, e.close, e.volume, i.sma9, i.vwap
          FROM equity_data e
          LEFT JOIN indicators i ON i.ticker = e.ticker AND i."timestamp" = e."timestamp"
         WHERE e.ticker = @Ticker AND e."timestamp" >= @Open AND e."timestamp" < @Close
         ORDER BY e."timestamp"
        """;

    private const string CountsPerSession = """
        SELECT s.open, count(e.id) AS bars
          FROM unnest(@Opens, @Closes) AS s(open, close)
          LEFT JOIN equity_data e ON e.ticker = @Ticker AND e."timestamp" >= s.open AND e."timestamp" < s.close
         GROUP BY s.open
        """;

    private readonly PostgresDatabase _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    /// <summary>Bars stored vs expected by <paramref name="asOf"/>, the missing minutes, the newest bar and indicator coverage.</summary>
    public Task<SessionStatus> SessionStatusAsync(string ticker, TradingSession session, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _dataSource.ReadAsync(
            async connection =>
            {
                var minutes = (await connection.QueryAsync<StoredMinute>(StoredMinutes, Window(ticker, session))).AsList();
                var stored = minutes.Select(m => m.Start).ToHashSet();

                // A bar exists once its minute is over.
                var expected = session.BarStarts().Where(start => start.AddMinutes(1) <= asOf).ToList();
                return new SessionStatus(
                    ticker, session, asOf, stored.Count, expected.Count, MinuteGaps.Find(expected, stored),
                    stored.Count == 0 ? null : stored.Max(),
                    minutes.Count(m => m.HasIndicators), minutes.Count(m => m.HasSma9), minutes.Count(m => m.HasVwap));
            },
            cancellationToken);
    }

    /// <summary>The session's bars joined with their indicators, oldest first.</summary>
    public Task<IReadOnlyList<ExportRow>> ExportAsync(string ticker, TradingSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _dataSource.ReadAsync<IReadOnlyList<ExportRow>>(
            async connection => (await connection.QueryAsync<ExportRow>(Export, Window(ticker, session))).AsList(),
            cancellationToken);
    }

    /// <summary>The sessions (of those given) holding fewer bars than a complete session: where a backfill should resume.
    /// Pass only sessions that are over; a running session is always incomplete.</summary>
    public Task<IReadOnlyList<TradingSession>> IncompleteSessionsAsync(string ticker, IReadOnlyList<TradingSession> sessions, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticker);
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<TradingSession>>([]);
        }

        return _dataSource.ReadAsync<IReadOnlyList<TradingSession>>(
            async connection =>
            {
                var parameters = new SessionsParameters(
                    ticker, [.. sessions.Select(s => s.Open.ToUniversalTime())], [.. sessions.Select(s => s.Close.ToUniversalTime())]);
                var counts = (await connection.QueryAsync<SessionCount>(CountsPerSession, parameters))
                    .ToDictionary(c => c.Open, c => c.Bars);
                return sessions.Where(s => counts.GetValueOrDefault(s.Open.ToUniversalTime()) < s.ExpectedBars).ToList();
            },
            cancellationToken);
    }

    // Npgsql writes timestamptz only from UTC offsets.
    private static SessionParameters Window(string ticker, TradingSession session) =>
        new(ticker, session.Open.ToUniversalTime(), session.Close.ToUniversalTime());

    internal sealed record SessionParameters(string Ticker, DateTimeOffset Open, DateTimeOffset Close);

    internal sealed record SessionsParameters(string Ticker, DateTimeOffset[] Opens, DateTimeOffset[] Closes);

    internal sealed record StoredMinute(DateTimeOffset Start, bool HasSma9, bool HasVwap, bool HasIndicators);

    internal sealed record SessionCount(DateTimeOffset Open, long Bars);
}
