using AlphaKite.Schwab;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Demo;

/// <summary>
/// The browser's part of the Schwab login, done by code against the sandbox (which approves at
/// once): follow the authorize URL to its redirect, take the code, exchange it. Everything after
/// the redirect is the same path `alphakite auth` takes against Schwab.
/// </summary>
public static class SandboxLogin
{
    public static async Task<SchwabTokenFile> LoginAsync(
        SchwabSettings settings, SchwabOAuthClient oauth, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(oauth);
        ArgumentNullException.ThrowIfNull(clock);
        var state = Guid.NewGuid().ToString("N");
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(oauth.AuthorizeUrl(state), cancellationToken);
        var location = response.Headers.Location
            ?? throw new SchwabAuthException($"The sandbox did not redirect the login (HTTP {(int)response.StatusCode}).");
        var code = AuthorizationRedirect.ExtractCode(location.OriginalString, settings.CallbackUrl, state);
        var tokens = await oauth.ExchangeCodeAsync(code, settings.CallbackUrl, cancellationToken);
        return SchwabTokenFile.FromLogin(tokens, clock.GetUtcNow());
    }
}
