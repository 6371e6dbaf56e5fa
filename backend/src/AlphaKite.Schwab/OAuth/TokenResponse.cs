using System.Text.Json;

namespace AlphaKite.Schwab.OAuth;

/// <summary>What Schwab's token endpoint returned for a code exchange or a refresh.</summary>
/// <param name="RefreshToken">Null when a refresh response carries none (then keep the old one).</param>
public sealed record TokenResponse(
    long ExpiresIn, string TokenType, string Scope, string? RefreshToken, string AccessToken, string? IdToken)
{
    /// <summary>Members we do not know; schwab-py stores the whole response, so do we.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Extra { get; init; }

    public override string ToString() => $"TokenResponse {{ ExpiresIn = {ExpiresIn}, secrets redacted }}";
}
