using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AlphaKite.Core.Files;
using AlphaKite.Schwab.Http;
using AlphaKite.Schwab.Tokens;
using Polly;

namespace AlphaKite.Schwab.OAuth;

/// <summary>
/// Schwab's OAuth token endpoint (<c>POST {base}/v1/oauth/token</c>, Basic auth with the app key and
/// secret, form body). 400/401 mean a person must act and are never retried; 5xx, timeouts and
/// HTML/plain-text bodies are transient and retried with backoff within the caller's deadline.
/// </summary>
public sealed class SchwabOAuthClient
{
    private readonly HttpClient _http;
    private readonly SchwabSettings _settings;
    private readonly ResiliencePipeline _pipeline;

    /// <param name="http">From <see cref="SchwabHttp.CreateClient"/> (or any client; gzip is handled either way).</param>
    /// <param name="settings">App key, secret, callback and base URL.</param>
    /// <param name="retry">Defaults to <see cref="SchwabRetryOptions.Default"/>.</param>
    /// <param name="time">Clock for backoff delays; defaults to <see cref="TimeProvider.System"/>.</param>
    public SchwabOAuthClient(HttpClient http, SchwabSettings settings, SchwabRetryOptions? retry = null, TimeProvider? time = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _pipeline = SchwabResilience.Create(retry ?? SchwabRetryOptions.Default, time ?? TimeProvider.System);
    }

    /// <summary>The page a person opens to log in; Schwab then redirects to the callback with <c>?code=</c>.</summary>
    public Uri AuthorizeUrl(string state) =>
        new(_settings.Endpoint("v1/oauth/authorize").AbsoluteUri
            + "?response_type=code"
            + "&client_id=" + Uri.EscapeDataString(_settings.AppKey)
            + "&redirect_uri=" + Uri.EscapeDataString(_settings.CallbackUrl)
            + "&state=" + Uri.EscapeDataString(state));

    /// <summary>Trades the (already URL-decoded) authorization code for tokens. Codes live ~30 s.</summary>
    public Task<TokenResponse> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(redirectUri);
        return PostAsync(
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri)],
            isRefresh: false, secret: code, cancellationToken);
    }

    public Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return PostAsync(
            [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)],
            isRefresh: true, secret: refreshToken, cancellationToken);
    }

    private async Task<TokenResponse> PostAsync(
        KeyValuePair<string, string>[] form, bool isRefresh, string secret, CancellationToken cancellationToken)
    {
        var endpoint = _settings.Endpoint("v1/oauth/token");
        var attempts = 0;
        HttpReply reply;
        try
        {
            reply = await _pipeline.ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials());
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    var r = await HttpReply.ReadAsync(response, ct);
                    return r.Status is not (400 or 401) && r.IsTransient ? throw new TransientResponseException(r) : r;
                },
                cancellationToken);
        }
        catch (Exception e) when (SchwabResilience.IsExhaustedFailure(e))
        {
            var last = e switch
            {
                TransientResponseException t => $"HTTP {t.Reply.Status}: {ErrorDetail.DescribeTokenError(t.Reply, secret)}",
                HttpRequestException h => SchwabFailure.Describe(h, endpoint),
                _ => "an attempt timed out",
            };
            if (SchwabFailure.LooksLikeConfiguration(endpoint, e))
            {
                throw new SchwabAuthException(SchwabFailure.ConfigurationError("Schwab login", endpoint, attempts, last), e);
            }

            throw new SchwabAuthException(
                $"Schwab's token endpoint {endpoint} kept failing ({attempts} attempts; last: {last}). " +
                "This is usually temporary: try again in a few minutes.", e);
        }

        if (reply.Status is 400 or 401)
        {
            throw TokenErrors.Classify(reply, isRefresh, _settings.CallbackUrl, secret);
        }

        if (!reply.IsSuccess)
        {
            throw new SchwabAuthException(
                $"Schwab's token endpoint {endpoint} answered HTTP {reply.Status}: {ErrorDetail.DescribeTokenError(reply, secret)}. " +
                "Check the base URL (--base-url) and that the app is Ready for Use.");
        }

        return Parse(reply, endpoint);
    }

    private string BasicCredentials() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(_settings.AppKey + ":" + _settings.AppSecret));

    private static TokenResponse Parse(HttpReply reply, Uri endpoint)
    {
        TokenJson? dto;
        try
        {
            dto = JsonSerializer.Deserialize(reply.Body, SchwabJsonContext.Default.TokenJson);
        }
        catch (JsonException e)
        {
            throw new SchwabAuthException($"Schwab's token endpoint {endpoint} answered 200 with a body that is not a token: it {JsonProblem.Describe(reply.Body, e)}. Check the base URL (--base-url).", e);
        }

        if (string.IsNullOrEmpty(dto?.AccessToken))
        {
            throw new SchwabAuthException($"Schwab's token endpoint {endpoint} answered 200 without an access_token.");
        }

        return new TokenResponse(
            dto.ExpiresIn ?? 1800, dto.TokenType ?? "Bearer", dto.Scope ?? "api",
            string.IsNullOrEmpty(dto.RefreshToken) ? null : dto.RefreshToken, dto.AccessToken, dto.IdToken)
        {
            Extra = dto.Extra,
        };
    }
}
