using AlphaKite.Cli.Local;
using System.Diagnostics;
using AlphaKite.Cli.Auth;
using AlphaKite.Schwab;
using AlphaKite.Schwab.Http;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Commands;

/// <summary>`alphakite auth`: the browser login that creates the schwab-py token file (weekly).</summary>
public static class AuthCommand
{
    private const string Usage = """
        Usage: alphakite auth [--app-key KEY] [--app-secret SECRET] [--callback URL] [--token-file PATH]
                              [--base-url URL] [--listen | --code-url URL]

        Logs in to Schwab in a browser and writes the schwab-py token file (mode 0600).
        Schwab's refresh token dies 7 days after this login: run it again at least weekly.

          --app-key KEY      app key from developer.schwab.com (default: $SCHWAB_APP_KEY)
          --app-secret S     app secret (default: $SCHWAB_APP_SECRET)
          --callback URL     callback URL exactly as registered (default: $SCHWAB_CALLBACK_URL, else https://127.0.0.1:8182)
          --token-file PATH  where to write (default: backend/config/schwab_token.json of this repository)
          --base-url URL     API root (default: $SCHWAB_BASE_URL or https://api.schwabapi.com; the sandbox's URL to try it)
          --listen           receive the redirect on the callback's host:port (HTTPS, self-signed) instead of pasting it
          --code-url URL     the redirected URL, non-interactively (scripts and tests)
        """;

    /// <summary>The exchange must finish inside the code's ~30 s life.</summary>
    private static readonly TimeSpan ExchangeWindow = TimeSpan.FromSeconds(30);

    /// <param name="envAppKey">SCHWAB_APP_KEY, read by Program.cs.</param>
    /// <param name="envAppSecret">SCHWAB_APP_SECRET.</param>
    /// <param name="envCallbackUrl">SCHWAB_CALLBACK_URL.</param>
    /// <param name="input">Where a pasted URL is read from.</param>
    /// <param name="output">Where instructions go.</param>
    /// <param name="time">The clock (creation_timestamp).</param>
    public static CliCommand Create(CliEnvironment environment, TextReader input, TextWriter output, TimeProvider time) =>
        new("auth", "Log in to Schwab in a browser and write the token file (needed weekly)", Usage,
            new HashSet<string>(StringComparer.Ordinal) { "listen" },
            (args, ct) => RunAsync(args, environment, input, output, time, ct));

    private static async Task<int> RunAsync(
        CliArgs args, CliEnvironment environment, TextReader input, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var appKey = NonEmpty(args.Text("app-key")) ?? NonEmpty(environment.SchwabAppKey)
            ?? throw new UsageException("the app key is missing: pass --app-key or set SCHWAB_APP_KEY");
        var appSecret = NonEmpty(args.Text("app-secret")) ?? NonEmpty(environment.SchwabAppSecret)
            ?? throw new UsageException("the app secret is missing: pass --app-secret or set SCHWAB_APP_SECRET");
        var callback = NonEmpty(args.Text("callback")) ?? NonEmpty(environment.SchwabCallbackUrl) ?? SchwabSettings.DefaultCallbackUrl;
        var tokenFile = args.Text("token-file") ?? TokenFilePath.Default(Environment.CurrentDirectory);
        var baseUrl = AbsoluteUrl(args.Text("base-url") ?? NonEmpty(environment.SchwabBaseUrl), "base-url") ?? SchwabSettings.DefaultBaseUrl;
        var listen = args.Flag("listen");
        var codeUrl = args.Text("code-url");
        args.RejectUnknown();
        var callbackUri = AbsoluteUrl(callback, "callback")!;
        if (listen && codeUrl is not null)
        {
            throw new UsageException("use either --listen or --code-url, not both");
        }

        var settings = new SchwabSettings(appKey, appSecret, callback, baseUrl);
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

    private static Uri? AbsoluteUrl(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"--{option} must be an absolute http(s) URL, got '{text}'");
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

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
}
