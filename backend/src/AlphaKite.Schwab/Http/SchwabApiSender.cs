using System.Net.Http.Headers;
using AlphaKite.Core.Ports;
using AlphaKite.Schwab.MarketData;
using Polly;

namespace AlphaKite.Schwab.Http;

/// <summary>
/// Sends one authorized GET to Schwab's market data API: a slot from the shared budget for every
/// attempt, transient failures retried with backoff, and on 401 one forced token refresh and one
/// retry. Returns the final reply; transient failures that outlive the retries become
/// <see cref="MarketDataException"/>.
/// </summary>
internal sealed class SchwabApiSender(
    HttpClient http, IAccessTokenProvider tokens, RequestBudget budget, ResiliencePipeline pipeline)
{
    public async Task<HttpReply> GetAsync(Uri uri, string what, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        var reply = await SendAsync(uri, token, what, cancellationToken);
        if (reply.Status != 401)
        {
            return reply;
        }

        // An access token can die early (a login elsewhere, clock skew): refresh once, retry once.
        // Naming the rejected token lets concurrent callers rejected on it share one refresh.
        token = await tokens.GetAccessTokenAfterRejectionAsync(token, cancellationToken);
        return await SendAsync(uri, token, what, cancellationToken);
    }

    private async Task<HttpReply> SendAsync(Uri uri, string accessToken, string what, CancellationToken cancellationToken)
    {
        var attempts = 0;
        string? lastFailure = null;
        try
        {
            return await pipeline.ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    await budget.AcquireAsync(ct);
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    try
                    {
                        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                        var reply = await HttpReply.ReadAsync(response, ct) with { Secrets = [accessToken] };
                        if (reply.IsTransient)
                        {
                            lastFailure = $"HTTP {reply.Status}: {ErrorDetail.Describe(reply)}";
                            throw new TransientResponseException(reply);
                        }

                        return reply;
                    }
                    catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                    {
                        lastFailure = e is HttpRequestException h ? SchwabFailure.Describe(h, uri) : "an attempt timed out";
                        throw;
                    }
                },
                cancellationToken);
        }
        catch (Exception e) when (SchwabResilience.IsExhaustedFailure(e) && SchwabFailure.LooksLikeConfiguration(uri, e))
        {
            throw new MarketDataException(SchwabFailure.ConfigurationError(what, uri, attempts, lastFailure), e);
        }
        catch (Exception e) when (SchwabResilience.IsExhaustedFailure(e))
        {
            throw new MarketDataException(
                $"{what}: Schwab kept failing after {attempts} attempts (last: {lastFailure ?? e.Message}). " +
                "Usually temporary (rate limit or outage); the next run retries.", e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && lastFailure is not null)
        {
            // The caller's deadline ended the retries: keep cancellation semantics, but say what was failing.
            throw new OperationCanceledException(
                $"{what}: stopped at the caller's deadline after {attempts} attempts (last: {lastFailure}).", e, cancellationToken);
        }
    }
}
