namespace AlphaKite.Core.Market;

/// <summary>
/// Where Schwab is and the callback an app registers, when nothing else is configured. In Core
/// because the Schwab client, the Lambda, the CLI and the sandbox (which stands in for Schwab and
/// references Core only) all default to them.
/// </summary>
public static class SchwabDefaults
{
    /// <summary>Schwab's API root; SCHWAB_BASE_URL, --base-url or ALPHAKITE_SCHWAB_BASE_URL point elsewhere (the sandbox).</summary>
    public static readonly Uri BaseUrl = new("https://api.schwabapi.com");

    /// <summary>The callback URL the setup guide registers; it must match the app's registration exactly.</summary>
    public const string CallbackUrl = "https://127.0.0.1:8182";
}
