using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlphaKite.Schwab.Tokens;

/// <summary>The schwab-py token file on the wire. Everything optional so that we, not the
/// serializer, name what is missing. Unknown members survive a round trip.</summary>
internal sealed class TokenFileJson
{
    [JsonPropertyName("creation_timestamp")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? CreationTimestamp { get; set; }

    [JsonPropertyName("token")]
    public TokenJson? Token { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The token object of the file, which is also the token endpoint's response body
/// (the endpoint sends no <c>expires_at</c>). Member order is schwab-py's.</summary>
internal sealed class TokenJson
{
    [JsonPropertyName("expires_in")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? ExpiresIn { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }

    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; set; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("id_token")]
    public string? IdToken { get; set; }

    [JsonPropertyName("expires_at")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? ExpiresAt { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
