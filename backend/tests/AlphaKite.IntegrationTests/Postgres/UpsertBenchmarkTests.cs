using System.Diagnostics;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using Npgsql;

namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>
/// Backfill of 45 sessions x 390 bars for one ticker: the set-based upsert vs one INSERT per row (the
/// original Python's approach). Run: dotnet test backend/tests/AlphaKite.IntegrationTests -c Release
/// --filter "FullyQualifiedName~UpsertBenchmarkTests" --logger "console;verbosity=detailed"
/// </summary>
[Explicit("timing benchmark; run on demand")]
[Category("Integration")]
[Category("Benchmark")]
public class UpsertBenchmarkTests
{
    [Test]
    public async Task Backfill_45Sessions_SetBasedUpsertUnderThreeSecondsAndFasterThanRowByRow()
    {
        var sessions = TestBars.Calendar.SessionsBetween(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30)).Take(45).ToList();
        var bars = sessions.Select(TestBars.FullSession).ToList();
        var upsertDb = await PostgresServer.CreateDatabaseAsync("bench_upsert");
        var rowDb = await PostgresServer.CreateDatabaseAsync("bench_rows");
        await using var upsertSource = new PostgresDatabase(upsertDb);
        await using var rowSource = new PostgresDatabase(rowDb);
        await Migrator.MigrateAsync(upsertSource, CancellationToken.None);
        await Migrator.MigrateAsync(rowSource, CancellationToken.None);
        var store = new PostgresBarStore(upsertSource);

        var upsert = Stopwatch.StartNew();
        foreach (var session in bars)
        {
            await store.UpsertAsync("QQQ", session, CancellationToken.None);
        }

        upsert.Stop();
        var rerun = Stopwatch.StartNew();
        foreach (var session in bars)
        {
            await store.UpsertAsync("QQQ", session, CancellationToken.None);
        }

        rerun.Stop();
        var rows = Stopwatch.StartNew();
        await using (var connection = await rowSource.OpenAsync(CancellationToken.None))
        {
            foreach (var bar in bars.SelectMany(b => b))
            {
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO equity_data (ticker, \"timestamp\", open, high, low, close, price, volume) VALUES ('QQQ', @t, @o, @h, @l, @c, @c, @v) "
                    + "ON CONFLICT (ticker, \"timestamp\") DO NOTHING", connection);
                insert.Parameters.AddWithValue("t", bar.Candle.Start.ToUniversalTime());
                insert.Parameters.AddWithValue("o", bar.Candle.Open);
                insert.Parameters.AddWithValue("h", bar.Candle.High);
                insert.Parameters.AddWithValue("l", bar.Candle.Low);
                insert.Parameters.AddWithValue("c", bar.Candle.Close);
                insert.Parameters.AddWithValue("v", bar.Candle.Volume);
                await insert.ExecuteNonQueryAsync();
            }
        }

        rows.Stop();
        TestContext.Out.WriteLine($"45x390 bars: upsert {upsert.ElapsedMilliseconds} ms (bars+indicators), rerun unchanged {rerun.ElapsedMilliseconds} ms, "
            + $"row-by-row {rows.ElapsedMilliseconds} ms (bars only), ratio {rows.Elapsed / upsert.Elapsed:F1}x");
        (await Sql.ScalarAsync<long>(upsertDb.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(45 * 390);
        upsert.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        upsert.Elapsed.Should().BeLessThan(rows.Elapsed);
    }
}
