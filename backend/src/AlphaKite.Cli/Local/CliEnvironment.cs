namespace AlphaKite.Cli.Local;

/// <summary>The environment variables the CLI honours, read once by Program.cs.</summary>
public sealed record CliEnvironment(
    string? DatabaseUrl,
    string? SchwabAppKey,
    string? SchwabAppSecret,
    string? SchwabCallbackUrl,
    string? SchwabBaseUrl,
    string? Tickers,
    string? CalendarOverrides)
{
    public static CliEnvironment Read() => new(
        Environment.GetEnvironmentVariable("DATABASE_URL"),
        Environment.GetEnvironmentVariable("SCHWAB_APP_KEY"),
        Environment.GetEnvironmentVariable("SCHWAB_APP_SECRET"),
        Environment.GetEnvironmentVariable("SCHWAB_CALLBACK_URL"),
        Environment.GetEnvironmentVariable("SCHWAB_BASE_URL"),
        // Set but blank means unset, so the commands' "default: $ALPHAKITE_TICKERS or QQQ" holds.
        Environment.GetEnvironmentVariable("ALPHAKITE_TICKERS") is { } tickers && !string.IsNullOrWhiteSpace(tickers) ? tickers : null,
        Environment.GetEnvironmentVariable("ALPHAKITE_CALENDAR_OVERRIDES"));
}
