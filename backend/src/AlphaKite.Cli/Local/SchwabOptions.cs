using AlphaKite.Schwab;

namespace AlphaKite.Cli.Local;

/// <summary>The Schwab options shared by stream, backfill and invoke: flags first, then the environment.</summary>
internal static class SchwabOptions
{
    public const string Usage = """
          --token-file PATH  schwab-py token file written by `alphakite auth` (default: backend/config/schwab_token.json)
          --app-key KEY      Schwab app key (default: $SCHWAB_APP_KEY)
          --app-secret S     Schwab app secret (default: $SCHWAB_APP_SECRET)
          --base-url URL     API root (default: $SCHWAB_BASE_URL or https://api.schwabapi.com; the sandbox's URL to try it)
        """;

    public static (SchwabSettings Settings, string TokenFile) Read(CliArgs args, CliEnvironment environment)
    {
        var key = NonEmpty(args.Text("app-key")) ?? NonEmpty(environment.SchwabAppKey)
            ?? throw new UsageException("no Schwab app key: set SCHWAB_APP_KEY or pass --app-key (developer.schwab.com -> Dashboard -> your app)");
        var secret = NonEmpty(args.Text("app-secret")) ?? NonEmpty(environment.SchwabAppSecret)
            ?? throw new UsageException("no Schwab app secret: set SCHWAB_APP_SECRET or pass --app-secret");
        var baseText = NonEmpty(args.Text("base-url")) ?? NonEmpty(environment.SchwabBaseUrl);
        var baseUrl = SchwabSettings.DefaultBaseUrl;
        try
        {
            baseUrl = baseText is null ? baseUrl : SchwabSettings.ParseBaseUrl(baseText);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--base-url: {e.Message}");
        }

        var callback = NonEmpty(environment.SchwabCallbackUrl) ?? SchwabSettings.DefaultCallbackUrl;
        var tokenFile = args.Text("token-file") ?? TokenFilePath.Default(Environment.CurrentDirectory);
        return (new SchwabSettings(key, secret, callback, baseUrl!), tokenFile);
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
