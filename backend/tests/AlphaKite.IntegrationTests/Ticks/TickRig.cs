using AlphaKite.Cli.Demo;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ticks;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Postgres.Queries;
using AlphaKite.Sandbox;
using AlphaKite.Schwab;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>
/// The real tick, composed by the CLI's TickServices: the sandbox over HTTP, the real Schwab
/// client with a real login and token refreshes, a real PostgreSQL. The sandbox and the client share
/// one <see cref="SimulatedClock"/> ("now" is stepped by the test; delays and timeouts stay real, so
/// the client's retries and the request budget behave as in production, only faster).
/// </summary>
internal sealed class TickRig : IAsyncDisposable
{
    /// <summary>Friday 2026-11-20 (EST): the session is 14:30Z-21:00Z; the previous one is Thursday's.</summary>
    public static readonly TradingSession Session = new(
        new DateOnly(2026, 11, 20), new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.Zero), false);

    /// <summary>Short backoff: the default 1-2-4 s would make a 10-minute outage cost a minute of real time.</summary>
    public static readonly SchwabRetryOptions FastRetry = new(3, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(15));

    private readonly TickServices _services;

    private TickRig(SimulatedClock clock, SandboxServer sandbox, SchwabSettings settings, TickServices services)
    {
        Clock = clock;
        Sandbox = sandbox;
        Settings = settings;
        _services = services;
    }

    public SimulatedClock Clock { get; }

    public SandboxServer Sandbox { get; }

    public SchwabSettings Settings { get; }

    public SchwabOAuthClient OAuth => _services.OAuth;

    public SchwabTokenProvider Tokens => _services.Tokens;

    public PostgresDatabase Database => _services.Database;

    public BarQueries Queries => _services.Queries;

    public Tick Tick => _services.Tick;

    /// <param name="database">Where bars go; null creates a fresh, migrated database.</param>
    /// <param name="migrate">Apply the migrations to <paramref name="database"/> first.</param>
    /// <param name="loginAt">When the person logs in; default five minutes before <see cref="Session"/>'s open.</param>
    public static async Task<TickRig> StartAsync(
        PostgresSettings? database = null, bool migrate = true, Func<SandboxOptions, SandboxOptions>? configure = null, SchwabRetryOptions? retry = null,
        DateTimeOffset? loginAt = null)
    {
        // Logged in five minutes before the open, as a person would in the morning.
        var clock = new SimulatedClock(loginAt ?? Session.Open.AddMinutes(-5));
        var options = new SandboxOptions { Clock = clock };
        var sandbox = await SandboxServer.StartAsync(configure?.Invoke(options) ?? options, CancellationToken.None);
        var settings = new SchwabSettings("sandbox-app-key", "sandbox-app-secret", "https://127.0.0.1:8182", sandbox.BaseUrl);
        // The same composition the CLI uses; the token document stays in memory (the file store is
        // exercised by the CLI tests).
        var store = new MemoryTokenStore("");
        var services = TickServices.Create(
            settings, store, database ?? await PostgresServer.CreateDatabaseAsync("tick"), clock, new NyseCalendar(), retry ?? FastRetry);
        if (migrate)
        {
            await Migrator.MigrateAsync(services.Database, CancellationToken.None);
        }

        var login = await SandboxLogin.LoginAsync(settings, services.OAuth, clock, CancellationToken.None);
        await store.SaveAsync(login.ToJson(), CancellationToken.None);
        return new TickRig(clock, sandbox, settings, services);
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

    public string ConnectionString => Database.Settings.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
