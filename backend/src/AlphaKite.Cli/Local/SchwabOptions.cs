using System.CommandLine;
using AlphaKite.Core.Market;
using AlphaKite.Schwab;

namespace AlphaKite.Cli.Local;

/// <summary>The Schwab options shared by auth, stream, backfill, invoke and doctor: flags first, then the environment.</summary>
internal sealed class SchwabOptions
{
    private readonly Option<string?> _tokenFile = CliOptions.Text("--token-file", "PATH",
        "schwab-py token file written by `alphakite auth` (default: backend/config/schwab_token.json)");
    private readonly Option<string?> _appKey = CliOptions.Text("--app-key", "KEY", "Schwab app key (default: $SCHWAB_APP_KEY)");
    private readonly Option<string?> _appSecret = CliOptions.Text("--app-secret", "SECRET", "Schwab app secret (default: $SCHWAB_APP_SECRET)");
    private readonly Option<string?> _baseUrl = CliOptions.Text("--base-url", "URL",
        $"API root (default: $SCHWAB_BASE_URL or {SchwabDefaults.BaseUrl.GetLeftPart(UriPartial.Authority)}; the sandbox's URL to try it)");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public SchwabOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_tokenFile);
        command.Options.Add(_appKey);
        command.Options.Add(_appSecret);
        command.Options.Add(_baseUrl);
    }

    /// <param name="callback">--callback where the command has one (auth); else SCHWAB_CALLBACK_URL or the default.</param>
    public (SchwabSettings Settings, string TokenFile) Read(ParseResult args, CliEnvironment environment, string? callback = null)
    {
        var key = NonEmpty(args.GetValue(_appKey)) ?? NonEmpty(environment.SchwabAppKey)
            ?? throw new UsageException("no Schwab app key: set SCHWAB_APP_KEY or pass --app-key (developer.schwab.com -> Dashboard -> your app)");
        var secret = NonEmpty(args.GetValue(_appSecret)) ?? NonEmpty(environment.SchwabAppSecret)
            ?? throw new UsageException("no Schwab app secret: set SCHWAB_APP_SECRET or pass --app-secret");
        var baseText = NonEmpty(args.GetValue(_baseUrl)) ?? NonEmpty(environment.SchwabBaseUrl);
        var baseUrl = SchwabDefaults.BaseUrl;
        try
        {
            baseUrl = baseText is null ? baseUrl : SchwabSettings.ParseBaseUrl(baseText);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--base-url: {e.Message}");
        }

        var callbackUrl = NonEmpty(callback) ?? NonEmpty(environment.SchwabCallbackUrl) ?? SchwabDefaults.CallbackUrl;
        return (new SchwabSettings(key, secret, callbackUrl, baseUrl), TokenFile(args));
    }

    /// <summary>--token-file, or the default path in this checkout.</summary>
    public string TokenFile(ParseResult args) => args.GetValue(_tokenFile) ?? TokenFilePath.Default(Environment.CurrentDirectory);

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
