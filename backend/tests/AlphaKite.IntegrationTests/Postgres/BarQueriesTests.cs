using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Postgres.Queries;

namespace AlphaKite.IntegrationTests.Postgres;

[Category("Integration")]
public class BarQueriesTests
{
    private PostgresSettings _db = null!;
    private PostgresDatabase _source = null!;
    private PostgresBarStore _store = null!;
    private BarQueries _queries = null!;

    [OneTimeSetUp]
    public async Task MigrateAsync()
    {
        _db = await PostgresServer.CreateDatabaseAsync("queries");
        _source = new PostgresDatabase(_db);
        await Migrator.MigrateAsync(_source, CancellationToken.None);
        _store = new PostgresBarStore(_source);
        _queries = new BarQueries(_source);
    }

    [OneTimeTearDown]
    public async Task DisposeAsync() => await _source.DisposeAsync();

    [Test]
    public async Task SessionStatusAsync_HandBuiltGaps_ReportsRangesInNewYorkTime()
    {
        // 2026-11-16 (EST, UTC-5). Stored: 09:30-10:01 (32 bars), 10:12-15:58 (347 bars); missing 10:02-10:11 and 15:59.
        var session = TestBars.Session(2026, 11, 16);
        var minutes = Enumerable.Range(0, 32).Concat(Enumerable.Range(42, 347)).ToList();
        await _store.UpsertAsync("GAPS", TestBars.Minutes(session, minutes), CancellationToken.None);
        await Sql.ExecuteAsync(_db.ConnectionString,
            "INSERT INTO equity_data (ticker, \"timestamp\", open, high, low, close, price, volume) VALUES ('GAPS', '2026-11-16T21:00:00Z', 1, 1, 1, 1, 1, 1)");

        var status = await _queries.SessionStatusAsync("GAPS", session, session.Close.AddHours(3), CancellationToken.None);

        status.BarsStored.Should().Be(379, "the after-hours row at 16:00 is outside the session");
        status.ExpectedBars.Should().Be(390);
        status.Missing.Select(m => m.ToString()).Should().Equal("10:02-10:11", "15:59");
        status.Missing.Sum(m => m.Minutes).Should().Be(11);
        status.LatestBar.Should().Be(new DateTimeOffset(2026, 11, 16, 20, 58, 0, TimeSpan.Zero));
        status.IndicatorRows.Should().Be(379);
        status.Sma9Rows.Should().Be(379 - 8, "TestBars leave SMA9 null for minutes 0-7");
        status.VwapRows.Should().Be(379);
        status.IsLive.Should().BeFalse();
    }

    [Test]
    public async Task SessionStatusAsync_DuringSession_ExpectsOnlyFinishedMinutesAndMeasuresAge()
    {
        var session = TestBars.Session(2026, 11, 17);
        await _store.UpsertAsync("LIVE", TestBars.Minutes(session, [0, 1, 2, 4]), CancellationToken.None);
        var asOf = session.Open.AddMinutes(6).AddSeconds(30); // 09:36:30: bars 09:30-09:35 are final

        var status = await _queries.SessionStatusAsync("LIVE", session, asOf, CancellationToken.None);

        status.ExpectedBars.Should().Be(6);
        status.Missing.Select(m => m.ToString()).Should().Equal("09:33", "09:35");
        status.IsLive.Should().BeTrue();
        status.Age.Should().Be(TimeSpan.FromSeconds(150), "the newest bar starts 09:34:00");
    }

    [Test]
    public async Task ExportAsync_BarsWithAndWithoutIndicators_JoinedInOrder()
    {
        var session = TestBars.Session(2026, 11, 18);
        await _store.UpsertAsync("EXP", TestBars.Minutes(session, [8, 7]), CancellationToken.None);
        await Sql.ExecuteAsync(_db.ConnectionString, "DELETE FROM indicators WHERE ticker = 'EXP' AND sma9 IS NULL");

        var rows = await _queries.ExportAsync("EXP", session, CancellationToken.None);

        rows.Should().Equal(
            new ExportRow(session.Open.AddMinutes(7), 100.07m, 100.57m, 99.57m, 100.32m, 1007, null, null),
            new ExportRow(session.Open.AddMinutes(8), 100.08m, 100.58m, 99.58m, 100.33m, 1008, 108m, 100m));
    }

    [Test]
    public async Task IncompleteSessionsAsync_OneFullOnePartialOneEmpty_ReturnsPartialAndEmpty()
    {
        var full = TestBars.Session(2026, 11, 9);
        var partial = TestBars.Session(2026, 11, 10);
        var empty = TestBars.Session(2026, 11, 11);
        await _store.UpsertAsync("BACK", TestBars.FullSession(full), CancellationToken.None);
        await _store.UpsertAsync("BACK", TestBars.Minutes(partial, Enumerable.Range(0, 389)), CancellationToken.None);

        var incomplete = await _queries.IncompleteSessionsAsync("BACK", [full, partial, empty], CancellationToken.None);

        incomplete.Select(s => s.Date).Should().Equal(partial.Date, empty.Date);
    }
}
