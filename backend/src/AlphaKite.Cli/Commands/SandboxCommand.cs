using AlphaKite.Sandbox;

namespace AlphaKite.Cli.Commands;

/// <summary><c>alphakite sandbox</c>: a local Schwab-compatible server for trying AlphaKite without an account.</summary>
public static class SandboxCommand
{
    private const string Usage = """
        Usage: alphakite sandbox [options]

        Runs a local server that speaks the Schwab Trader API protocol (OAuth login, 1-minute
        pricehistory, market hours) with deterministic synthetic data or a replayed file, until Ctrl-C.

        Options:
          --port N             port on 127.0.0.1 (default 8080; 0 picks a free one)
          --replay FILE        serve saved pricehistory responses ({"candles":[...],"symbol":"X"} or an array)
          --app-key KEY        App Key the server accepts (default sandbox-app-key)
          --app-secret SECRET  App Secret the server accepts (default sandbox-app-secret)
          --callback URL       registered Callback URL (default https://127.0.0.1:8182)
          --illiquid A,B       symbols that trade thinly (missing minutes inside the session)
          --whole-day          answer pricehistory with whole New York days, whatever part of the day
                               startDate..endDate asks for (real Schwab has done so; clients must filter)
          --verbose            log every request

        Symbols: any listed-looking symbol, including indexes such as $SPX (send it URL-encoded, %24SPX).
        Minute history: startDate/endDate (epoch ms) win; without startDate, periodType=day&period=N
        (1, 2, 3, 4, 5 or 10; default 10) serves the last N trading days up to endDate; without
        endDate the window ends at the previous business day's close, as at Schwab.
        """;

    public static CliCommand Create() => new(
        "sandbox",
        "run a local Schwab-compatible API server (no account needed)",
        Usage,
        new HashSet<string>(StringComparer.Ordinal) { "verbose", "whole-day" },
        RunAsync);

    private static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        var defaults = new SandboxOptions();
        var customSecret = args.Text("app-secret");
        var options = defaults with
        {
            Port = args.Int("port", 0, 65535) ?? 8080,
            ReplayFile = args.Text("replay"),
            AppKey = args.Text("app-key") ?? defaults.AppKey,
            AppSecret = customSecret ?? defaults.AppSecret,
            CallbackUrl = args.Text("callback") ?? defaults.CallbackUrl,
            IlliquidSymbols = (args.Text("illiquid") ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => s.ToUpperInvariant())
                .ToHashSet(StringComparer.Ordinal),
            VerboseLogging = args.Flag("verbose"),
        };
        options.Faults.IgnoreRequestWindow = args.Flag("whole-day");
        args.RejectUnknown();

        await using var server = await SandboxServer.StartAsync(options, ct);
        var baseUrl = server.BaseUrl.ToString().TrimEnd('/');
        // Never echo a secret the user typed (it may be a real one); the default is public anyway.
        var secretShown = customSecret is null ? options.AppSecret : "(the one you passed)";
        Console.WriteLine($"""
            Schwab sandbox listening on {baseUrl}
              data:          {(options.ReplayFile is null ? "synthetic (deterministic per symbol and date)" : "replay of " + options.ReplayFile)}{(options.Faults.IgnoreRequestWindow ? ", whole days whatever the window" : "")}
              App Key:       {options.AppKey}
              App Secret:    {secretShown}
              Callback URL:  {options.CallbackUrl}
              authorize:     {baseUrl}/v1/oauth/authorize?response_type=code&client_id={Uri.EscapeDataString(options.AppKey)}&redirect_uri={Uri.EscapeDataString(options.CallbackUrl)}

            Point AlphaKite at it instead of https://api.schwabapi.com, e.g.:
              alphakite auth --base-url {baseUrl} --app-key {options.AppKey} --app-secret <secret> --callback {options.CallbackUrl}
            The authorize URL approves at once and redirects to the callback with ?code=...; paste that URL
            back as you would with Schwab. Press Ctrl-C to stop.
            """);

        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.WriteLine("Sandbox stopped.");
        }

        return 0;
    }
}
