using AlphaKite.Sandbox.Http;
using AlphaKite.Sandbox.OAuth;
using Microsoft.AspNetCore.Http;

namespace AlphaKite.Sandbox.MarketData;

/// <summary>What stands before every market-data handler: forced faults, then the bearer token check.</summary>
internal sealed class MarketDataGate(SandboxOptions options, TokenRegistry tokens)
{
    public RequestDelegate Guard(RequestDelegate handler) => async context =>
    {
        var faults = options.Faults;
        if (faults.TryTakeServerError() is { } status)
        {
            await ErrorReply.ServerError(context, faults, status);
        }
        else if (faults.TryTakeTooManyRequests())
        {
            // Schwab documents no Retry-After, so none is sent: clients must pick their own backoff.
            await ErrorReply.Send(context, faults, StatusCodes.Status429TooManyRequests, "Rate limit exceeded: about 120 requests per minute per app");
        }
        else if (faults.TryTakeUnauthorized() || !HasLiveBearer(context.Request))
        {
            await ErrorReply.Unauthorized(context, faults);
        }
        else if (faults.RollRandomError())
        {
            await ErrorReply.ServerError(context, faults, StatusCodes.Status500InternalServerError);
        }
        else
        {
            await handler(context);
        }
    };

    private bool HasLiveBearer(HttpRequest request)
    {
        const string Scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && tokens.IsLiveAccessToken(header[Scheme.Length..].Trim());
    }
}
