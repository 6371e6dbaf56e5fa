using AlphaKite.Core.Calendar;
using Npgsql;
using NpgsqlTypes;

namespace AlphaKite.Postgres.Queries;

/// <summary>Read-side questions for `status`, `export` and backfill: what is stored, what is missing.</summary>
public sealed class BarQueries(BarStoreDataSource dataSource)
{
    private const string StoredMinutes = """
        SELECT e."timestamp", i.sma9 IS NOT NULL, i.vwap IS NOT NULL, i.ticker IS NOT NULL
          FROM equity_data e
          LEFT JOIN indicators i ON i.ticker = e.ticker AND i."timestamp" = e."timestamp"
         WHERE e.ticker = @ticker AND e."timestamp" >= @open AND e."timestamp" < @close
        """;

    private const string Export = """
        SELECT e."timestamp", e.open, e.high, e.low, e.close, e.volume, i.sma9, i.vwap
          FROM equity_data e
          LEFT JOIN indicators i ON i.ticker = e.ticker AND i."timestamp" = e."timestamp"
         WHERE e.ticker = @ticker AND e."timestamp" >= @open AND e."timestamp" < @close
         ORDER BY e."timestamp"
        """;

    private const string CountsPerSession = """
        SELECT s.open, count(e.id)
          FROM unnest(@opens, @closes) AS s(open, close)
          LEFT JOIN equity_data e ON e.ticker = @ticker AND e."timestamp" >= s.open AND e."timestamp" < s.close
         GROUP BY s.open
        """;

    private readonly BarStoreDataSource _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    /// <summary>Bars stored vs expected by <paramref name="asOf"/>, the missing minutes, the newest bar and indicator coverage.</summary>
    public Task<SessionStatus> SessionStatusAsync(string ticker, TradingSession session, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _dataSource.ReadAsync(
            async connection =>
            {
                await using var command = Command(StoredMinutes, connection, ticker, session);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var stored = new HashSet<DateTimeOffset>();
                int indicators = 0, sma9 = 0, vwap = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    stored.Add(reader.GetFieldValue<DateTimeOffset>(0));
                    sma9 += reader.GetBoolean(1) ? 1 : 0;
                    vwap += reader.GetBoolean(2) ? 1 : 0;
                    indicators += reader.GetBoolean(3) ? 1 : 0;
                }

                // A bar exists once its minute is over.
                var expected = session.BarStarts().Where(start => start.AddMinutes(1) <= asOf).ToList();
                return new SessionStatus(
                    ticker, session, asOf, stored.Count, expected.Count, MinuteGaps.Find(expected, stored),
                    stored.Count == 0 ? null : stored.Max(), indicators, sma9, vwap);
            },
            cancellationToken);
    }

    /// <summary>The session's bars joined with their indicators, oldest first.</summary>
    public Task<IReadOnlyList<ExportRow>> ExportAsync(string ticker, TradingSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _dataSource.ReadAsync<IReadOnlyList<ExportRow>>(
            async connection =>
            {
                await using var command = Command(Export, connection, ticker, session);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new List<ExportRow>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(new ExportRow(
                        reader.GetFieldValue<DateTimeOffset>(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3),
                        reader.GetDecimal(4), reader.GetInt64(5),
                        reader.IsDBNull(6) ? null : reader.GetDecimal(6), reader.IsDBNull(7) ? null : reader.GetDecimal(7)));
                }

                return rows;
            },
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
                await using var command = new NpgsqlCommand(CountsPerSession, connection);
                command.Parameters.Add(new NpgsqlParameter<string>("ticker", NpgsqlDbType.Text) { TypedValue = ticker });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("opens", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
                { TypedValue = sessions.Select(s => s.Open.ToUniversalTime()).ToArray() });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("closes", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
                { TypedValue = sessions.Select(s => s.Close.ToUniversalTime()).ToArray() });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var counts = new Dictionary<DateTimeOffset, long>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    counts[reader.GetFieldValue<DateTimeOffset>(0)] = reader.GetInt64(1);
                }

                return sessions.Where(s => counts.GetValueOrDefault(s.Open.ToUniversalTime()) < s.ExpectedBars).ToList();
            },
            cancellationToken);
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, string ticker, TradingSession session)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("ticker", NpgsqlDbType.Text) { TypedValue = ticker });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("open", NpgsqlDbType.TimestampTz) { TypedValue = session.Open.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("close", NpgsqlDbType.TimestampTz) { TypedValue = session.Close.ToUniversalTime() });
        return command;
    }
}
