using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AlphaKite.Schwab.OAuth;

/// <summary>
/// The OAuth <c>state</c> that `alphakite auth` puts in the authorize URL: the issue time and a
/// MAC of it keyed by the app secret. A redirect is accepted only with a state this app issued in
/// the last <see cref="Lifetime"/>, which stops a forged or stale redirect (CSRF) even when the
/// URL arrives in a later run (<c>--code-url</c>), where the issuing run's memory is gone.
/// </summary>
public static class LoginState
{
    /// <summary>Long enough to log in (and approve two-factor) in a browser; the code itself lives about 30 s.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public static string Issue(string appSecret, DateTimeOffset now)
    {
        var issued = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{issued}.{Mac(appSecret, issued)}";
    }

    /// <summary>The state, when this app issued it within <see cref="Lifetime"/> of <paramref name="now"/>.</summary>
    /// <exception cref="SchwabAuthException">Missing, forged, or too old; the message says how to get a good one.</exception>
    public static string Check(string? state, string appSecret, DateTimeOffset now)
    {
        const string Fix = "Run `alphakite auth`, open the address it prints, log in, and pass the address you land on (within " +
                           "15 minutes, before the code expires) to --code-url.";
        if (string.IsNullOrEmpty(state))
        {
            throw new SchwabAuthException($"The redirected URL has no 'state' parameter, so it cannot be checked as this login's redirect. {Fix}");
        }

        var dot = state.IndexOf('.', StringComparison.Ordinal);
        var issued = dot > 0 ? state[..dot] : string.Empty;
        var valid = dot > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(state[(dot + 1)..]), Encoding.ASCII.GetBytes(Mac(appSecret, issued)))
            && long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds);
        if (!valid)
        {
            throw new SchwabAuthException($"The redirected URL's 'state' was not issued by `alphakite auth` for this app (another login, or a forged link). {Fix}");
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(long.Parse(issued, CultureInfo.InvariantCulture));
        return age >= TimeSpan.FromMinutes(-1) && age <= Lifetime
            ? state
            : throw new SchwabAuthException(
                $"The redirected URL's login started {(int)age.TotalMinutes} minutes ago (at most {(int)Lifetime.TotalMinutes} are allowed). {Fix}");
    }

    private static string Mac(string appSecret, string issued) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes("alphakite-login:" + issued)))[..32];
}
