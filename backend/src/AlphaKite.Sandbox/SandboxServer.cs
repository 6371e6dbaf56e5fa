using System.Net;
using AlphaKite.Sandbox.Data;
using AlphaKite.Sandbox.Http;
using AlphaKite.Sandbox.MarketData;
using AlphaKite.Sandbox.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AlphaKite.Sandbox;

/// <summary>
/// A local HTTP server speaking Schwab's Trader API protocol (OAuth and market data) on loopback.
/// Point a client's base URL at <see cref="BaseUrl"/> where it would use https://api.schwabapi.com.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri baseUrl, SandboxOptions options, SandboxStats stats)
    {
        _app = app;
        BaseUrl = baseUrl;
        Options = options;
        Stats = stats;
    }

    /// <summary>e.g. http://127.0.0.1:41234/ (with the port actually bound).</summary>
    public Uri BaseUrl { get; }

    public SandboxOptions Options { get; }

    public SandboxStats Stats { get; }

    /// <summary>The live fault knobs (the instance passed in <see cref="SandboxOptions.Faults"/>).</summary>
    public SandboxFaults Faults => Options.Faults;

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be from 0 (any free port) to 65535.");
        }

        ICandleSource source = options.ReplayFile is { } file
            ? ReplayMarket.Load(file, options.Sessions)
            : new SyntheticMarket(options.Sessions, options.IlliquidSymbols);
        var stats = new SandboxStats();
        var app = Build(options, source, stats);
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e) when (options.Port != 0)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The sandbox cannot listen on 127.0.0.1:{options.Port} ({e.Message}). Pick another port, or 0 for any free one.", e);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxServer(app, new Uri(address.TrimEnd('/') + "/"), options, stats);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Build(SandboxOptions options, ICandleSource source, SandboxStats stats)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (options.VerboseLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        // The embedding process owns Ctrl-C and shutdown; the default console lifetime would grab them.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));

        var app = builder.Build();
        var tokens = new TokenRegistry(options);
        var gate = new MarketDataGate(options, tokens);
        var priceHistory = new PriceHistoryEndpoint(options, source, stats);
        var marketHours = new MarketHoursEndpoint(options, stats);

        app.Use(async (context, next) =>
        {
            if (options.Faults.Latency is { Ticks: > 0 } latency)
            {
                await Task.Delay(latency, context.RequestAborted);
            }

            await next(context);
            stats.CountStatus(context.Response.StatusCode);
        });
        app.MapGet("/v1/oauth/authorize", new AuthorizeEndpoint(options, tokens).HandleAsync);
        app.MapPost("/v1/oauth/token", new TokenEndpoint(options, tokens, stats).HandleAsync);
        app.MapGet("/marketdata/v1/pricehistory", gate.Guard(priceHistory.HandleAsync));
        app.MapGet("/marketdata/v1/markets", gate.Guard(marketHours.HandleAsync));
        app.MapGet("/marketdata/v1/markets/{market}", gate.Guard(marketHours.HandleAsync));
        app.MapFallback(context => ErrorReply.Send(context, options.Faults, StatusCodes.Status404NotFound, null, statusAsString: true));
        return app;
    }

    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
