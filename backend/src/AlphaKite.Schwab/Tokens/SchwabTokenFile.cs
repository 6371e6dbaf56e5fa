using System.Text.Json;
using AlphaKite.Core.Files;
using AlphaKite.Schwab.OAuth;

namespace AlphaKite.Schwab.Tokens;

/// <summary>
/// The schwab-py token file (docs/schwab.md): <c>{"creation_timestamp": int, "token": {...,"expires_at": int}}</c>.
/// <paramref name="CreationTimestamp"/> is set once at the browser login and never changed by a
/// refresh: the refresh token dies 7 days after it, whatever a refresh returns.
/// </summary>
public sealed record SchwabTokenFile(long CreationTimestamp, SchwabToken Token)
{
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(7);

    private const string Fix = "Run `alphakite auth` to log in again and rewrite it.";

    /// <summary>Top-level members we do not know, written back unchanged.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Extra { get; init; }

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(CreationTimestamp);

    public DateTimeOffset RefreshTokenExpiresAt => CreatedAt + RefreshTokenLifetime;

    /// <summary>A new file right after a browser login (code exchange).</summary>
    public static SchwabTokenFile FromLogin(TokenResponse response, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(response);
        var refresh = response.RefreshToken
            ?? throw new SchwabAuthException("Schwab's token endpoint answered the login without a refresh_token. Run `alphakite auth` again.");
        return new SchwabTokenFile(receivedAt.ToUnixTimeSeconds(), ToToken(response, refresh, receivedAt));
    }

    /// <summary>This file after a refresh: same creation time, the returned refresh token (or the old
    /// one when none came back), expires_at = receipt time + expires_in.</summary>
    public SchwabTokenFile WithRefresh(TokenResponse response, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(response);
        return this with { Token = ToToken(response, response.RefreshToken ?? Token.RefreshToken, receivedAt) };
    }

    /// <param name="json">The document.</param>
    /// <param name="source">Where it came from, for messages (a path or a secret name).</param>
    public static SchwabTokenFile Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        TokenFileJson? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, SchwabJsonContext.Default.TokenFileJson);
        }
        catch (JsonException e)
        {
            // The description names a path and position, never the file's content.
            throw new TokenFileException(
                $"The Schwab token file {source} {JsonProblem.Describe(json, e)}; a schwab-py token file is an object " +
                $"{{\"creation_timestamp\": ..., \"token\": {{\"access_token\": ..., \"refresh_token\": ..., ...}}}}. {Fix}", e);
        }

        if (dto is null)
        {
            throw new TokenFileException($"The Schwab token file {source} holds JSON null, not a token. {Fix}");
        }

        var created = dto.CreationTimestamp
            ?? throw Missing(source, "creation_timestamp");
        var t = dto.Token ?? throw Missing(source, "token");
        var token = new SchwabToken(
            t.ExpiresIn ?? 1800,
            t.TokenType ?? "Bearer",
            t.Scope ?? "api",
            NonEmpty(t.RefreshToken) ?? throw Missing(source, "token.refresh_token"),
            NonEmpty(t.AccessToken) ?? throw Missing(source, "token.access_token"),
            t.IdToken,
            // Without expires_at schwab-py assumes the token is fresh; we assume it is stale and refresh.
            t.ExpiresAt ?? 0)
        {
            Extra = t.Extra,
        };
        return new SchwabTokenFile(created, token) { Extra = dto.Extra };
    }

    /// <summary>The document as schwab-py writes it: integers for both timestamps, schwab-py's member order.</summary>
    public string ToJson()
    {
        var dto = new TokenFileJson
        {
            CreationTimestamp = CreationTimestamp,
            Token = new TokenJson
            {
                ExpiresIn = Token.ExpiresIn,
                TokenType = Token.TokenType,
                Scope = Token.Scope,
                RefreshToken = Token.RefreshToken,
                AccessToken = Token.AccessToken,
                IdToken = Token.IdToken,
                ExpiresAt = Token.ExpiresAt,
                Extra = Copy(Token.Extra),
            },
            Extra = Copy(Extra),
        };
        return JsonSerializer.Serialize(dto, SchwabJsonContext.Default.TokenFileJson);
    }

    public override string ToString() => $"SchwabTokenFile {{ CreatedAt = {CreatedAt:u}, {Token} }}";

    private static SchwabToken ToToken(TokenResponse r, string refreshToken, DateTimeOffset receivedAt) =>
        new(r.ExpiresIn, r.TokenType, r.Scope, refreshToken, r.AccessToken, r.IdToken, receivedAt.ToUnixTimeSeconds() + r.ExpiresIn)
        {
            Extra = r.Extra,
        };

    private static TokenFileException Missing(string source, string member) =>
        new($"The Schwab token file {source} has no '{member}', so it is not a schwab-py token file. {Fix}");

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static Dictionary<string, JsonElement>? Copy(IReadOnlyDictionary<string, JsonElement>? extra) =>
        extra is null ? null : new Dictionary<string, JsonElement>(extra, StringComparer.Ordinal);
}
