using System.Globalization;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;
using AlphaKite.Postgres;
using AlphaKite.Schwab;
using AlphaKite.Schwab.Http;
using AlphaKite.Schwab.MarketData;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Doctor;

/// <summary>What the local checks need. A setting that could not be read is carried as its message:
/// the check that needs it fails with that message, the others still run.</summary>
/// <param name="Schwab">The app's settings, or null with <paramref name="SchwabProblem"/>.</param>
/// <param name="Database">The database, or null with <paramref name="DatabaseProblem"/>.</param>
/// <param name="RefreshSkipReason">Set when the token must not be refreshed from here (the deployed store's
/// token belongs to the deployed function); then the refresh and pricehistory checks are skipped with it.</param>
public sealed record LocalCheckSettings(
    ITokenStore TokenStore,
    SchwabSettings? Schwab,
    string? SchwabProblem,
    PostgresSettings? Database,
    string? DatabaseProblem,
    IReadOnlyList<string> Tickers,
    bool MarketData = true,
    string? RefreshSkipReason = null);

/// <summary>
/// The checks that need no AWS: the token document, the refresh token's age, a real refresh (saved
/// through the token store exactly as the stream saves it), Schwab's pricehistory for each ticker's
/// last finished session, and the database (reachable, every migration applied, the writer's upsert
/// in a transaction that is rolled back).
/// </summary>
public sealed class LocalChecks : IAsyncDisposable
{
    private static readonly CheckResult NeedsToken = CheckResult.Skip("needs a readable, unexpired token (see the lines above)");
    private static readonly CheckResult NeedsRefresh = CheckResult.Skip("needs a working refresh (see above)");
    private static readonly CheckResult NeedsDatabase = CheckResult.Skip("needs a reachable database (see above)");
    private static readonly CheckResult NeedsMigrations = CheckResult.Skip("needs every migration applied (see above)");

    private readonly LocalCheckSettings _settings;
    private readonly TimeProvider _clock;
    private readonly NyseCalendar _calendar;
    private readonly HttpClient _http = SchwabHttp.CreateClient();
    private readonly PostgresDatabase? _database;
    private SchwabTokenFile? _token;
    private SchwabTokenProvider? _tokens;
    private bool _databaseReached;
    private bool _migrated;

    public LocalChecks(LocalCheckSettings settings, TimeProvider clock, NyseCalendar calendar)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _database = settings.Database is { } connection ? new PostgresDatabase(connection) : null;
    }

    public IEnumerable<DoctorCheck> All()
    {
        yield return new DoctorCheck("token", TokenAsync);
        yield return new DoctorCheck("refresh token", _ => Task.FromResult(RefreshTokenAge()));
        yield return new DoctorCheck("token refresh", RefreshAsync);
        if (_settings.MarketData)
        {
            foreach (var ticker in _settings.Tickers)
            {
                yield return new DoctorCheck($"pricehistory {ticker}", ct => PriceHistoryAsync(ticker, ct));
            }
        }

        yield return new DoctorCheck("database", ReachAsync);
        yield return new DoctorCheck("migrations", MigrationsAsync);
        yield return new DoctorCheck("writer upsert", UpsertAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _tokens?.Dispose();
        _http.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task<CheckResult> TokenAsync(CancellationToken ct)
    {
        var store = _settings.TokenStore;
        // The same reader the stream and the Lambda use: its messages name the member and the fix.
        _token = SchwabTokenFile.Parse(await store.LoadAsync(ct), store.Describe);
        return CheckResult.Ok($"a schwab-py token in {store.Describe}");
    }

    private CheckResult RefreshTokenAge()
    {
        if (_token is not { } token)
        {
            return CheckResult.Skip("needs a readable token (see above)");
        }

        var now = _clock.GetUtcNow();
        var left = token.RefreshTokenExpiresAt - now;
        var issued = $"issued {Utc(token.CreatedAt)} ({Days(now - token.CreatedAt)} ago), expires {Utc(token.RefreshTokenExpiresAt)}";
        if (left <= TimeSpan.Zero)
        {
            _token = null;
            return CheckResult.Fail($"{issued}: it expired {Days(-left)} ago (Schwab's refresh token dies 7 days after the browser login). " +
                "Fix: run `alphakite auth` to log in again" + UploadHint());
        }

        var soon = left < TimeSpan.FromDays(1) ? "; log in again soon (`alphakite auth`)" : "";
        return CheckResult.Ok($"{issued}, {Days(left)} left{soon}");
    }

    private async Task<CheckResult> RefreshAsync(CancellationToken ct)
    {
        if (_settings.RefreshSkipReason is { } reason)
        {
            return CheckResult.Skip(reason);
        }

        if (_settings.Schwab is not { } schwab)
        {
            return CheckResult.Fail(_settings.SchwabProblem ?? "no Schwab app settings");
        }

        if (_token is not { } token)
        {
            return NeedsToken;
        }

        Exception? saveFailure = null;
        var oauth = new SchwabOAuthClient(_http, schwab, time: _clock);
        var tokens = new SchwabTokenProvider(_settings.TokenStore, oauth, _clock, e => saveFailure = e);
        try
        {
            // Handing back the current access token as rejected forces a refresh through the same
            // provider the stream uses: the token endpoint answers, and the new document is saved
            // through the token store (a file is replaced atomically).
            await tokens.GetAccessTokenAfterRejectionAsync(token.Token.AccessToken, ct);
        }
        catch
        {
            tokens.Dispose();
            throw;
        }

        if (saveFailure is { } failure)
        {
            tokens.Dispose();
            return CheckResult.Fail($"Schwab refreshed the token, but saving it failed: {failure.Message}");
        }

        // Only a token that refreshed is used for prices: an old access token may still work today and fail tomorrow.
        _tokens = tokens;
        return CheckResult.Ok($"{schwab.Endpoint("v1/oauth/token")} refreshed the access token; saved to {_settings.TokenStore.Describe}");
    }

    private async Task<CheckResult> PriceHistoryAsync(string ticker, CancellationToken ct)
    {
        if (_tokens is null || _settings.Schwab is not { } schwab)
        {
            return _settings.RefreshSkipReason is { } reason ? CheckResult.Skip(reason) : NeedsRefresh;
        }

        var session = LastFinishedSession();
        var market = new SchwabMarketDataClient(_http, schwab.BaseUrl, _tokens, new RequestBudget(time: _clock), time: _clock);
        var candles = (await market.FetchCandlesAsync(ticker, session.Open, session.Close, ct))
            .Where(c => c.Start >= session.Open && c.Start < session.Close)
            .ToList();
        var day = session.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (candles.Count == 0)
        {
            return CheckResult.Fail(
                $"Schwab answered with no bars for {ticker} in the session of {day}: Schwab answers an unknown symbol with an empty list. " +
                "Fix: check the symbol (--tickers, ALPHAKITE_TICKERS, or tickers/default_ticker in terraform.tfvars)");
        }

        return CheckResult.Ok(string.Create(CultureInfo.InvariantCulture,
            $"{candles.Count} of {session.ExpectedBars} bars for {day}, last close {candles[^1].Close}"));
    }

    private async Task<CheckResult> ReachAsync(CancellationToken ct)
    {
        if (_database is null)
        {
            return CheckResult.Fail(_settings.DatabaseProblem ?? "no database given");
        }

        var version = await _database.ReadAsync(
            async connection =>
            {
                await using var command = new Npgsql.NpgsqlCommand("SHOW server_version", connection);
                return (string)(await command.ExecuteScalarAsync(ct))!;
            },
            ct);
        _databaseReached = true;
        return CheckResult.Ok($"PostgreSQL {version} at {_database.Settings.Redacted}");
    }

    private async Task<CheckResult> MigrationsAsync(CancellationToken ct)
    {
        if (!_databaseReached)
        {
            return NeedsDatabase;
        }

        var pending = await Migrator.PendingAsync(_database!, ct);
        if (pending.Count > 0)
        {
            return CheckResult.Fail(
                $"{pending.Count} of {Migrator.All.Count} migrations not applied ({string.Join(", ", pending)}). Fix: run `alphakite db migrate`");
        }

        _migrated = true;
        return CheckResult.Ok($"all {Migrator.All.Count} migrations applied ({Migrator.All[^1]})");
    }

    private async Task<CheckResult> UpsertAsync(CancellationToken ct)
    {
        if (!_migrated)
        {
            return NeedsMigrations;
        }

        // A bar far from any real data, with a price no real bar has; rolled back either way.
        var probe = new Candle(new DateTimeOffset(2000, 1, 3, 14, 30, 0, TimeSpan.Zero), 1.000001m, 1.000002m, 1.000001m, 1.000002m, 1);
        var ticker = _settings.Tickers.Count > 0 ? _settings.Tickers[0] : "QQQ";
        var written = await new PostgresBarStore(_database!).UpsertAndRollBackAsync(ticker, [new IndicatedBar(probe, null, null)], ct);
        return CheckResult.Ok($"{_database!.Settings.Username} upserted {written.EquityRows} bar and {written.IndicatorRows} indicator row, rolled back");
    }

    private TradingSession LastFinishedSession()
    {
        var now = _clock.GetUtcNow();
        var today = NewYork.Date(now);
        return _calendar.SessionOn(today) is { } session && session.Close <= now ? session : _calendar.PreviousSession(today);
    }

    private string UploadHint() => _settings.RefreshSkipReason is null
        ? "."
        : $", then upload the new token file to {_settings.TokenStore.Describe} (docs/operations.md, the weekly Schwab login).";

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Days(TimeSpan span) => span.TotalHours < 48
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#} days");
}
