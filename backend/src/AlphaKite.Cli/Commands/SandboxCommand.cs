using System.CommandLine;
using AlphaKite.Core.Market;
using AlphaKite.Sandbox;

namespace AlphaKite.Cli.Commands;

/// <summary><c>alphakite sandbox</c>: a local Schwab-compatible server for trying AlphaKite without an account.</summary>
public static class SandboxCommand
{
    public static CliCommand Create()
    {
        var command = new CliCommand("sandbox", "run a local Schwab-compatible API server (no account needed)", """
            Runs a local server that speaks the Schwab Trader API protocol (OAuth login, 1-minute
            pricehistory, market hours) with deterministic synthetic data or a replayed file, until Ctrl-C.

            Symbols: any listed-looking symbol, including indexes such as $SPX (send it URL-encoded, %24SPX).
            Minute history: startDate/endDate (epoch ms) win; without startDate, periodType=day&period=N
            (1, 2, 3, 4, 5 or 10; default 10) serves the last N trading days up to endDate; without
            endDate the window ends at the previous business day's close, as at Schwab.
            """);
        var options = new Options(
            CliOptions.Int("--port", "N", "port on 127.0.0.1 (default 8080; 0 picks a free one)", 0, 65535),
            CliOptions.Text("--replay", "FILE", """serve saved pricehistory responses ({"candles":[...],"symbol":"X"} or an array)"""),
            CliOptions.Text("--app-key", "KEY", "App Key the server accepts (default sandbox-app-key)"),
            CliOptions.Text("--app-secret", "SECRET", "App Secret the server accepts (default sandbox-app-secret)"),
            CliOptions.Text("--callback", "URL", $"registered Callback URL (default {SchwabDefaults.CallbackUrl})"),
            CliOptions.Text("--illiquid", "A,B", "symbols that trade thinly (missing minutes inside the session)"),
            CliOptions.Flag("--whole-day", "answer pricehistory with whole New York days, whatever part of the day startDate..endDate asks for (real Schwab has done so; clients must filter)"),
            CliOptions.Flag("--verbose", "log every request"));
        foreach (var option in (Option[])[options.Port, options.Replay, options.AppKey, options.AppSecret, options.Callback, options.Illiquid, options.WholeDay, options.Verbose])
        {
            command.Options.Add(option);
        }

        command.SetAction((args, ct) => RunAsync(args, options, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult args, Options given, CancellationToken ct)
    {
        var defaults = new SandboxOptions();
        var customSecret = args.GetValue(given.AppSecret);
        var options = defaults with
        {
            Port = args.GetValue(given.Port) ?? 8080,
            ReplayFile = args.GetValue(given.Replay),
            AppKey = args.GetValue(given.AppKey) ?? defaults.AppKey,
            AppSecret = customSecret ?? defaults.AppSecret,
            CallbackUrl = args.GetValue(given.Callback) ?? defaults.CallbackUrl,
            IlliquidSymbols = (args.GetValue(given.Illiquid) ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => s.ToUpperInvariant())
                .ToHashSet(StringComparer.Ordinal),
            VerboseLogging = args.GetValue(given.Verbose),
        };
        options.Faults.IgnoreRequestWindow = args.GetValue(given.WholeDay);

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

    private sealed record Options(
        Option<int?> Port, Option<string?> Replay, Option<string?> AppKey, Option<string?> AppSecret,
        Option<string?> Callback, Option<string?> Illiquid, Option<bool> WholeDay, Option<bool> Verbose);
}
