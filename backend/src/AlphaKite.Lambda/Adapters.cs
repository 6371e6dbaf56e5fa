using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;
using AlphaKite.Postgres;
using AlphaKite.Schwab;
using AlphaKite.Schwab.MarketData;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Lambda;

/// <summary>The production adapters the tick runs on.</summary>
/// <param name="MarketHours">Schwab's market hours: the same client as <paramref name="MarketData"/>, so the same request budget.</param>
public sealed record AdapterSet(NyseCalendar Calendar, IAccessTokenProvider Tokens, IMarketData MarketData, IBarStore Store, IMarketHours MarketHours);

/// <summary>Builds the Schwab and Postgres adapters from the validated settings and the SSM secrets.</summary>
public static class Adapters
{
    /// <param name="tokenSaveFailed">Told when saving a refreshed token fails (the run goes on with it).</param>
    public static AdapterSet Create(LambdaSettings settings, LambdaSecrets secrets, HttpClient schwabHttp, ITokenStore tokenStore, TimeProvider clock,
        Action<Exception>? tokenSaveFailed = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        var calendar = new NyseCalendar(settings.CalendarOverridesPath is { } path ? CalendarOverrides.LoadFile(path, File.ReadAllText, Directory.Exists) : null);
        // The callback URL is only used by the browser login, never by a refresh.
        var schwab = new SchwabSettings(secrets.SchwabAppKey, secrets.SchwabAppSecret, SchwabDefaults.CallbackUrl, settings.SchwabBaseUrl);
        var tokens = new SchwabTokenProvider(tokenStore, new SchwabOAuthClient(schwabHttp, schwab, time: clock), clock, tokenSaveFailed);
        var market = new SchwabMarketDataClient(schwabHttp, settings.SchwabBaseUrl, tokens, new RequestBudget(time: clock), time: clock);
        var store = new PostgresBarStore(new PostgresDatabase(ParseDatabaseUrl(secrets.DatabaseUrl, settings.DatabaseUrlParameter)));
        return new AdapterSet(calendar, tokens, market, store, market);
    }

    private static PostgresSettings ParseDatabaseUrl(string text, string parameter)
    {
        try
        {
            return PostgresSettings.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"SSM parameter {parameter} is not a usable database URL: {e.Message}", e);
        }
    }
}
