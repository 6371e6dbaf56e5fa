using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AlphaKite.Aws.Signing;
using Polly;

namespace AlphaKite.Aws.Json;

/// <summary>
/// The AWS JSON 1.1 protocol (Secrets Manager, SSM, ...): a signed POST / with X-Amz-Target, JSON in
/// and out, errors from <c>__type</c> and <c>message</c>. Transient failures (5xx, throttling, network)
/// are retried by <see cref="AwsResilience"/> a bounded number of times within the caller's cancellation token.
/// </summary>
public sealed class AwsJsonClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");
    private readonly HttpClient _http;
    private readonly AwsCredentials _credentials;
    private readonly string _region;
    private readonly string _service;
    private readonly TimeProvider _clock;
    private readonly ResiliencePipeline _pipeline;

    /// <param name="endpoint">Null for https://{service}.{region}.amazonaws.com; set for moto (AWS_ENDPOINT_URL).</param>
    /// <param name="retry">Null for <see cref="AwsRetryOptions.Default"/>.</param>
    public AwsJsonClient(HttpClient http, AwsCredentials credentials, string region, string service, Uri? endpoint, TimeProvider clock, AwsRetryOptions? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _region = region;
        _service = service;
        _pipeline = AwsResilience.Create(retry ?? AwsRetryOptions.Default, clock);
        Endpoint = endpoint ?? new Uri($"https://{service}.{region}.amazonaws.com/");
    }

    public Uri Endpoint { get; }

    /// <param name="target">The X-Amz-Target, e.g. "secretsmanager.GetSecretValue".</param>
    public async Task<TResponse> PostAsync<TRequest, TResponse>(
        string target, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return await _pipeline.ExecuteAsync(
            async ct => await SendAsync(target, body, responseType, ct), cancellationToken);
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
}
