using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ports;
using AlphaKite.Core.Ticks;
using AlphaKite.Postgres;
using AlphaKite.Postgres.Queries;
using AlphaKite.Schwab;
using AlphaKite.Schwab.Http;
using AlphaKite.Schwab.MarketData;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Local;

/// <summary>The real parts of a local tick (Schwab or the sandbox over HTTP, a token store,
/// Postgres), built once per command and disposed together.</summary>
public sealed class TickServices : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly PostgresDatabase _database;

    private TickServices(HttpClient http, PostgresDatabase database, SchwabOAuthClient oauth, SchwabTokenProvider tokens, Tick tick, BarQueries queries)
    {
        _http = http;
        _database = database;
        OAuth = oauth;
        Tokens = tokens;
        Tick = tick;
        Queries = queries;
    }

    public SchwabOAuthClient OAuth { get; }

    public SchwabTokenProvider Tokens { get; }

    public Tick Tick { get; }

    public BarQueries Queries { get; }

    public PostgresDatabase Database => _database;

    /// <param name="retry">Schwab retry timing; null for the production defaults (tests shorten the backoff).</param>
    public static TickServices Create(
        SchwabSettings schwab, ITokenStore tokenStore, PostgresSettings database, TimeProvider clock, NyseCalendar calendar,
        SchwabRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(schwab);
        var http = SchwabHttp.CreateClient();
        var dataSource = new PostgresDatabase(database);
        var oauth = new SchwabOAuthClient(http, schwab, retry, clock);
        var tokens = new SchwabTokenProvider(tokenStore, oauth, clock);
        var market = new SchwabMarketDataClient(http, schwab.BaseUrl, tokens, new RequestBudget(time: clock), retry, clock);
        // The market data client is also the market-hours source: one request budget for both.
        var tick = new Tick(clock, calendar, tokens, market, new PostgresBarStore(dataSource), marketHours: new MarketHoursCheck(market, clock));
        return new TickServices(http, dataSource, oauth, tokens, tick, new BarQueries(dataSource));
    }

    public async ValueTask DisposeAsync()
    {
        Tokens.Dispose();
        _http.Dispose();
        await _database.DisposeAsync();
    }
}
