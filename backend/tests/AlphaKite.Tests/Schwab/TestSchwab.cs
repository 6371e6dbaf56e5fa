using AlphaKite.Schwab;
using AlphaKite.Schwab.Http;
using AlphaKite.Schwab.OAuth;

namespace AlphaKite.Tests.Schwab;

/// <summary>Clients pointed at a scripted server, with fast retries.</summary>
internal static class TestSchwab
{
    public const string TokenPath = "/v1/oauth/token";
    public const string PriceHistoryPath = "/marketdata/v1/pricehistory";

    public static readonly SchwabRetryOptions FastRetry =
        new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2));

    public static SchwabSettings Settings(ScriptedSchwabServer server) =>
        new("key", "secret", "https://127.0.0.1:8182", server.BaseUrl);

    public static SchwabOAuthClient OAuth(ScriptedSchwabServer server, HttpClient http, SchwabRetryOptions? retry = null) =>
        new(http, Settings(server), retry ?? FastRetry);

    public static HttpClient Http() => SchwabHttp.CreateClient();
}
