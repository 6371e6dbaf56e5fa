using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AlphaKite.Aws.Signing;

/// <summary>
/// AWS Signature Version 4 (header form), pure: the same inputs always give the same headers.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
/// </summary>
public static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The headers to add to the request: X-Amz-Date, X-Amz-Security-Token (temporary
    /// credentials), x-amz-content-sha256 (when asked) and Authorization.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(
        SigV4Request request, AwsCredentials credentials, string region, string service, DateTimeOffset now, bool addContentSha256 = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var payloadHash = Hex(SHA256.HashData(request.Body));
        var added = new List<KeyValuePair<string, string>> { new("X-Amz-Date", amzDate) };
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            added.Add(new("X-Amz-Security-Token", credentials.SessionToken));
        }

        if (addContentSha256)
        {
            added.Add(new("x-amz-content-sha256", payloadHash));
        }

        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in added)
        {
            headers[name] = value;
        }

        var (canonical, signedHeaders) = CanonicalRequest(request with { Headers = headers }, payloadHash);
        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";
        var toSign = StringToSign(amzDate, scope, canonical);
        var signature = Hex(HMACSHA256.HashData(SigningKey(credentials.SecretAccessKey, amzDate[..8], region, service), Encoding.UTF8.GetBytes(toSign)));
        added.Add(new("Authorization", $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}"));
        return added;
    }

    /// <summary>The canonical request and the signed-header list. Host is always signed.</summary>
    public static (string CanonicalRequest, string SignedHeaders) CanonicalRequest(SigV4Request request, string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.Uri.IsDefaultPort ? request.Uri.Host : $"{request.Uri.Host}:{request.Uri.Port}",
        };
        foreach (var (name, value) in request.Headers)
        {
            // Values are trimmed and inner runs of spaces collapsed, as the spec and botocore do.
            headers[name.Trim().ToLowerInvariant()] = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        var signed = string.Join(';', headers.Keys);
        var text = new StringBuilder()
            .Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append(CanonicalPath(request.Uri)).Append('\n')
            .Append(CanonicalQuery(request.Uri)).Append('\n');
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }

        text.Append('\n').Append(signed).Append('\n').Append(payloadHash);
        return (text.ToString(), signed);
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    public static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    // Services other than S3 encode the path twice: once on the wire (AbsolutePath is that form),
    // once more here, so "a%20b" becomes "a%2520b".
    private static string CanonicalPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        return path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(Encode));
    }

    private static string CanonicalQuery(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return "";
        }

        return string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
                return (Key: Encode(key), Value: Encode(value));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>RFC 3986 encoding: unreserved characters stay, everything else is %XX of its UTF-8 bytes.</summary>
    private static string Encode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
