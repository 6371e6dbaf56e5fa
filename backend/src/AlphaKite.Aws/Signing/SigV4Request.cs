namespace AlphaKite.Aws.Signing;

/// <summary>What SigV4 signs: method, URL, the headers to sign (Host is taken from the URL), the body.</summary>
public sealed record SigV4Request(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body);
