using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;

namespace AlphaKite.Sandbox;

/// <summary>How a <see cref="SandboxServer"/> behaves. Every member has a default that works out of the box.</summary>
public sealed record SandboxOptions
{
    /// <summary>
    /// The market's clock. The server serves bars only up to this clock's now (the still-forming
    /// minute as a partial bar, as Schwab may) and ages codes and tokens by it. The demo passes a
    /// simulated, accelerated clock; tests pass a FakeTimeProvider.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string AppKey { get; init; } = "sandbox-app-key";

    public string AppSecret { get; init; } = "sandbox-app-secret";

    /// <summary>The registered callback; authorize and code exchange accept only this exact string.</summary>
    public string CallbackUrl { get; init; } = SchwabDefaults.CallbackUrl;

    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Counted from the code exchange; refreshes never extend it (as at Schwab).</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long an authorization code may wait before its exchange (Schwab: about 30 s).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Loopback port to bind; 0 picks a free one (read it back from <see cref="SandboxServer.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>Saved pricehistory responses to serve instead of synthetic data (see <see cref="Data.ReplayMarket"/>).</summary>
    public string? ReplayFile { get; init; }

    /// <summary>Symbols the synthetic market trades thinly: they have missing minutes inside the session.</summary>
    public IReadOnlySet<string> IlliquidSymbols { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Runtime fault knobs; the same instance is exposed as <see cref="SandboxServer.Faults"/>.</summary>
    public SandboxFaults Faults { get; init; } = new();

    /// <summary>The regular session on a New York date, or null when closed. Defaults to Core's NYSE calendar.</summary>
    public Func<DateOnly, TradingSession?> Sessions { get; init; } = new NyseCalendar().SessionOn;

    /// <summary>
    /// What the market-hours endpoint reports for a New York date (null = closed); null (the
    /// default) reports <see cref="Sessions"/>. Set it to make the exchange's word differ from the
    /// NYSE calendar, e.g. an unannounced closure or early close:
    /// <c>MarketHours = d => d == day ? null : calendar.SessionOn(d)</c>. Set <see cref="Sessions"/>
    /// as well when the bars should follow it (a closed day has none).
    /// </summary>
    public Func<DateOnly, TradingSession?>? MarketHours { get; init; }

    /// <summary>Minute history reaches back this far from the clock's now, like Schwab's ~45 days.</summary>
    public TimeSpan HistoryDepth { get; init; } = TimeSpan.FromDays(45);

    /// <summary>Write ASP.NET Core's request and hosting logs to the console (off: the sandbox is silent).</summary>
    public bool VerboseLogging { get; init; }
}
