using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AlphaKite.Aws.Runtime.ExceptionHandling;

namespace AlphaKite.Aws.Runtime.Client;

/// <summary>
/// The four calls of the Lambda Runtime API (custom runtime, provided.al2023) over one HttpClient:
/// next, response, error, init error. https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
/// The HttpClient must have an infinite (or hours-long) timeout: /next blocks while the
/// environment is idle or frozen.
/// </summary>
public sealed class RuntimeApiClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly TimeProvider _clock;

    /// <param name="runtimeApi">AWS_LAMBDA_RUNTIME_API: "host:port".</param>
    public RuntimeApiClient(HttpClient http, string runtimeApi, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _base = new Uri($"http://{runtimeApi}/2018-06-01/runtime/");
    }

    /// <summary>Blocks until Lambda hands out the next event.</summary>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_base, "invocation/next"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        await EnsureAcceptedAsync(response, "invocation/next", cancellationToken);
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("the Runtime API sent an event without Lambda-Runtime-Aws-Request-Id", (int)response.StatusCode);
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : _clock.GetUtcNow().AddMinutes(15);
        return new LambdaInvocation(requestId, deadline, Header(response, "Lambda-Runtime-Invoked-Function-Arn") ?? "", Header(response, "Lambda-Runtime-Trace-Id"), body);
    }

    public async Task RespondAsync(string requestId, string response, CancellationToken cancellationToken)
    {
        using var content = new StringContent(response, Encoding.UTF8);
        content.Headers.ContentType = JsonContentType;
        await PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, null, cancellationToken);
    }

    public async Task ReportErrorAsync(string requestId, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", LambdaJsonExceptionWriter.WriteContent(error), error.GetType().Name, cancellationToken);
    }

    /// <summary>Reports a failed initialization; the caller must then exit non-zero.</summary>
    public async Task ReportInitErrorAsync(Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await PostAsync("init/error", LambdaJsonExceptionWriter.WriteContent(error), error.GetType().Name, cancellationToken);
    }

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAcceptedAsync(response, path, cancellationToken);
    }

    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new RuntimeApiException(
            $"Runtime API {path} answered {(int)response.StatusCode} {response.StatusCode}: {detail}",
            (int)response.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
