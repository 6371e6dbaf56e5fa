using AlphaKite.Core.Market;

namespace AlphaKite.Schwab.Http;

/// <summary>
/// Names a failed Schwab request in our words, and tells an outage from a wrong base URL: when the
/// URL is not Schwab's and nothing answers there (no such host, connection refused, no TLS) or what
/// answers is not an API (an HTML page with status 200), retrying later will not help.
/// </summary>
internal static class SchwabFailure
{
    /// <summary>One attempt's transport failure, instead of the runtime's text.</summary>
    public static string Describe(HttpRequestException e, Uri uri) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => $"the host {uri.Host} does not resolve (DNS found no such host)",
        HttpRequestError.ConnectionError => $"cannot connect to {uri.Authority} (connection refused or unreachable)",
        HttpRequestError.SecureConnectionError => $"the TLS handshake with {uri.Authority} failed (a plain http:// server given as https://, or a certificate it does not trust)",
        HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => $"{uri.Authority} did not answer in HTTP",
        _ => e.Message,
    };

    /// <summary>True when the failure points at the configured base URL rather than at Schwab.</summary>
    public static bool LooksLikeConfiguration(Uri uri, Exception lastFailure) =>
        !IsSchwab(uri) && lastFailure switch
        {
            HttpRequestException h => h.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.InvalidResponse,
            TransientResponseException t => t.Reply.IsSuccess && !t.Reply.LooksLikeJson,
            _ => false,
        };

    /// <summary>The message for <see cref="LooksLikeConfiguration"/>: what failed, where, and what to check.</summary>
    public static string ConfigurationError(string what, Uri uri, int attempts, string? lastFailure) =>
        $"{what}: {uri.GetLeftPart(UriPartial.Path)} failed {attempts} times (last: {lastFailure ?? "no answer"}). " +
        $"This looks like a configuration error, not an outage: the Schwab base URL {uri.GetLeftPart(UriPartial.Authority)} " +
        $"(SCHWAB_BASE_URL or --base-url) is not Schwab's ({SchwabDefaults.BaseUrl.GetLeftPart(UriPartial.Authority)}) " +
        "and no Schwab-compatible API answers there. Fix the URL, or leave it unset for Schwab itself.";

    private static bool IsSchwab(Uri uri) => uri.Host.Equals(SchwabDefaults.BaseUrl.Host, StringComparison.OrdinalIgnoreCase);
}
