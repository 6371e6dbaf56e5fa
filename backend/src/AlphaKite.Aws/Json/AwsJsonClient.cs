using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AlphaKite.Aws.Signing;

namespace AlphaKite.Aws.Json;

/// <summary>
/// The AWS JSON 1.1 protocol (Secrets Manager, SSM, ...): a signed POST / with X-Amz-Target, JSON in
/// and out, errors from <c>__type</c> and <c>message</c>. Transient failures (5xx, throttling, network)
/// are retried a bounded number of times within the caller's cancellation token.
/// </summary>
public sealed class AwsJsonClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");
    private readonly HttpClient _http;
    private readonly AwsCredentials _credentials;
    private readonly string _region;
    private readonly string _service;
    private readonly TimeProvider _clock;
    private readonly int _maxAttempts;

    /// <param name="endpoint">Null for https://{service}.{region}.amazonaws.com; set for moto (AWS_ENDPOINT_URL).</param>
    /// <param name="maxAttempts">Total tries for a transient failure (1 = no retry).</param>
    public AwsJsonClient(HttpClient http, AwsCredentials credentials, string region, string service, Uri? endpoint, TimeProvider clock, int maxAttempts = 3)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _region = region;
        _service = service;
        _maxAttempts = maxAttempts;
        Endpoint = endpoint ?? new Uri($"https://{service}.{region}.amazonaws.com/");
    }

    public Uri Endpoint { get; }

    /// <param name="target">The X-Amz-Target, e.g. "secretsmanager.GetSecretValue".</param>
    public async Task<TResponse> PostAsync<TRequest, TResponse>(
        string target, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(target, body, responseType, cancellationToken);
            }
            catch (Exception e) when (attempt < _maxAttempts && IsTransient(e, cancellationToken))
            {
                // Full jitter keeps concurrent cold starts from retrying in lockstep.
                var backoff = TimeSpan.FromMilliseconds(Random.Shared.Next(50, 100 << attempt));
                await Task.Delay(backoff, _clock, cancellationToken);
            }
        }
    }

    private async Task<TResponse> SendAsync<TResponse>(string target, byte[] body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = JsonContentType;
        message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        var signed = new SigV4Request("POST", Endpoint, new Dictionary<string, string>
        {
            ["Content-Type"] = JsonContentType.MediaType!,
            ["X-Amz-Target"] = target,
        }, body);
        foreach (var (name, value) in SigV4Signer.Sign(signed, _credentials, _region, _service, _clock.GetUtcNow()))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw AwsErrorParser.Parse(text, (int)response.StatusCode, target);
        }

        try
        {
            return JsonSerializer.Deserialize(text, responseType)
                ?? throw new AwsServiceException("InvalidResponse", "the response body was JSON null", (int)response.StatusCode, target);
        }
        catch (JsonException e)
        {
            throw new AwsServiceException("InvalidResponse", $"the response is not the expected JSON ({e.Message})", (int)response.StatusCode, target, e);
        }
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        AwsServiceException aws => aws.IsTransient,
        HttpRequestException => true,
        // HttpClient.Timeout surfaces as a cancellation that is not the caller's.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
