using System.Net;
using AlphaKite.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace AlphaKite.Sandbox.OAuth;

/// <summary>
/// <c>GET /v1/oauth/authorize</c>: there is no person to ask, so it approves at once and sends
/// the browser to the callback with <c>?code=...%40&amp;session={uuid}</c>, as Schwab does after login.
/// </summary>
internal sealed class AuthorizeEndpoint(SandboxOptions options, TokenRegistry tokens)
{
    public Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string? responseType = query["response_type"];
        string? clientId = query["client_id"];
        var redirectUri = query["redirect_uri"].ToString();
        if (responseType != "code")
        {
            return RejectAsync(context, "response_type must be 'code'.");
        }

        if (!string.Equals(clientId, options.AppKey, StringComparison.Ordinal))
        {
            return RejectAsync(context, "Unknown client_id: no app is registered with this App Key.");
        }

        if (!string.Equals(redirectUri, options.CallbackUrl, StringComparison.Ordinal))
        {
            return RejectAsync(context, "redirect_uri must match the app's registered Callback URL exactly.");
        }

        var code = tokens.IssueCode(redirectUri);
        var location = $"{redirectUri}{(redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?')}code={Uri.EscapeDataString(code)}&session={Guid.NewGuid()}";
        if (query["state"] is { Count: > 0 } state)
        {
            location += "&state=" + Uri.EscapeDataString(state.ToString());
        }

        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private Task RejectAsync(HttpContext context, string reason) =>
        Reply.Text(context, options.Faults, StatusCodes.Status400BadRequest, "text/html",
            "<!DOCTYPE html><html><head><title>Schwab sandbox: authorization error</title></head><body>" +
            $"<h1>We are unable to complete your request</h1><p>{WebUtility.HtmlEncode(reason)}</p></body></html>\n");
}
