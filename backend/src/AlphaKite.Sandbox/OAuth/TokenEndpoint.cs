using System.Buffers;
using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AlphaKite.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace AlphaKite.Sandbox.OAuth;

/// <summary><c>POST /v1/oauth/token</c>: code exchange and refresh, with Schwab's response and error shapes.</summary>
internal sealed class TokenEndpoint(SandboxOptions options, TokenRegistry tokens, SandboxStats stats)
{
    private SandboxFaults Faults => options.Faults;

    public async Task HandleAsync(HttpContext context)
    {
        if (Faults.TryTakeTokenServerError())
        {
            await Reply.Text(context, Faults, StatusCodes.Status503ServiceUnavailable, "text/plain", "Service Unavailable");
            return;
        }

        if (!HasAppCredentials(context.Request))
        {
            await OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Unauthorized");
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Body must be application/x-www-form-urlencoded");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                await ExchangeCodeAsync(context, form["code"].ToString(), form["redirect_uri"].ToString());
                break;
            case "refresh_token":
                await RefreshAsync(context, form["refresh_token"].ToString());
                break;
            default:
                await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
                break;
        }
    }

    private async Task ExchangeCodeAsync(HttpContext context, string code, string redirectUri)
    {
        if (code.Length == 0 || redirectUri.Length == 0)
        {
            await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "code and redirect_uri are required");
            return;
        }

        var (issued, error) = tokens.ExchangeCode(code, redirectUri);
        if (issued is null)
        {
            await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", error!);
            return;
        }

        stats.CountAuthorizationCodeGrant();
        await TokenResponseAsync(context, issued);
    }

    private async Task RefreshAsync(HttpContext context, string refreshToken)
    {
        if (tokens.Refresh(refreshToken) is not { } issued)
        {
            // Schwab nests its upstream error as an escaped JSON string inside error_description,
            // and names the token by a digest, never by its characters.
            var digest = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)))[..16];
            var inner = $"{{\"error_description\":\"Exception while authenticating refresh token [tokenDigest={digest}], Refresh token is expired or invalid\",\"error\":\"refresh_token_authentication_error\"}}";
            await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_token_type", $"400 Bad Request: \"{inner}\"");
            return;
        }

        stats.CountRefreshTokenGrant();
        await TokenResponseAsync(context, issued);
    }

    private Task TokenResponseAsync(HttpContext context, TokenSet issued) =>
        Reply.Json(context, Faults, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("expires_in", (long)options.AccessTokenLifetime.TotalSeconds);
            w.WriteString("token_type", "Bearer");
            w.WriteString("scope", "api");
            w.WriteString("refresh_token", issued.RefreshToken);
            w.WriteString("access_token", issued.AccessToken);
            w.WriteString("id_token", IdToken());
            w.WriteEndObject();
        });

    private Task OAuthErrorAsync(HttpContext context, int status, string error, string description) =>
        Reply.Json(context, Faults, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });

    private bool HasAppCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{options.AppKey}:{options.AppSecret}");
        Span<byte> given = stackalloc byte[512];
        return Convert.TryFromBase64String(header.Parameter, given, out var length)
            && CryptographicOperations.FixedTimeEquals(given[..length], expected);
    }

    // Looks like a JWT (header.payload.signature); nothing in the protocol verifies it.
    private string IdToken()
    {
        var now = options.Clock.GetUtcNow().ToUnixTimeSeconds();
        var header = Base64Url.EncodeToString("""{"alg":"RS256","typ":"JWT"}"""u8);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("iss", "alphakite-sandbox");
            w.WriteString("aud", options.AppKey);
            w.WriteString("sub", "sandbox-user");
            w.WriteNumber("iat", now);
            w.WriteNumber("exp", now + 3600);
            w.WriteEndObject();
        }

        var payload = Base64Url.EncodeToString(buffer.WrittenSpan);
        return $"{header}.{payload}.{TokenRegistry.RandomText(64)}";
    }
}
