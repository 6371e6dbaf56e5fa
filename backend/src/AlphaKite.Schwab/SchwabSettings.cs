namespace AlphaKite.Schwab;

/// <summary>
/// Who we are to Schwab and where Schwab is. <paramref name="BaseUrl"/> is configurable so the
/// built-in sandbox (or a recorded replay) can stand in for https://api.schwabapi.com.
/// </summary>
/// <param name="AppKey">The app's "App Key" (OAuth client id) from developer.schwab.com.</param>
/// <param name="AppSecret">The app's "Secret". Never logged, never put in an exception.</param>
/// <param name="CallbackUrl">The callback URL exactly as registered (case, port, trailing slash).</param>
/// <param name="BaseUrl">API root, e.g. https://api.schwabapi.com.</param>
public sealed record SchwabSettings(string AppKey, string AppSecret, string CallbackUrl, Uri BaseUrl)
{
    public string AppKey { get; init; } = Require(AppKey, "app key (SCHWAB_APP_KEY or --app-key)");

    public string AppSecret { get; init; } = Require(AppSecret, "app secret (SCHWAB_APP_SECRET or --app-secret)");

    public string CallbackUrl { get; init; } = Require(CallbackUrl, "callback URL (SCHWAB_CALLBACK_URL or --callback)");

    public Uri BaseUrl { get; init; } = BaseUrl is { IsAbsoluteUri: true, Scheme: "http" or "https" }
        ? BaseUrl
        : throw new ArgumentException("The Schwab base URL must be absolute, like https://api.schwabapi.com.", nameof(BaseUrl));

    /// <summary>A base URL as a user types it (--base-url, SCHWAB_BASE_URL).</summary>
    /// <exception cref="FormatException">Not an absolute http(s) URL; the message says what to write.</exception>
    public static Uri ParseBaseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? uri
            : throw new FormatException(
                $"the Schwab base URL '{text}' is not an http:// or https:// address: write Schwab's https://api.schwabapi.com " +
                "(or leave it out), or the sandbox's http://127.0.0.1:PORT");

    /// <summary>An endpoint under <see cref="BaseUrl"/>, keeping any path prefix the base URL has.</summary>
    public Uri Endpoint(string relative) => Endpoint(BaseUrl, relative);

    internal static Uri Endpoint(Uri baseUrl, string relative) =>
        new(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + relative.TrimStart('/'));

    // A record prints every member; the secret must never reach a log line.
    public override string ToString() =>
        $"SchwabSettings {{ AppKey = {AppKey[..Math.Min(4, AppKey.Length)]}..., CallbackUrl = {CallbackUrl}, BaseUrl = {BaseUrl} }}";

    private static string Require(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"The Schwab {what} is empty.", nameof(value)) : value;
}
