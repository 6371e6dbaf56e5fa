using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AlphaKite.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.IntegrationTests.Sandbox;

/// <summary>
/// A started sandbox on a fake clock plus a raw HTTP client that speaks the protocol as written in
/// Schwab's documentation (no redirects followed, no automatic decompression), so tests see the wire.
/// </summary>
internal sealed class SandboxHarness : IAsyncDisposable
{
    public const string AppKey = "sandbox-app-key";
    public const string AppSecret = "sandbox-app-secret";
    public const string Callback = "https://127.0.0.1:8182";

    private SandboxHarness(FakeTimeProvider clock, SandboxServer server)
    {
        Clock = clock;
        Server = server;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = server.BaseUrl,
        };
    }

    public FakeTimeProvider Clock { get; }

    public SandboxServer Server { get; }

    public HttpClient Http { get; }

    public string? AccessToken { get; private set; }

    public string? RefreshToken { get; private set; }

    public static async Task<SandboxHarness> StartAsync(DateTimeOffset now, Func<SandboxOptions, SandboxOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(now);
        var options = new SandboxOptions { Clock = clock };
        var server = await SandboxServer.StartAsync(configure?.Invoke(options) ?? options, CancellationToken.None);
        return new SandboxHarness(clock, server);
    }

    /// <summary>Starts a sandbox and logs in, so market-data calls carry a live bearer token.</summary>
    public static async Task<SandboxHarness> StartLoggedInAsync(DateTimeOffset now, Func<SandboxOptions, SandboxOptions>? configure = null)
    {
        var harness = await StartAsync(now, configure);
        await harness.LoginAsync();
        return harness;
    }

    public Task<HttpResponseMessage> AuthorizeAsync(string clientId = AppKey, string redirectUri = Callback, string? state = null) =>
        Http.GetAsync($"v1/oauth/authorize?response_type=code&client_id={Uri.EscapeDataString(clientId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}"
            + (state is null ? "" : "&state=" + Uri.EscapeDataString(state)));

    /// <summary>The code from the callback URL, URL-decoded exactly once as Schwab's docs require.</summary>
    public async Task<string> AuthorizeForCodeAsync()
    {
        using var response = await AuthorizeAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return Uri.UnescapeDataString(QueryValue(response.Headers.Location!, "code")!);
    }

    public async Task<HttpResponseMessage> PostTokenAsync(IEnumerable<KeyValuePair<string, string>> form, string? basic = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/oauth/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic ?? Basic(AppKey, AppSecret));
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> ExchangeAsync(string code, string redirectUri = Callback) =>
        PostTokenAsync([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri)]);

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        PostTokenAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)]);

    public async Task LoginAsync()
    {
        using var response = await ExchangeAsync(await AuthorizeForCodeAsync());
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        UseTokens(await JsonAsync(response));
    }

    public async Task RefreshAccessTokenAsync()
    {
        using var response = await RefreshAsync(RefreshToken!);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        UseTokens(await JsonAsync(response));
    }

    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if ((bearer ?? AccessToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PriceHistoryAsync(string symbol, DateTimeOffset start, DateTimeOffset end, bool extendedHours = false) =>
        GetAsync($"marketdata/v1/pricehistory?symbol={symbol}&frequencyType=minute&frequency=1"
            + $"&startDate={start.ToUnixTimeMilliseconds()}&endDate={end.ToUnixTimeMilliseconds()}"
            + $"&needExtendedHoursData={(extendedHours ? "true" : "false")}&needPreviousClose=false");

    /// <summary>The candles of a 200 pricehistory response.</summary>
    public async Task<List<WireCandle>> CandlesAsync(string symbol, DateTimeOffset start, DateTimeOffset end, bool extendedHours = false)
    {
        using var response = await PriceHistoryAsync(symbol, start, end, extendedHours);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await JsonAsync(response);
        return json.GetProperty("candles").EnumerateArray().Select(WireCandle.From).ToList();
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static string Basic(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public static string? QueryValue(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == name) is { } pair ? pair[1] : null;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private void UseTokens(JsonElement json)
    {
        AccessToken = json.GetProperty("access_token").GetString();
        RefreshToken = json.GetProperty("refresh_token").GetString();
    }
}

/// <summary>A candle as it appears on the wire (datetime = bar start in epoch ms).</summary>
internal sealed record WireCandle(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, long Volume)
{
    public static WireCandle From(JsonElement c) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(c.GetProperty("datetime").GetInt64()),
        c.GetProperty("open").GetDecimal(),
        c.GetProperty("high").GetDecimal(),
        c.GetProperty("low").GetDecimal(),
        c.GetProperty("close").GetDecimal(),
        c.GetProperty("volume").GetInt64());
}
