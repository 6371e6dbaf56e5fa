using System.Text.Json;

namespace AlphaKite.Schwab.Tokens;

/// <summary>The <c>token</c> object of a schwab-py token file.</summary>
/// <param name="ExpiresIn">Access token lifetime in seconds (1800).</param>
/// <param name="ExpiresAt">Unix seconds when the access token dies: receipt time + <paramref name="ExpiresIn"/>.</param>
public sealed record SchwabToken(
    long ExpiresIn, string TokenType, string Scope, string RefreshToken, string AccessToken, string? IdToken, long ExpiresAt)
{
    /// <summary>Members we do not know, written back unchanged.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Extra { get; init; }

    public DateTimeOffset AccessTokenExpiresAt => DateTimeOffset.FromUnixTimeSeconds(ExpiresAt);

    // A record prints every member; tokens must never reach a log line or an exception.
    public override string ToString() => $"SchwabToken {{ ExpiresAt = {AccessTokenExpiresAt:u}, secrets redacted }}";
}
