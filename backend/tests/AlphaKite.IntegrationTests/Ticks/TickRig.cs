using AlphaKite.Cli.Demo;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ports;
using AlphaKite.Core.Ticks;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Postgres.Queries;
using AlphaKite.Sandbox;
using AlphaKite.Schwab;
using AlphaKite.Schwab.Http;
using AlphaKite.Schwab.MarketData;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>
/// The real tick, composed as TickServices composes it: the sandbox over HTTP, the real Schwab
/// client with a real login and token refreshes, a real PostgreSQL. The sandbox and the client share
/// one <see cref="SimulatedClock"/> ("now" is stepped by the test; delays and timeouts stay real, so
/// the client's retries and the request budget behave as in production, only faster).
/// </summary>
internal sealed class TickRig : IAsyncDisposable
{
    /// <summary>Friday 2026-11-20 (EST): the session is 14:30Z-21:00Z; the previous one is Thursday's.</summary>
    public static readonly TradingSession Session = new NyseCalendar().SessionOn(new DateOnly(2026, 11, 20))!;

    /// <summary>Short backoff: the default 1-2-4 s would make a 10-minute outage cost a minute of real time.</summary>
    public static readonly SchwabRetryOptions FastRetry = new(3, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(15));

    private readonly HttpClient _http;

    private TickRig(SimulatedClock clock, SandboxServer sandbox, HttpClient http, SchwabSettings settings, SchwabOAuthClient oauth,
        SchwabTokenProvider tokens, BarStoreDataSource database, Tick tick)
    {
        Clock = clock;
        Sandbox = sandbox;
        _http = http;
        Settings = settings;
        OAuth = oauth;
        Tokens = tokens;
        Database = database;
        Tick = tick;
        Queries = new BarQueries(database);
    }

    public SimulatedClock Clock { get; }

    public SandboxServer Sandbox { get; }

    public SchwabSettings Settings { get; }

    public SchwabOAuthClient OAuth { get; }

    public SchwabTokenProvider Tokens { get; }

    public BarStoreDataSource Database { get; }

    public BarQueries Queries { get; }

    public Tick Tick { get; }

    /// <param name="database">Where bars go; null creates a fresh, migrated database.</param>
    /// <param name="migrate">Apply the migrations to <paramref name="database"/> first.</param>
    public static async Task<TickRig> StartAsync(
        PostgresConnection? database = null, bool migrate = true, Func<SandboxOptions, SandboxOptions>? configure = null, SchwabRetryOptions? retry = null)
    {
        // Logged in five minutes before the open, as a person would in the morning.
        var clock = new SimulatedClock(Session.Open.AddMinutes(-5));
        var options = new SandboxOptions { Clock = clock };
        var sandbox = await SandboxServer.StartAsync(configure?.Invoke(options) ?? options, CancellationToken.None);
        var http = SchwabHttp.CreateClient();
        var settings = new SchwabSettings("sandbox-app-key", "sandbox-app-secret", "https://127.0.0.1:8182", sandbox.BaseUrl);
        var oauth = new SchwabOAuthClient(http, settings, retry ?? FastRetry, clock);
        var login = await SandboxLogin.LoginAsync(settings, oauth, clock, CancellationToken.None);
        var tokens = new SchwabTokenProvider(new MemoryTokenStore(login.ToJson()), oauth, clock);
        var market = new SchwabMarketDataClient(http, sandbox.BaseUrl, tokens, new RequestBudget(RequestBudget.DefaultRequestsPerMinute, clock), retry ?? FastRetry, clock);
        var dataSource = new BarStoreDataSource(database ?? await PostgresServer.CreateDatabaseAsync("tick"));
        if (migrate)
        {
            await Migrator.MigrateAsync(dataSource, CancellationToken.None);
        }

        var tick = new Tick(clock, new NyseCalendar(), tokens, market, new PostgresBarStore(dataSource));
        return new TickRig(clock, sandbox, http, settings, oauth, tokens, dataSource, tick);
    }

    /// <summary>Sets the clock to one second past minute <paramref name="minute"/> of the session, as the scheduler fires.</summary>
    public DateTimeOffset AtMinute(int minute)
    {
        var now = Session.Open.AddMinutes(minute).AddSeconds(1);
        Clock.Set(now);
        return now;
    }

    public Task<TickReport> RunAsync(IReadOnlyList<string> tickers, CancellationToken cancellationToken = default) =>
        Tick.RunAsync(new TickRequest(tickers), cancellationToken);

    public string ConnectionString => Database.Connection.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        Tokens.Dispose();
        _http.Dispose();
        await Database.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    /// <summary>The token document in memory (the file store is exercised by the CLI tests).</summary>
    private sealed class MemoryTokenStore(string document) : ITokenStore
    {
        private string _document = document;

        public string Describe => "memory";

        public Task<string> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(_document);

        public Task SaveAsync(string document, CancellationToken cancellationToken)
        {
            _document = document;
            return Task.CompletedTask;
        }
    }
}
