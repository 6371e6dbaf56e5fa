using System.Diagnostics;
using AlphaKite.Core.Indicators;
using AlphaKite.Core.Ports;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using Dapper;

namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>
/// The write path's two candidate forms, measured in one run against the same PostgreSQL: the store's
/// typed arrays + <c>unnest</c> (one statement per table) vs Dapper's <c>ExecuteAsync</c> with a list of
/// rows (one statement per row, Dapper.AOT as the Lambda would use it), both with the same ON CONFLICT
/// ... IS DISTINCT FROM upsert, one transaction per session. Rounds alternate which form goes first.
/// Run: dotnet test backend/tests/AlphaKite.IntegrationTests -c Release
/// --filter "FullyQualifiedName~UpsertFormBenchmarkTests" --logger "console;verbosity=detailed"
/// </summary>
[Explicit("timing benchmark; run on demand")]
[Category("Integration")]
[Category("Benchmark")]
[DapperAot]
public class UpsertFormBenchmarkTests
{
    private const int Rounds = 3;

    private const string UpsertBarRow = """
        INSERT INTO public.equity_data AS e (ticker, "timestamp", open, high, low, close, price, volume)
        VALUES (@Ticker, @Start, @Open, @High, @Low, @Close, @Close, @Volume)
        ON CONFLICT (ticker, "timestamp") DO UPDATE
           SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
               price = excluded.price, volume = excluded.volume, updated_at = now()
         WHERE (e.open, e.high, e.low, e.close, e.price, e.volume)
               IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.price, excluded.volume)
        """;

    private const string UpsertIndicatorRow = """
        INSERT INTO public.indicators AS i (ticker, "timestamp", sma9, vwap)
        VALUES (@Ticker, @Start, @Sma9, @Vwap)
        ON CONFLICT (ticker, "timestamp") DO UPDATE
           SET sma9 = excluded.sma9, vwap = excluded.vwap, updated_at = now()
         WHERE (i.sma9, i.vwap) IS DISTINCT FROM (excluded.sma9, excluded.vwap)
        """;

    private const string Checksum = """
        SELECT count(*)::text || ' ' || coalesce(sum(e.volume), 0)::text || ' ' || coalesce(sum(e.close), 0)::text || ' '
               || coalesce(sum(i.sma9), 0)::text || ' ' || coalesce(sum(i.vwap), 0)::text
          FROM equity_data e JOIN indicators i USING (ticker, "timestamp")
        """;

    [Test]
    public async Task Upsert_UnnestVersusDapperRowList_SameRowsAndTimesPrinted()
    {
        var sessions = TestBars.Calendar.SessionsBetween(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30)).Take(45).ToList();
        var backfill = sessions.Select(TestBars.FullSession).ToList();
        var lastSession = backfill[^1];
        // The per-minute shape: the whole session re-sent with one more bar each minute (the last 30 minutes).
        var ticks = Enumerable.Range(lastSession.Count - 29, 30).Select(n => lastSession.Take(n).ToList()).ToList();

        var unnestDb = await PostgresServer.CreateMigratedDatabaseAsync("bench_unnest");
        var dapperDb = await PostgresServer.CreateMigratedDatabaseAsync("bench_dapper");
        await using var unnestSource = new PostgresDatabase(unnestDb);
        await using var dapperSource = new PostgresDatabase(dapperDb);
        var store = new PostgresBarStore(unnestSource);
        var forms = new Dictionary<string, Func<string, IReadOnlyList<IndicatedBar>, Task<WriteResult>>>
        {
            ["unnest"] = (t, b) => store.UpsertAsync(t, b, CancellationToken.None),
            ["dapper"] = (t, b) => DapperUpsertAsync(dapperSource, t, b),
        };
        var databases = new Dictionary<string, string> { ["unnest"] = unnestDb.ConnectionString, ["dapper"] = dapperDb.ConnectionString };
        var times = forms.Keys.ToDictionary(k => k, _ => new Dictionary<string, List<double>> { ["backfill"] = [], ["rerun"] = [], ["tick"] = [] });

        for (var round = 0; round < Rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { "unnest", "dapper" } : ["dapper", "unnest"];
            foreach (var form in order)
            {
                await Sql.ExecuteAsync(databases[form], "TRUNCATE equity_data, indicators");
                times[form]["backfill"].Add(await TimeAsync(backfill, b => forms[form]("QQQ", b)));
                times[form]["rerun"].Add(await TimeAsync(backfill, b => forms[form]("QQQ", b)));
                await Sql.ExecuteAsync(databases[form], $"DELETE FROM equity_data WHERE \"timestamp\" >= '{lastSession[^30].Candle.Start.UtcDateTime:O}'");
                await Sql.ExecuteAsync(databases[form], $"DELETE FROM indicators WHERE \"timestamp\" >= '{lastSession[^30].Candle.Start.UtcDateTime:O}'");
                times[form]["tick"].Add(await TimeAsync(ticks, b => forms[form]("QQQ", b)) / ticks.Count);
            }
        }

        foreach (var scenario in new[] { "backfill", "rerun", "tick" })
        {
            var unnest = Median(times["unnest"][scenario]);
            var dapper = Median(times["dapper"][scenario]);
            TestContext.Out.WriteLine(
                $"{scenario,-8} unnest {unnest,9:F1} ms   dapper row list {dapper,9:F1} ms   dapper/unnest {dapper / unnest,5:F1}x   "
                + $"(rounds: unnest {string.Join(", ", times["unnest"][scenario].Select(t => t.ToString("F1")))}; dapper {string.Join(", ", times["dapper"][scenario].Select(t => t.ToString("F1")))})");
        }

        var expected = await Sql.ScalarAsync<string>(unnestDb.ConnectionString, Checksum);
        (await Sql.ScalarAsync<string>(dapperDb.ConnectionString, Checksum)).Should().Be(expected, "both forms store the same rows");
        (await Sql.ScalarAsync<long>(unnestDb.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(45 * 390);
    }

    private static async Task<WriteResult> DapperUpsertAsync(PostgresDatabase source, string ticker, IReadOnlyList<IndicatedBar> bars)
    {
        var barRows = bars.Select(b => new BarRow(ticker, b.Candle.Start.ToUniversalTime(), b.Candle.Open, b.Candle.High, b.Candle.Low, b.Candle.Close, b.Candle.Volume)).ToList();
        var indicatorRows = bars.Select(b => new IndicatorRow(ticker, b.Candle.Start.ToUniversalTime(), b.Sma9, b.Vwap)).ToList();
        return await source.InTransactionAsync(
            async (connection, transaction) => new WriteResult(
                await connection.ExecuteAsync(UpsertBarRow, barRows, transaction),
                await connection.ExecuteAsync(UpsertIndicatorRow, indicatorRows, transaction)),
            CancellationToken.None);
    }

    private static async Task<double> TimeAsync<T>(IEnumerable<T> items, Func<T, Task<WriteResult>> write)
    {
        var watch = Stopwatch.StartNew();
        foreach (var item in items)
        {
            await write(item);
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    internal sealed record BarRow(string Ticker, DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, long Volume);

    internal sealed record IndicatorRow(string Ticker, DateTimeOffset Start, decimal? Sma9, decimal? Vwap);
}
