using AlphaKite.Schwab.Http;

namespace AlphaKite.Schwab.OAuth;

/// <summary>Maps the token endpoint's 400/401 bodies to what the person has to do.</summary>
internal static class TokenErrors
{
    public static ReauthenticationRequiredException Classify(HttpReply reply, bool isRefresh, string callbackUrl, string secret)
    {
        var (error, description) = ErrorDetail.OAuthError(reply);
        var detail = ErrorDetail.DescribeTokenError(reply, secret);
        var all = $"{error} {description} {detail}";
        var login = ReauthenticationRequiredException.LoginAgain;

        if (Has(all, "Client not authorized"))
        {
            return new(ReauthReason.ClientNotAuthorized,
                $"Schwab answered HTTP {reply.Status} 'Client not authorized' ({detail}): the app at developer.schwab.com must be " +
                "'Ready for Use' and carry the 'Market Data Production' product. Fix that, then run `alphakite auth`.");
        }

        if (isRefresh && (Has(all, "unsupported_token_type") || Has(all, "refresh_token_authentication_error") || Has(all, "refresh token")))
        {
            return new(ReauthReason.RefreshTokenRejected,
                $"Schwab rejected the refresh token (HTTP {reply.Status}: {detail}): it expired (7 days after the login) " +
                $"or a newer login replaced it. {login}");
        }

        if (Has(error, "invalid_client"))
        {
            return new(ReauthReason.InvalidClient,
                $"Schwab rejected the app key or secret (HTTP {reply.Status}: {detail}). Check SCHWAB_APP_KEY and SCHWAB_APP_SECRET " +
                "against the app at developer.schwab.com (a reset secret must be copied again), then run `alphakite auth`.");
        }

        if (!isRefresh)
        {
            return new(ReauthReason.CodeRejected,
                $"Schwab rejected the authorization code (HTTP {reply.Status}: {detail}). A code expires about 30 seconds after " +
                $"the redirect and works once, and the callback URL must match the app's registration exactly (using '{callbackUrl}'). " +
                "Run `alphakite auth` again and paste the redirected URL right away.");
        }

        return new(ReauthReason.Other, $"Schwab's token endpoint refused the refresh (HTTP {reply.Status}: {detail}). {login}");
    }

    private static bool Has(string? text, string fragment) =>
        text is not null && text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
