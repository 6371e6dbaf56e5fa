
namespace AlphaKite.Tests.Schwab;

/// <summary>Token documents as schwab-py writes them.</summary>
internal static class TokenFixtures
{
    // Written by schwab-py 1.x: json.dumps({'creation_timestamp': int(time.time()), 'token': authlib_token}).
    public const string SchwabPyFile =
        """{"creation_timestamp": 1731000000, "token": {"expires_in": 1800, "token_type": "Bearer", "scope": "api", "refresh_token": "rt-OLD-refresh", "access_token": "I0.at-OLD@", "id_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "expires_at": 1731001800}}""";

    public static string File(long creation, long expiresAt, string refresh = "rt-OLD-refresh", string access = "I0.at-OLD@") =>
        $$$"""{"creation_timestamp": {{{creation}}}, "token": {"expires_in": 1800, "token_type": "Bearer", "scope": "api", "refresh_token": "{{{refresh}}}", "access_token": "{{{access}}}", "id_token": "idt", "expires_at": {{{expiresAt}}}}}""";

    public static string TokenResponse(string access = "I0.at-NEW@", string? refresh = "rt-NEW-refresh") =>
        refresh is null
            ? $$"""{"expires_in":1800,"token_type":"Bearer","scope":"api","access_token":"{{access}}","id_token":"idt2"}"""
            : $$"""{"expires_in":1800,"token_type":"Bearer","scope":"api","refresh_token":"{{refresh}}","access_token":"{{access}}","id_token":"idt2"}""";
}
