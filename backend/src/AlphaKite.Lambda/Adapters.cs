using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ports;

namespace AlphaKite.Lambda;

/// <summary>The production adapters the tick runs on.</summary>
public sealed record AdapterSet(NyseCalendar Calendar, IAccessTokenProvider Tokens, IMarketData MarketData, IBarStore Store);

/// <summary>
/// LEAD: the one place to complete after merging feat/schwab, feat/postgres and the calendar work.
/// Everything else in the composition root is final; only this method's body changes:
///   calendar  = NyseCalendar with ALPHAKITE_CALENDAR_OVERRIDES (settings.CalendarOverridesPath) when set;
///   tokens    = new SchwabTokenProvider(schwabHttp, settings.SchwabBaseUrl, secrets.SchwabAppKey, secrets.SchwabAppSecret, tokenStore, clock);
///   market    = new SchwabMarketDataClient(schwabHttp, settings.SchwabBaseUrl, tokens, clock);
///   store     = new PostgresBarStore(data source built from secrets.DatabaseUrl: postgresql:// URI accepted,
///               Max Auto Prepare=0, No Reset On Close=true, GSS Encryption Mode=Disable, tiny pool).
/// </summary>
public static class Adapters
{
    public static AdapterSet Create(LambdaSettings settings, LambdaSecrets secrets, HttpClient schwabHttp, ITokenStore tokenStore, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(schwabHttp);
        ArgumentNullException.ThrowIfNull(tokenStore);
        ArgumentNullException.ThrowIfNull(clock);
        throw new InvalidOperationException(
            "This bootstrap was built before the Schwab and Postgres adapters were wired (AlphaKite.Lambda/Adapters.cs): rebuild from main.");
    }
}
