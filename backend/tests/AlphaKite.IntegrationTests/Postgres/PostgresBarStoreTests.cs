using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Postgres;

[Category("Integration")]
public class PostgresBarStoreTests
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private PostgresSettings _db = null!;
    private PostgresDatabase _source = null!;
    private PostgresBarStore _store = null!;

    [SetUp]
    public async Task MigrateFreshDatabaseAsync()
    {
        _db = await PostgresServer.CreateDatabaseAsync("store");
        _source = new PostgresDatabase(_db);
        await Migrator.MigrateAsync(_source, CancellationToken.None);
        _store = new PostgresBarStore(_source);
    }

    [TearDown]
    public async Task DisposeAsync() => await _source.DisposeAsync();

    [Test]
    public async Task UpsertAsync_SameMinuteThreeTimes_OneRowWrittenOnce()
    {
        var bar = new IndicatedBar(new Candle(Minute, 500.1m, 500.9m, 499.8m, 500.5m, 12345), 500.2m, 500.3m);

        var first = await _store.UpsertAsync("QQQ", [bar], CancellationToken.None);
        var second = await _store.UpsertAsync("QQQ", [bar], CancellationToken.None);
        var third = await _store.UpsertAsync("QQQ", [bar], CancellationToken.None);

        first.Should().Be(new WriteResult(1, 1));
        second.Should().Be(WriteResult.None);
        third.Should().Be(WriteResult.None);
        var rows = await Sql.RowsAsync(_db.ConnectionString, "SELECT open, high, low, close, price, volume FROM equity_data");
        rows.Should().ContainSingle().Which.Should().Equal(500.1m, 500.9m, 499.8m, 500.5m, 500.5m, 12345L);
    }

    [Test]
    public async Task UpsertAsync_LatePrintChangesClose_UpdatesOnlyThatRowAndBumpsUpdatedAt()
    {
        var bars = new List<IndicatedBar>
        {
            new(new Candle(Minute, 10m, 11m, 9m, 10.5m, 100), null, 10.2m),
            new(new Candle(Minute.AddMinutes(1), 10.5m, 11m, 10m, 10.7m, 200), null, 10.4m),
        };
        await _store.UpsertAsync("QQQ", bars, CancellationToken.None);
        await Sql.ExecuteAsync(_db.ConnectionString, "UPDATE equity_data SET updated_at = '2000-01-01'");
        bars[1] = bars[1] with { Candle = bars[1].Candle with { Close = 10.8m, Volume = 250 } };

        var result = await _store.UpsertAsync("QQQ", bars, CancellationToken.None);

        result.Should().Be(new WriteResult(1, 0));
        var rows = await Sql.RowsAsync(_db.ConnectionString, "SELECT close, price, volume, updated_at > '2001-01-01' FROM equity_data ORDER BY \"timestamp\"");
        rows[0].Should().Equal(10.5m, 10.5m, 100L, false);
        rows[1].Should().Equal(10.8m, 10.8m, 250L, true);
    }

    [Test]
    public async Task UpsertAsync_MoreThanSixDecimals_RoundsWhenStoringAndDifferenceBelowRoundingIsNoChange()
    {
        // numeric(18,6) rounds half away from zero: 1/3 -> 0.333333, 2/3 -> 0.666667.
        var bar = new IndicatedBar(new Candle(Minute, 1m / 3m, 2m / 3m, 0.1m, 0.1234564m, 1), 0.1234565m, null);
        await _store.UpsertAsync("QQQ", [bar], CancellationToken.None);
        var almostSame = bar with { Candle = bar.Candle with { Close = 0.12345640001m } };

        var result = await _store.UpsertAsync("QQQ", [almostSame], CancellationToken.None);

        result.Should().Be(WriteResult.None);
        var row = (await Sql.RowsAsync(_db.ConnectionString,
            "SELECT e.open, e.high, e.close, i.sma9 FROM equity_data e JOIN indicators i USING (ticker, \"timestamp\")")).Single();
        row.Should().Equal(0.333333m, 0.666667m, 0.123456m, 0.123457m);
    }

    [Test]
    public async Task UpsertAsync_EmptyInput_WritesNothing()
    {
        var result = await _store.UpsertAsync("QQQ", [], CancellationToken.None);

        result.Should().Be(WriteResult.None);
    }

    [Test]
    public async Task UpsertAsync_DuplicateMinuteInInput_ThrowsNamingMinuteAndWritesNothing()
    {
        var bar = TestBars.Bar(Minute, 0);

        var act = () => _store.UpsertAsync("QQQ", [TestBars.Bar(Minute.AddMinutes(-1), 1), bar, bar], CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*2026-11-20 14:30Z*nothing was written*");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(0);
    }

    [Test]
    public async Task UpsertAsync_IndicatorStatementFails_BarsRolledBackToo()
    {
        // A value too large for numeric(18,6) in the second statement must undo the first.
        var bars = new[] { TestBars.Bar(Minute, 0), TestBars.Bar(Minute.AddMinutes(1), 1, vwap: 1_000_000_000_000m) };

        var act = () => _store.UpsertAsync("QQQ", bars, CancellationToken.None);

        await act.Should().ThrowAsync<BarStoreException>().WithMessage("*22003*");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(0);
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM indicators")).Should().Be(0);
    }

    [Test]
    public async Task UpsertAsync_ServerKilledPooledConnection_NextUpsertReconnectsAndSucceeds()
    {
        await _store.UpsertAsync("QQQ", [TestBars.Bar(Minute, 0)], CancellationToken.None);
        await KillBackendsAsync();

        var result = await _store.UpsertAsync("QQQ", [TestBars.Bar(Minute.AddMinutes(1), 1)], CancellationToken.None);

        result.Should().Be(new WriteResult(1, 1));
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(2);
    }

    [Test]
    public async Task UpsertAsync_TablesMissing_SaysRunDbMigrate()
    {
        var empty = await PostgresServer.CreateDatabaseAsync("nomigrate");
        await using var source = new PostgresDatabase(empty);

        var act = () => new PostgresBarStore(source).UpsertAsync("QQQ", [TestBars.Bar(Minute, 0)], CancellationToken.None);

        await act.Should().ThrowAsync<BarStoreException>().WithMessage("*equity_data*does not exist*alphakite db migrate*");
    }

    [Test]
    public async Task UpsertAsync_NothingListening_NamesHostPortWithoutPassword()
    {
        var port = LoopbackPort.Free();
        var connection = PostgresSettings.Parse($"postgresql://writer:s3cr3t-pw@127.0.0.1:{port}/postgres");
        await using var source = new PostgresDatabase(connection);

        var act = () => new PostgresBarStore(source).UpsertAsync("QQQ", [TestBars.Bar(Minute, 0)], CancellationToken.None);

        var error = await act.Should().ThrowAsync<BarStoreException>().WithMessage($"*cannot reach PostgreSQL at 127.0.0.1:{port}*");
        error.Which.ToString().Should().NotContain("s3cr3t-pw");
    }

    [Test]
    public async Task GuideCheck_AfterUpsertOfTodaysBars_CountsAndReturnsLatest()
    {
        // The deployment guide's check, verbatim, against today's date on the server (asked of the
        // server, not this machine's clock, so the two cannot disagree around midnight).
        var today = DateTime.ParseExact(
            await Sql.ScalarAsync<string>(_db.ConnectionString + ";Timezone=UTC", "SELECT CURRENT_DATE::text"),
            "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var start = new DateTimeOffset(today.Year, today.Month, today.Day, 12, 0, 0, TimeSpan.Zero);
        await _store.UpsertAsync("QQQ", [TestBars.Bar(start, 0), TestBars.Bar(start.AddMinutes(1), 1)], CancellationToken.None);

        var row = (await Sql.RowsAsync(_db.ConnectionString + ";Timezone=UTC",
            "SELECT COUNT(*), MAX(timestamp) FROM equity_data WHERE ticker = 'QQQ' AND timestamp::date = CURRENT_DATE;")).Single();

        row[0].Should().Be(2L);
        ((DateTime)row[1]!).Should().Be(start.AddMinutes(1).UtcDateTime);
    }

    private async Task KillBackendsAsync() =>
        await Sql.ExecuteAsync(PostgresServer.Instance.ConnectionString,
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_db.Database}' AND pid <> pg_backend_pid()");
}
