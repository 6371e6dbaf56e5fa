using System.CommandLine;
using System.Diagnostics;
using AlphaKite.Cli.Auth;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Market;
using AlphaKite.Schwab.Http;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Commands;

/// <summary>`alphakite auth`: the browser login that creates the schwab-py token file (weekly).</summary>
public static class AuthCommand
{
    /// <summary>The exchange must finish inside the code's ~30 s life.</summary>
    private static readonly TimeSpan ExchangeWindow = TimeSpan.FromSeconds(30);

    /// <param name="environment">SCHWAB_APP_KEY, SCHWAB_APP_SECRET, SCHWAB_CALLBACK_URL and the base URL, read by Program.cs.</param>
    /// <param name="input">Where a pasted URL is read from.</param>
    /// <param name="output">Where instructions go.</param>
    /// <param name="time">The clock (creation_timestamp).</param>
    public static CliCommand Create(CliEnvironment environment, TextReader input, TextWriter output, TimeProvider time)
    {
        var command = new CliCommand("auth", "log in to Schwab in a browser and write the token file (needed weekly)", """
            Logs in to Schwab in a browser and writes the schwab-py token file (mode 0600).
            Schwab's refresh token dies 7 days after this login: run it again at least weekly.
            """);
        var options = new Options(
            new SchwabOptions(command),
            CliOptions.Text("--callback", "URL", $"callback URL exactly as registered (default: $SCHWAB_CALLBACK_URL, else {SchwabDefaults.CallbackUrl})"),
            CliOptions.Flag("--listen", "receive the redirect on the callback's host:port (HTTPS, self-signed) instead of pasting it"),
            CliOptions.Text("--code-url", "URL", "the redirected URL, non-interactively (scripts and tests)"));
        foreach (var option in (Option[])[options.Callback, options.Listen, options.CodeUrl])
        {
            command.Options.Add(option);
        }

        command.SetAction((args, ct) => RunAsync(args, options, environment, input, output, time, ct));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult args, Options options, CliEnvironment environment, TextReader input, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var (settings, tokenFile) = options.Schwab.Read(args, environment, args.GetValue(options.Callback));
        var (appSecret, callback) = (settings.AppSecret, settings.CallbackUrl);
        var listen = args.GetValue(options.Listen);
        var codeUrl = args.GetValue(options.CodeUrl);
        var callbackUri = AbsoluteUrl(callback);
        if (listen && codeUrl is not null)
        {
            throw new UsageException("use either --listen or --code-url, not both");
        }

        using var http = SchwabHttp.CreateClient();
        var oauth = new SchwabOAuthClient(http, settings, time: time);
        var state = LoginState.Issue(appSecret, time.GetUtcNow());
        var authorize = oauth.AuthorizeUrl(state);
        await output.WriteLineAsync($"Open this address in a browser and log in to Schwab:\n\n  {authorize}\n");

        string redirected;
        if (codeUrl is not null)
        {
            redirected = codeUrl;
        }
        else if (listen)
        {
            TryOpenBrowser(authorize);
            redirected = await CallbackListener.WaitForRedirectAsync(
                callbackUri,
                uri => output.WriteLine($"Waiting for Schwab's redirect on {uri.GetLeftPart(UriPartial.Authority)} (accept the browser's certificate warning for this local address)..."),
                cancellationToken);
        }
        else
        {
            TryOpenBrowser(authorize);
            await output.WriteLineAsync($"After the login the browser lands on {callback}?code=... (the page may fail to load; that is fine).");
            await output.WriteLineAsync("Paste that whole address here and press Enter within 30 seconds:");
            redirected = await input.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException("No redirected URL was pasted (input ended). Run `alphakite auth` again.");
        }

        if (codeUrl is not null)
        {
            // Given on the command line, the URL comes from an earlier run's authorize URL: check that run's state.
            state = LoginState.Check(AuthorizationRedirect.StateOf(redirected), appSecret, time.GetUtcNow());
        }

        var code = AuthorizationRedirect.ExtractCode(redirected, callback, state);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(ExchangeWindow);
        var response = await oauth.ExchangeCodeAsync(code, callback, window.Token);
        var file = SchwabTokenFile.FromLogin(response, time.GetUtcNow());
        var store = new FileTokenStore(tokenFile);
        await store.SaveAsync(file.ToJson(), cancellationToken);

        await output.WriteLineAsync($"Wrote the Schwab token file {store.Describe} (mode 0600).");
        await output.WriteLineAsync(
            $"Its refresh token expires {file.RefreshTokenExpiresAt:yyyy-MM-dd HH:mm} UTC (7 days from now; refreshing does not extend it). " +
            "Run `alphakite auth` again before then.");
        return 0;
    }

    private static Uri AbsoluteUrl(string callback) =>
        Uri.TryCreate(callback, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"--callback must be an absolute http(s) URL, got '{callback}'");

    // Best effort: a headless machine has no browser, and the URL is printed anyway.
    private static void TryOpenBrowser(Uri url)
    {
        var opener = OperatingSystem.IsMacOS() ? "open" : "xdg-open";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener, url.AbsoluteUri)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // No opener installed: the person copies the printed URL.
        }
    }

    private sealed record Options(SchwabOptions Schwab, Option<string?> Callback, Option<bool> Listen, Option<string?> CodeUrl);
}
