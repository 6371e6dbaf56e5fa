using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;

namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>A database created by the original Python version is upgraded in place, keeping every row.</summary>
[Category("Integration")]
public class OriginalSchemaUpgradeTests
{
    private const string OriginalSchema = """
        CREATE TABLE equity_data (
            id BIGSERIAL PRIMARY KEY,
            ticker VARCHAR(10) NOT NULL,
            timestamp TIMESTAMPTZ NOT NULL,
            price DECIMAL(10,2) NOT NULL,
            volume BIGINT,
            created_at TIMESTAMPTZ DEFAULT NOW()
        );
        CREATE UNIQUE INDEX idx_equity_ticker_timestamp ON equity_data (ticker, timestamp);
        CREATE TABLE indicators (
            id BIGSERIAL PRIMARY KEY,
            ticker VARCHAR(10) NOT NULL,
            timestamp TIMESTAMPTZ NOT NULL,
            sma9 DECIMAL(10,2),
            vwap DECIMAL(10,2),
            created_at TIMESTAMPTZ DEFAULT NOW()
        );
        CREATE UNIQUE INDEX idx_indicators_ticker_timestamp ON indicators (ticker, timestamp);
        INSERT INTO equity_data (ticker, timestamp, price, volume, created_at) VALUES
            ('QQQ', '2025-06-02 13:30:00+00', 523.45, 120000, '2025-06-02 13:31:05+00'),
            ('QQQ', '2025-06-02 13:31:00+00', 523.50, 98000, '2025-06-02 13:32:05+00'),
            ('SPY', '2025-06-02 13:30:00+00', 591.07, NULL, '2025-06-02 13:31:05+00');
        INSERT INTO indicators (ticker, timestamp, sma9, vwap, created_at) VALUES
            ('QQQ', '2025-06-02 13:30:00+00', NULL, 523.41, '2025-06-02 13:31:05+00'),
            ('QQQ', '2025-06-02 13:31:00+00', 523.12, 523.44, '2025-06-02 13:32:05+00');
        """;

    private PostgresSettings _db = null!;

    [SetUp]
    public async Task CreateOriginalDatabaseAsync()
    {
        _db = await PostgresServer.CreateDatabaseAsync("original");
        await Sql.ExecuteAsync(_db.ConnectionString, OriginalSchema);
    }

    [Test]
    public async Task MigrateAsync_OriginalSchemaWithRows_KeepsEveryRowAndFillsOhlcFromPrice()
    {
        await using var source = new PostgresDatabase(_db);

        await Migrator.MigrateAsync(source, CancellationToken.None);

        var bars = await Sql.RowsAsync(_db.ConnectionString, """
            SELECT id, ticker, "timestamp" AT TIME ZONE 'UTC', open, high, low, close, price, volume, updated_at = created_at
              FROM equity_data ORDER BY id
            """);
        bars.Should().HaveCount(3);
        bars[0].Should().Equal(1L, "QQQ", new DateTime(2025, 6, 2, 13, 30, 0), 523.45m, 523.45m, 523.45m, 523.45m, 523.45m, 120000L, true);
        bars[1].Should().Equal(2L, "QQQ", new DateTime(2025, 6, 2, 13, 31, 0), 523.50m, 523.50m, 523.50m, 523.50m, 523.50m, 98000L, true);
        bars[2].Should().Equal(3L, "SPY", new DateTime(2025, 6, 2, 13, 30, 0), 591.07m, 591.07m, 591.07m, 591.07m, 591.07m, null, true);
        var indicators = await Sql.RowsAsync(_db.ConnectionString, "SELECT id, sma9, vwap FROM indicators ORDER BY id");
        indicators.Should().HaveCount(2);
        indicators[0].Should().Equal(1L, null, 523.41m);
        indicators[1].Should().Equal(2L, 523.12m, 523.44m);
    }

    [Test]
    public async Task MigrateAsync_OriginalSchema_WidensPricesAndReusesOriginalUniqueIndex()
    {
        await using var source = new PostgresDatabase(_db);

        await Migrator.MigrateAsync(source, CancellationToken.None);

        var types = await Sql.RowsAsync(_db.ConnectionString, """
            SELECT table_name || '.' || column_name || ':' || numeric_precision || ',' || numeric_scale FROM information_schema.columns
             WHERE table_schema = 'public' AND column_name IN ('price', 'open', 'sma9', 'vwap') ORDER BY 1
            """);
        types.Select(r => (string)r[0]!).Should().Equal(
            "equity_data.open:18,6", "equity_data.price:18,6", "indicators.sma9:18,6", "indicators.vwap:18,6");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM pg_indexes WHERE tablename IN ('equity_data', 'indicators') AND indexdef LIKE 'CREATE UNIQUE%'"))
            .Should().Be(4, "two primary keys plus the original two unique indexes; no duplicate constraint");
    }

    [Test]
    public async Task UpsertAsync_AfterUpgrade_UpdatesOldRowAndAppendsNewOnes()
    {
        await using var source = new PostgresDatabase(_db);
        await Migrator.MigrateAsync(source, CancellationToken.None);
        var store = new PostgresBarStore(source);
        var start = new DateTimeOffset(2025, 6, 2, 13, 31, 0, TimeSpan.Zero);
        var bars = new[] { TestBars.Bar(start, 0, 523.123456m, 523.4m), TestBars.Bar(start.AddMinutes(1), 1) };

        var result = await store.UpsertAsync("QQQ", bars, CancellationToken.None);

        result.Should().Be(new AlphaKite.Core.Ports.WriteResult(2, 2));
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(4);
        (await Sql.ScalarAsync<decimal>(_db.ConnectionString, "SELECT sma9 FROM indicators WHERE id = 2")).Should().Be(523.123456m);
    }
}
