using AlphaKite.Core.Indicators;
using AlphaKite.Core.Ports;
using Npgsql;
using NpgsqlTypes;

namespace AlphaKite.Postgres;

/// <summary>
/// Writes bars and indicators with one statement per table in one transaction. Unchanged rows are
/// skipped by the database (IS DISTINCT FROM on the rounded values), so a tick that re-sends a whole
/// session writes only the minutes that are new or were revised.
/// </summary>
public sealed class PostgresBarStore(PostgresDatabase dataSource) : IBarStore
{
    // The numeric(18,6) columns round on the way in; excluded.* holds the rounded values, so the
    // comparison is between what is stored and what would be stored.
    private const string UpsertBars = """
        INSERT INTO public.equity_data AS e (ticker, "timestamp", open, high, low, close, price, volume)
        SELECT @ticker, b.ts, b.o, b.h, b.l, b.c, b.c, b.v
          FROM unnest(@ts, @o, @h, @l, @c, @v) AS b(ts, o, h, l, c, v)
        ON CONFLICT (ticker, "timestamp") DO UPDATE
           SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
               price = excluded.price, volume = excluded.volume, updated_at = now()
         WHERE (e.open, e.high, e.low, e.close, e.price, e.volume)
               IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.price, excluded.volume)
        """;

    private const string UpsertIndicators = """
        INSERT INTO public.indicators AS i (ticker, "timestamp", sma9, vwap)
        SELECT @ticker, x.ts, x.sma9, x.vwap
          FROM unnest(@ts, @sma9, @vwap) AS x(ts, sma9, vwap)
        ON CONFLICT (ticker, "timestamp") DO UPDATE
           SET sma9 = excluded.sma9, vwap = excluded.vwap, updated_at = now()
         WHERE (i.sma9, i.vwap) IS DISTINCT FROM (excluded.sma9, excluded.vwap)
        """;

    private readonly PostgresDatabase _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    public async Task<WriteResult> UpsertAsync(string ticker, IReadOnlyList<IndicatedBar> bars, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticker);
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0)
        {
            return WriteResult.None;
        }

        var rows = BarColumns.From(bars);
        return await _dataSource.InTransactionAsync((connection, transaction) => WriteAsync(connection, transaction, ticker, rows, cancellationToken), cancellationToken);
    }

    /// <summary>The same upsert, rolled back: proves this login may write both tables (`alphakite doctor`)
    /// and leaves nothing behind.</summary>
    public async Task<WriteResult> UpsertAndRollBackAsync(string ticker, IReadOnlyList<IndicatedBar> bars, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticker);
        ArgumentNullException.ThrowIfNull(bars);
        var rows = BarColumns.From(bars);
        await using var connection = await _dataSource.OpenAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await WriteAsync(connection, transaction, ticker, rows, cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }
        catch (Exception e) when (PostgresErrors.IsTranslatable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw PostgresErrors.Translate(e, _dataSource.Settings);
        }
    }

    private static async Task<WriteResult> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string ticker, BarColumns rows, CancellationToken cancellationToken)
    {
        var equity = await ExecuteAsync(connection, transaction, UpsertBars, ticker, rows.Starts, cancellationToken,
            Array("o", rows.Opens), Array("h", rows.Highs), Array("l", rows.Lows), Array("c", rows.Closes),
            new NpgsqlParameter<long[]>("v", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = rows.Volumes });
        var indicators = await ExecuteAsync(connection, transaction, UpsertIndicators, ticker, rows.Starts, cancellationToken,
            NullableArray("sma9", rows.Sma9), NullableArray("vwap", rows.Vwap));
        return new WriteResult(equity, indicators);
    }

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string sql,
        string ticker,
        DateTimeOffset[] starts,
        CancellationToken cancellationToken,
        params NpgsqlParameter[] columns)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("ticker", NpgsqlDbType.Text) { TypedValue = ticker });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("ts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = starts });
        command.Parameters.AddRange(columns);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Array(string name, decimal[] values) =>
        new NpgsqlParameter<decimal[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Numeric) { TypedValue = values };

    private static NpgsqlParameter NullableArray(string name, decimal?[] values) =>
        new NpgsqlParameter<decimal?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Numeric) { TypedValue = values };
}
