using System.Buffers.Text;
using System.Security.Cryptography;

namespace AlphaKite.Sandbox.OAuth;

/// <summary>
/// The server's memory of codes and tokens, aged by the market clock. A code exchange is a new
/// login: it supersedes every earlier refresh token, as a new browser login does at Schwab.
/// </summary>
internal sealed class TokenRegistry(SandboxOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessGrant> _accessTokens = new(StringComparer.Ordinal);

    private DateTimeOffset Now => options.Clock.GetUtcNow();

    public string IssueCode(string redirectUri)
    {
        // Schwab's codes end in '@', which is why the callback carries them as %40.
        var code = "C0." + RandomText(24) + "@";
        lock (_gate)
        {
            _codes[code] = new PendingCode(redirectUri, Now + options.AuthorizationCodeLifetime);
        }

        return code;
    }

    /// <summary>Redeems a code once; null with a reason when it is unknown, used, expired or for another redirect_uri.</summary>
    public (TokenSet? Tokens, string? Error) ExchangeCode(string code, string redirectUri)
    {
        lock (_gate)
        {
            if (!_codes.Remove(code, out var pending))
            {
                return (null, "Authorization code is invalid or was already used");
            }

            if (Now > pending.ExpiresAt)
            {
                return (null, "Authorization code has expired");
            }

            if (!string.Equals(pending.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return (null, "redirect_uri does not match the authorization request");
            }

            _refreshTokens.Clear();
            var refresh = RandomText(32) + "@";
            _refreshTokens[refresh] = Now;
            return (new TokenSet(IssueAccessToken(), refresh), null);
        }
    }

    /// <summary>A new access token for a live refresh token (the same refresh token comes back); null when it is dead.</summary>
    public TokenSet? Refresh(string refreshToken)
    {
        lock (_gate)
        {
            if (!_refreshTokens.TryGetValue(refreshToken, out var createdAt) || Now >= createdAt + options.RefreshTokenLifetime)
            {
                return null;
            }

            return new TokenSet(IssueAccessToken(), refreshToken);
        }
    }

    public bool IsLiveAccessToken(string token)
    {
        lock (_gate)
        {
            return _accessTokens.TryGetValue(token, out var grant)
                && Now < grant.ExpiresAt
                && grant.Epoch == options.Faults.AccessTokenEpoch;
        }
    }

    public static string RandomText(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    private string IssueAccessToken()
    {
        var now = Now;
        foreach (var dead in _accessTokens.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToList())
        {
            _accessTokens.Remove(dead);
        }

        var token = "I0." + RandomText(48) + "@";
        _accessTokens[token] = new AccessGrant(now + options.AccessTokenLifetime, options.Faults.AccessTokenEpoch);
        return token;
    }

    private sealed record PendingCode(string RedirectUri, DateTimeOffset ExpiresAt);

    private sealed record AccessGrant(DateTimeOffset ExpiresAt, long Epoch);
}

internal sealed record TokenSet(string AccessToken, string RefreshToken);
